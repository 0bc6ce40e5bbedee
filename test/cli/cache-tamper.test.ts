/**
 * `--cache` against a cache file edited on purpose: its checksum can be recomputed by anyone,
 * its entries' HMACs only with the key (CATALINT_CACHE_KEY, else the user's key file). Every
 * case runs with its own XDG_CACHE_HOME and HOME, never the real user's folders.
 * CATALINT_TRACE=cache names each file's hit or miss on stderr.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { catalint, jsonReport, SOURCES, workspace, type CliResult } from './helpers';

/** A user's home and cache folder of its own, as environment variables. */
function user(): { home: string; env: NodeJS.ProcessEnv } {
  const home = workspace({});
  return { home, env: { HOME: home, XDG_CACHE_HOME: path.join(home, 'xdg-cache'), CATALINT_CACHE_KEY: '', CATALINT_TRACE: 'cache' } };
}

function cached(ws: string, env: NodeJS.ProcessEnv): CliResult {
  return catalint(['--format', 'json', '--cache', 'src'], { cwd: ws, env });
}

function traceOf(r: CliResult): { hit: string[]; miss: string[] } {
  const out = { hit: [] as string[], miss: [] as string[] };
  for (const m of r.stderr.matchAll(/^catalint: cache: (hit|miss) (.+)$/gm)) out[m[1] as 'hit' | 'miss'].push(m[2]);
  out.hit.sort();
  out.miss.sort();
  return out;
}

/** The checksum line as the program writes it: anyone can compute it. */
function checksum(rest: Buffer): string {
  const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  return crc32 ? `crc32:${crc32(rest, 0)}` : `sha256:${createHash('sha256').update(rest).digest('base64')}`;
}

type Stored = [string, string, number, string, number, number, number, number, ...unknown[]];

/**
 * What an attacker does: parse the format, empty one file's findings (text and counts), fix the
 * lengths and recompute the checksum. Everything but the key's HMAC is as the program would write it.
 */
function hideFindings(cacheFile: string, fileEnding: string): void {
  const data = fs.readFileSync(cacheFile);
  const magicEnd = data.indexOf(0x0a) + 1;
  const sumEnd = data.indexOf(0x0a, magicEnd);
  const headerEnd = data.indexOf(0x0a, sumEnd + 1);
  const header = JSON.parse(data.toString('utf8', sumEnd + 1, headerEnd)) as { entries: Stored[] };
  let offset = headerEnd + 1;
  const texts: Buffer[] = [];
  let edited = 0;
  for (const entry of header.entries) {
    const text = data.subarray(offset, offset + entry[7]);
    offset += entry[7];
    if (entry[0].endsWith(fileEnding)) {
      assert.ok(entry[4] > 0, 'the entry had findings to hide');
      entry[4] = entry[5] = entry[6] = entry[7] = 0;
      texts.push(Buffer.alloc(0));
      edited++;
    } else texts.push(text);
  }
  assert.equal(edited, 1);
  const rest = Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), ...texts]);
  fs.writeFileSync(cacheFile, Buffer.concat([data.subarray(0, magicEnd), Buffer.from(checksum(rest) + '\n'), rest]));
}

describe('cli --cache, tampered', function () {
  this.timeout(120_000);

  it('an entry edited to hold no findings, with its checksum recomputed, is not trusted', () => {
    const { env } = user();
    const ws = workspace({ 'src/a.ts': SOURCES.personalUnconsented, 'src/b.ts': SOURCES.telemetryUnconsented });
    const cold = cached(ws, env);
    assert.equal(cold.status, 1, cold.stderr);
    const cacheFile = path.join(ws, '.catalintcache');
    hideFindings(cacheFile, 'b.ts');
    const r = cached(ws, env);
    assert.deepEqual(traceOf(r), { hit: ['src/a.ts'], miss: ['src/b.ts'] }, r.stderr);
    assert.match(r.stderr, /entry fails its HMAC/);
    assert.equal(r.stdout, cold.stdout, 'the hidden finding is reported');
    assert.equal(r.status, 1);
    assert.ok(jsonReport(r).findings.some((f) => f.file === 'src/b.ts' && f.name === 'mileage'));
    // The entry is rewritten: the next run trusts it again.
    assert.deepEqual(traceOf(cached(ws, env)), { hit: ['src/a.ts', 'src/b.ts'], miss: [] });
    // The same edit under CATALINT_CACHE_KEY is refused as well.
    const keyed = { ...env, CATALINT_CACHE_KEY: 'ci-secret' };
    cached(ws, keyed);
    hideFindings(cacheFile, 'a.ts');
    const k = cached(ws, keyed);
    assert.deepEqual(traceOf(k), { hit: ['src/b.ts'], miss: ['src/a.ts'] });
    assert.equal(k.stdout, cold.stdout);
  });

  it('an untouched cache is used: no file is linted again and the file is not rewritten', () => {
    const { env } = user();
    const ws = workspace({ 'src/a.ts': SOURCES.personalUnconsented, 'src/b.ts': SOURCES.clean });
    const cold = cached(ws, env);
    const cacheFile = path.join(ws, '.catalintcache');
    const before = fs.statSync(cacheFile);
    const warm = cached(ws, env);
    assert.deepEqual(traceOf(warm), { hit: ['src/a.ts', 'src/b.ts'], miss: [] });
    assert.doesNotMatch(warm.stderr, /HMAC|another key|not used/);
    assert.equal(warm.stdout, cold.stdout);
    const after = fs.statSync(cacheFile);
    assert.equal(after.ino, before.ino);
    assert.equal(after.mtimeMs, before.mtimeMs);
    // Near-miss of the attack: rewriting the file byte for byte changes nothing.
    fs.writeFileSync(cacheFile, fs.readFileSync(cacheFile));
    assert.deepEqual(traceOf(cached(ws, env)), { hit: ['src/a.ts', 'src/b.ts'], miss: [] });
    // Without the trace, stderr says nothing.
    const quiet = catalint(['--format', 'json', '--cache', 'src'], { cwd: ws, env: { ...env, CATALINT_TRACE: '' } });
    assert.equal(quiet.stderr, '');
  });

  it('a cache written under one key and read under another is a cold run, then rewritten', () => {
    const { env } = user();
    const ws = workspace({ 'src/a.ts': SOURCES.personalUnconsented, 'src/b.ts': SOURCES.telemetryUnconsented });
    const a = cached(ws, { ...env, CATALINT_CACHE_KEY: 'a' });
    assert.equal(a.status, 1, a.stderr);
    const b = cached(ws, { ...env, CATALINT_CACHE_KEY: 'b' });
    assert.equal(b.status, 1, b.stderr);
    assert.equal(b.stdout, a.stdout);
    assert.deepEqual(traceOf(b), { hit: [], miss: ['src/a.ts', 'src/b.ts'] });
    assert.match(b.stderr, /written under another key/);
    assert.doesNotMatch(b.stderr, /error|cannot/i);
    assert.deepEqual(traceOf(cached(ws, { ...env, CATALINT_CACHE_KEY: 'b' })), { hit: ['src/a.ts', 'src/b.ts'], miss: [] });
    // Portable: the same key in another clone (another folder, another user's cache folder) reads it.
    const other = user();
    const clone = workspace({ 'src/a.ts': SOURCES.personalUnconsented, 'src/b.ts': SOURCES.telemetryUnconsented });
    fs.copyFileSync(path.join(ws, '.catalintcache'), path.join(clone, '.catalintcache'));
    const restored = cached(clone, { ...other.env, CATALINT_CACHE_KEY: 'b' });
    assert.equal(restored.stdout, a.stdout);
    assert.equal(restored.status, 1);
    assert.doesNotMatch(restored.stderr, /error|cannot/i);
    // And without any key set, the user's own key is another key: cold, same findings.
    const own = cached(ws, env);
    assert.deepEqual(traceOf(own), { hit: [], miss: ['src/a.ts', 'src/b.ts'] });
    assert.equal(own.stdout, a.stdout);
  });

  it('the user key is made once, mode 0600, in XDG_CACHE_HOME, else HOME/.cache', function () {
    if (process.platform === 'win32') this.skip();
    const { home, env } = user();
    const ws = workspace({ 'src/a.ts': SOURCES.personalUnconsented });
    cached(ws, env);
    const keyFile = path.join(home, 'xdg-cache', 'catalint', 'cache-key');
    const s = fs.statSync(keyFile);
    assert.equal(s.mode & 0o777, 0o600);
    const key = fs.readFileSync(keyFile);
    assert.deepEqual(traceOf(cached(ws, env)), { hit: ['src/a.ts'], miss: [] });
    assert.deepEqual(fs.readFileSync(keyFile), key, 'kept, not remade');
    assert.deepEqual(
      fs.readdirSync(path.dirname(keyFile)).filter((n) => n.startsWith('cache-key')),
      ['cache-key'],
      'no temporary file left',
    );

    // No XDG_CACHE_HOME: under HOME/.cache.
    const other = user();
    cached(ws, { ...other.env, XDG_CACHE_HOME: '' });
    const homeKey = path.join(other.home, '.cache', 'catalint', 'cache-key');
    assert.equal(fs.statSync(homeKey).mode & 0o777, 0o600);

    // A key others can read is not used: every file is linted, nothing is written, no error.
    fs.chmodSync(keyFile, 0o644);
    const before = fs.readFileSync(path.join(ws, '.catalintcache'));
    const r = cached(ws, env);
    assert.deepEqual(traceOf(r), { hit: [], miss: ['src/a.ts'] });
    assert.match(r.stderr, /not used: .*mode 0600/);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(fs.readFileSync(path.join(ws, '.catalintcache')), before);
    const quiet = catalint(['--format', 'json', '--cache', 'src'], { cwd: ws, env: { ...env, CATALINT_TRACE: '' } });
    assert.equal(quiet.stderr, '', 'quiet without the trace');
    assert.equal(quiet.stdout, r.stdout);
  });
});
