/**
 * `--jobs N`: worker threads share the files; the report must not depend on how many, nor on
 * which finished first, nor on whether findings came from a worker, the main thread or the
 * cache. CATALINT_TRACE=pool says on stderr how many workers ran and what each linted, so a
 * test cannot pass by quietly linting everything in the main thread.
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

/** Files each thread linted, from the trace: `{ 'main thread': 12, 'worker 1': 9 }`. */
function shares(stderr: string): Record<string, number> {
  const line = /^catalint: pool: (main thread .*)$/m.exec(stderr);
  assert.ok(line, `a pool trace in:\n${stderr}`);
  return Object.fromEntries(
    line[1].split(', ').map((part) => {
      const m = /^(.+) (\d+) files/.exec(part);
      assert.ok(m, part);
      return [m[1], Number(m[2])];
    }),
  );
}

/** The report is one `JSON.stringify(report, null, 2)`, however it was put together. */
function assertCanonicalJson(text: string): void {
  assert.equal(text, JSON.stringify(JSON.parse(text), null, 2) + '\n');
}

describe('cli --jobs', function () {
  // Each case starts real processes on over a megabyte of code, on a machine that may be busy.
  this.timeout(240_000);

  it('--jobs 1 and --jobs 2 give byte-identical reports, and 2 really uses a worker', () => {
    const ws = bigWorkspace(4);
    const one = catalint(['--format', 'json', '--jobs', '1', 'src'], { cwd: ws, env: ENV });
    const two = catalint(['--format', 'json', '--jobs', '2', 'src'], { cwd: ws, env: ENV });
    assert.match(one.stderr, /pool: 0 worker threads/);
    assert.match(two.stderr, /pool: 1 worker threads/);
    // Each thread lints at least one file, however late the worker came up.
    const split = shares(two.stderr);
    assert.ok(split['main thread'] >= 1 && split['worker 1'] >= 1, JSON.stringify(split));
    const report = JSON.parse(one.stdout) as { findings: unknown[]; fileCount: number };
    assert.ok(report.findings.length > 200, `a real workload (${report.findings.length} findings)`);
    assertCanonicalJson(two.stdout);
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

  it('with --cache, findings linted by a worker are stored and printed again unchanged', () => {
    const ws = bigWorkspace(4);
    const plain = catalint(['--format', 'json', '--jobs', '1', 'src'], { cwd: ws });
    const args = ['--format', 'json', '--jobs', '2', '--cache', 'src'];
    const cold = catalint(args, { cwd: ws, env: { CATALINT_TRACE: 'pool,cache' } });
    assert.ok(shares(cold.stderr)['worker 1'] >= 1);
    assert.doesNotMatch(cold.stderr, /cache: hit/);
    const warm = catalint(args, { cwd: ws, env: { CATALINT_TRACE: 'pool,cache' } });
    assert.doesNotMatch(warm.stderr, /cache: miss/);
    assert.match(warm.stderr, /pool: 0 worker threads/, 'nothing left to lint');
    assertCanonicalJson(warm.stdout);
    assert.equal(cold.stdout, plain.stdout);
    assert.equal(warm.stdout, plain.stdout);
    assert.equal(warm.status, plain.status);
    // The other formats read the cached text back as findings.
    for (const format of ['stylish', 'sarif', 'github']) {
      const fresh = catalint(['--format', format, 'src'], { cwd: ws }).stdout;
      assert.equal(catalint(['--format', format, '--cache', 'src'], { cwd: ws }).stdout, fresh, format);
    }
    // And --quiet filters them.
    assert.equal(
      catalint(['--format', 'json', '--quiet', '--cache', 'src'], { cwd: ws }).stdout,
      catalint(['--format', 'json', '--quiet', 'src'], { cwd: ws }).stdout,
    );
  });

  it('findings past the memory budget go to a temporary file and come back byte for byte, in every format', () => {
    const ws = bigWorkspace(4);
    const tmp = fs.mkdtempSync(path.join(ws, 'tmp-'));
    // TMPDIR is where the temporary file goes: what is left there after the run is what leaked.
    const spilled = { ...ENV, CATALINT_SPILL_BUDGET: '0', TMPDIR: tmp };
    // --jobs 2: the main thread's findings and a worker's both go through the budget.
    for (const [format, jobs] of [
      ['json', '1'],
      ['json', '2'],
      ['sarif', '2'],
      ['stylish', '2'],
      ['github', '2'],
    ]) {
      const kept = catalint(['--format', format, '--jobs', jobs, 'src'], { cwd: ws, env: { ...ENV, TMPDIR: tmp } });
      const set = catalint(['--format', format, '--jobs', jobs, 'src'], { cwd: ws, env: spilled });
      // Near miss: within the budget, nothing goes to disk.
      assert.doesNotMatch(kept.stderr, /temporary file/);
      assert.match(set.stderr, /findings past the memory budget were kept in a temporary file/);
      assert.equal(set.stdout, kept.stdout, `${format}, --jobs ${jobs}`);
      assert.equal(set.status, kept.status);
    }
    assert.equal(
      catalint(['--format', 'json', '--quiet', 'src'], { cwd: ws, env: spilled }).stdout,
      catalint(['--format', 'json', '--quiet', 'src'], { cwd: ws }).stdout,
    );
    assert.deepEqual(fs.readdirSync(tmp), []);
    // A temp folder that cannot be used (here a file) costs memory, never the report.
    const notAFolder = path.join(ws, 'not-a-folder');
    fs.writeFileSync(notAFolder, '');
    const refused = catalint(['--format', 'json', '--jobs', '2', 'src'], {
      cwd: ws,
      env: { ...spilled, TMPDIR: notAFolder },
    });
    assert.match(refused.stderr, /findings past the memory budget stayed in memory: /);
    assert.equal(refused.stdout, catalint(['--format', 'json', 'src'], { cwd: ws }).stdout);
    assert.equal(refused.status, 1);
  });

  it('a broken configuration still exits 2 with its message alone, whatever the workers started early did', () => {
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
