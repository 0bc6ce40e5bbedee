/**
 * `catalint init` through the real CLI, on a repository that uses Prisma, Supabase and Knex,
 * has its own consent guard functions and mock folders: the catalint.json it writes says what
 * the repository holds, and the next run uses it. Nothing of the repository is run.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalint, jsonReport, workspace } from './helpers';

const TRACK = [
  'export function trip(user: User, vehicle: Vehicle) {',
  "  if (canTrack(user, 'connected-drive')) send(vehicle.mileage);",
  '}',
  'export function mail(user: User, customer: Customer) {',
  "  ensureConsent(user, 'customer-consent');",
  '  send(customer.email);',
  '}',
  'export function untouched(customer: Customer) {',
  '  return customer.phone;',
  '}',
  '',
].join('\n');

function repository(): string {
  const dir = workspace({
    '.git/HEAD': 'ref: refs/heads/main\n',
    'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n',
    'prisma/migrations/1_init/migration.sql': 'CREATE TABLE customers (id INT, email TEXT);\n',
    'supabase/migrations/20240101_x.sql': 'CREATE TABLE profiles (id UUID, phone TEXT);\n',
    'knexfile.js': "require('fs').writeFileSync('PWNED', '');\nmodule.exports = { client: 'mysql2' };\n",
    'src/track.ts': TRACK,
    'src/mocks/customer.ts': "export const anna = { email: 'anna@example.com' };\nexport const e = (c: Customer) => c.email;\n",
  });
  return dir;
}

function problems(dir: string): string[] {
  return jsonReport(catalint(['-f', 'json', '.'], { cwd: dir }))
    .findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `${f.file}:${f.line} ${f.name}`);
}

describe('CLI: catalint init', function () {
  this.timeout(60_000);

  it('writes what the repository holds, says why, and the next run uses it (near miss: before, its guards and mocks were not known)', () => {
    const dir = repository();
    const before = problems(dir);
    assert.ok(before.includes('src/track.ts:2 mileage') && before.includes('src/mocks/customer.ts:2 email'), before.join('\n'));

    const r = catalint(['init'], { cwd: path.join(dir, 'src') });
    assert.equal(r.status, 0, r.stderr);
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'catalint.json'), 'utf8'));
    assert.deepEqual(config.sql.dialects, { 'prisma/migrations/**': 'postgresql', 'supabase/**': 'postgresql', '**/*.sql': 'mysql' });
    assert.deepEqual(config.guards, { check: ['hasConsent', 'canTrack'], require: ['requireConsent', 'ensureConsent'] });
    assert.ok(config.tests.includes('**/{mocks,__stubs__,stubs,test-utils,test-helpers,testing}/**'), JSON.stringify(config.tests));
    assert.match(r.stdout, /Wrote \.\.\/catalint\.json/);
    assert.match(
      r.stdout,
      /sql\.dialects: prisma\/migrations\/\*\* is postgresql: prisma\/schema\.prisma: datasource provider "postgresql"/,
    );
    assert.match(r.stdout, /sql\.dialects: \*\*\/\*\.sql is mysql: knexfile\.js: Knex client "mysql2"/);
    assert.match(r.stdout, /guards\.check: canTrack: called with a condition id in a condition 1 time, first at src\/track\.ts:2/);
    assert.match(r.stdout, /guards\.require: ensureConsent: .*src\/track\.ts:5/);

    assert.deepEqual(problems(dir), ['src/track.ts:9 phone']);
    assert.ok(!fs.existsSync(path.join(dir, 'PWNED')), 'the knexfile was run');
  });

  it('never replaces a catalint.json unless --force; --baseline records what is left', () => {
    const dir = repository();
    fs.writeFileSync(path.join(dir, 'catalint.json'), '{ "ignoreNames": ["phone"] }\n');
    const again = catalint(['init'], { cwd: dir });
    assert.equal(again.status, 2);
    assert.match(again.stderr, /catalint\.json exists already; 'catalint init --force' replaces it/);
    assert.equal(fs.readFileSync(path.join(dir, 'catalint.json'), 'utf8'), '{ "ignoreNames": ["phone"] }\n');

    const forced = catalint(['init', '--force', '--baseline'], { cwd: dir });
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(forced.stderr, /catalint-suppressions\.json now allows 1 finding/);
    assert.equal(catalint(['.'], { cwd: dir }).status, 0);
    assert.deepEqual(problems(dir), []);
  });

  it('refuses what it does not know', () => {
    const dir = repository();
    const r = catalint(['init', '--baseline', 'src'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /init: /);
  });
});
