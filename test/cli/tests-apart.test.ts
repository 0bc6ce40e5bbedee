/**
 * Test, fixture, seed and story files, through the real CLI: linted, but their findings are
 * counted apart by default (they hold made-up values that look like data), shown with
 * --include-tests, and a workspace decides what a test is with `tests` in catalint.json.
 */
import * as assert from 'node:assert/strict';
import { catalint, jsonReport, SOURCES, workspace } from './helpers';

const files = {
  'src/mailer.ts': SOURCES.personalUnconsented,
  'src/mailer.test.ts': SOURCES.personalUnconsented,
  'src/__tests__/fleet.ts': SOURCES.telemetryUnconsented,
  'e2e/signup.ts': SOURCES.personalUnconsented,
  'prisma/seed.ts': SOURCES.personalUnconsented,
  // Near misses: names that only contain "test" or "seed".
  'src/latest.ts': SOURCES.personalUnconsented,
  'src/seedling/contest.ts': SOURCES.personalUnconsented,
};

describe('cli: tests reported apart', function () {
  this.timeout(60_000);

  let ws: string;
  before(() => {
    ws = workspace(files);
  });

  it('leaves test files out of the findings and the exit code, and counts them', () => {
    const r = catalint(['--format', 'json', '.'], { cwd: ws });
    const report = jsonReport(r);
    assert.deepEqual([...new Set(report.findings.map((f) => f.file))].sort(), [
      'src/latest.ts',
      'src/mailer.ts',
      'src/seedling/contest.ts',
    ]);
    assert.equal(report.fileCount, 7);
    // Each file holds a use and the inline type's field: two findings.
    assert.deepEqual(report.testFindings, { findings: 8, files: 4 });
    // The only error (telemetry) is in a test file: warnings alone exit 0.
    assert.equal(r.status, 0, r.stderr);
  });

  it('says so in the stylish summary', () => {
    const r = catalint(['.'], { cwd: ws });
    assert.match(r.stdout, /✖ 3 problems \(0 errors, 3 warnings\) in 3 files of 7 analysed/);
    assert.match(r.stdout, /^ {2}8 findings in 4 test files not shown: --include-tests shows them$/m);
  });

  it('shows them with --include-tests (near miss of the above)', () => {
    const r = catalint(['--format', 'json', '--include-tests', '.'], { cwd: ws });
    const report = jsonReport(r);
    assert.equal(new Set(report.findings.map((f) => f.file)).size, 7);
    assert.deepEqual(report.testFindings, { findings: 0, files: 0 });
    assert.equal(r.status, 1, 'the telemetry error in the test file now counts');
    assert.doesNotMatch(catalint(['--include-tests', '.'], { cwd: ws }).stdout, /not shown/);
  });

  it('takes what a test is from catalint.json', () => {
    const own = workspace({ ...files, 'catalint.json': JSON.stringify({ tests: ['src/latest.ts'] }) });
    const report = jsonReport(catalint(['--format', 'json', '.'], { cwd: own }));
    assert.equal(report.findings.filter((f) => f.file === 'src/latest.ts').length, 0);
    assert.ok(
      report.findings.some((f) => f.file === 'src/mailer.test.ts'),
      'the defaults are replaced, not added to',
    );
    const none = workspace({ ...files, 'catalint.json': JSON.stringify({ tests: [] }) });
    assert.equal(new Set(jsonReport(catalint(['--format', 'json', '.'], { cwd: none })).findings.map((f) => f.file)).size, 7);
  });

  it('refuses a tests list that is not a list of globs, with its position', () => {
    const bad = workspace({ 'a.ts': SOURCES.clean, 'catalint.json': '{\n  "tests": "**/*.spec.ts"\n}\n' });
    const r = catalint(['.'], { cwd: bad });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /catalint\.json:2:\d+: .*tests/);
  });
});
