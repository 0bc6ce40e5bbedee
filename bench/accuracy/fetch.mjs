#!/usr/bin/env node
// Brings each pinned repository of repos.mjs into the bench cache as plain files (no history).
// A repository is read from a local git copy when one exists (CATALINT_ACCURACY_MIRRORS, a
// folder of `owner+name/repo` git directories), else cloned; a commit that is missing is an
// error, never a silent substitute.
//
//   node bench/accuracy/fetch.mjs           fetch what is missing
//   node bench/accuracy/fetch.mjs --force   fetch everything again
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheDir } from '../lib/paths.mjs';
import { makeRepositoryRoot } from '../lib/files.mjs';
import { REPOS } from './repos.mjs';

// Only what a linter of code reads: snapshots may lack large binary blobs, and nothing else is needed.
const SOURCE = /(\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|sql|prisma)|(^|\/)(\.gitignore|package\.json|tsconfig[^/]*\.json))$/;

/** Writes the regular source files of `commit` under `dir`, read blob by blob: no hook, link or submodule. */
function writeSourceFiles(gitDir, commit, dir) {
  const git = (args, input) => execFileSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 1 << 30 });
  const entries = git(['ls-tree', '-r', '-z', commit])
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t');
      const [mode, type, sha] = meta.split(' ');
      return { mode, type, sha, path };
    })
    .filter((e) => e.type === 'blob' && (e.mode === '100644' || e.mode === '100755') && SOURCE.test(e.path))
    // Committed dependencies are not the application, and no linter reads them.
    .filter((e) => !/(^|\/)node_modules\//.test(e.path));
  const batch = git(['cat-file', '--batch'], entries.map((e) => e.sha).join('\n') + '\n');
  let at = 0;
  for (const entry of entries) {
    const eol = batch.indexOf(10, at);
    const header = batch.subarray(at, eol).toString();
    if (header.endsWith('missing')) throw new Error(`${entry.path}: blob ${entry.sha} missing from ${gitDir}`);
    const size = Number(header.split(' ')[2]);
    const file = join(dir, entry.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, batch.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
}

export const accuracyDir = join(cacheDir, 'accuracy');
export const sourceDir = (id) => join(accuracyDir, 'src', id);
const mirrors = process.env.CATALINT_ACCURACY_MIRRORS ?? '/work/.mirror';

function gitDirOf(entry) {
  const local = join(mirrors, entry.repo.replace('/', '+'), 'repo');
  if (existsSync(local)) return local;
  const clone = join(accuracyDir, 'git', entry.id);
  if (!existsSync(clone)) {
    mkdirSync(join(accuracyDir, 'git'), { recursive: true });
    execFileSync('git', ['clone', '-q', '--bare', `https://github.com/${entry.repo}.git`, clone], { stdio: 'inherit' });
  }
  return clone;
}

export function fetchRepo(entry, force = false) {
  return fetchPinned(entry, sourceDir(entry.id), force);
}

/** Writes the source files of `entry.repo` at `entry.commit` under `dir` (once; again with `force`). */
export function fetchPinned(entry, dir, force = false) {
  const done = join(dir, '.catalint-bench-commit');
  // The marker holds the commit written: a pin moved since is fetched again.
  if (!force && existsSync(done) && readFileSync(done, 'utf8').trim() === entry.commit) return dir;
  const gitDir = gitDirOf(entry);
  execFileSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${entry.commit}^{commit}`]);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeSourceFiles(gitDir, entry.commit, dir);
  makeRepositoryRoot(dir);
  writeFileSync(done, entry.commit + '\n');
  return dir;
}

/**
 * One file of the pinned commit that the cache does not hold (it keeps source files only), or
 * undefined when the commit has no such file: the type-aware run needs the JSON a tsconfig extends.
 */
export function readPinnedFile(entry, path) {
  try {
    return execFileSync('git', ['--git-dir', gitDirOf(entry), 'show', `${entry.commit}:${path}`], {
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const force = process.argv.includes('--force');
  for (const entry of REPOS) console.log(`${entry.id}\t${entry.commit.slice(0, 12)}\t${fetchRepo(entry, force)}`);
}
