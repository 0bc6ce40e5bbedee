// Listing a corpus the same way for every tool, so each one is given the same files.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const TS = /\.(ts|tsx|mts|cts)$/;
const DECLARATION = /\.d\.(ts|mts|cts)$/;

export const isTypeScript = (path) => TS.test(path) && !DECLARATION.test(path);
export const isSql = (path) => path.endsWith('.sql');
/** What the compiler's parser reads among the files Catalint lints: TypeScript and JavaScript. */
export const isScript = (path) => isTypeScript(path) || /\.[cm]?jsx?$/.test(path);

/** Every file under `root` that `accept` keeps, sorted, with its size; skips node_modules. */
export function listFiles(root, accept) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && accept(path)) out.push({ path, rel: relative(root, path), bytes: statSync(path).size });
    }
  };
  walk(root);
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

export const totalBytes = (files) => files.reduce((sum, f) => sum + f.bytes, 0);
export const mb = (bytes) => bytes / 1e6;

/**
 * Makes `dir` the root of its own git repository, as a real workspace is. The corpora live in
 * the project's git-ignored cache folder, and a linter that honours the enclosing
 * repository's .gitignore (as git does, and Catalint's CLI does) would otherwise see nothing.
 */
export function makeRepositoryRoot(dir) {
  if (!existsSync(join(dir, '.git'))) execFileSync('git', ['init', '-q', dir]);
}
