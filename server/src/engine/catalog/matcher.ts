import type { Match } from '../finding';
import { Memo } from '../memo';
import { singular, tokenize } from '../text/tokens';
import type { Catalog, Category, Kind, Requirement } from './model';

/**
 * The compiled catalog: every term indexed by its first token, so a name costs one map look-up
 * per token. Built once per catalog and shared by every file.
 */
export interface Matcher {
  readonly catalog: Catalog;
  /** What a name means in its context, or undefined when it is not catalog data. */
  match(name: string, context: readonly string[]): Match | undefined;
  /** True when some token of the name could start a term: a cheap pre-filter for scanners. */
  mayMatch(name: string): boolean;
  /**
   * False only when no name in the text can match: no word of it, in identifiers, string
   * contents or anywhere else, could start a term. A file for which this is false needs no parse.
   */
  mayMatchText(text: string): boolean;
}

interface Term {
  readonly text: string;
  readonly tokens: readonly string[];
  readonly strength: 'strong' | 'weak';
  readonly category: Category;
  readonly subjects: ReadonlySet<string>;
  readonly exclude: readonly (readonly string[])[];
}

interface Candidate {
  readonly term: Term;
  readonly start: number;
  readonly end: number;
  /** The context name that satisfied or narrowed it. */
  readonly context?: string;
  /** How near that context is (-1: the name's own words): `company.name` in a contacts list is the company's. */
  readonly at: number;
}

/** Entries per generation of each of the matcher's memos (see Memo). */
const CACHE_LIMIT = 2048;

export function compileMatcher(catalog: Catalog, ignoreNames: readonly string[] = []): Matcher {
  const byFirst = new Map<string, Term[]>();
  for (const category of catalog.categories.values()) {
    const subjects = new Set(category.subjects.flatMap(tokenize));
    const exclude = category.exclude.map(tokenize).filter((t) => t.length > 0);
    const add = (text: string, strength: 'strong' | 'weak'): void => {
      const tokens = tokenize(text);
      if (tokens.length === 0) return;
      const list = byFirst.get(tokens[0]) ?? [];
      list.push({ text, tokens, strength, category, subjects, exclude });
      byFirst.set(tokens[0], list);
    };
    category.strong.forEach((t) => add(t, 'strong'));
    category.weak.forEach((t) => add(t, 'weak'));
  }
  const qualifiers = new Set(catalog.qualifiers.flatMap(tokenize));
  const allSubjects = new Set([...catalog.categories.values()].flatMap((c) => c.subjects.flatMap(tokenize)));
  const globalExclude = catalog.exclude.map(tokenize).filter((t) => t.length > 0);
  const excludeContexts = new Set(catalog.excludeContexts.flatMap(tokenize));
  const ignored = new Set(ignoreNames.map((n) => tokenize(n).join(' ')));
  const contextTokens = new Memo<string, readonly string[]>(CACHE_LIMIT);
  const tokensOf = (s: string): readonly string[] => {
    let t = contextTokens.get(s);
    if (!t) {
      t = tokenize(s);
      contextTokens.set(s, t);
    }
    return t;
  };

  /** A trailing token that keeps the name about the term: `emailAddress`, `phone2`, `dob_client`. */
  const isTail = (token: string, term: Term): boolean =>
    qualifiers.has(token) || term.subjects.has(token) || allSubjects.has(token) || /^\d+$/.test(token);

  /**
   * Walks the context nearest first, reading each name by its head noun: `CustomerTag` is a
   * tag, `createCustomerSegments` makes segments, `LoadCustomerOptions` is about a customer. A
   * head that names a subject satisfies; an excluded word vetoes; a subject elsewhere in a name
   * does not count. Names that say nothing of what they hold (`c`, `row`, `data`, `findFirst`)
   * are passed over.
   */
  const contextVerdict = (term: Term, context: readonly string[]): { ok: boolean; vetoed: boolean; by?: string; at: number } => {
    for (let at = 0; at < context.length; at++) {
      const c = context[at];
      const { all, core, head } = headOf(c);
      if (head === undefined) {
        if (all.some((t) => excludeContexts.has(t))) return { ok: false, vetoed: true, by: c, at };
        continue;
      }
      if (term.subjects.has(head)) return { ok: true, vetoed: false, by: c, at };
      // `chartOptions` is a chart's; `GenerateTokenFromEmailOptions` is a token's, not options'.
      if (core.some((t) => excludeContexts.has(t))) return { ok: false, vetoed: true, by: c, at };
      // Another noun: a variable's own name (`holder`) may be followed by its declared type.
    }
    return { ok: false, vetoed: false, at: context.length };
  };

  const heads = new Memo<string, ContextHead>(CACHE_LIMIT);
  const headOf = (name: string): ContextHead => {
    let h = heads.get(name);
    if (!h) {
      h = headNoun(tokensOf(name));
      heads.set(name, h);
    }
    return h;
  };

  /** A word before a term that names its owner (`customer` in `customerId`) or only qualifies it (`primary`). */
  const isOwnerOrQualifier = (token: string, term: Term): boolean =>
    term.subjects.has(token) || allSubjects.has(token) || qualifiers.has(token) || NEUTRAL_MODIFIERS.has(token);

  const containsAt = (tokens: readonly string[], seq: readonly string[], from: number, to: number): boolean => {
    // Does `seq` occur in tokens overlapping [from, to)?
    for (let i = Math.max(0, from - seq.length + 1); i < Math.min(to, tokens.length - seq.length + 1); i++) {
      let ok = true;
      for (let j = 0; j < seq.length; j++) if (tokens[i + j] !== seq[j]) ok = false;
      if (ok) return true;
    }
    return false;
  };

  /**
   * Verdicts per name and context. In one file, and from one keystroke to the next, the same
   * `customer.email` recurs; judging it again was a fifth of an editor re-analysis.
   */
  const memo = new Memo<string, Match | null>(CACHE_LIMIT);
  // The same context array comes back with every replayed occurrence of an edited document:
  // found by identity, the verdict needs no key built.
  const byContext = new WeakMap<readonly string[], { readonly name: string; readonly verdict: Match | null }>();
  const match = (name: string, context: readonly string[]): Match | undefined => {
    const seen = byContext.get(context);
    if (seen?.name === name) return seen.verdict ?? undefined;
    let m: Match | null | undefined;
    const key = context.length === 0 ? name : `${name}\u0000${context.join('\u0000')}`;
    m = memo.get(key);
    if (m === undefined) {
      m = judge(name, context) ?? null;
      memo.set(key, m);
    }
    byContext.set(context, { name, verdict: m });
    return m ?? undefined;
  };

  const judge = (name: string, context: readonly string[]): Match | undefined => {
    const tokens = tokensOf(name);
    if (tokens.length === 0 || ignored.has(tokens.join(' '))) return undefined;
    const codeName = CODE_PREFIXES.has(tokens[0]);
    const candidates: Candidate[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const terms = byFirst.get(tokens[i]);
      if (!terms) continue;
      for (const term of terms) {
        const end = i + term.tokens.length;
        if (end > tokens.length) continue;
        let same = true;
        for (let j = 1; j < term.tokens.length; j++) if (tokens[i + j] !== term.tokens[j]) same = false;
        if (!same) continue;
        let tailOk = true;
        for (let j = end; j < tokens.length; j++) if (!isTail(tokens[j], term)) tailOk = false;
        // `organisationMember` is a member, `companyContact` a contact: a weak term before a
        // subject qualifies the subject. (A strong one keeps its meaning: `email_client`.)
        if (term.strength === 'weak' && end < tokens.length && allSubjects.has(tokens[tokens.length - 1])) tailOk = false;
        if (!tailOk) continue;
        // Words before the term: a verb or predicate makes the name code (`sendWelcomeEmail`,
        // `isPersonalWorkspace`, `handleRowClick`); another noun owns a weak term (`poll_id` is a
        // poll's, `key_name` a key's).
        if (i > 0 && codeName) continue;
        if (term.strength === 'weak' && i > 0 && !isOwnerOrQualifier(tokens[i - 1], term)) continue;
        if (globalExclude.some((x) => containsAt(tokens, x, i, end))) continue;
        if (term.exclude.some((x) => containsAt(tokens, x, i, end))) continue;
        const verdict = contextVerdict(term, context);
        if (verdict.vetoed) continue;
        const ownSubject = tokens.some((t, k) => (k < i || k >= end) && term.subjects.has(t));
        if (term.strength === 'weak' && !ownSubject && !verdict.ok) continue;
        candidates.push({ term, start: i, end, context: ownSubject ? undefined : verdict.by, at: ownSubject ? -1 : verdict.at });
      }
    }
    if (candidates.length === 0) return undefined;
    // The longest term says the most about the name; then the one nearest its end (the head).
    candidates.sort((a, b) => b.term.tokens.length - a.term.tokens.length || b.end - a.end);
    const best = candidates[0];
    let chosen = candidates.filter((c) => c.start === best.start && c.end === best.end);
    const nearest = Math.min(...chosen.map((c) => (c.term.strength === 'weak' ? c.at : Infinity)));
    if (nearest !== Infinity) {
      const near = chosen.filter((c) => c.term.strength !== 'weak' || c.at === nearest);
      if (near.length > 0) chosen = near;
    }
    // A context that names one category's subject narrows an ambiguous name to it.
    const narrowed = chosen.filter((c) => c.context !== undefined || tokens.some((t) => c.term.subjects.has(t)));
    if (narrowed.length > 0 && narrowed.length < chosen.length) chosen = narrowed;
    const categories = [...new Map(chosen.map((c) => [c.term.category.id, c.term.category])).values()].sort((a, b) =>
      a.id.localeCompare(b.id),
    );
    const strong = chosen.find((c) => c.term.strength === 'strong');
    const lead = strong ?? chosen[0];
    return {
      categories: categories.map((c) => c.id),
      kind: kindOf(categories),
      term: lead.term.text,
      strength: lead.term.strength,
      context: chosen.find((c) => c.context !== undefined)?.context,
      requires: unionRequirement(categories.map((c) => c.requires)),
    };
  };

  /** Names and words already judged, shared by every file under this catalog: most names recur. */
  const verdicts = new Memo<string, boolean>(CACHE_LIMIT);
  const mayMatch = (name: string): boolean => {
    let v = verdicts.get(name);
    if (v === undefined) {
      v = tokenize(name).some((t) => byFirst.has(t));
      verdicts.set(name, v);
    }
    return v;
  };
  const mayMatchText = (text: string): boolean => {
    for (const word of wordsOf(text)) if (word === UNCERTAIN || mayMatch(word)) return true;
    return false;
  };

  return { catalog, match, mayMatch, mayMatchText };
}

const UNCERTAIN = Symbol('uncertain');

/** A word list as the tokenizer spells words (singular, lower case). */
function words(list: readonly string[]): ReadonlySet<string> {
  return new Set(list.map(singular));
}

/** First words that make a name a function, a handler or a flag, never the data it mentions. */
const CODE_PREFIXES = words([
  'is',
  'has',
  'have',
  'should',
  'can',
  'could',
  'must',
  'need',
  'needs',
  'will',
  'did',
  'does',
  'was',
  'show',
  'hide',
  'enable',
  'disable',
  'allow',
  'require',
  'requires',
  'use',
  'on',
  'handle',
  'send',
  'resend',
  'verify',
  'validate',
  'toggle',
  'open',
  'close',
  'fetch',
  'load',
  'create',
  'delete',
  'remove',
  'render',
  'track',
  'reset',
  'clear',
  'init',
  'initialize',
  'submit',
  'request',
  'trigger',
  'emit',
  'dispatch',
  'notify',
  'welcome',
]);

/** Words before a weak term that say which one, not whose: `display_name`, `home_city`. */
const NEUTRAL_MODIFIERS = words([
  'display',
  'full',
  'legal',
  'real',
  'preferred',
  'main',
  'nick',
  'birth',
  'personal',
  'contact',
  'public',
]);

/** Words that say nothing of what a context holds: passed over when looking for its head noun. */
const GENERIC = words([
  'where',
  'data',
  'select',
  'include',
  'value',
  'input',
  'output',
  'arg',
  'param',
  'prop',
  'payload',
  'body',
  'item',
  'entry',
  'row',
  'record',
  'result',
  'res',
  'response',
  'resp',
  'request',
  'req',
  'json',
  'obj',
  'object',
  'node',
  'el',
  'elem',
  'element',
  'it',
  'self',
  'ctx',
  'context',
  'doc',
  'info',
  'detail',
  'dto',
  'form',
  'field',
  'attr',
  'attribute',
  'state',
  'store',
  'model',
  'entity',
  'schema',
  'type',
  'query',
  'many',
  'first',
  'unique',
  'one',
  'all',
  'new',
  'current',
  'prev',
  'next',
  'old',
  'default',
  'initial',
  'raw',
  'parsed',
  'updated',
  'created',
  'existing',
  'found',
  'selected',
  'target',
  'source',
  'meta',
  'extra',
  'base',
  'cached',
  'validated',
  'safe',
  'partial',
  'option',
  'opt',
  'setting',
  'config',
  'ref',
  'snapshot',
  'tmp',
  'temp',
  'local',
  'remote',
  'full',
  'public',
  'private',
  'my',
  'the',
  'a',
  'an',
  'message',
  'msg',
  'event',
  'summary',
  'report',
  'update',
  'view',
  'auth',
  'profile',
]);

/** Leading verbs of a function's name: `findCustomers` returns customers. */
const VERBS = words([
  'find',
  'create',
  'update',
  'upsert',
  'delete',
  'remove',
  'insert',
  'select',
  'fetch',
  'load',
  'save',
  'list',
  'count',
  'read',
  'write',
  'put',
  'post',
  'patch',
  'build',
  'make',
  'map',
  'filter',
  'parse',
  'format',
  'use',
  'handle',
  'on',
  'validate',
  'check',
  'send',
  'add',
  'edit',
  'sync',
  'pick',
  'omit',
  'extend',
  'merge',
  'transform',
  'normalize',
  'serialize',
  'compute',
  'calculate',
  'resolve',
  'render',
  'generate',
  'retrieve',
  'query',
  'search',
  'lookup',
  'ensure',
  'require',
  'assert',
  'is',
  'has',
  'to',
  'with',
  'new',
  'init',
  'process',
  'import',
  'export',
]);

/** `for`, `by`, `from`…: what follows is a parameter, not what the name is (`getSpaceForUser`). */
const PREPOSITIONS = words(['for', 'by', 'of', 'from', 'with', 'in', 'on', 'at', 'to', 'into', 'per', 'via']);

/** A context name read for what it is: its words, those that say what it is, and the last of them. */
interface ContextHead {
  readonly all: readonly string[];
  /** The words left once verbs, what follows a preposition and generic words are set aside. */
  readonly core: readonly string[];
  /** What the name is (`tag` for `CustomerTag`), or undefined when it does not say (`row`, `findFirst`, `c`). */
  readonly head: string | undefined;
}

function headNoun(all: readonly string[]): ContextHead {
  let end = all.length;
  const cut = all.findIndex((t, k) => k > 0 && PREPOSITIONS.has(t));
  if (cut > 0) end = cut;
  let start = 0;
  while (start < end - 1 && VERBS.has(all[start])) start++;
  if (end - start === 1 && VERBS.has(all[start]) && all.length > 1) return { all, core: [], head: undefined };
  while (end > start && (GENERIC.has(all[end - 1]) || /^\d+$/.test(all[end - 1]))) end--;
  const core = all.slice(start, end);
  const head = core[core.length - 1];
  if (head === undefined || (all.length === 1 && head.length <= 2)) return { all, core: [], head: undefined };
  return { all, core, head };
}

/**
 * The runs of letters and digits of a text (any character beyond ASCII counts as a letter): every
 * name a scanner reads is made of whole runs, and `tokenize` splits at everything else anyway, so
 * a name's tokens are among its runs' tokens. String escapes are read as their values: `\t`
 * separates, `\e` is `e`; those whose value is not plain (`\u0065`, `\x65`, octal, line
 * continuations) make the answer UNCERTAIN.
 */
function* wordsOf(text: string): Generator<string | typeof UNCERTAIN> {
  let start = -1;
  let joined = '';
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const isWord = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c >= 128;
    if (isWord) {
      if (start < 0) start = i;
      continue;
    }
    if (c === 92 /* backslash */ && i + 1 < text.length) {
      const n = text.charCodeAt(i + 1);
      if (n === 117 || n === 120 || (n >= 48 && n <= 57) || n === 10 || n === 13 || n >= 128) {
        yield UNCERTAIN;
        return;
      }
      const isLetter = (n >= 97 && n <= 122) || (n >= 65 && n <= 90);
      if (isLetter && !'bfnrtv'.includes(text[i + 1])) {
        // `\e` is `e`: the run goes on through it.
        if (start >= 0) joined += text.slice(start, i);
        start = i + 1;
        i++;
        continue;
      }
    }
    if (start >= 0 || joined) {
      yield joined + (start >= 0 ? text.slice(start, i) : '');
      joined = '';
      start = -1;
    }
    if (c === 92 && i + 1 < text.length) i++; // `\t`, `\\`, `\"`: the escaped character is not a word character
  }
}

/** Telemetry is the stricter kind (an error by default), so it wins when a name is both. */
function kindOf(categories: readonly Category[]): Kind {
  return categories.some((c) => c.kind === 'telemetry') ? 'telemetry' : 'personal';
}

/** A name in several categories is satisfied by the consent of any of them. */
function unionRequirement(reqs: readonly Requirement[]): Requirement {
  const seen = new Map<string, readonly string[]>();
  for (const r of reqs) for (const alt of r) seen.set([...alt].sort().join('+'), alt);
  return [...seen.values()];
}

/** Is the requirement met by what is declared? */
export function isSatisfied(requires: Requirement, declared: ReadonlySet<string>): boolean {
  return requires.some((alt) => alt.every((id) => declared.has(id)));
}
