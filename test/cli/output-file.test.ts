/**
 * `--output-file`: the report goes to the file, complete, by rename; no temporary file is left
 * behind, and a write that fails leaves the previous report whole.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { catalint, SOURCES, workspace } from './helpers';

describe('cli --output-file', function () {
  // Each case starts real processes, on a machine that may be busy.
  this.timeout(60_000);

  it('writes the whole report to the file and nothing to stdout', () => {
    const ws = workspace({ 'src/a.ts': SOURCES.telemetryUnconsented });
    const r = catalint(['--format', 'json', '--output-file', 'reports/catalint.json', 'src'], { cwd: ws });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, '');
    const written = fs.readFileSync(path.join(ws, 'reports', 'catalint.json'), 'utf8');
    const report = JSON.parse(written) as { findings: { file: string }[] };
    assert.ok(report.findings.some((f) => f.file === 'src/a.ts'));
    assert.deepEqual(fs.readdirSync(path.join(ws, 'reports')), ['catalint.json'], 'no temporary file remains');
    // Near-miss: without the option the same report goes to stdout.
    assert.equal(catalint(['--format', 'json', 'src'], { cwd: ws }).stdout, written);
  });

  it('replaces a longer previous report entirely', () => {
    const ws = workspace({ 'a.ts': SOURCES.clean, 'report.json': 'x'.repeat(100_000) });
    assert.equal(catalint(['--format', 'json', '--output-file', 'report.json', 'a.ts'], { cwd: ws }).status, 0);
    const text = fs.readFileSync(path.join(ws, 'report.json'), 'utf8');
    assert.deepEqual(JSON.parse(text), {
      findings: [],
      failures: [],
      fileCount: 1,
      testFindings: { findings: 0, files: 0 },
      configFiles: [],
    });
    assert.deepEqual(fs.readdirSync(ws).sort(), ['a.ts', 'report.json']);
  });

  it('exits 2 when the report cannot be written, leaving what was there and no temporary file', () => {
    const ws = workspace({ 'a.ts': SOURCES.clean, 'taken/keep.txt': 'previous' });
    const r = catalint(['--output-file', 'taken', 'a.ts'], { cwd: ws });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot write taken/);
    assert.equal(fs.readFileSync(path.join(ws, 'taken', 'keep.txt'), 'utf8'), 'previous');
    assert.deepEqual(fs.readdirSync(ws).sort(), ['a.ts', 'taken']);
  });

  it('writes into a device or a read pipe as it is, never replacing it with a file', function () {
    const ws = workspace({ 'a.ts': SOURCES.telemetryUnconsented });
    // A null device of the workspace's own, so a regression replaces nothing of the system's.
    if (spawnSync('mknod', [path.join(ws, 'null'), 'c', '1', '3']).status !== 0) this.skip();
    const r = catalint(['--format', 'json', '--output-file', 'null', 'a.ts'], { cwd: ws });
    assert.equal(r.status, 1, r.stderr);
    assert.ok(fs.statSync(path.join(ws, 'null')).isCharacterDevice(), 'still a device');
    // Near miss: the regular file beside it is replaced whole, by rename.
    assert.equal(catalint(['--output-file', 'out.txt', 'a.ts'], { cwd: ws }).status, 1);
    assert.ok(fs.statSync(path.join(ws, 'out.txt')).isFile());
  });

  it('refuses a FIFO that nothing reads, at once, with the reason', function () {
    const ws = workspace({ 'a.ts': SOURCES.clean });
    if (spawnSync('mkfifo', [path.join(ws, 'fifo')]).status !== 0) this.skip();
    const r = catalint(['--output-file', 'fifo', 'a.ts'], { cwd: ws });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot write fifo: it is a FIFO that nothing reads/);
    assert.ok(fs.statSync(path.join(ws, 'fifo')).isFIFO(), 'still a FIFO');
  });

  it('writes stylish without colour codes', () => {
    const ws = workspace({ 'a.ts': SOURCES.telemetryUnconsented });
    catalint(['--output-file', 'out.txt'], { cwd: ws, env: { NO_COLOR: '' } });
    const text = fs.readFileSync(path.join(ws, 'out.txt'), 'utf8');
    assert.match(text, /1 error/);
    assert.doesNotMatch(text, /\u001b\[/);
  });
});
