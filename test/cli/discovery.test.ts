/**
 * Which files a run lints: languages by extension, .gitignore, catalint.json include/exclude,
 * node_modules, symbolic links (cycles, links out of the tree), explicit file arguments.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalint, jsonReport, SOURCES, workspace, writeFiles } from './helpers';

/** The files that got a finding (every test source below has one) plus skipped-file notes. */
function lintedFiles(cwd: string, args: string[] = []): string[] {
  const r = catalint(['--format', 'json', ...args], { cwd });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return [
    ...new Set(
      jsonReport(r)
        .findings.filter((f) => f.rule === 'consent-required')
        .map((f) => f.file),
    ),
  ];
}

const FLAGGED = SOURCES.telemetryUnconsented;

describe('cli discovery', function () {
  // Each case starts real processes, on a machine that may be busy.
  this.timeout(60_000);

  it('lints the files of every registered language, and nothing else', () => {
    const ws = workspace({
      'a.ts': FLAGGED,
      'b.tsx': FLAGGED,
      'c.mts': FLAGGED,
      'd.cts': FLAGGED,
      'e.js': FLAGGED,
      'e.jsx': FLAGGED,
      'e.mjs': FLAGGED,
      'e.cjs': FLAGGED,
      'f.md': FLAGGED,
      'g.ts.bak': FLAGGED,
      'h.json': FLAGGED,
      'i.prisma.txt': FLAGGED,
    });
    assert.deepEqual(lintedFiles(ws), ['a.ts', 'b.tsx', 'c.mts', 'd.cts', 'e.cjs', 'e.js', 'e.jsx', 'e.mjs']);
  });

  it('walks folders in a stable, sorted order', () => {
    const ws = workspace({ 'z/a.ts': FLAGGED, 'a/z.ts': FLAGGED, 'a/b/c.ts': FLAGGED, 'B.ts': FLAGGED, 'a.ts': FLAGGED });
    assert.deepEqual(lintedFiles(ws), ['B.ts', 'a.ts', 'a/b/c.ts', 'a/z.ts', 'z/a.ts']);
  });

  it('respects .gitignore files, nested ones and negations', () => {
    const ws = workspace({
      '.gitignore': 'build/\n*.gen.ts\n!keep.gen.ts\n',
      'build/out.ts': FLAGGED,
      'src/a.gen.ts': FLAGGED,
      'src/keep.gen.ts': FLAGGED,
      'src/.gitignore': 'local.ts\n',
      'src/local.ts': FLAGGED,
      'other/local.ts': FLAGGED,
      // Near-misses: names that only look like ignored ones.
      'build.ts': FLAGGED,
      'src/builder/x.ts': FLAGGED,
    });
    assert.deepEqual(lintedFiles(ws), ['build.ts', 'other/local.ts', 'src/builder/x.ts', 'src/keep.gen.ts']);
  });

  it('applies the .gitignore of the repository above the scanned folder', () => {
    const ws = workspace({ '.gitignore': 'secret/\n', 'pkg/secret/a.ts': FLAGGED, 'pkg/public/a.ts': FLAGGED });
    fs.mkdirSync(path.join(ws, '.git'));
    assert.deepEqual(lintedFiles(path.join(ws, 'pkg')), ['public/a.ts']);
    // Near-miss: a repository of its own (a nested clone) answers to no .gitignore above it.
    fs.mkdirSync(path.join(ws, 'pkg', '.git'));
    assert.deepEqual(lintedFiles(path.join(ws, 'pkg')), ['public/a.ts', 'secret/a.ts']);
  });

  it('lints a file named on the command line even when .gitignore would skip it', () => {
    const ws = workspace({ '.gitignore': 'build/\n', 'build/out.ts': FLAGGED, 'a.ts': FLAGGED });
    assert.deepEqual(lintedFiles(ws, ['build/out.ts']), ['build/out.ts']);
    assert.deepEqual(lintedFiles(ws, ['.']), ['a.ts']);
  });

  it('says so when a named file is not a language it reads, and goes on', () => {
    const ws = workspace({ 'notes.md': '# notes\n', 'a.ts': FLAGGED });
    const r = catalint(['notes.md', 'a.ts'], { cwd: ws });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /notes\.md: not a file Catalint reads/);
  });

  it('skips node_modules, .git and .yarn wherever they are (near-miss: similar names are linted)', () => {
    const ws = workspace({
      'node_modules/lib/index.ts': FLAGGED,
      'packages/app/node_modules/dep/x.ts': FLAGGED,
      '.git/hooks/x.ts': FLAGGED,
      // Yarn's own bundle and plugins, committed and re-included by .gitignore as Yarn advises.
      '.yarn/releases/yarn-4.1.0.cjs': FLAGGED,
      '.yarn/plugins/@yarnpkg/plugin-x.cjs': FLAGGED,
      '.gitignore': '.yarn/*\n!.yarn/releases\n!.yarn/plugins\n',
      'packages/app/src/a.ts': FLAGGED,
      'node_modules_patches/a.ts': FLAGGED,
      '.github/scripts/a.ts': FLAGGED,
      'yarn/scripts/a.ts': FLAGGED,
    });
    assert.deepEqual(lintedFiles(ws), ['.github/scripts/a.ts', 'node_modules_patches/a.ts', 'packages/app/src/a.ts', 'yarn/scripts/a.ts']);
  });

  it('applies catalint.json include and exclude globs, relative to the catalint.json', () => {
    const ws = workspace({
      'catalint.json': JSON.stringify({ include: ['src/**'], exclude: ['src/legacy/**', '**/*.test.ts'] }),
      'src/a.ts': FLAGGED,
      'src/a.test.ts': FLAGGED,
      'src/legacy/old.ts': FLAGGED,
      'src/legacy-tools/new.ts': FLAGGED,
      'scripts/build.ts': FLAGGED,
    });
    assert.deepEqual(lintedFiles(ws), ['src/a.ts', 'src/legacy-tools/new.ts']);
    // The same globs apply when the run starts elsewhere.
    assert.deepEqual(
      lintedFiles(path.dirname(ws), [path.basename(ws)]).map((f) => f.split('/').slice(1).join('/')),
      ['src/a.ts', 'src/legacy-tools/new.ts'],
    );
  });

  describe('symbolic links', () => {
    before(function () {
      if (process.platform === 'win32') this.skip();
    });

    it('survives link cycles and lints each file once', () => {
      const ws = workspace({ 'src/a.ts': FLAGGED, 'src/deep/b.ts': FLAGGED });
      fs.symlinkSync('..', path.join(ws, 'src', 'deep', 'up'));
      fs.symlinkSync('.', path.join(ws, 'src', 'self'));
      fs.symlinkSync(path.join(ws, 'src'), path.join(ws, 'src', 'deep', 'loop'));
      const r = catalint(['--format', 'json'], { cwd: ws });
      assert.equal(r.status, 1, r.stderr);
      const uses = jsonReport(r)
        .findings.filter((f) => f.rule === 'consent-required')
        .map((f) => f.file);
      assert.deepEqual(uses, ['src/a.ts', 'src/deep/b.ts']);
    });

    it('follows no link out of the scanned folder, and says so', () => {
      const ws = workspace({ 'outside/secret/a.ts': FLAGGED, 'outside/b.ts': FLAGGED, 'inside/own.ts': FLAGGED });
      fs.symlinkSync(path.join(ws, 'outside', 'secret'), path.join(ws, 'inside', 'linked-dir'));
      fs.symlinkSync(path.join('..', 'outside', 'b.ts'), path.join(ws, 'inside', 'linked-file.ts'));
      const r = catalint(['--format', 'json', 'inside'], { cwd: ws });
      const report = jsonReport(r);
      const uses = report.findings.filter((f) => f.rule === 'consent-required').map((f) => f.file);
      assert.deepEqual(uses, ['inside/own.ts']);
      const skipped = report.findings.filter((f) => f.rule === 'skipped-file');
      assert.deepEqual(
        skipped.map((f) => f.file),
        ['inside/linked-dir', 'inside/linked-file.ts'],
      );
      assert.ok(skipped.every((f) => /symbolic link/.test(f.reason ?? '')));
      assert.match(catalint(['inside'], { cwd: ws }).stdout, /Skipped 2 files:\n\s+inside\/linked-dir: symbolic link/);

      // Near-miss: scanning the folder that holds both, the targets are linted, once each.
      const all = jsonReport(catalint(['--format', 'json'], { cwd: ws })).findings.filter((f) => f.rule === 'consent-required');
      assert.deepEqual(
        all.map((f) => f.file),
        ['inside/own.ts', 'outside/b.ts', 'outside/secret/a.ts'],
      );
    });

    it('follows a link that stays inside the tree, reporting the real path once', () => {
      const ws = workspace({ 'real/a.ts': FLAGGED });
      fs.symlinkSync('real', path.join(ws, 'alias'));
      fs.symlinkSync(path.join('real', 'a.ts'), path.join(ws, 'alias-file.ts'));
      assert.deepEqual(lintedFiles(ws), ['real/a.ts']);
      // A link to a file that is not otherwise scanned is linted under its own name.
      writeFiles(ws, { 'ignored/b.ts': FLAGGED, '.gitignore': 'ignored/\n' });
      fs.symlinkSync(path.join('ignored', 'b.ts'), path.join(ws, 'b-link.ts'));
      assert.deepEqual(lintedFiles(ws), ['b-link.ts', 'real/a.ts']);
    });

    it('ignores dangling links', () => {
      const ws = workspace({ 'a.ts': FLAGGED });
      fs.symlinkSync('nowhere.ts', path.join(ws, 'dangling.ts'));
      const r = catalint(['--format', 'json'], { cwd: ws });
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual(jsonReport(r).failures, []);
    });
  });
});

describe('cli skipped files', function () {
  this.timeout(60_000);

  const minified = 'export const a = (vehicle: { mileage: number }) => vehicle.mileage;' + ' '.repeat(30_000) + '\n';

  it('names a file the engine did not analyse in the summary, even with --quiet', () => {
    const ws = workspace({ 'app.min.ts': minified, 'a.ts': SOURCES.clean });
    for (const args of [[], ['--quiet']]) {
      const r = catalint(args, { cwd: ws });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /Skipped 1 file:\n\s+app\.min\.ts: .*minified/);
    }
    const json = jsonReport(catalint(['--format', 'json'], { cwd: ws }));
    assert.deepEqual(
      json.findings.map((f) => `${f.file} ${f.rule}`),
      ['app.min.ts skipped-file'],
    );
  });

  it('does not read a file far over the size limit, and says so', () => {
    const ws = workspace({ 'a.ts': SOURCES.clean });
    const line = '// ' + 'x'.repeat(76) + '\n';
    fs.writeFileSync(path.join(ws, 'huge.ts'), line.repeat(Math.ceil((6 * 1024 * 1024 + 1) / line.length)));
    // Near-miss: a file just over the limit is read, and the engine skips it.
    fs.writeFileSync(path.join(ws, 'large.ts'), line.repeat(Math.ceil((2.5 * 1024 * 1024) / line.length)));
    const r = catalint(['--format', 'json'], { cwd: ws });
    assert.equal(r.status, 0, r.stderr);
    const skipped = jsonReport(r).findings.filter((f) => f.rule === 'skipped-file');
    assert.deepEqual(
      skipped.map((f) => f.file),
      ['huge.ts', 'large.ts'],
    );
    assert.match(skipped[0].reason ?? '', /larger than 2048 KiB \(\d+ KiB on disk\)/);
    assert.match(skipped[1].reason ?? '', /larger than 2048 KiB/);
  });

  it('does not mention files that were analysed (near-miss)', () => {
    const ws = workspace({ 'app.ts': minified.replace(/ {30000}/, '\n'.repeat(10)), 'a.ts': SOURCES.clean });
    const r = catalint([], { cwd: ws });
    assert.doesNotMatch(r.stdout, /Skipped/);
    assert.equal(r.status, 1);
  });
});
