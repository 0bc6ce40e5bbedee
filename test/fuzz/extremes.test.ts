/**
 * Shapes real files reach only at the edges: 10,000-deep nesting of every construct that
 * nests (the parser, and any recursive walk of its tree, must not overflow the stack),
 * 100,000-character identifiers, strings and lines. Each case also checks that the name buried
 * inside is still reported where it can be, so "no crash" is not bought by reading nothing.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { tokenize } from '../../server/src/engine';
import { configFor, fuzzParameters, lintChecked, ROOT } from './harness';

const DIR = path.join(ROOT, 'test', 'fixtures', 'regressions');
const TS = path.join(DIR, 'extreme.ts');
const SQL = path.join(DIR, 'extreme.sql');
const DEPTH = 10_000;

/** One level per line: a single 10,000-level line is skipped as minified before the parser sees it. */
const rep = (s: string, n = DEPTH): string => `${s}\n`.repeat(n);

/** [what, file, text, whether the buried use must still be reported] */
const NESTED: readonly [string, string, string, boolean][] = [
  ['parentheses', TS, `x = ${rep('(')}customer.email${rep(')')};`, true],
  ['brackets', TS, `x = ${rep('[')}customer.email${rep(']')};`, true],
  ['blocks', TS, `${rep('{\n')}send(customer.email);${rep('}\n')}`, true],
  ['object literals', TS, `x = ${rep('{ a: ')}customer.email${rep(' }')};`, true],
  ['arrow functions', TS, `f = ${rep('() => ')}customer.email;`, true],
  ['if statements', TS, `${rep('if (a) ')}send(customer.email);`, true],
  ['else-if chain', TS, `if (a) {}${rep(' else if (a) {}')} else { send(customer.email); }`, true],
  ['template substitutions', TS, `x = ${rep('`${')}customer.email${rep('}`')};`, true],
  ['nested sql templates', TS, `x = ${rep('sql`SELECT ${')}customer.email${rep('}`')};`, true],
  ['generic types', TS, `let x: ${rep('Array<')}string${rep('>')} = customer.email;`, true],
  ['JSX elements', path.join(DIR, 'extreme.tsx'), `x = ${rep('<div>')}{customer.email}${rep('</div>')};`, true],
  ['unary operators', TS, `x = ${rep('!')}customer.email;`, true],
  ['binary chain', TS, `x = ${rep('a + ')}customer.email;`, true],
  ['string concatenation', TS, `x = ${rep("'a' + ")}customer.email;`, true],
  ['property chain', TS, `x = customer${rep('.next')}.email;`, true],
  ['call chain', TS, `x = f${rep('()')}.email;`, false],
  ['optional chain', TS, `x = customer${rep('?.next')}?.email;`, true],
  ['conditional chain', TS, `x = ${rep('a ? b : ')}customer.email;`, true],
  ['unterminated parentheses', TS, `x = ${rep('(')}customer.email;`, true],
  ['unterminated template holes', TS, `x = ${rep('`${')}customer.email;`, false],
  ['unclosed blocks', TS, `${rep('{\n')}send(customer.email);`, true],
  ['sql parentheses', SQL, `SELECT ${rep('(')}c.email${rep(')')} FROM customers c;`, true],
  ['sql subqueries', SQL, `${rep('SELECT * FROM (')}SELECT email FROM customers${rep(') t')};`, true],
  ['sql case', SQL, `SELECT ${rep('CASE WHEN a THEN ')}c.email${rep(' END')} FROM customers c;`, true],
  ['sql boolean chain', SQL, `SELECT email FROM customers WHERE ${rep('a = 1 AND ')}b = 2;`, true],
  ['sql union chain', SQL, `${rep('SELECT id FROM t UNION ALL ')}SELECT email FROM customers;`, true],
  ['sql unterminated parentheses', SQL, `SELECT ${rep('(')}c.email FROM customers c;`, true],
];

describe('fuzz: extreme shapes', function () {
  this.timeout(300_000);

  for (const [what, file, text, reported] of NESTED) {
    it(`10,000-deep ${what} (${path.extname(file)})`, () => {
      const result = lintChecked(text, file);
      if (!reported) return;
      const uses = result.findings.filter((f) => f.rule === 'consent-required').map((f) => f.name);
      assert.ok(
        uses.includes('email'),
        `the buried email is not reported: ${JSON.stringify(result.findings.map((f) => `${f.rule} ${f.name} ${f.message}`))}`,
      );
    });
  }

  it('nesting of random constructs mixed, at random depths up to 10,000', () => {
    const openers: readonly [string, string][] = [
      ['(', ')'],
      ['[', ']'],
      ['{ a: ', ' }'],
      ['`${', '}`'],
      ['() => ', ''],
      ['!', ''],
      ['f(', ')'],
      ['{\n', '}\n'],
      ['<T>', ''],
    ];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: openers.length - 1 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 500, max: DEPTH }),
        fc.boolean(),
        (kinds, depth, close) => {
          let open = '';
          let shut = '';
          for (let i = 0; i < depth; i++) {
            const [o, c] = openers[kinds[i % kinds.length]];
            open += `${o}\n`;
            shut = `${c}\n${shut}`;
          }
          lintChecked(`x = ${open}customer.email${close ? shut : ''};\n`, TS);
        },
      ),
      fuzzParameters(60),
    );
  });

  describe('100,000 characters', () => {
    const long = 'customerEmailAddress'.repeat(5_000);
    const cases: readonly [string, string, string][] = [
      ['an identifier', TS, `const ${long} = 1;\nsend(customer.email);\n`],
      ['a property name', TS, `send(customer.${long});\n`],
      ['a string literal', TS, `const s = '${'anna@example.com '.repeat(6_000)}';\n`],
      ['a template literal', TS, `const s = sql\`SELECT ${'email, '.repeat(15_000)} FROM customers\`;\n`],
      ['a comment', TS, `// ${'@consent customer-consent '.repeat(4_000)}\nsend(customer.email);\n`],
      ['a line of many short names', TS, `${'customer.email;'.repeat(7_000)}\n`],
      ['many lines of one name each', TS, 'customer.email;\n'.repeat(7_000)],
      ['an SQL identifier', SQL, `SELECT ${long} FROM customers;\n`],
      ['an SQL quoted identifier', SQL, `SELECT "${'date of birth '.repeat(8_000)}" FROM customers;\n`],
      ['an SQL string', SQL, `SELECT email FROM customers WHERE note = '${"anna''s ".repeat(12_500)}';\n`],
      ['an SQL line', SQL, `SELECT ${'email, '.repeat(15_000)}id FROM customers;\n`],
    ];
    for (const [what, file, text] of cases) {
      it(`${what} (${path.extname(file)})`, () => {
        lintChecked(text, file, what.includes('string') ? ['anna@example.com', "anna''s"] : []);
      });
    }

    it('the tokenizer and matcher take a 100,000-character identifier in every case style', () => {
      const { matcher } = configFor(TS);
      for (const name of [
        long,
        'aB'.repeat(50_000),
        'A'.repeat(100_000),
        'a_'.repeat(50_000),
        'e-mail'.repeat(16_667),
        '1a'.repeat(50_000),
        'é'.repeat(100_000),
        'getEmail'.repeat(12_500),
      ]) {
        const tokens = tokenize(name);
        assert.ok(Array.isArray(tokens));
        matcher.match(name, ['customer']);
      }
    });
  });
});
