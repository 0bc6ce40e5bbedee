/**
 * `--changed-since` through the real CLI on real git repositories made in temporary folders:
 * only what a change can have caused is reported, uncommitted edits count, a removed consent is
 * caught, a shallow clone or an unknown ref is said and never reads as "no problems", and the
 * repository's own commands (fsmonitor, clean filters) never run.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalint, git, jsonReport, workspace, writeFiles } from './helpers';

const A = [
  'export function f(customer: { email: string }) {',
  '  return customer.email;',
  '}',
  '',
  '// @consent connected-drive',
  'export function g(vehicle: { mileage: number }) {',
  '  return vehicle.mileage;',
  '}',
  '',
].join('\n');
const B = 'export const b = (vehicle: { mileage: number }) => vehicle.mileage;\n';
const C = 'export const c = (customer: { phone: string }) => customer.phone;\n';

/** A repository with `main` holding a.ts and b.ts, and a branch `feature` checked out. */
function repository(): string {
  const dir = workspace({ 'src/a.ts': A, 'src/b.ts': B });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  return dir;
}

function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/** Problems (errors and warnings) as `file:line name`. */
function problems(dir: string, args: string[] = ['--changed-since', 'main', '.']): string[] {
  const r = catalint(['-f', 'json', ...args], { cwd: dir });
  return jsonReport(r)
    .findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `${f.file}:${f.line} ${f.name}`);
}

describe('CLI: --changed-since (pull-request mode)', function () {
  this.timeout(60_000);

  it('reports the findings of new files and of changed lines only; says what it left out (near miss: a full run reports them all)', () => {
    const dir = repository();
    fs.writeFileSync(path.join(dir, 'src/a.ts'), A + 'export const h = (customer: { email: string }) => customer.email;\n');
    writeFiles(dir, { 'src/c.ts': C });
    commitAll(dir, 'feature');
    assert.deepEqual(problems(dir), ['src/a.ts:9 email', 'src/c.ts:1 phone']);
    const r = catalint(['--changed-since', 'main', '.'], { cwd: dir });
    assert.match(
      r.stdout,
      /Changed since main \(merge base [0-9a-f]{12}\): 1 unchanged file not linted, \d+ findings? on unchanged lines not shown/,
    );
    const json = jsonReport(catalint(['-f', 'json', '--changed-since', 'main', '.'], { cwd: dir })) as unknown as {
      changedSince: { ref: string; base: string; unchangedFiles: number };
    };
    assert.equal(json.changedSince.ref, 'main');
    assert.equal(json.changedSince.base, git(dir, 'merge-base', 'main', 'HEAD').trim());
    assert.equal(json.changedSince.unchangedFiles, 1);
    assert.deepEqual(problems(dir, ['.']), ['src/a.ts:2 email', 'src/a.ts:9 email', 'src/b.ts:1 mileage', 'src/c.ts:1 phone']);
  });

  it('counts uncommitted edits, and lines moved by an edit above them stay unreported', () => {
    const dir = repository();
    fs.writeFileSync(path.join(dir, 'src/a.ts'), '// a new comment\n\n' + A);
    assert.deepEqual(problems(dir), []);
    fs.writeFileSync(path.join(dir, 'src/b.ts'), B + 'export const b2 = (vehicle: { mileage: number }) => vehicle.mileage;\n');
    // The group (mileage) grew by one, and the one on the added line accounts for it.
    assert.deepEqual(problems(dir), ['src/b.ts:2 mileage']);
  });

  it('reports the uses a removed @consent leaves unconsented, though their lines did not change', () => {
    const dir = repository();
    fs.writeFileSync(path.join(dir, 'src/a.ts'), A.replace('// @consent connected-drive\n', ''));
    commitAll(dir, 'drop the consent');
    assert.deepEqual(problems(dir), ['src/a.ts:6 mileage']);
  });

  it('a renamed file with the same content is not new (near miss: an uncommitted copy is)', () => {
    const dir = repository();
    git(dir, 'mv', 'src/b.ts', 'src/renamed.ts');
    commitAll(dir, 'rename');
    assert.deepEqual(problems(dir), []);
    fs.copyFileSync(path.join(dir, 'src/renamed.ts'), path.join(dir, 'src/copy.ts'));
    assert.deepEqual(problems(dir), ['src/copy.ts:1 mileage']);
  });

  it('with nothing changed, says so and exits 0', () => {
    const dir = repository();
    const r = catalint(['--changed-since', 'main', '.'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /no file Catalint reads changed since main/);
  });

  it('never reads as "no problems" when git cannot tell: an unknown ref, no repository, a shallow clone', () => {
    const dir = repository();
    const unknown = catalint(['--changed-since', 'origin/nope', '.'], { cwd: dir });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /'origin\/nope' is not a commit of this clone.*fetch-depth: 0/);
    assert.equal(catalint(['--changed-since', '--cache', '.'], { cwd: dir }).status, 2);

    const plain = workspace({ 'a.ts': B });
    const none = catalint(['--changed-since', 'main', '.'], { cwd: plain });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /--changed-since needs a git repository/);

    fs.writeFileSync(path.join(dir, 'src/b.ts'), B + '// edit\n');
    commitAll(dir, 'edit');
    const shallow = workspace({});
    git(shallow, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${dir}`, 'clone');
    const clone = path.join(shallow, 'clone');
    const notFetched = catalint(['--changed-since', 'main', '.'], { cwd: clone });
    assert.equal(notFetched.status, 2);
    assert.match(notFetched.stderr, /'main' is not a commit of this clone/);
    git(clone, 'fetch', '-q', '--depth', '1', 'origin', 'main:main');
    const noBase = catalint(['--changed-since', 'main', '.'], { cwd: clone });
    assert.equal(noBase.status, 2);
    assert.match(noBase.stderr, /no common ancestor in this clone, which is shallow/);
    git(clone, 'fetch', '-q', '--unshallow', 'origin');
    assert.deepEqual(problems(clone), []);
  });

  it("never runs the repository's own commands (fsmonitor, clean filters, external diff)", () => {
    const dir = repository();
    const marker = path.join(dir, 'PWNED');
    git(dir, 'config', 'core.fsmonitor', `touch ${marker}`);
    git(dir, 'config', 'filter.evil.clean', `touch ${marker}; cat`);
    git(dir, 'config', 'diff.external', `touch ${marker}`);
    writeFiles(dir, { '.gitattributes': '*.ts filter=evil\n' });
    fs.writeFileSync(path.join(dir, 'src/a.ts'), A + 'export const h = (customer: { email: string }) => customer.email;\n');
    assert.deepEqual(problems(dir), ['src/a.ts:9 email']);
    assert.ok(!fs.existsSync(marker), 'a command of the repository ran');
    // Near miss: the trap is armed, as a git command that reads the working tree shows.
    git(dir, 'status', '--short');
    assert.ok(fs.existsSync(marker), 'git status ran none of them: the test proves nothing');
  });
});
