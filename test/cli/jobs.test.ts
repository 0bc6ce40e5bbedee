/**
 * `--jobs N`: worker threads share the files; the report must not depend on how many, nor on
 * which finished first. CATALINT_TRACE=pool says on stderr how many workers ran, so a test
 * cannot pass by quietly linting everything in the main thread.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalint, repoRoot, SOURCES, workspace } from './helpers';

const FIXTURES = path.join(repoRoot(), 'test', 'fixtures', 'typescript');

/** The labelled TypeScript corpus copied into `copies` folders: over a megabyte of realistic code with findings. */
function bigWorkspace(copies: number): string {
  const files: Record<string, string> = {};
  const sources = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.ts'));
  for (let i = 0; i < copies; i++) {
    for (const name of sources) files[`src/copy${String(i).padStart(2, '0')}/${name}`] = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
  }
  return workspace(files);
}

const ENV = { CATALINT_TRACE: 'pool' };

describe('cli --jobs', function () {
  // Each case starts real processes on over a megabyte of code, on a machine that may be busy.
  this.timeout(240_000);

  it('--jobs 1 and --jobs 2 give byte-identical reports, and 2 really uses a worker', () => {
    const ws = bigWorkspace(4);
    const one = catalint(['--format', 'json', '--jobs', '1', 'src'], { cwd: ws, env: ENV });
    const two = catalint(['--format', 'json', '--jobs', '2', 'src'], { cwd: ws, env: ENV });
    assert.match(one.stderr, /pool: 0 worker threads/);
    assert.match(two.stderr, /pool: 1 worker threads/);
    const report = JSON.parse(one.stdout) as { findings: unknown[]; fileCount: number };
    assert.ok(report.findings.length > 200, `a real workload (${report.findings.length} findings)`);
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.status, one.status);
    // The other formats go through the same merge.
    const sarif = (jobs: string) => catalint(['--format', 'sarif', '--jobs', jobs, 'src'], { cwd: ws }).stdout;
    assert.equal(sarif('3'), sarif('1'));
  });

  it('without --jobs, a run too small to repay a worker stays in the main thread', () => {
    const ws = bigWorkspace(20);
    const r = catalint(['--format', 'json', 'src'], { cwd: ws, env: ENV });
    assert.match(r.stderr, /pool: 0 worker threads/);
    assert.equal(r.stdout, catalint(['--format', 'json', '--jobs', '2', 'src'], { cwd: ws }).stdout);
  });

  it('one batch of work is never split, whatever --jobs says', () => {
    const ws = workspace({ 'a.ts': SOURCES.personalUnconsented, 'b.ts': SOURCES.telemetryUnconsented });
    const r = catalint(['--format', 'json', '--jobs', '4', '.'], { cwd: ws, env: ENV });
    assert.match(r.stderr, /pool: 0 worker threads/);
    assert.equal(r.status, 1);
  });

  it('a broken configuration still exits 2 with its message before any worker starts', () => {
    const ws = bigWorkspace(1);
    fs.writeFileSync(path.join(ws, 'catalint.json'), '{\n  "severity": { "personal": "loud" }\n}\n');
    const r = catalint(['--format', 'json', '--jobs', '2', 'src'], { cwd: ws, env: ENV });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^catalint\.json:2:/m);
    assert.doesNotMatch(r.stderr, /pool:/);
    assert.equal(r.stdout, '');
  });

  for (const bad of ['0', '-1', 'two', '1.5', '']) {
    it(`--jobs '${bad}' is a usage error (exit 2)`, () => {
      const ws = workspace({ 'a.ts': SOURCES.clean });
      const r = catalint(['--jobs', bad, 'a.ts'], { cwd: ws });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /--jobs/);
    });
  }
});
