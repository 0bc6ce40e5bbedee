#!/usr/bin/env node
// Fetches the real corpus: code no one on this project wrote, reproducible from the npm
// registry alone. Each package is pinned by version and by the registry's integrity hash, so
// a fresh machine gets byte-identical files or a clear refusal.
//
//   node bench/corpus.mjs          fetch what is missing, then print the manifest
//   node bench/corpus.mjs --force  fetch everything again
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isSql, isTypeScript, listFiles, makeRepositoryRoot, mb, totalBytes } from './lib/files.mjs';
import { npmCacheDir, realCorpusDir } from './lib/paths.mjs';

/**
 * Packages that ship their TypeScript sources or SQL files, checked with
 * `npm pack --dry-run --json`. `take` picks, inside the unpacked package, what the corpus keeps.
 */
export const PACKAGES = [
  {
    name: 'effect',
    version: '4.1.0',
    kind: 'ts',
    integrity: 'sha512-lGx2MJJyrXA8RZb2UpQ/0Nkb5Utaimby7oD92+18noBxLPE85IFOvptdzau8dvcxAOwfwHo9iqapbKeFzqQM/Q==',
  },
  {
    name: 'zod',
    version: '4.6.7',
    kind: 'ts',
    integrity: 'sha512-g8W2D2kU6a8untc053fX1uVBKzM7yqAxW/3zwk83+6RyF2+SKOuV+c0wBDhUwzV1PaGapmZH+rmcUzPf+3CGwg==',
  },
  {
    name: 'rxjs',
    version: '7.8.2',
    kind: 'ts',
    integrity: 'sha512-dhKf903U/PQZY6boNNtAGdWbG85WAbjT/1xYoZIC7FAY0yWapOBQVsVrDl58W86//e1VpMNBtRV4MaXfdMySFA==',
  },
  {
    // Authentication client: users, e-mails, phones, sessions — the kind of data Catalint is for.
    name: '@supabase/auth-js',
    version: '2.119.1',
    kind: 'ts',
    integrity: 'sha512-EE7nQBWvNbfRPTDaPuDlpKqa+be+HFm29iuOFeoWSH+kWGdkTb1dif8Beu70TOaZyPauLuP8++ksbrlxbK4vyA==',
  },
  {
    // Ships its PostgreSQL migrations as .sql files.
    name: 'graphile-worker',
    version: '0.18.0',
    kind: 'sql',
    integrity: 'sha512-WDpuFp7v6TUoTeA5k9YFHfopaomZkyIy90PvRWMuM5BV0igRnNScw82HI6IehAiaI7wWpS56IWloLZ8ugZ2ceA==',
  },
];

const MIN_TS_BYTES = 10e6;

const take = { ts: (rel) => rel.startsWith('src/') && isTypeScript(rel), sql: isSql };
const folderName = (pkg) => `${pkg.name.replace('/', '__')}@${pkg.version}`;

function sha512(file) {
  return 'sha512-' + createHash('sha512').update(readFileSync(file)).digest('base64');
}

/** Downloads, verifies and unpacks one package; returns the folder holding `package/`. */
function unpack(pkg, force) {
  const dir = join(npmCacheDir, folderName(pkg));
  const done = join(dir, '.complete');
  if (!force && existsSync(done)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const out = execFileSync('npm', ['pack', `${pkg.name}@${pkg.version}`, '--json', '--pack-destination', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tarball = join(dir, JSON.parse(out)[0].filename);
  const actual = sha512(tarball);
  if (actual !== pkg.integrity) {
    throw new Error(`${pkg.name}@${pkg.version}: integrity ${actual} does not match the pinned ${pkg.integrity}`);
  }
  execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  rmSync(tarball);
  writeFileSync(done, pkg.integrity + '\n');
  return dir;
}

/** Copies the kept files of one package into its corpus, under `<name>@<version>/`. */
function collect(pkg, unpacked) {
  const src = join(unpacked, 'package');
  const files = listFiles(src, () => true).filter((f) => take[pkg.kind](f.rel.split('\\').join('/')));
  const target = join(realCorpusDir(pkg.kind), folderName(pkg));
  rmSync(target, { recursive: true, force: true });
  for (const f of files) {
    const to = join(target, f.rel);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(f.path, to);
  }
  return { package: `${pkg.name}@${pkg.version}`, kind: pkg.kind, files: files.length, bytes: totalBytes(files) };
}

export function ensureCorpus({ force = false, quiet = false } = {}) {
  const manifest = PACKAGES.map((pkg) => collect(pkg, unpack(pkg, force)));
  for (const kind of ['ts', 'sql']) makeRepositoryRoot(realCorpusDir(kind));
  const tsBytes = manifest.filter((m) => m.kind === 'ts').reduce((s, m) => s + m.bytes, 0);
  if (tsBytes < MIN_TS_BYTES) {
    throw new Error(`the real TypeScript corpus holds ${mb(tsBytes).toFixed(1)} MB, under the 10 MB the bench needs`);
  }
  if (!quiet) printManifest(manifest);
  return manifest;
}

function printManifest(manifest) {
  console.log('package                          kind  files        MB');
  for (const m of manifest) {
    console.log(`${m.package.padEnd(32)} ${m.kind.padEnd(4)} ${String(m.files).padStart(6)} ${mb(m.bytes).toFixed(2).padStart(9)}`);
  }
  for (const kind of ['ts', 'sql']) {
    const rows = manifest.filter((m) => m.kind === kind);
    const files = rows.reduce((s, m) => s + m.files, 0);
    const bytes = rows.reduce((s, m) => s + m.bytes, 0);
    console.log(`total ${kind.padEnd(4)} -> ${realCorpusDir(kind)}: ${files} files, ${mb(bytes).toFixed(2)} MB`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    ensureCorpus({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error(`corpus: ${error.message}`);
    process.exit(1);
  }
}
