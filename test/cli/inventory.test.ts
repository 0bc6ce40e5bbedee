/**
 * `catalint inventory` through the real CLI: on the example workspace it agrees, place by place,
 * with what a lint of the same code reports; consented uses are in it with their consent, a
 * suppressed false alarm is not, no string's contents ever are, and `--compare` says what a
 * change did.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { catalint, EXAMPLE, jsonReport, workspace, writeFiles } from './helpers';

interface Place {
  file: string;
  line: number;
  column: number;
  name: string;
  role: 'use' | 'declaration';
  declared: string[];
  met: boolean;
  module: string;
}
interface Inventory {
  totals: { files: number; categories: number; uses: number; unconsented: number; declarations: number };
  categories: { id: string; uses: number; unconsented: number; declarations: number; modules: string[]; places: Place[] }[];
  conditions: { id: string; label: string; uses: number; categories: string[] }[];
  modules: { module: string; categories: string[] }[];
  tables: { table: string; columns: { column: string; categories: string[] }[] }[];
  changes?: { addedCategories: string[]; newModules: { category: string; module: string }[]; lostConsent: Place[] };
}

function inventory(dir: string, args: string[] = []): Inventory {
  const r = catalint(['inventory', ...args, '.'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Inventory;
}

describe('CLI: catalint inventory', function () {
  this.timeout(60_000);

  it('on the example, agrees place by place with a lint of the same code (every use without consent is a finding, every declaration a classification)', () => {
    const inv = inventory(EXAMPLE);
    const lint = jsonReport(catalint(['-f', 'json', '.'], { cwd: EXAMPLE }));
    const key = (f: { file: string; line: number; column: number; name: string }) => `${f.file}:${f.line}:${f.column} ${f.name}`;
    const places = inv.categories.flatMap((c) => c.places);
    assert.deepEqual(
      [...new Set(places.filter((p) => p.role === 'use' && !p.met).map(key))].sort(),
      lint.findings
        .filter((f) => f.rule === 'consent-required')
        .map(key)
        .sort(),
    );
    assert.deepEqual(
      [...new Set(places.filter((p) => p.role === 'declaration').map(key))].sort(),
      lint.findings
        .filter((f) => f.rule === 'catalog-field')
        .map(key)
        .sort(),
    );
    // What the example holds: consented uses too, SQL tables, modules by folder.
    assert.ok(places.some((p) => p.role === 'use' && p.met && p.declared.includes('customer-consent')));
    assert.ok(
      inv.tables.some(
        (t) => t.table === 'customers' && t.columns.some((c) => c.column === 'email' && c.categories.includes('contact.email')),
      ),
    );
    assert.ok(inv.modules.some((m) => m.module === 'src/telemetry' && m.categories.includes('vehicle.mileage')));
    const speed = inv.categories.find((c) => c.id === 'vehicle.average-speed')!;
    assert.equal(
      speed.unconsented,
      lint.findings.filter((f) => f.rule === 'consent-required' && f.categories.includes('vehicle.average-speed')).length,
    );
    assert.ok(inv.conditions.some((c) => c.id === 'conected-drive' && c.label === '(not a condition of the catalog)'));
  });

  it('keeps consented uses with their consent, leaves out a suppressed false alarm, and never a string’s contents', () => {
    const dir = workspace({
      'src/a.ts': [
        '// @consent customer-consent',
        'export function ok(customer: Customer) { return customer.email; }',
        'export function no(customer: Customer) {',
        '  // catalint-disable-next-line consent-required',
        '  return customer.phone;',
        '}',
        "export const secret = { note: 'anna.secret@example.com' };",
        '',
      ].join('\n'),
    });
    const inv = inventory(dir);
    assert.deepEqual(
      inv.categories.map((c) => c.id),
      ['contact.email'],
    );
    assert.deepEqual(
      inv.categories[0].places.map((p) => [p.line, p.name, p.met, p.declared]),
      [[2, 'email', true, ['customer-consent']]],
    );
    const md = catalint(['inventory', '-f', 'markdown', '.'], { cwd: dir }).stdout;
    assert.match(md, /^# Data inventory\n\n1 categories of catalog data in 1 files: 1 uses \(0 without the consent they need\)/);
    for (const out of [JSON.stringify(inv), md]) assert.ok(!out.includes('anna.secret'), out);
  });

  it('names the function or method each place is in (near miss: a top-level use is in none)', () => {
    const dir = workspace({
      'src/a.ts': [
        'export class Mailer {',
        '  send(customer: Customer) { return customer.email; }',
        '}',
        'export const label = (customer: Customer) => customer.phone;',
        'export function outer(vehicle: Vehicle) {',
        '  return [1].map(() => vehicle.mileage);',
        '}',
        'export const top = customer.birthDate;',
        '',
      ].join('\n'),
    });
    const places = inventory(dir).categories.flatMap((c) =>
      c.places.filter((p) => p.role === 'use').map((p) => [p.name, (p as Place & { in?: string }).in]),
    );
    assert.deepEqual(places.sort(), [
      ['birthDate', undefined],
      ['email', 'Mailer.send'],
      ['mileage', 'outer'],
      ['phone', 'label'],
    ]);
  });

  it('names the SQL statement of a column, and the host function of SQL in a string (never a literal)', () => {
    const dir = workspace({
      'db/schema.sql':
        "CREATE TABLE IF NOT EXISTS customers (email TEXT);\nINSERT INTO customers (email) VALUES ('anna@example.com');\nSELECT phone FROM contacts;\n",
      'src/q.ts': 'export async function lookup(db: Db) {\n  return db.query(`SELECT email FROM customers`);\n}\n',
    });
    const places = inventory(dir).categories.flatMap((c) =>
      c.places.map((p) => `${p.file}:${p.line} ${p.name} in ${(p as Place & { in?: string }).in}`),
    );
    assert.deepEqual(places.sort(), [
      'db/schema.sql:1 email in CREATE TABLE IF NOT EXISTS customers',
      'db/schema.sql:2 email in INSERT INTO customers',
      'db/schema.sql:3 phone in SELECT',
      'src/q.ts:2 email in lookup',
    ]);
    assert.ok(!JSON.stringify(inventory(dir)).includes('anna@'));
  });

  it("--format fides writes the SQL tables as a Fides dataset, with the catalog's mapping (a user's catalog maps its own categories)", () => {
    const dataset = load(catalint(['inventory', '-f', 'fides', '--dataset', 'crm db', '.'], { cwd: EXAMPLE }).stdout) as {
      dataset: { fides_key: string; collections: { name: string; fields: { name: string; data_categories?: string[] }[] }[] }[];
    };
    const [d] = dataset.dataset;
    assert.equal(d.fides_key, 'crm_db');
    const customers = d.collections.find((c) => c.name === 'customers')!;
    assert.deepEqual(customers.fields.find((f) => f.name === 'email')?.data_categories, ['user.contact.email']);
    assert.deepEqual(d.collections.find((c) => c.name === 'vehicle_status')?.fields.find((f) => f.name === 'mileage')?.data_categories, [
      'user.device.telemetry',
    ]);

    const own = workspace({
      'catalint.json': JSON.stringify({
        catalog: {
          extends: 'builtin',
          categories: [
            { id: 'contact.email', fides: 'user.contact' },
            { id: 'identification.loyalty-tier', group: 'identification', label: { en: 'Loyalty tier' }, strong: ['loyalty tier'] },
          ],
        },
      }),
      'db/schema.sql': 'CREATE TABLE members (email TEXT, loyalty_tier TEXT);\n',
    });
    const mine = load(catalint(['inventory', '-f', 'fides', '.'], { cwd: own }).stdout) as typeof dataset;
    assert.deepEqual(mine.dataset[0].collections, [
      { name: 'members', fields: [{ name: 'email', data_categories: ['user.contact'] }, { name: 'loyalty_tier' }] },
    ]);
    assert.match(
      catalint(['inventory', '-f', 'fides', '.'], { cwd: own }).stdout,
      /# no Fides category in the catalog for identification\.loyalty-tier/,
    );
  });

  it('--compare says what changed: a new category in a new module, a use that lost its consent (near miss: unchanged code, no change)', () => {
    const dir = workspace({
      'src/crm/a.ts': '// @consent customer-consent\nexport function f(customer: Customer) { return customer.email; }\n',
    });
    fs.writeFileSync(path.join(dir, 'old.json'), JSON.stringify(inventory(dir)));
    const same = inventory(dir, ['--compare', 'old.json']);
    assert.deepEqual(same.changes, { ...same.changes!, addedCategories: [], newModules: [], lostConsent: [] });

    fs.writeFileSync(path.join(dir, 'src/crm/a.ts'), 'export function f(customer: Customer) { return customer.email; }\n');
    writeFiles(dir, { 'src/telemetry/t.ts': 'export const m = (vehicle: Vehicle) => vehicle.mileage;\n' });
    const now = inventory(dir, ['--compare', 'old.json']);
    assert.deepEqual(now.changes!.addedCategories, ['vehicle.mileage']);
    assert.deepEqual(
      now.changes!.lostConsent.map((p) => `${p.file}:${p.line} ${p.name}`),
      ['src/crm/a.ts:1 email', 'src/telemetry/t.ts:1 mileage'],
    );
    const md = catalint(['inventory', '-f', 'markdown', '--compare', 'old.json', '.'], { cwd: dir }).stdout;
    assert.match(
      md,
      /## Changes since `old\.json`[\s\S]*New categories: `vehicle\.mileage`[\s\S]*lost their consent, or are new without it: 2/,
    );
  });

  it('refuses a broken --compare file with its position, and an unwritable output, writing nothing (exit 2)', () => {
    const dir = workspace({
      'src/a.ts': 'export const f = (customer: Customer) => customer.email;\n',
      'old.json': '{\n  "version": 1,\n  "totals": {,\n}',
    });
    const bad = catalint(['inventory', '--compare', 'old.json', '-o', 'new.json', '.'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^old\.json:3:14: --compare: not JSON \(ValueExpected\)/m);
    assert.ok(!fs.existsSync(path.join(dir, 'new.json')), 'nothing written');
    fs.writeFileSync(path.join(dir, 'old.json'), '{"findings": []}');
    assert.match(
      catalint(['inventory', '--compare', 'old.json', '.'], { cwd: dir }).stderr,
      /old\.json:1:1: --compare: old\.json is not an inventory/,
    );

    fs.mkdirSync(path.join(dir, 'out.html'));
    const unwritable = catalint(['inventory', '-f', 'html', '-o', 'out.html', '.'], { cwd: dir });
    assert.equal(unwritable.status, 2);
    assert.match(unwritable.stderr, /cannot write out\.html: it is a folder/);
  });
});
