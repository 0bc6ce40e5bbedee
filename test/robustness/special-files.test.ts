/**
 * Files that are not regular files, through the real CLI: a FIFO or a device where a source
 * file, catalint.json, an `extends` target, .gitignore or the cache is expected. Nothing hangs,
 * nothing grows without limit, and each refusal names the file and the reason.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, SOURCES, workspace } from '../cli/helpers';

/** The CLI with a time limit: a hang fails the test instead of holding the suite. */
function run(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  assert.notEqual(r.signal, 'SIGTERM', `catalint ${args.join(' ')} did not finish within 30 s`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function fifo(file: string): boolean {
  return spawnSync('mkfifo', [file]).status === 0;
}

describe('robustness: files that are not regular files', function () {
  this.timeout(90_000);

  it('a FIFO or a dangling link named like a source file is named as skipped, and the rest is linted', function () {
    const ws = workspace({ 'good.ts': SOURCES.personalUnconsented });
    if (!fifo(path.join(ws, 'pipe.ts'))) this.skip();
    fs.symlinkSync(path.join(ws, 'gone.ts'), path.join(ws, 'dangling.ts'));
    const r = run(['--format', 'json', '.'], ws);
    const report = JSON.parse(r.stdout) as { findings: { file: string; rule: string; reason?: string }[] };
    const skipped = report.findings.filter((f) => f.rule === 'skipped-file').map((f) => `${f.file}: ${f.reason}`);
    assert.deepEqual(skipped, ['dangling.ts: a symbolic link to nothing; not read', 'pipe.ts: a FIFO, not a regular file; not read']);
    assert.ok(
      report.findings.some((f) => f.file === 'good.ts' && f.rule === 'consent-required'),
      'the regular file beside them is linted',
    );
  });

  it('refuses a FIFO given as a file, at once', function () {
    const ws = workspace({});
    if (!fifo(path.join(ws, 'pipe.ts'))) this.skip();
    const r = run(['pipe.ts'], ws);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /pipe\.ts: not a regular file/);
  });

  it('refuses a catalint.json that is a FIFO or a device, with its file, line and column', function () {
    const ws = workspace({ 'a.ts': SOURCES.clean });
    if (!fifo(path.join(ws, 'catalint.json'))) this.skip();
    const r = run(['.'], ws);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /catalint\.json:1:1: cannot read: is a FIFO, not a regular file/);
    fs.rmSync(path.join(ws, 'catalint.json'));
    fs.symlinkSync('/dev/zero', path.join(ws, 'catalint.json'));
    const zero = run(['.'], ws);
    assert.equal(zero.status, 2);
    assert.match(zero.stderr, /catalint\.json:1:1: cannot read: is a character device, not a regular file/);
  });

  it('refuses an extends target that is a device (near miss: a regular one loads)', () => {
    const ws = workspace({ 'a.ts': SOURCES.clean, 'catalint.json': JSON.stringify({ catalog: './ours.catalog.json' }) });
    fs.symlinkSync('/dev/zero', path.join(ws, 'ours.catalog.json'));
    const r = run(['.'], ws);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /ours\.catalog\.json:1:1: cannot read: is a character device/);
  });

  it('does not hang on a .gitignore or a cache file that is a FIFO', function () {
    const ws = workspace({ 'a.ts': SOURCES.personalUnconsented });
    if (!fifo(path.join(ws, '.gitignore')) || !fifo(path.join(ws, 'lint.cache'))) this.skip();
    spawnSync('git', ['init', '-q', ws]);
    const r = run(['--cache', '--cache-location', 'lint.cache-dir/x', '--format', 'json', 'a.ts'], ws);
    assert.equal(r.status, 0, r.stderr);
    const cached = run(['--cache', '--cache-location', 'lint.cache', 'a.ts'], ws);
    // The cache that cannot be read starts empty; the run reports as usual.
    assert.equal(cached.status, 0, cached.stderr);
    assert.match(cached.stdout, /1 problem/);
  });
});
