#!/usr/bin/env node
'use strict';
// The published entry point: runs the bundled CLI, dist/cli.js (`npm ci` builds it through
// `prepare`), with V8's cache of its compiled code when there is one.
//
// Compiling the 11 MB bundle takes V8 longer than a run whose files all come from --cache takes
// in all, and every worker thread of --jobs compiles it again. The cache is kept per user (the
// user's cache folder, never a shared one: compiled code is code) and named by the SHA-256 of
// the bundle, so a rebuilt or updated Catalint never runs code compiled from another bundle
// (V8's own check compares only the source's length). Anything that goes wrong with it (no
// home folder, a read-only disk, a cache V8 rejects) only means compiling as usual.
// CATALINT_CODE_CACHE=off turns it off; CATALINT_TRACE=code-cache says on stderr what it did.

const fs = require('node:fs');
const path = require('node:path');
const { isMainThread } = require('node:worker_threads');

const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
/** Caches of other bundles kept beside this one's (other checkouts, versions, Node versions). */
const KEEP = 8;

// The pool starts its workers with this script rather than the bundle, so they use the cache too.
globalThis[Symbol.for('catalint.entry')] = __filename;

if (process.env.CATALINT_CODE_CACHE === 'off') {
  require(bundle);
} else {
  runCached();
}

function runCached() {
  let source;
  try {
    source = fs.readFileSync(bundle, 'utf8');
  } catch {
    require(bundle); // for the error it reports
    return;
  }
  const cacheFile = codeCacheFile(source);
  let cachedData;
  try {
    if (cacheFile) cachedData = fs.readFileSync(cacheFile);
  } catch {
    // None yet.
  }
  // What Node's own loader gives a CommonJS file.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n});`;
  const script = new (require('node:vm').Script)(wrapped, { filename: bundle, cachedData });
  const state = !cacheFile
    ? 'off (no private folder for it)'
    : cachedData === undefined
      ? 'none'
      : script.cachedDataRejected
        ? 'rejected'
        : 'used';
  if (isMainThread && (process.env.CATALINT_TRACE || '').split(',').some((t) => t.trim() === 'code-cache')) {
    process.stderr.write(`catalint: code-cache: ${state}${cacheFile ? ` ${cacheFile}` : ''}\n`);
  }
  if (isMainThread && (state === 'none' || state === 'rejected')) {
    // Made at the end, so it holds the functions this run compiled as well as the top level.
    process.once('exit', () => save(cacheFile, () => script.createCachedData()));
  }
  const module = { exports: {}, filename: bundle, id: bundle, loaded: false };
  const requireFromBundle = require('node:module').createRequire(bundle);
  script.runInThisContext().call(module.exports, module.exports, requireFromBundle, module, bundle, path.dirname(bundle));
}

/** Where this bundle's compiled code is kept, or undefined when there is no private place for it. */
function codeCacheFile(source) {
  try {
    const dir = privateCacheDir();
    if (!dir) return undefined;
    const hash = require('node:crypto').createHash('sha256').update(source).digest('hex').slice(0, 32);
    return path.join(dir, `cli-${hash}-${process.version}-${process.arch}.v8cache`);
  } catch {
    return undefined;
  }
}

/**
 * The user's cache folder for Catalint, made if needed; undefined unless it is the user's own
 * and no one else can write to it.
 */
function privateCacheDir() {
  const env = process.env;
  const home = () => require('node:os').homedir();
  const base =
    env.XDG_CACHE_HOME ||
    (process.platform === 'win32'
      ? env.LOCALAPPDATA
      : process.platform === 'darwin'
        ? path.join(home(), 'Library', 'Caches')
        : path.join(home(), '.cache'));
  if (!base || !path.isAbsolute(base)) return undefined;
  const dir = path.join(base, 'catalint');
  // One level at a time, never `recursive`: on some file systems (/proc) that loops forever.
  for (const d of [base, dir]) {
    try {
      fs.mkdirSync(d, { mode: 0o700 });
    } catch (e) {
      if (e.code !== 'EEXIST') return undefined;
    }
  }
  if (process.platform !== 'win32') {
    const s = fs.statSync(dir);
    if (!s.isDirectory() || s.uid !== process.getuid() || (s.mode & 0o022) !== 0) return undefined;
  }
  return dir;
}

/**
 * Written to a temporary file and renamed, so another run never reads half of it; then only the
 * newest few caches are kept, so rebuilding does not fill the folder.
 */
function save(file, data) {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, data(), { mode: 0o600 });
    fs.renameSync(temp, file);
    const dir = path.dirname(file);
    const caches = fs
      .readdirSync(dir)
      .filter((name) => name.startsWith('cli-') && name.endsWith('.v8cache'))
      .map((name) => ({ name, time: fs.statSync(path.join(dir, name)).mtimeMs }))
      .sort((a, b) => b.time - a.time);
    for (const { name } of caches.slice(KEEP)) fs.rmSync(path.join(dir, name), { force: true });
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // Nothing more to do.
    }
  }
}
