// Where the bench finds the repository and keeps what it fetches or generates. The cache
// folder is git-ignored: nothing here is ever committed.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepoRoot(start) {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

/** `BENCH_CACHE` moves the cache (e.g. outside the repository, away from its .gitignore). */
export const cacheDir = resolve(process.env.BENCH_CACHE ?? join(repoRoot, '.bench-cache'));

export const npmCacheDir = join(cacheDir, 'npm');
export const realCorpusDir = (kind) => join(cacheDir, `real-${kind}`);
export const syntheticDir = (sizeMb) => join(cacheDir, `synthetic-${sizeMb}mb`);
