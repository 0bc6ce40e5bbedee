import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineMap, lint, loadConfig, type Config } from '../../server/src/engine';
import { cookFragment, scanEmbeddedSql, type EmbeddedFragment } from '../../server/src/engine/languages/sql/embedded';

/**
 * A fragment for the literal of `host` between the first backtick or quote at or after `from`
 * and its partner, `${...}` substitutions included: what the TypeScript scanner hands over.
 */
function fragmentOf(host: string, from = 0): EmbeddedFragment {
  const open = host.slice(from).search(/[`'"]/) + from;
  const quote = host[open]!;
  const parts: EmbeddedFragment['parts'][number][] = [];
  let i = open + 1;
  let textStart = i;
  while (i < host.length) {
    if (host[i] === '\\') {
      i += 2;
      continue;
    }
    if (quote === '`' && host.startsWith('${', i)) {
      parts.push({ kind: 'text', span: { start: textStart, end: i }, raw: host.slice(textStart, i) });
      const close = host.indexOf('}', i);
      parts.push({ kind: 'substitution', span: { start: i + 2, end: close }, expression: host.slice(i + 2, close) });
      i = close + 1;
      textStart = i;
      continue;
    }
    if (host[i] === quote) break;
    i++;
  }
  parts.push({ kind: 'text', span: { start: textStart, end: i }, raw: host.slice(textStart, i) });
  return { span: { start: open, end: i + 1 }, parts };
}

function scan(host: string) {
  return scanEmbeddedSql(fragmentOf(host), { dialect: 'postgresql', hostLines: new LineMap(host) });
}

/** `name host-text [context]` per occurrence: the host text must be the name as the .ts file spells it. */
function hostRanges(host: string): string[] {
  return scan(host).occurrences.map((o) => `${o.name} ${host.slice(o.span.start, o.span.end)} [${o.context.join(', ')}]`);
}

describe('embedded SQL: cooking and mapping onto the .ts file', function () {
  it('maps names after substitutions onto the host file', function () {
    const host = 'const q = sql`SELECT c.email FROM customers c WHERE c.id = ${id} AND c.city = ${city}`;';
    assert.deepStrictEqual(hostRanges(host), ['email email [c, customers]', 'id id [c, customers]', 'city city [c, customers]']);
    const city = scan(host).occurrences[2]!;
    assert.deepStrictEqual(city.span, { start: host.lastIndexOf('c.city') + 2, end: host.lastIndexOf('c.city') + 6 });
  });

  it('keeps the statement readable when a substitution stands for an identifier', function () {
    assert.deepStrictEqual(hostRanges('sql`SELECT email, ${column} FROM ${table} WHERE phone = ${p}`'), [
      'email email []',
      'phone phone []',
    ]);
    assert.deepStrictEqual(hostRanges('sql`SELECT ${sql(cols)}, city FROM customers_${suffix} c`'), ['city city []']);
  });

  it('cooks escapes and lands each range on the characters as written', function () {
    const host = String.raw`db.query("SELECT \"first_name\", \u0065mail,\n  pr\xe9nom, ci\u{74}y FROM customers")`;
    assert.deepStrictEqual(hostRanges(host), [
      'first_name first_name [customers]',
      String.raw`email \u0065mail [customers]`,
      String.raw`prénom pr\xe9nom [customers]`,
      String.raw`city ci\u{74}y [customers]`,
    ]);
  });

  it('drops line continuations and maps multi-line templates line by line', function () {
    const host = 'await sql`\n  SELECT v.position, \\\n         v.mileage\n  FROM vehicle_status v\n`;';
    assert.deepStrictEqual(hostRanges(host), ['position position [v, vehicle_status]', 'mileage mileage [v, vehicle_status]']);
    const lines = new LineMap(host);
    assert.deepStrictEqual(
      scan(host).occurrences.map((o) => lines.position(o.span.start)),
      [
        { line: 1, character: 11 },
        { line: 2, character: 11 },
      ],
    );
  });

  it('maps escaped backticks and backslashes in templates', function () {
    const host = "sql`SELECT \\`email\\`, 'a\\\\b' AS x FROM users`";
    assert.deepStrictEqual(cookFragment(fragmentOf(host)).text, "SELECT `email`, 'a\\b' AS x FROM users");
    assert.deepStrictEqual(
      scanEmbeddedSql(fragmentOf(host), { dialect: 'mysql', hostLines: new LineMap(host) }).occurrences.map((o) =>
        host.slice(o.span.start, o.span.end),
      ),
      ['email', 'x'],
    );
  });

  it('maps suppressions inside the literal; a @consent there declares nothing and is said to', function () {
    const host = 'x;\nsql`-- @consent customer-consent\n\nSELECT email FROM c;\n-- catalint-disable-next-line\nSELECT phone FROM c`';
    const r = scan(host);
    assert.deepStrictEqual(r.regions, []);
    assert.deepStrictEqual(
      r.strayDirectives.map((d) => host.slice(d.start, d.end)),
      ['-- @consent customer-consent'],
    );
    assert.strictEqual(host.slice(r.conditionRefs[0]!.span.start, r.conditionRefs[0]!.span.end), 'customer-consent');
    assert.deepStrictEqual(
      r.suppressions.map((s) => s.line),
      [5],
    );
  });
});

describe('embedded SQL through lint()', function () {
  let config: Config;
  before(function () {
    config = loadConfig({ root: fs.mkdtempSync(path.join(os.tmpdir(), 'catalint-sql-')) });
  });

  function flagged(code: string): string[] {
    const lines = new LineMap(code);
    return lint({ text: code, path: path.join(config.root, 'repo.ts') }, config)
      .findings.filter((f) => f.rule === 'consent-required')
      .map((f) => {
        const p = lines.position(f.span.start);
        return `${code.slice(f.span.start, f.span.end)}@${p.line + 1}:${p.character + 1}`;
      });
  }

  it('flags columns of tagged templates and query() strings at their exact place in the .ts file', function () {
    const code = [
      'export async function find(db: Db, id: string) {',
      '  const rows = await db.query(`SELECT c.email, c.name FROM customers c WHERE c.id = ${id}`);',
      '  return sql`SELECT position FROM app_settings ORDER BY position`;',
      '}',
    ].join('\n');
    assert.deepStrictEqual(flagged(code), ['email@2:41', 'name@2:50', 'id@2:80']);
  });

  it('takes consent from the TypeScript around the literal', function () {
    const code = [
      '/** @consent connected-drive */',
      'export function fleet(db: Db) {',
      '  return db.query(`SELECT v.position, v.mileage FROM vehicle_status v`);',
      '}',
      'export function leak(db: Db) {',
      '  return db.query(`SELECT v.position FROM vehicle_status v`);',
      '}',
      'export function guarded(db: Db, ctx: Ctx) {',
      '  if (hasConsent(ctx, "customer-consent")) return sql`SELECT email FROM customers`;',
      '  return sql`SELECT phone FROM customers`;',
      '}',
    ].join('\n');
    assert.deepStrictEqual(flagged(code), ['position@6:29', 'phone@10:21']);
  });

  it('a @consent written inside the SQL string declares nothing, for the SQL or what it interpolates', function () {
    const code = [
      'export function send(db: Db, customer: Customer) {',
      '  return db.query(`-- @consent customer-consent',
      '    SELECT phone FROM customers WHERE email = ${customer.email}`);',
      '}',
    ].join('\n');
    // The column, and the interpolated customer's e-mail.
    assert.deepStrictEqual(flagged(code), ['phone@3:12', 'email@3:39', 'email@3:58']);
    const unused = lint({ text: code, path: path.join(config.root, 'repo.ts') }, config).findings.filter(
      (f) => f.rule === 'unused-directive',
    );
    assert.deepStrictEqual(
      unused.map((f) => f.name),
      ['@consent'],
    );
    // Near miss: the same consent written in TypeScript covers both.
    assert.deepStrictEqual(flagged(`// @consent customer-consent\n${code.replace('-- @consent customer-consent', '')}`), []);
  });
});
