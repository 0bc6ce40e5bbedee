/**
 * Bulk suppressions through the real CLI: adopt on a codebase with findings, report only what
 * goes beyond, survive code moving, prune what was fixed, refuse a damaged file, and show the
 * suppressed findings to code scanning as suppressed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalint, jsonReport, SOURCES, workspace, writeFiles } from './helpers';

const TWO_USES = [
  'export function f(customer: { email: string }, vehicle: { mileage: number }) {',
  '  send(customer.email);',
  '  return vehicle.mileage;',
  '}',
  '',
].join('\n');
const FILE = 'catalint-suppressions.json';

function suppressions(dir: string): { version: number; files: Record<string, Record<string, Record<string, Record<string, number>>>> } {
  return JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8'));
}

describe('CLI: bulk suppressions (catalint-suppressions.json)', function () {
  this.timeout(60_000);

  it('--suppress-all records every problem by file, rule, category and name; the next run is clean (near miss: without it, the same run fails)', () => {
    const dir = workspace({ 'src/a.ts': TWO_USES, 'src/b.ts': SOURCES.telemetryUnconsented });
    assert.equal(catalint(['src'], { cwd: dir }).status, 1);

    const adopted = catalint(['--suppress-all', 'src'], { cwd: dir });
    assert.equal(adopted.status, 0, adopted.stderr);
    assert.match(adopted.stderr, /catalint-suppressions\.json now allows 3 findings/);
    assert.deepEqual(suppressions(dir), {
      version: 1,
      files: {
        'src/a.ts': { 'consent-required': { 'contact.email': { email: 1 }, 'vehicle.mileage': { mileage: 1 } } },
        'src/b.ts': { 'consent-required': { 'vehicle.mileage': { mileage: 1 } } },
      },
    });

    const later = catalint(['src'], { cwd: dir });
    assert.equal(later.status, 0, later.stdout + later.stderr);
    assert.match(later.stdout, /3 findings not shown: allowed by catalint-suppressions\.json/);
  });

  it('keeps hiding them when code moves (no line numbers); reports the whole group once it grows, and new files', () => {
    const dir = workspace({ 'src/a.ts': TWO_USES });
    assert.equal(catalint(['--suppress-all', '.'], { cwd: dir }).status, 0);
    fs.writeFileSync(path.join(dir, 'src/a.ts'), '\n\n// moved down\n' + TWO_USES);
    assert.equal(catalint(['.'], { cwd: dir }).status, 0);

    // One more mileage in a.ts: which one is new cannot be told, so both are reported; the email stays hidden.
    fs.writeFileSync(path.join(dir, 'src/a.ts'), TWO_USES + 'export const m = (vehicle: { mileage: number }) => vehicle.mileage;\n');
    const grown = catalint(['-f', 'json', '.'], { cwd: dir });
    assert.equal(grown.status, 1);
    const report = jsonReport(grown);
    assert.deepEqual(
      report.findings.filter((f) => f.rule === 'consent-required').map((f) => `${f.line} ${f.name}`),
      ['3 mileage', '5 mileage'],
    );
    assert.match(
      grown.stderr,
      /src\/a\.ts: 2 consent-required findings on 'mileage' where catalint-suppressions\.json allows 1: all 2 are reported/,
    );
    assert.deepEqual((report as unknown as { suppressed: unknown }).suppressed, { file: FILE, findings: 1 });

    writeFiles(dir, { 'src/new.ts': SOURCES.personalUnconsented });
    const withNew = jsonReport(catalint(['-f', 'json', '.'], { cwd: dir }));
    assert.ok(withNew.findings.some((f) => f.file === 'src/new.ts' && f.name === 'email'));
  });

  it('says when findings were fixed, and --prune-suppressions lowers the counts (near miss: prune keeps what still occurs)', () => {
    const dir = workspace({ 'src/a.ts': TWO_USES, 'src/gone.ts': SOURCES.personalUnconsented });
    assert.equal(catalint(['--suppress-all', '.'], { cwd: dir }).status, 0);
    fs.writeFileSync(path.join(dir, 'src/a.ts'), TWO_USES.replace('  send(customer.email);\n', ''));
    fs.rmSync(path.join(dir, 'src/gone.ts'));
    const stale = catalint(['.'], { cwd: dir });
    assert.equal(stale.status, 0);
    assert.match(stale.stderr, /allows 1 finding that no longer occur; --prune-suppressions removes them/);

    const pruned = catalint(['--prune-suppressions', '.'], { cwd: dir });
    assert.equal(pruned.status, 0, pruned.stderr);
    assert.match(pruned.stderr, /2 suppressions that no longer match removed; 1 left/);
    assert.deepEqual(suppressions(dir).files, { 'src/a.ts': { 'consent-required': { 'vehicle.mileage': { mileage: 1 } } } });
    assert.doesNotMatch(catalint(['.'], { cwd: dir }).stderr, /no longer occur/);
  });

  it('--suppress-rule records one rule and leaves the others reported', () => {
    const dir = workspace({ 'src/a.ts': 'if (hasConsent(ctx, "gps-ok")) {}\n' + SOURCES.telemetryUnconsented });
    const r = catalint(['--suppress-rule', 'unknown-condition', '-f', 'json', '.'], { cwd: dir });
    assert.equal(r.status, 1, 'the mileage is still reported');
    assert.deepEqual(
      jsonReport(r)
        .findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
        .map((f) => f.rule),
      ['consent-required'],
    );
    assert.deepEqual(suppressions(dir).files, { 'src/a.ts': { 'unknown-condition': { '-': { 'gps-ok': 1 } } } });
    assert.equal(catalint(['--suppress-rule', 'skipped-file', '.'], { cwd: dir }).status, 2);
  });

  it('reads the paths relative to the file, from any folder (--suppressions-location)', () => {
    const dir = workspace({ 'pkg/src/a.ts': TWO_USES });
    assert.equal(catalint(['--suppress-all', 'pkg'], { cwd: dir }).status, 0);
    const fromInside = catalint(['--suppressions-location', '../catalint-suppressions.json', '.'], { cwd: path.join(dir, 'pkg') });
    assert.equal(fromInside.status, 0, fromInside.stdout);
    // Near miss: from inside, the default location holds no file, so everything is reported.
    assert.equal(catalint(['.'], { cwd: path.join(dir, 'pkg') }).status, 1);
  });

  for (const [what, text, where] of [
    ['not JSON', '{ "version": 1, "files": {', /catalint-suppressions\.json:1:\d+: the suppressions file is not valid JSON/],
    [
      'a count that is no whole number',
      '{ "version": 1, "files": { "src/a.ts": { "consent-required": { "vehicle.mileage": { "mileage": "2" } } } } }',
      /:1:\d+: a count must be a whole number/,
    ],
    [
      'an unknown rule',
      '{\n  "version": 1,\n  "files": { "src/a.ts": { "consent-requird": {} } }\n}',
      /:3:28: "consent-requird" is not a rule that can be suppressed/,
    ],
    [
      'a path out of the folder',
      '{ "version": 1, "files": { "../a.ts": {} } }',
      /a file is named by its path relative to the suppressions file/,
    ],
    ['another version', '{ "version": 2, "files": {} }', /"version" must be 1/],
  ] as const) {
    it(`refuses a damaged file (${what}) with its position and exit 2, never an all clear`, () => {
      const dir = workspace({ 'src/a.ts': TWO_USES, [FILE]: text });
      const r = catalint(['.'], { cwd: dir });
      assert.equal(r.status, 2);
      assert.match(r.stderr, where);
      assert.equal(r.stdout, '');
    });
  }

  it('refuses two baseline steps at once', () => {
    const dir = workspace({ 'src/a.ts': TWO_USES });
    const r = catalint(['--suppress-all', '--prune-suppressions', '.'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /separate steps/);
  });

  it('SARIF lists suppressed findings as suppressed (kind external), with the fingerprints they had unsuppressed', () => {
    const dir = workspace({ 'src/a.ts': TWO_USES });
    type Result = { ruleId: string; partialFingerprints: Record<string, string>; suppressions?: { kind: string }[] };
    const results = (): Result[] => JSON.parse(catalint(['-f', 'sarif', '.'], { cwd: dir }).stdout).runs[0].results;
    const before = results();
    assert.ok(before.every((r) => r.suppressions === undefined));
    assert.equal(catalint(['--suppress-all', '.'], { cwd: dir }).status, 0);
    const after = results();
    assert.deepEqual(
      after.map((r) => r.partialFingerprints),
      before.map((r) => r.partialFingerprints),
    );
    const problems = after.filter((r) => r.ruleId === 'consent-required');
    assert.equal(problems.length, 2);
    assert.ok(problems.every((r) => r.suppressions?.[0].kind === 'external'));
    // Near miss: a classification (information) is no debt, and stays unsuppressed.
    assert.ok(after.filter((r) => r.ruleId !== 'consent-required').every((r) => r.suppressions === undefined));
  });
});
