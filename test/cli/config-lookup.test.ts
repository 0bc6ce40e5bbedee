/**
 * Which catalint.json applies, through the real CLI: the nearest one up to the repository's
 * root, never one above it nor one in a shared folder (the temp folder, a home folder), and
 * the summary names it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { catalint, SOURCES } from './helpers';

describe('cli: configuration lookup', function () {
  this.timeout(60_000);

  let parent: string;
  let ws: string;
  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'catalint-lookup-'));
    ws = path.join(parent, 'project');
    fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'src', 'a.ts'), SOURCES.personalUnconsented);
    // Above the project: a configuration that would turn every finding off.
    fs.writeFileSync(path.join(parent, 'catalint.json'), JSON.stringify({ severity: { personal: 'off', telemetry: 'off' } }));
  });
  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('ignores a catalint.json above the repository root, and says which configuration applied', () => {
    assert.equal(spawnSync('git', ['init', '-q', ws]).status, 0);
    const r = catalint(['.'], { cwd: ws });
    assert.match(r.stdout, /1 problem/);
    assert.match(r.stdout, /Configuration: the defaults \(no catalint\.json\)/);
  });

  it('ignores one in a shared folder (here the temp folder) outside any repository', () => {
    assert.match(catalint(['.'], { cwd: ws, env: { TMPDIR: parent } }).stdout, /1 problem/);
    // Near miss: outside a repository, a project's own catalint.json applies from a subfolder.
    fs.writeFileSync(path.join(ws, 'catalint.json'), JSON.stringify({ severity: { personal: 'off' } }));
    const r = catalint(['.'], { cwd: path.join(ws, 'src'), env: { TMPDIR: parent } });
    assert.match(r.stdout, /✔ No problems in 1 file/, r.stdout);
    assert.match(r.stdout, /Configuration: \.\.\/catalint\.json/);
  });

  it('applies the nearest one inside the repository, from a subfolder too (near miss)', () => {
    assert.equal(spawnSync('git', ['init', '-q', parent]).status, 0);
    for (const cwd of [ws, path.join(ws, 'src')]) {
      const r = catalint(['.'], { cwd });
      assert.match(r.stdout, /✔ No problems in 1 file/, r.stdout);
      assert.match(r.stdout, /Configuration: \.\.\/(\.\.\/)?catalint\.json/);
    }
  });
});
