/**
 * Identifier tokens: the one place where a name as written in code (`customerDateOfBirth`,
 * `DATE_NAISSANCE`, `kilométrage`) becomes the words the catalog is matched against. Catalog
 * terms go through the same function, so a term and a name agree however either is cased.
 */

/** Letters that NFD does not decompose but that code writers transliterate. */
const LIGATURES: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th' };

/** Verb prefixes of accessors: `getEmail` is about the email, not about getting. */
const ACCESSOR_PREFIXES = new Set(['get', 'set']);

/** Splits a name into lower-case, accent-folded, singular words. */
export function tokenize(name: string): string[] {
  const words = splitWords(foldAccents(name));
  if (words.length > 1 && ACCESSOR_PREFIXES.has(words[0])) words.shift();
  return words.map(singular);
}

export function foldAccents(s: string): string {
  // Fast path: ASCII names are the vast majority and need no normalisation.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  return (
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      // Escaped, not written out: one character beyond Latin-1 in the bundle makes V8 hold the
      // whole 11 MB program as two bytes per character, in every process and worker.
      .replace(/[\u00df\u00e6\u0153\u00f8\u0111\u0142\u00fe]/gi, (c) => {
        const lower = LIGATURES[c.toLowerCase()] ?? c;
        return c === c.toLowerCase() ? lower : lower.toUpperCase();
      })
  );
}

/**
 * camelCase, PascalCase, snake_case, kebab-case, SCREAMING_CASE, dotted and spaced names;
 * digits are words of their own; an acronym ends before the capital that starts the next word
 * (`VINNumber` is `vin`, `number`).
 */
function splitWords(s: string): string[] {
  const out: string[] = [];
  let word = '';
  const flush = (): void => {
    if (word) out.push(word.toLowerCase());
    word = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const kind = charKind(c);
    if (kind === 'other') {
      flush();
      continue;
    }
    if (word) {
      const prev = charKind(s[i - 1]);
      const next = i + 1 < s.length ? charKind(s[i + 1]) : 'other';
      const boundary =
        (kind === 'digit') !== (prev === 'digit') ||
        (kind === 'upper' && prev === 'lower') ||
        (kind === 'upper' && prev === 'upper' && next === 'lower');
      if (boundary) flush();
    }
    word += c;
  }
  flush();
  return out;
}

type CharKind = 'upper' | 'lower' | 'digit' | 'other';

function charKind(c: string): CharKind {
  if (c >= 'a' && c <= 'z') return 'lower';
  if (c >= 'A' && c <= 'Z') return 'upper';
  if (c >= '0' && c <= '9') return 'digit';
  // Letters outside ASCII that survived folding (Greek, Cyrillic...): keep them as word letters.
  if (c.toLowerCase() !== c.toUpperCase()) return c === c.toLowerCase() ? 'lower' : 'upper';
  return 'other';
}

/**
 * A crude singular, applied alike to names and terms, so only consistency matters: `emails` and
 * `email`, `cookies` and `cookie`, `cities` and `city`, `addresses` and `address` meet.
 */
export function singular(w: string): string {
  if (w.length <= 3) return w;
  if (w.endsWith('ies')) return w.slice(0, -1); // cookies, cities -> cookie, citie
  if (w.endsWith('y') && !/[aeiou]y$/.test(w)) return w.slice(0, -1) + 'ie'; // city -> citie
  if (/(ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}
