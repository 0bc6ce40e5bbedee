/**
 * The one entry point every front end calls: text in, findings out. Nothing here knows of LSP
 * or the terminal, so the editor and CI always agree.
 */
import { closest } from './catalog/load';
import { isSatisfied } from './catalog/matcher';
import type { Catalog, Requirement } from './catalog/model';
import type { Config, SeveritySetting } from './config/model';
import { matchingRules } from './config/paths';
import type { ConditionReference, ConsentRegion, Suppression } from './consent/model';
import { ObjectMemo } from './memo';
import { ConsentScope } from './consent/scope';
import type { DataFinding, Finding, Match, Severity } from './finding';
import type { DeclaredAs, Occurrence, Role, Span, Syntax } from './occurrence';
import { DEFAULT_MAX_FILE_SIZE, descriptorOf, type LanguageId, languageOf } from './languages/registry';
import type { LanguageDescriptor } from './languages/language';
import type { TypedFile } from './languages/typescript/declarations';
import type { DocumentMemory } from './languages/typescript/memory';
import { EMPTY_SCAN, type LocalCall, type LocalFunction, type Note, type Scan } from './scan';
import { LineMap } from './text/positions';

export { DEFAULT_MAX_FILE_SIZE, languageOf };
export type { Scan };
/** The id of a language Catalint reads (`typescript`, `javascript`, `sql`, `prisma`). */
export type Language = LanguageId;

export interface LintInput {
  readonly text: string;
  /** Absolute path, or relative to `config.root`; decides the language and the path globs. */
  readonly path: string;
  /** An editor's language id, when it knows better than the file extension. */
  readonly languageId?: string;
}

export interface LintResult {
  /** Undefined when the file is not a language Catalint reads; findings are then empty. */
  readonly language: Language | undefined;
  /** Sorted by position. */
  readonly findings: readonly Finding[];
  /**
   * With `collectUses`: every name that is catalog data, consented or not, in position order
   * (the data inventory's material). A name whose finding a suppression comment turned off (a
   * false alarm) is not here.
   */
  readonly uses?: readonly DataUse[];
}

/** A name that is catalog data, with the consent in scope and whether it meets the requirement. */
export interface DataUse {
  readonly name: string;
  readonly span: Span;
  readonly role: Role;
  readonly syntax: Syntax;
  readonly match: Match;
  readonly context: readonly string[];
  /** Condition ids in scope, sorted. */
  readonly declared: readonly string[];
  /** Whether the declared conditions meet the requirement (always true of declarations, which need none). */
  readonly satisfied: boolean;
  /** The named function or method it is in, when the scanner knows one. */
  readonly container?: string;
}

export interface LintOptions {
  /** Larger files are skipped with a note (UTF-16 code units). */
  readonly maxFileSize?: number;
  /** Analysis that takes longer stops, and the file is reported as skipped. */
  readonly timeBudgetMs?: number;
  /** Also return every data name, consented or not (`LintResult.uses`). */
  readonly collectUses?: boolean;
  /** Polled during analysis: a caller that no longer needs the result stops it. */
  readonly isCancelled?: () => boolean;
  /**
   * The document's memory of its previous analysis (one per open document): an edit then costs
   * what it changed. The findings are the same with or without it.
   */
  readonly memory?: DocumentMemory;
  /**
   * Type-aware analysis: the file as a program holds it (see `engine/languages/typescript/declarations.ts`).
   * Used when its text is the text linted; the statement memory is then not.
   */
  readonly typed?: TypedFile;
}

export const DEFAULT_TIME_BUDGET_MS = 10_000;

/** Thrown through a scanner by its checkpoint; never escapes `lint`. */
class Stop extends Error {
  constructor(readonly why: 'budget' | 'cancelled') {
    super(why);
  }
}

export class LintCancelled extends Error {
  constructor() {
    super('lint cancelled');
    this.name = 'LintCancelled';
  }
}

/**
 * Lints one document. Never throws for what the document contains: a file too large, minified,
 * generated, too deep for the parser or too slow is reported as a `skipped-file` finding (or read
 * name by name), never dropped. Throws LintCancelled only when the caller cancelled.
 */
export function lint(input: LintInput, config: Config, options: LintOptions = {}): LintResult {
  const descriptor = descriptorOf(input.path, input.languageId);
  if (!descriptor) return { language: undefined, findings: [] };
  const language = descriptor.id;
  const skip = skipReason(input.text, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  if (skip) return { language, findings: skipped(config, skip) };
  const budget = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const deadline = performance.now() + budget;
  const checkpoint = (): void => {
    if (options.isCancelled?.()) throw new Stop('cancelled');
    if (performance.now() > deadline) throw new Stop('budget');
  };
  const stopped = (e: unknown): LintResult | undefined => {
    if (!(e instanceof Stop)) return undefined;
    if (e.why === 'cancelled') throw new LintCancelled();
    if (options.typed) {
      // The checker ran past the budget: the syntactic result, whole, and a word on why.
      const syntactic = lint(input, config, { ...options, typed: undefined });
      const note = skipped(
        config,
        `its type-aware analysis took longer than the time budget of ${budget} ms; its names were judged by their spelling alone`,
      );
      return { ...syntactic, findings: [...note, ...syntactic.findings] };
    }
    return { language, findings: skipped(config, `its analysis took longer than the time budget of ${budget} ms`) };
  };
  try {
    const scan = scanDocument(input.text, input.path, descriptor, config, checkpoint, options.memory, options.typed);
    const uses: DataUse[] | undefined = options.collectUses ? [] : undefined;
    return { language, findings: evaluate(scan, input, config, checkpoint, uses), uses };
  } catch (e) {
    const stop = stopped(e);
    if (stop) return stop;
    options.memory?.clear();
    if (!(e instanceof RangeError)) {
      return {
        language,
        findings: skipped(config, `Catalint failed on it (internal error: ${(e as Error).message}); please report this file's shape`),
      };
    }
  }
  // Nesting deeper than the call stack: read it name by name rather than not at all.
  const scan = descriptor.load().tokenScan(input.text, { file: input.path, config, checkpoint });
  const note = skipped(
    config,
    'it nests deeper than the parser can follow; it was analysed name by name, so consent from guards and function or statement directives is not seen here',
  );
  try {
    const uses: DataUse[] | undefined = options.collectUses ? [] : undefined;
    return { language, findings: [...note, ...evaluate(scan, input, config, checkpoint, uses)], uses };
  } catch (e) {
    const stop = stopped(e);
    if (stop) return stop;
    throw e;
  }
}

/** Why a file is not analysed at all, if it is not. */
function skipReason(text: string, maxSize: number): string | undefined {
  if (text.length > maxSize) return `it is larger than ${Math.round(maxSize / 1024)} KiB (${Math.round(text.length / 1024)} KiB)`;
  if (isMarkedGenerated(text)) return 'it is marked as generated';
  if (text.length > 4096) {
    let longest = 0;
    let lines = 1;
    let start = 0;
    // indexOf rather than a loop over every character: this ran on every file and was 5% of lint.
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      longest = Math.max(longest, nl - start);
      start = nl + 1;
      lines++;
    }
    longest = Math.max(longest, text.length - start);
    if (longest > 20_000 || text.length / lines > 500) return 'it looks minified (very long lines)';
  }
  return undefined;
}

/**
 * A generator's mark in the comments a file starts with (`// @generated`, `// Code generated by
 * sqlc. DO NOT EDIT.`, `-- This file was automatically generated`). A doc comment further down
 * that mentions generated code, or a header that only talks about it, does not make a file
 * generated: a hand-written file skipped is a file whose findings are lost.
 */
export function isMarkedGenerated(text: string): boolean {
  const header = leadingComments(text.slice(0, 2000));
  return GENERATED_MARK.test(header);
}

const GENERATED_MARK =
  /@generated\b|\bDO NOT EDIT\b|\b(?:this|the) (?:file|code|module) (?:is|was|has been) (?:auto-?|automatically )?generated\b|\bauto-?generated (?:file|code)\b|\bcode generated by\b|\bgenerated by (?:prisma|sqlc|kysely|drizzle|supabase|graphql-codegen|openapi|protoc|the [\w-]+ (?:generator|cli))\b/i;

/** The comments before the first line of code: `//`, `/* *\/`, `--` and `#!` lines. */
function leadingComments(head: string): string {
  let i = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  const out: string[] = [];
  for (;;) {
    while (i < head.length && /\s/.test(head[i])) i++;
    if (head.startsWith('//', i) || head.startsWith('--', i) || head.startsWith('#!', i)) {
      const end = head.indexOf('\n', i);
      out.push(head.slice(i, end < 0 ? head.length : end));
      if (end < 0) break;
      i = end + 1;
    } else if (head.startsWith('/*', i)) {
      const end = head.indexOf('*/', i + 2);
      out.push(head.slice(i, end < 0 ? head.length : end + 2));
      if (end < 0) break;
      i = end + 2;
    } else {
      break;
    }
  }
  return out.join('\n');
}

/**
 * What a scanner could not follow (an SQL statement it read name by name): said where it is, as
 * the file-level note is, so a clean result never hides a statement that was only skimmed.
 */
function partlyAnalysed(notes: readonly Note[], config: Config): Finding[] {
  const severity = config.severity['skipped-file'];
  if (severity === 'off' || notes.length === 0) return [];
  return notes.map((n) => ({
    rule: 'skipped-file',
    severity,
    span: n.span,
    name: '',
    reason: n.message,
    message: `Catalint did not fully analyse this: ${n.message}.`,
  }));
}

function skipped(config: Config, reason: string): Finding[] {
  const severity = config.severity['skipped-file'];
  if (severity === 'off') return [];
  return [
    {
      rule: 'skipped-file',
      severity,
      span: { start: 0, end: 0 },
      name: '',
      reason,
      message: `Catalint did not fully analyse this file: ${reason}.`,
    },
  ];
}

function scanDocument(
  text: string,
  file: string,
  language: LanguageDescriptor,
  config: Config,
  checkpoint: () => void,
  memory: DocumentMemory | undefined,
  typed: TypedFile | undefined,
): Scan {
  const support = language.load();
  // A name only a tag classifies (`m`) has no term in the text for the quick test to see.
  if (!support.mayHaveFindings(text, config) && !(typed && typed.oracle.taggedNames.size > 0)) return EMPTY_SCAN;
  if (typed) return support.scan(text, { file, config, checkpoint, typed });
  return support.scan(text, { file, config, checkpoint, memory });
}

/** Turns a scan into findings: match, consent, suppressions; and, when asked for, into `uses`. */
function evaluate(scan: Scan, input: LintInput, config: Config, checkpoint: () => void, uses?: DataUse[]): Finding[] {
  const { catalog, matcher, severity } = config;
  const scope = new ConsentScope([...scan.regions, ...configRegions(config, input.path, input.text.length)]);
  const findings: Finding[] = [];
  const seen = new Set<number>();

  let n = 0;
  for (const occ of scan.occurrences) {
    // Matching is linear in a name's words, but a file can hold millions of them.
    if ((++n & 255) === 0) checkpoint();
    if (seen.has(occ.span.start)) continue;
    const match = matchOccurrence(occ, matcher, catalog);
    if (!match) continue;
    seen.add(occ.span.start);
    const inScope = scope.at(occ.span.start);
    const declared = inScope.map(({ id, origin }) => ({ id, origin }));
    // One answer for the finding and the inventory: a use is met when it would get no consent finding.
    const ids = declared.length > 0 ? new Set(declared.map((d) => d.id)) : undefined;
    const satisfied = occ.role === 'declaration' || (ids !== undefined && isSatisfied(match.requires, ids));
    if (uses) {
      uses.push({
        name: occ.name,
        span: occ.span,
        role: occ.role,
        syntax: occ.syntax,
        match,
        context: occ.context,
        declared: ids ? [...ids].sort() : [],
        satisfied,
        ...(occ.container !== undefined ? { container: occ.container } : {}),
      });
    }
    if (occ.role === 'declaration') {
      const sev = severity['catalog-field'];
      if (sev === 'off') continue;
      findings.push(dataFinding('catalog-field', sev, occ, match, declared.map(shownCondition), catalog));
    } else {
      if (satisfied) continue;
      const sev = severity[match.kind];
      if (sev === 'off') continue;
      findings.push(dataFinding('consent-required', sev, occ, match, declared.map(shownCondition), catalog));
    }
  }

  const unknownTag = severity['unknown-category'];
  if (unknownTag !== 'off') {
    const reported = new Set<number>();
    for (const occ of scan.occurrences) {
      const tag = occ.tag;
      if (!tag?.span || tag.id === NO_CATEGORY || catalog.categories.has(tag.id) || reported.has(tag.span.start)) continue;
      reported.add(tag.span.start);
      findings.push(unknownCategory(tag.id, tag.span, unknownTag, catalog));
    }
  }

  const unknown = severity['unknown-condition'];
  if (unknown !== 'off') {
    // One finding per place: a guard inside `&&` is read once per branch it decides.
    const reported = new Set<number>();
    for (const ref of scan.conditionRefs) {
      if (catalog.conditions.has(ref.id) || reported.has(ref.span.start)) continue;
      reported.add(ref.span.start);
      findings.push(unknownCondition(ref, unknown, catalog));
    }
  }

  if (scan.localFunctions.length > 0) followCalls(findings, scan, scope, input.text, catalog, uses);
  for (const f of partlyAnalysed(scan.notes, config)) findings.push(f);
  dropDerived(findings, scan.occurrences);
  const kept = applySuppressions(findings, scan, input.text, severity['unused-directive']);
  if (uses) dropSuppressedUses(uses, findings, kept);
  for (const f of redundantDirectives(
    scan.regions,
    configRegions(config, input.path, input.text.length),
    input.text,
    severity['unused-directive'],
  ))
    kept.push(f);
  return kept.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** How many functions deep consent is followed from a use to the calls that reach it. */
const MAX_CALL_DEPTH = 4;

/**
 * Consent that follows calls (type-aware): a use inside a function no other file can call has
 * consent when every call of it has. When some calls have it and others not, the finding moves
 * to each of the others and says what the function reads, since that is where consent is
 * missing; when none has it, the finding stays at the read. A
 * function handed on as a value (`items.map(format)`) has callers no one can list: its uses
 * keep their own findings.
 */
function followCalls(findings: Finding[], scan: Scan, scope: ConsentScope, text: string, catalog: Catalog, uses?: DataUse[]): void {
  const functions = [...scan.localFunctions].sort((a, b) => b.span.start - a.span.start);
  // Latest start first: the first function that holds an offset is the innermost one.
  const innermost = (offset: number): LocalFunction | undefined => functions.find((f) => f.span.start <= offset && offset < f.span.end);
  const callsOf = new Map<number, LocalCall[]>();
  for (const c of scan.localCalls) callsOf.set(c.function, [...(callsOf.get(c.function) ?? []), c]);
  const knownCalls = (fn: LocalFunction): readonly LocalCall[] | undefined => {
    const calls = callsOf.get(fn.span.start);
    return calls && calls.length > 0 && !calls.some((c) => c.escapes) ? calls : undefined;
  };
  const consented = (offset: number, requires: Requirement, depth: number, seen: ReadonlySet<LocalFunction>): boolean => {
    if (isSatisfied(requires, new Set(scope.at(offset).map((d) => d.id)))) return true;
    const fn = innermost(offset);
    const calls = fn && depth < MAX_CALL_DEPTH && !seen.has(fn) ? knownCalls(fn) : undefined;
    return calls !== undefined && calls.every((c) => consented(c.span.start, requires, depth + 1, new Set([...seen, fn!])));
  };
  let lines: LineMap | undefined;
  const lineOf = (offset: number): number => (lines ??= LineMap.of(text)).position(offset).line + 1;
  const moved = new Map<number, { finding: DataFinding; names: string[] }>();
  const satisfiedAt = new Set<number>();
  for (let i = findings.length - 1; i >= 0; i--) {
    const f = findings[i];
    if (f.rule !== 'consent-required') continue;
    const fn = innermost(f.span.start);
    const calls = fn && knownCalls(fn);
    if (!fn || !calls) continue;
    if (consented(f.span.start, f.match.requires, 0, new Set())) {
      findings.splice(i, 1);
      satisfiedAt.add(f.span.start);
      continue;
    }
    const unconsented = calls.filter((call) => !consented(call.span.start, f.match.requires, 1, new Set([fn])));
    // No call has consent: the function is unconsented code like any other, and its read is
    // where to look. Only when some calls have it is the missing consent at the others.
    if (unconsented.length === calls.length) continue;
    findings.splice(i, 1);
    for (const call of unconsented) {
      const at = moved.get(call.span.start);
      const read = `"${f.name}" (line ${lineOf(f.span.start)})`;
      if (at) {
        if (!at.names.includes(read)) at.names.push(read);
        continue;
      }
      const declared = scope.at(call.span.start).map(({ id, origin }) => shownCondition({ id, origin }));
      moved.set(call.span.start, {
        names: [read],
        finding: { ...f, span: call.span, name: fn.name, syntax: 'reference', context: [], declared, declaredAs: undefined },
      });
    }
  }
  for (const { finding, names } of moved.values()) {
    const ids = finding.declared.map((d) => d.id);
    const inScope = ids.length ? `in scope: ${ids.join(', ')}` : 'no consent declared in scope';
    findings.push({
      ...finding,
      message: `"${finding.name}" reads ${names.reverse().join(', ')}, ${describe(finding.match, catalog)}, and is called here without consent: requires ${requirementText(finding.match.requires)}; ${inScope}.`,
    });
  }
  if (uses && satisfiedAt.size > 0) {
    for (let i = 0; i < uses.length; i++) if (satisfiedAt.has(uses[i].span.start)) uses[i] = { ...uses[i], satisfied: true };
  }
}

/** The uses whose data finding a suppression comment removed: a false alarm is no use of data. */
function dropSuppressedUses(uses: DataUse[], before: readonly Finding[], after: readonly Finding[]): void {
  const kept = new Set(after.map((f) => f.span.start));
  const suppressed = new Set(
    before.filter((f) => (f.rule === 'consent-required' || f.rule === 'catalog-field') && !kept.has(f.span.start)).map((f) => f.span.start),
  );
  if (suppressed.size === 0) return;
  const left = uses.filter((u) => !suppressed.has(u.span.start));
  uses.length = 0;
  uses.push(...left);
}

/**
 * A condition that is not the catalog's. Only an id-shaped word is quoted back: a guard's
 * argument may be any string (a token, a sentence), and no report ever repeats a string's
 * contents. Letters that only look Latin (`сustomer-consent`, a Cyrillic с) are said to be.
 */
function unknownCondition(ref: ConditionReference, severity: Severity, catalog: Catalog): Finding {
  const known = `Known conditions: ${[...catalog.conditions.keys()].join(', ')}.`;
  const folded = foldLookalikes(ref.id);
  const suggestion = suggestCondition(ref.id, catalog.conditions.keys());
  const mean = suggestion ? `: did you mean "${suggestion}"?` : '.';
  if (CONDITION_SHAPED.test(ref.id)) {
    return {
      rule: 'unknown-condition',
      severity,
      span: ref.span,
      name: ref.id,
      suggestion,
      message: `Unknown consent condition "${ref.id}"${mean} ${known}`,
    };
  }
  const why = folded !== ref.id && CONDITION_SHAPED.test(folded) ? 'has letters that only look like Latin ones' : 'is not a condition id';
  return {
    rule: 'unknown-condition',
    severity,
    span: ref.span,
    name: '',
    suggestion,
    message: `This consent condition ${why} (${ref.id.length} characters, not repeated here)${mean} ${known}`,
  };
}

/**
 * Names of types and parameters that hold data on its way somewhere (options, props, inputs,
 * request bodies, schemas): an owner so named stands beside the receiver, not in its place.
 * Measured on the accuracy benchmark: replacing the receiver with such owners lost true uses.
 */
const CARRIER =
  /(?:options|opts|props|params|parameters|args|arguments|input|inputs|dto|request|payload|body|schema|data|values|fields|form|variables)$/i;

/** `@catalog none`: the declaration is not catalog data, whatever its name. */
const NO_CATEGORY = 'none';

/**
 * What an occurrence is: its tag's category when it has one (its own, or its declaration's), else
 * what the matcher makes of the name. Type-aware, the declared name is judged, and the declared
 * owner (`Customer`) stands for the receiver's spelling (`x` in `x.name`).
 */
function matchOccurrence(occ: Occurrence, matcher: Config['matcher'], catalog: Catalog): Match | undefined {
  const tag = occ.tag ?? occ.declaredAs?.tag;
  if (tag) {
    if (tag.id === NO_CATEGORY) return undefined;
    const category = catalog.categories.get(tag.id);
    // An unknown id is reported at the tag; the name is judged as if it had none.
    if (category)
      return {
        categories: [category.id],
        kind: category.kind,
        term: `@catalog ${category.id}`,
        strength: 'strong',
        requires: category.requires,
      };
  }
  const d = occ.declaredAs;
  // A declaration held by no named type (a local, a returned literal) says no more than the name.
  if (!d || d.owner.length === 0) return matcher.match(occ.name, occ.context);
  // A type that carries data in transit (`UpdateProfileOptions.userId`, `ContactImportSchema.company`),
  // or a library's generic record (`RaRecord.id`), does not say whose it is: the receiver's spelling still does.
  const context = d.external || CARRIER.test(d.owner[0]) ? [...d.owner, ...occ.context] : [...d.owner, ...occ.context.slice(1)];
  const declared = matcher.match(d.name, context);
  // A local renamed from a field (`{ company: companyName }`) also says what its own name says.
  return declared ?? (d.name === occ.name ? undefined : matcher.match(occ.name, occ.context));
}

/** A `@catalog` id that is no category of the catalog, with the one it probably meant. */
function unknownCategory(id: string, span: Span, severity: Severity, catalog: Catalog): Finding {
  const suggestion = closest(id, catalog.categories.keys());
  const mean = suggestion ? `: did you mean "${suggestion}"?` : '.';
  const shaped = CONDITION_SHAPED.test(id);
  return {
    rule: 'unknown-category',
    severity,
    span,
    name: shaped ? id : '',
    suggestion,
    message: shaped
      ? `Unknown catalog category "${id}" in @catalog${mean} Write a category id of the catalog, or none.`
      : `This @catalog tag names no category id (${id.length} characters, not repeated here)${mean}`,
  };
}

/**
 * The known condition an unknown id probably meant (did-you-mean), as the `unknown-condition`
 * finding suggests it: letters that only look Latin are read as the Latin ones.
 */
export function suggestCondition(id: string, known: Iterable<string>): string | undefined {
  return closest(foldLookalikes(id), known);
}

/**
 * A condition in scope as a finding shows it: a guard's argument may be any string (a token, a
 * sentence) and is repeated only when it is shaped like an id; it satisfies nothing either way,
 * and its own unknown-condition finding says what it is.
 */
function shownCondition(d: DataFinding['declared'][number]): DataFinding['declared'][number] {
  return CONDITION_SHAPED.test(d.id) ? d : { id: '(not a condition id)', origin: d.origin };
}

/** What a condition id looks like (`customer-consent`): the only condition text a report repeats. */
const CONDITION_SHAPED = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$/;

/** Cyrillic and Greek letters that look like Latin ones, as the Latin letters. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u0430': 'a',
  '\u0441': 'c',
  '\u0435': 'e',
  '\u043e': 'o',
  '\u0440': 'p',
  '\u0445': 'x',
  '\u0443': 'y',
  '\u0456': 'i',
  '\u0458': 'j',
  '\u0455': 's',
  '\u04bb': 'h',
  '\u03bf': 'o',
  '\u03b1': 'a',
  '\u03b5': 'e',
  '\u03b9': 'i',
  '\u03ba': 'k',
  '\u03bd': 'v',
  '\u03c1': 'p',
  '\u03c4': 't',
  '\u03c5': 'u',
  '\u03c7': 'x',
};

function foldLookalikes(id: string): string {
  let out = '';
  for (const c of id.toLowerCase()) out += LOOKALIKES[c] ?? c;
  return out;
}

/** `const dob = customer.birthDate`: one finding, on the access, not two on one line. */
function dropDerived(findings: Finding[], occurrences: readonly Occurrence[]): void {
  const derived = new Map(occurrences.filter((o) => o.derivedFrom).map((o) => [o.span.start, o.derivedFrom!]));
  if (derived.size === 0) return;
  const flagged = findings.filter((f) => f.rule === 'consent-required').map((f) => f.span.start);
  flagged.sort((a, b) => a - b);
  // Any flagged start in [from.start, from.end): the first start at or after from.start decides.
  const flaggedWithin = (from: Span): boolean => {
    let lo = 0;
    let hi = flagged.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (flagged[mid] < from.start) lo = mid + 1;
      else hi = mid;
    }
    return lo < flagged.length && flagged[lo] < from.end;
  };
  for (let i = findings.length - 1; i >= 0; i--) {
    const from = derived.get(findings[i].span.start);
    if (from && findings[i].rule === 'consent-required' && flaggedWithin(from)) findings.splice(i, 1);
  }
}

function dataFinding(
  rule: DataFinding['rule'],
  severity: Severity,
  occ: Occurrence,
  match: Match,
  declared: DataFinding['declared'],
  catalog: Catalog,
): DataFinding {
  return {
    rule,
    severity,
    span: occ.span,
    name: occ.name,
    role: occ.role,
    syntax: occ.syntax,
    context: occ.context,
    match,
    declared,
    ...(occ.declaredAs ? { declaredAs: occ.declaredAs } : {}),
    message: messageOf(rule, occ, match, declared, catalog),
  };
}

/**
 * Messages by match, name and what is in scope: a file says `customer.email` many times, and
 * an editor re-analyses it on every keystroke.
 */
const messages = new ObjectMemo<Match, string>(10_000);

function messageOf(rule: DataFinding['rule'], occ: Occurrence, match: Match, declared: DataFinding['declared'], catalog: Catalog): string {
  const ids = declared.map((d) => d.id);
  const d = occ.declaredAs;
  const key = `${rule}\u0000${occ.name}\u0000${ids.join('\u0000')}${d ? `\u0000${d.file}:${d.line}:${d.name}` : ''}`;
  return messages.get(match, key, () => {
    const text = rule === 'catalog-field' ? fieldMessage(occ, match, catalog) : useMessage(occ, match, ids, catalog);
    return d ? `${text} ${declarationText(occ.name, d)}` : text;
  });
}

/** How the checker knew: "`to` is `Customer.email`, declared in src/customer.ts:12". */
export function declarationText(name: string, d: DeclaredAs): string {
  const owner = d.owner[0];
  const what = owner ? `${owner}.${d.name}` : d.name;
  const tag = d.tag ? `, tagged @catalog ${d.tag.id}` : '';
  return `"${name}" is ${what}, declared in ${d.file}:${d.line}${tag}.`;
}

function describe(match: Match, catalog: Catalog): string {
  const labels = match.categories.map((id) => `${id}: ${catalog.categories.get(id)?.label.en ?? id}`);
  return `${match.kind} data (${labels.join(' or ')})`;
}

export function requirementText(req: Requirement): string {
  return req.map((alt) => alt.join(' and ')).join(' or ');
}

function useMessage(occ: Occurrence, match: Match, declared: readonly string[], catalog: Catalog): string {
  const inScope = declared.length ? `in scope: ${declared.join(', ')}` : 'no consent declared in scope';
  return `"${occ.name}" is ${describe(match, catalog)} used without consent: requires ${requirementText(match.requires)}; ${inScope}.`;
}

function fieldMessage(occ: Occurrence, match: Match, catalog: Catalog): string {
  return `"${occ.name}" holds ${describe(match, catalog)}; its uses require ${requirementText(match.requires)}.`;
}

/** `catalint.json` `consent` globs: regions that cover the whole file. */
function configRegions(config: Config, file: string, length: number): ConsentRegion[] {
  return matchingRules(config, config.consent, file).map((conditions) => ({
    span: { start: 0, end: length + 1 },
    conditions,
    origin: 'config' as const,
  }));
}

/** Drops suppressed findings; a directive that suppressed nothing becomes a hint of its own. */
function applySuppressions(findings: Finding[], scan: Scan, text: string, unusedSeverity: SeveritySetting): Finding[] {
  if (scan.suppressions.length === 0 && scan.strayDirectives.length === 0) return findings;
  const lines = LineMap.of(text);
  const lineOf = (offset: number): number => lines.position(offset).line;
  const used = new Set<Suppression>();
  const kept = findings.filter((f) => {
    const line = lineOf(f.span.start);
    const s = scan.suppressions.find((d) => d.line === line && (d.rules.length === 0 || d.rules.includes(f.rule)));
    if (!s) return true;
    used.add(s);
    return false;
  });
  if (unusedSeverity === 'off') return kept;
  for (const s of scan.suppressions) {
    if (used.has(s)) continue;
    kept.push({
      rule: 'unused-directive',
      severity: unusedSeverity,
      span: s.span,
      name: 'catalint-disable-next-line',
      message: 'Unused catalint-disable-next-line: nothing on the next line needed suppressing.',
    });
  }
  for (const span of scan.strayDirectives) {
    kept.push({
      rule: 'unused-directive',
      severity: unusedSeverity,
      span,
      name: '@consent',
      message:
        '@consent covers nothing here: put it directly above a function, class, method or statement, or before any code of the file followed by a blank line.',
    });
  }
  return kept;
}

/**
 * A function or statement `@consent` whose every condition an enclosing region already declares
 * (the file's directive, a `catalint.json` glob, a function directive or guard around it)
 * declares nothing: reported as unused, so a fix-all that declared consent further out does not
 * leave a stale directive behind. An enclosing region must contain both the code the directive
 * covers and the directive's comment: a guard counts when the directive is written inside its
 * block, and a directive is never redundant with a sibling, nor with one above the same code.
 */
function redundantDirectives(
  regions: readonly ConsentRegion[],
  config: readonly ConsentRegion[],
  text: string,
  severity: SeveritySetting,
): Finding[] {
  if (severity === 'off') return [];
  const isDirective = (r: ConsentRegion): boolean => r.origin === 'function-directive' || r.origin === 'statement-directive';
  if (!regions.some(isDirective)) return [];
  // Regions over the whole file enclose every directive.
  const whole = [...config, ...regions.filter((r) => r.origin === 'file-directive' || r.origin === 'config')];
  const nested = regions
    .filter((r) => r.origin !== 'file-directive' && r.origin !== 'config')
    .sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: Finding[] = [];
  let lines: LineMap | undefined;
  const lineOf = (offset: number): number => (lines ??= LineMap.of(text)).position(offset).line + 1;
  // Regions that may still contain a later one: those that end after its start.
  let open: ConsentRegion[] = [];
  for (const r of nested) {
    open = open.filter((o) => o.span.end > r.span.start);
    const at = r.declaredAt;
    if (isDirective(r) && at && r.conditions.length > 0) {
      const enclosing = open.filter(
        (o) => o !== r && o.span.start <= at.start && at.end <= o.span.end && o.span.start <= r.span.start && r.span.end <= o.span.end,
      );
      // Nearest first: the directive a reader would look at.
      enclosing.sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
      const by = new Set<ConsentRegion>();
      const all = r.conditions.every((id) => {
        const e = enclosing.find((o) => o.conditions.includes(id)) ?? whole.find((o) => o.conditions.includes(id));
        if (e) by.add(e);
        return e !== undefined;
      });
      if (all) {
        const where = [...by].map((e) => describeRegion(e, lineOf)).join(' and ');
        const ids = [...new Set(r.conditions)].join(', ');
        out.push({
          rule: 'unused-directive',
          severity,
          span: at,
          name: '@consent',
          message: `@consent ${ids} is already declared here by ${where}; this one adds nothing.`,
        });
      }
    }
    open.push(r);
  }
  return out;
}

function describeRegion(r: ConsentRegion, lineOf: (offset: number) => number): string {
  const line = r.declaredAt ? ` (line ${lineOf(r.declaredAt.start)})` : '';
  switch (r.origin) {
    case 'file-directive':
      return `the file's directive${line}`;
    case 'config':
      return 'a consent glob of catalint.json';
    case 'function-directive':
      return `the function's directive${line}`;
    case 'statement-directive':
      return `the statement's directive${line}`;
    case 'guard':
      return `the guard${line}`;
  }
}
