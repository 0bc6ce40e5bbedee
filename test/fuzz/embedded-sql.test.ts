/**
 * SQL inside TypeScript: tagged templates and query calls with random SQL, substitutions
 * (nested templates included), escapes and comments. The SQL scanner maps its offsets back
 * through the template's raw text, which is where an off-by-one would put a span outside the
 * document or a string value into a finding.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { fuzzParameters, lintChecked, ROOT } from './harness';

const FILE = path.join(ROOT, 'test', 'fixtures', 'regressions', 'fuzz-embedded.ts');
const VALUE = "'anna@example.com'";
const SECRETS = ['anna@example.com'];

/** SQL pieces that keep quotes balanced: with only these, the value stays inside its SQL string. */
const SQL_WORDS = [
  'SELECT',
  'c.email',
  'email',
  'c.first_name',
  'date_of_birth',
  'v.vin',
  'v.mileage',
  'lat, lng',
  '*',
  'COUNT(*)',
  'FROM',
  'customers c',
  'vehicles v',
  'JOIN vehicles v ON v.owner_id = c.id',
  'LEFT JOIN',
  'WHERE',
  'c.email =',
  'AND',
  'OR',
  'IN (',
  ')',
  '(',
  ',',
  ';',
  'GROUP BY',
  'ORDER BY c.last_name',
  'LIMIT 10',
  'UNION ALL',
  'WITH t AS (SELECT email FROM customers)',
  'INSERT INTO customers (email, phone) VALUES',
  'UPDATE customers SET phone =',
  'DELETE FROM customers',
  'CASE WHEN',
  'THEN',
  'ELSE',
  'END',
  '"date_of_birth"',
  '`email`',
  '[phone]',
  '$1',
  '?',
  ':email',
  '@email',
  '::text',
  'c."email"',
  '-- note\n',
  '/* why */',
  '\n',
  '\r\n',
  '\t',
  '-- catalint-disable-next-line\n',
  '-- @consent customer-consent\n',
  VALUE,
  VALUE,
  "'it''s'",
  "''",
  "E'\\n'",
  '$$body$$',
];

/** What goes inside `${...}`: plain expressions, nested templates and braces in strings. */
const SUBSTITUTIONS = [
  'id',
  'customer.email',
  'customer.dateOfBirth',
  'vehicle.vin',
  '"}"',
  "'${'",
  '`inner ${customer.phone} text`',
  'sql`SELECT email FROM customers WHERE id = ${id}`',
  'fn(a, ")")',
  '(() => ({ a: 1 }))()',
  'a ? b : c',
  'xs.map((x) => `${x}`).join(",")',
  'Prisma.raw("email")',
  '/* } */ id',
  '`${`${`${id}`}`}`',
];

/** Template escapes, some of which change what the SQL sees (raw vs cooked text). */
const ESCAPES = ['\\`', '\\\\', '\\${', '\\n', '\\u{1F600}', '\\x41', '\\u00e9', '\\0', "\\'", '\\"', '\\\n', '\\r\\n'];

type Part =
  | { readonly kind: 'sql'; readonly text: string }
  | { readonly kind: 'sub'; readonly expr: string }
  | { readonly kind: 'escape'; readonly text: string }
  | { readonly kind: 'raw'; readonly text: string };

const HOSTS = [
  (body: string) => `sql\`${body}\``,
  (body: string) => `Prisma.sql\`${body}\``,
  (body: string) => `db.query(\`${body}\`, [id])`,
  (body: string) => `await prisma.$queryRaw\`${body}\``,
  (body: string) => `sql.unsafe(\`${body}\`)`,
  (body: string) => `knex.raw(\`${body}\`)`,
  (body: string) => `\`${body}\``,
];

function render(parts: readonly Part[], hostIndex: number): string {
  const body = parts.map((p) => (p.kind === 'sub' ? `\${${p.expr}}` : p.text)).join(' ');
  return [
    "import { sql, Prisma } from './db';",
    '',
    'export async function load(db: Db, customer: Customer, vehicle: Vehicle, id: string) {',
    `  const result = ${HOSTS[hostIndex % HOSTS.length](body)};`,
    '  return result;',
    '}',
    '',
  ].join('\n');
}

const cleanPart: fc.Arbitrary<Part> = fc.oneof(
  { arbitrary: fc.constantFrom(...SQL_WORDS).map((text) => ({ kind: 'sql' as const, text })), weight: 6 },
  { arbitrary: fc.constantFrom(...SUBSTITUTIONS).map((expr) => ({ kind: 'sub' as const, expr })), weight: 2 },
);

const anyPart: fc.Arbitrary<Part> = fc.oneof(
  { arbitrary: cleanPart, weight: 6 },
  { arbitrary: fc.constantFrom(...ESCAPES).map((text) => ({ kind: 'escape' as const, text })), weight: 2 },
  {
    arbitrary: fc
      .oneof(
        fc.constantFrom("'", '"', '`', '${', '}', '$$', '/*', '--', '\\', '\0', '\uFEFF', '\r', '\uD800'),
        fc.string({ maxLength: 6, unit: 'binary' }),
      )
      .map((text) => ({ kind: 'raw' as const, text })),
    weight: 1,
  },
);

describe('fuzz: SQL embedded in TypeScript', function () {
  this.timeout(300_000);

  it('any template, substitution, escape or stray character: no exception, spans inside the document', () => {
    fc.assert(
      fc.property(fc.array(anyPart, { maxLength: 40 }), fc.nat(), (parts, host) => {
        lintChecked(render(parts, host), FILE);
      }),
      fuzzParameters(2000),
    );
  });

  it('a value in an SQL string inside a template never reaches a finding, nor does a finding lie inside it', () => {
    fc.assert(
      fc.property(fc.array(cleanPart, { maxLength: 40 }), fc.nat(), (parts, host) => {
        const text = render([...parts, { kind: 'sql', text: 'WHERE c.email =' }, { kind: 'sql', text: VALUE }], host);
        const result = lintChecked(text, FILE, SECRETS);
        for (let at = text.indexOf(VALUE); at >= 0; at = text.indexOf(VALUE, at + 1)) {
          for (const f of result.findings)
            assert.ok(f.span.end <= at || f.span.start >= at + VALUE.length, `${f.rule} "${f.name}" lies inside ${VALUE} at ${at}`);
        }
      }),
      fuzzParameters(1000),
    );
  });

  it('near-miss: the columns around the value are reported, so the property above is not vacuous', () => {
    const text = render(
      [
        { kind: 'sql', text: 'SELECT' },
        { kind: 'sql', text: 'c.email' },
        { kind: 'sql', text: 'FROM' },
        { kind: 'sql', text: 'customers c' },
        { kind: 'sql', text: 'WHERE c.email =' },
        { kind: 'sql', text: VALUE },
      ],
      0,
    );
    const names = lintChecked(text, FILE, SECRETS)
      .findings.filter((f) => f.rule === 'consent-required')
      .map((f) => f.name);
    assert.ok(names.includes('email'), JSON.stringify(names));
  });
});
