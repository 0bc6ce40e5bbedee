/**
 * `--cache`: a rerun reuses the findings of what did not change and re-analyses exactly what
 * did: a file's content, the configuration, the catalog. CATALINT_TRACE=cache names each
 * file's hit or miss on stderr, which is what these tests read.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalint, SOURCES, workspace, type CliResult } from './helpers';

const ENV = { CATALINT_TRACE: 'cache' };

function cached(ws: string, extra: readonly string[] = []): CliResult {
  return catalint(['--format', 'json', '--cache', ...extra, 'src'], { cwd: ws, env: ENV });
}

/** Files by what the cache did with them: `{ hit: [...], miss: [...] }`. */
function traceOf(r: CliResult): { hit: string[]; miss: string[] } {
  const out = { hit: [] as string[], miss: [] as string[] };
  for (const m of r.stderr.matchAll(/^catalint: cache: (hit|miss) (.+)$/gm)) out[m[1] as 'hit' | 'miss'].push(m[2]);
  out.hit.sort();
  out.miss.sort();
  return out;
}

/** A custom catalog that extends the built-in one with one term, and a catalint.json naming it. */
const CATALOG = (term: string): string =>
  JSON.stringify({
    extends: 'builtin',
    categories: [{ id: 'identification.loyalty-tier', group: 'identification', label: { en: 'Loyalty tier' }, strong: [term] }],
  });

describe('cli --cache', function () {
  // Each case starts several real processes, on a machine that may be busy.
  this.timeout(120_000);

  it('a warm run reads every file from the cache and prints the same report', () => {
    const ws = workspace({ 'src/a.ts': SOURCES.personalUnconsented, 'src/b.ts': SOURCES.telemetryUnconsented, 'src/c.ts': SOURCES.clean });
    const cold = cached(ws);
    assert.equal(cold.status, 1, cold.stderr);
    assert.deepEqual(traceOf(cold), { hit: [], miss: ['src/a.ts', 'src/b.ts', 'src/c.ts'] });
    assert.ok(fs.existsSync(path.join(ws, '.catalintcache')), 'the default location is .catalintcache in the working directory');
    const warm = cached(ws);
    assert.deepEqual(traceOf(warm), { hit: ['src/a.ts', 'src/b.ts', 'src/c.ts'], miss: [] });
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(warm.status, cold.status);
    // Near-miss: without --cache nothing is read from it, and the report is the same.
    const plain = catalint(['--format', 'json', 'src'], { cwd: ws, env: ENV });
    assert.equal(plain.stdout, cold.stdout);
    assert.doesNotMatch(plain.stderr, /cache:/);
  });

  it('an edited file is analysed again, even at the same size; a touched one is not', () => {
    const ws = workspace({
      'src/a.ts': SOURCES.personalUnconsented,
      'src/b.ts': SOURCES.personalUnconsented.replace('f(', 'g('),
      'src/c.ts': SOURCES.clean,
    });
    cached(ws);
    const a = path.join(ws, 'src', 'a.ts');
    // `email` -> `phone`: same length, so only the content can tell.
    const edited = SOURCES.personalUnconsented.replaceAll('email', 'phone');
    assert.equal(edited.length, SOURCES.personalUnconsented.length);
    fs.writeFileSync(a, edited);
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(ws, 'src', 'b.ts'), later, later); // touched, content unchanged
    const r = cached(ws);
    assert.deepEqual(traceOf(r), { hit: ['src/b.ts', 'src/c.ts'], miss: ['src/a.ts'] });
    const names = (JSON.parse(r.stdout) as { findings: { file: string; name: string }[] }).findings.map((f) => `${f.file} ${f.name}`);
    assert.ok(names.includes('src/a.ts phone'), names.join('\n'));
    assert.ok(!names.includes('src/a.ts email'), 'the old finding is gone');
    // And the new content is what is cached now.
    assert.deepEqual(traceOf(cached(ws)), { hit: ['src/a.ts', 'src/b.ts', 'src/c.ts'], miss: [] });
  });

  it('a changed catalint.json or catalog invalidates every file it applies to, and only those', () => {
    const ws = workspace({
      'src/a.ts': 'export const tier = (member: { loyaltyTier: string }) => member.loyaltyTier;\n',
      'src/b.ts': SOURCES.clean,
      'src/other/catalint.json': '{}',
      'src/other/c.ts': SOURCES.clean,
      'catalint.json': JSON.stringify({ catalog: 'team.catalog.json' }),
      'team.catalog.json': CATALOG('loyalty tier'),
    });
    const cold = cached(ws);
    assert.equal(cold.status, 0, cold.stderr);
    assert.match(cold.stdout, /"name": "loyaltyTier"/);

    fs.writeFileSync(path.join(ws, 'team.catalog.json'), CATALOG('membership level'));
    const afterCatalog = cached(ws);
    assert.deepEqual(traceOf(afterCatalog), { hit: ['src/other/c.ts'], miss: ['src/a.ts', 'src/b.ts'] });
    assert.doesNotMatch(afterCatalog.stdout, /loyaltyTier/, 'no stale finding from the old catalog');

    fs.writeFileSync(path.join(ws, 'catalint.json'), JSON.stringify({ catalog: 'team.catalog.json', severity: { personal: 'error' } }));
    assert.deepEqual(traceOf(cached(ws)), { hit: ['src/other/c.ts'], miss: ['src/a.ts', 'src/b.ts'] });

    // Near-miss: rewriting the same configuration (new time, same content) keeps every entry.
    const config = fs.readFileSync(path.join(ws, 'catalint.json'), 'utf8');
    fs.writeFileSync(path.join(ws, 'catalint.json'), config);
    assert.deepEqual(traceOf(cached(ws)), { hit: ['src/a.ts', 'src/b.ts', 'src/other/c.ts'], miss: [] });
  });

  it('a corrupt or foreign cache file is ignored and rebuilt, never a crash', () => {
    const ws = workspace({ 'src/a.ts': SOURCES.personalUnconsented });
    const expected = catalint(['--format', 'json', 'src'], { cwd: ws }).stdout;
    const cacheFile = path.join(ws, '.catalintcache');
    const garbage = [
      '{"format":"catalint-cache/1","tool":',
      '[1,2,3]',
      '\u0000\u00ff',
      'catalint-cache/2\n',
      'catalint-cache/2\nnot a checksum\n{}\n',
      JSON.stringify({ format: 'catalint-cache/1', tool: 'x', files: { [path.join(ws, 'src', 'a.ts')]: { findings: 'no' } } }),
    ];
    for (const text of garbage) {
      fs.writeFileSync(cacheFile, text);
      const r = cached(ws);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, expected, text);
      assert.deepEqual(traceOf(r), { hit: [], miss: ['src/a.ts'] }, text);
      assert.deepEqual(traceOf(cached(ws)), { hit: ['src/a.ts'], miss: [] }, 'rebuilt');
    }
    // A finding edited in the cache (same length: only the checksum can tell) is not trusted,
    // nor is an edited count, which would change the exit code.
    const written = fs.readFileSync(cacheFile, 'latin1');
    for (const [from, to] of [
      ['"name": "email"', '"name": "EMAIL"'],
      ['"src/a.ts",2,0,1,', '"src/a.ts",2,1,0,'],
    ]) {
      assert.ok(written.includes(from), `the cache holds ${from}`);
      fs.writeFileSync(cacheFile, written.replace(from, to), 'latin1');
      const r = cached(ws);
      assert.deepEqual(traceOf(r), { hit: [], miss: ['src/a.ts'] }, to);
      assert.equal(r.stdout, expected);
      assert.equal(r.status, 0);
    }
  });

  it('a rerun with nothing changed leaves the cache file as it was', () => {
    const ws = workspace({ 'src/a.ts': SOURCES.personalUnconsented, 'src/b.ts': SOURCES.clean });
    cached(ws);
    const cacheFile = path.join(ws, '.catalintcache');
    const before = fs.statSync(cacheFile);
    const content = fs.readFileSync(cacheFile);
    assert.deepEqual(traceOf(cached(ws)), { hit: ['src/a.ts', 'src/b.ts'], miss: [] });
    const after = fs.statSync(cacheFile);
    assert.equal(after.ino, before.ino, 'not replaced');
    assert.equal(after.mtimeMs, before.mtimeMs, 'not written');
    // Near-miss: a file fewer is a change, and is written.
    fs.rmSync(path.join(ws, 'src', 'b.ts'));
    assert.deepEqual(traceOf(cached(ws)), { hit: ['src/a.ts'], miss: [] });
    assert.notDeepEqual(fs.readFileSync(cacheFile), content);
  });

  it('a run from another folder reuses the entries and shows paths from its own folder', () => {
    // With a catalint.json the configuration (and its root) is the same from either folder.
    const ws = workspace({ 'src/a.ts': SOURCES.personalUnconsented, 'catalint.json': '{}' });
    const location = path.join(ws, 'lint.cache');
    catalint(['--format', 'json', '--cache', '--cache-location', location, 'src'], { cwd: ws, env: ENV });
    const inside = catalint(['--format', 'json', '--cache', '--cache-location', location, '.'], { cwd: path.join(ws, 'src'), env: ENV });
    assert.deepEqual(traceOf(inside), { hit: ['a.ts'], miss: [] });
    const plain = catalint(['--format', 'json', '.'], { cwd: path.join(ws, 'src') });
    assert.equal(inside.stdout, plain.stdout);
    assert.match(inside.stdout, /"file": "a\.ts"/);
  });

  it('a cache written in one clone is used in another, as a CI cache action restores it (near miss: under another key it is not)', () => {
    const files = {
      'src/a.ts': SOURCES.personalUnconsented,
      'src/b.ts': SOURCES.telemetryUnconsented,
      'catalint.json': JSON.stringify({ consent: { 'src/b.ts': ['connected-drive'] } }),
    };
    const first = workspace(files);
    const env = { ...ENV, CATALINT_CACHE_KEY: 'from-a-ci-secret' };
    const cold = catalint(['--format', 'json', '--cache', 'src'], { cwd: first, env });
    assert.deepEqual(traceOf(cold).hit, []);
    // Another clone, at another path, its files written anew (new times), the cache restored into it.
    const second = workspace(files);
    fs.copyFileSync(path.join(first, '.catalintcache'), path.join(second, '.catalintcache'));
    fs.writeFileSync(path.join(second, 'src/b.ts'), SOURCES.telemetryUnconsented + '\n');
    const restored = catalint(['--format', 'json', '--cache', 'src'], { cwd: second, env });
    assert.deepEqual(traceOf(restored), { hit: ['src/a.ts'], miss: ['src/b.ts'] });
    assert.equal(restored.stdout, catalint(['--format', 'json', 'src'], { cwd: second }).stdout);

    fs.copyFileSync(path.join(first, '.catalintcache'), path.join(second, '.catalintcache'));
    const otherKey = catalint(['--format', 'json', '--cache', 'src'], { cwd: second, env: { ...ENV, CATALINT_CACHE_KEY: 'another' } });
    assert.deepEqual(traceOf(otherKey).hit, []);
  });

  it('--cache-location puts the cache where it says, as a file or in a folder', () => {
    const ws = workspace({ 'src/a.ts': SOURCES.personalUnconsented, 'tmp/.keep': '' });
    cached(ws, ['--cache-location', 'build/lint-cache.json']);
    assert.ok(fs.existsSync(path.join(ws, 'build', 'lint-cache.json')));
    assert.deepEqual(traceOf(cached(ws, ['--cache-location', 'build/lint-cache.json'])), { hit: ['src/a.ts'], miss: [] });
    cached(ws, ['--cache-location', 'tmp']);
    assert.ok(fs.existsSync(path.join(ws, 'tmp', '.catalintcache')));
    assert.ok(!fs.existsSync(path.join(ws, '.catalintcache')), 'nothing at the default location');
    assert.deepEqual(fs.readdirSync(path.join(ws, 'build')), ['lint-cache.json'], 'no temporary file left');
  });
});
