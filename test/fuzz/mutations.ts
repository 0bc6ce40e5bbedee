/**
 * Mutations of real source text, as data (so a failing case prints as a readable list and
 * shrinks to the smallest one): the damage a half-typed edit, a bad merge, a wrong encoding or
 * a hostile file does to a document.
 */
import fc from 'fast-check';

/** Where in the text, as a fraction of its length: stays meaningful after earlier mutations. */
type At = number;

export type Mutation =
  | { readonly op: 'truncate'; readonly at: At }
  | { readonly op: 'insert'; readonly at: At; readonly text: string }
  | { readonly op: 'delete'; readonly at: At; readonly length: number }
  | { readonly op: 'duplicate'; readonly at: At; readonly length: number; readonly times: number }
  | { readonly op: 'flipByte'; readonly at: At; readonly bit: number; readonly decode: 'utf8' | 'latin1' }
  | { readonly op: 'insertBytes'; readonly at: At; readonly bytes: readonly number[]; readonly decode: 'utf8' | 'latin1' }
  | { readonly op: 'lineEnds'; readonly to: '\r\n' | '\r' | '\u2028' | 'mixed' }
  | { readonly op: 'bom' };

/** Tokens that unbalance or confuse a lexer: quotes, brackets, template holes, comments, directives. */
export const HOSTILE_TOKENS = [
  "'",
  '"',
  '`',
  '${',
  '}',
  '{',
  '(',
  ')',
  '[',
  ']',
  '<',
  '>',
  '</',
  '/>',
  '/*',
  '*/',
  '//',
  '/',
  '\\',
  '\\`',
  '\\${',
  '\0',
  '\uFEFF',
  '\r',
  '\r\n',
  '\n',
  '\u2028',
  '\u2029',
  '\uD800',
  '\uDC00',
  '\uDBFF\uDFFF',
  '\u0301',
  'é',
  '𝒆mail',
  '--',
  '#',
  '$$',
  '$tag$',
  "E'",
  "N'",
  "X'",
  '[email]',
  '"email"',
  '`email`',
  ';',
  ',',
  '.',
  '?.',
  '!',
  '=>',
  '...',
  '@consent ',
  '@consent customer-consent',
  '// @consent connected-drive\n',
  '/** @consent */',
  '-- @consent\n',
  '// catalint-disable-next-line',
  '// catalint-disable-next-line consent-required -- why\n',
  '-- catalint-disable-next-line\n',
  'customer.email',
  'c.email',
  'row["birth_date"]',
  'vehicle.mileage',
  'hasConsent(ctx, "x") && ',
  'requireConsent(ctx, "connected-drive");',
  'sql`SELECT email FROM customers WHERE id = ${id}`',
  'query("SELECT vin FROM vehicles")',
  'SELECT',
  'FROM',
  'WHERE',
  'JOIN',
  'CASE',
  'END',
  'BEGIN',
  'CREATE FUNCTION f() AS $$',
  'WITH x AS (',
  'interface X {',
  'class C {',
  'function f(',
  'enum E {',
  '<div>',
  '<T,>',
  'as const',
  'satisfies',
  '#private',
  '@decorator',
  'a'.repeat(300),
];

const at = fc.double({ min: 0, max: 1, noNaN: true });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at }),
  {
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at,
      text: fc.oneof(fc.constantFrom(...HOSTILE_TOKENS), fc.string({ maxLength: 8, unit: 'binary' })),
    }),
    weight: 4,
  },
  fc.record({ op: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at, length: fc.integer({ min: 1, max: 80 }), times: fc.integer({ min: 2, max: 50 }) }),
  {
    arbitrary: fc.record({
      op: fc.constant('flipByte' as const),
      at,
      bit: fc.integer({ min: 0, max: 7 }),
      decode: fc.constantFrom('utf8' as const, 'latin1' as const),
    }),
    weight: 2,
  },
  fc.record({
    op: fc.constant('insertBytes' as const),
    at,
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 12 }),
    decode: fc.constantFrom('utf8' as const, 'latin1' as const),
  }),
  fc.record({
    op: fc.constant('lineEnds' as const),
    to: fc.constantFrom('\r\n' as const, '\r' as const, '\u2028' as const, 'mixed' as const),
  }),
  fc.record({ op: fc.constant('bom' as const) }),
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 });

function offset(text: string, fraction: At): number {
  return Math.min(text.length, Math.floor(fraction * (text.length + 1)));
}

/** Re-encodes the text, changes bytes, and decodes them again as the named encoding. */
function viaBytes(text: string, fraction: At, change: (bytes: Buffer, i: number) => Buffer, decode: 'utf8' | 'latin1'): string {
  const bytes = Buffer.from(text, 'utf8');
  const i = Math.min(bytes.length, Math.floor(fraction * (bytes.length + 1)));
  return change(bytes, i).toString(decode);
}

export function apply(text: string, m: Mutation): string {
  switch (m.op) {
    case 'truncate':
      return text.slice(0, offset(text, m.at));
    case 'insert': {
      const i = offset(text, m.at);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'delete': {
      const i = offset(text, m.at);
      return text.slice(0, i) + text.slice(i + m.length);
    }
    case 'duplicate': {
      const i = offset(text, m.at);
      return text.slice(0, i) + text.slice(i, i + m.length).repeat(m.times) + text.slice(i);
    }
    case 'flipByte':
      return viaBytes(
        text,
        m.at,
        (b, i) => {
          if (i < b.length) b[i] ^= 1 << m.bit;
          return b;
        },
        m.decode,
      );
    case 'insertBytes':
      return viaBytes(text, m.at, (b, i) => Buffer.concat([b.subarray(0, i), Buffer.from(m.bytes), b.subarray(i)]), m.decode);
    case 'lineEnds': {
      if (m.to !== 'mixed') return text.replace(/\r?\n/g, m.to);
      let n = 0;
      return text.replace(/\r?\n/g, () => ['\n', '\r\n', '\r'][n++ % 3]);
    }
    case 'bom':
      return '\uFEFF' + text;
  }
}

export function applyAll(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(apply, text);
}
