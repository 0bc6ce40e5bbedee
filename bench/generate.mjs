#!/usr/bin/env node
// Generates synthetic workspaces of a given size, deterministically: one seed for every size,
// so the 1 MB workspace is the first files of the 10 MB one, which is the start of the 100 MB
// one — the sizes differ in amount of work only, never in its mix.
//
//   node bench/generate.mjs [--sizes 1,10,100] [--force]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRandom, seedFrom } from './lib/prng.mjs';
import { makeRepositoryRoot } from './lib/files.mjs';
import { syntheticDir } from './lib/paths.mjs';
import { sqlFile } from './synthetic/sql.mjs';
import { typescriptFile } from './synthetic/typescript.mjs';
import { AREAS, NOUNS, SERVICES } from './synthetic/words.mjs';

/** Bump when the output changes, so cached workspaces are regenerated. */
const GENERATOR_VERSION = 1;
const SEED = 'catalint-bench';

const kebab = (s) => s.replace(/[A-Z]/g, (c, i) => (i ? '-' : '') + c.toLowerCase());

function* files() {
  const rnd = createRandom(seedFrom(SEED));
  for (let n = 1; ; n++) {
    const service = rnd.pick(SERVICES);
    const flavour = rnd.weighted({ customer: 30, telemetry: 25, unrelated: 30, schema: 5, queries: 10 });
    const lines = rnd.chance(0.02) ? rnd.int(1500, 3000) : rnd.int(20, 400);
    if (flavour === 'schema' || flavour === 'queries') {
      const folder = flavour === 'schema' ? 'migrations' : 'queries';
      yield { path: join('db', folder, `${String(n).padStart(5, '0')}_${service}.sql`), text: sqlFile(rnd, flavour, lines) };
    } else {
      const name = `${kebab(rnd.pick(NOUNS))}-${n}.ts`;
      yield { path: join('packages', service, 'src', rnd.pick(AREAS), name), text: typescriptFile(rnd, flavour, lines) };
    }
  }
}

/** Writes the workspace of `sizeMb` megabytes (1e6 bytes) unless an identical one is there. */
export function ensureWorkspace(sizeMb, { force = false } = {}) {
  const root = syntheticDir(sizeMb);
  const manifestPath = join(root, '.manifest.json');
  if (!force && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.generator === GENERATOR_VERSION) {
      makeRepositoryRoot(root);
      return manifest;
    }
  }
  rmSync(root, { recursive: true, force: true });
  const hash = createHash('sha256');
  const target = sizeMb * 1e6;
  const counts = { ts: 0, sql: 0 };
  const bytes = { ts: 0, sql: 0 };
  let total = 0;
  for (const file of files()) {
    if (total >= target) break;
    const to = join(root, file.path);
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, file.text);
    const size = Buffer.byteLength(file.text);
    const kind = file.path.endsWith('.sql') ? 'sql' : 'ts';
    counts[kind]++;
    bytes[kind] += size;
    total += size;
    hash.update(file.path).update('\0').update(file.text);
  }
  const manifest = { generator: GENERATOR_VERSION, seed: SEED, sizeMb, files: counts, bytes, sha256: hash.digest('hex') };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  makeRepositoryRoot(root);
  return manifest;
}

function parseSizes(argv) {
  const i = argv.indexOf('--sizes');
  const list = i >= 0 ? argv[i + 1] : '1,10,100';
  return list
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const force = process.argv.includes('--force');
  for (const size of parseSizes(process.argv)) {
    const m = ensureWorkspace(size, { force });
    console.log(
      `${syntheticDir(size)}: ${m.files.ts} .ts (${(m.bytes.ts / 1e6).toFixed(2)} MB), ` +
        `${m.files.sql} .sql (${(m.bytes.sql / 1e6).toFixed(2)} MB), sha256 ${m.sha256.slice(0, 16)}`,
    );
  }
}
