// The type-aware run of the accuracy benchmark (`run.mjs --typed`): which tsconfig.json files of a
// repository a user would pass to `catalint --project`, and a checkout in which they can be read.
//
// The cache holds source files only, never node_modules (fetch.mjs). Two things a real checkout
// has after its install are put back for the run, and taken away after it:
// - each workspace package (a package.json with a name, outside node_modules) as a link
//   `node_modules/<name>` at the repository's root, as a hoisting install links it: without it a
//   tsconfig that extends `@rallly/tsconfig/next.json` cannot be read, and one package's types are
//   unknown to the next;
// - the JSON files those tsconfig.json files extend (`packages/tsconfig/base.json`), read from the
//   pinned commit.
// Third-party packages (react, @prisma/client and its generated models, zod…) stay missing: what
// their types would tell the checker it does not know, and a tsconfig that extends one
// (`astro/tsconfigs/strict`) is unusable.
import { createRequire } from 'node:module';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { listFiles } from '../lib/files.mjs';
import { repoRoot } from '../lib/paths.mjs';
import { readPinnedFile } from './fetch.mjs';

const ts = createRequire(join(repoRoot, 'package.json'))('typescript');

/** Said with the figures: what the checker could not know here. */
export const THIRD_PARTY_NOTE = [
  'the checkouts have no third-party packages (no install): the types of react, @prisma/client and',
  'its generated models, zod, tRPC… are missing, so a name read from them resolves to nothing and is',
  'judged by its spelling, and a tsconfig that extends such a package is unusable. Workspace packages',
  'are linked, and the JSON their tsconfigs extend is read from the pinned commit, for the run only.',
];

const readJsonc = (file) => {
  const { config, error } = ts.parseConfigFileTextToJson(file, readFileSync(file, 'utf8'));
  return error ? undefined : config;
};

/** Workspace packages: name → folder, the shallowest when two share a name; the root itself is not one. */
function workspacePackages(dir) {
  const packages = new Map();
  const manifests = listFiles(dir, (p) => basename(p) === 'package.json').sort((a, b) => a.rel.split(sep).length - b.rel.split(sep).length);
  for (const { path } of manifests) {
    if (dirname(path) === dir) continue;
    let name;
    try {
      name = JSON.parse(readFileSync(path, 'utf8')).name;
    } catch {
      continue;
    }
    if (typeof name === 'string' && /^(@[\w.-]+\/)?[\w.-]+$/.test(name) && !packages.has(name)) packages.set(name, dirname(path));
  }
  return packages;
}

/** Where an `extends` of `from` points, when it is a file of the repository (relative, or in a workspace package). */
function extendsTarget(from, spec, packages) {
  const withJson = (p) => (existsSync(p) || p.endsWith('.json') ? p : `${p}.json`);
  if (spec.startsWith('.') || spec.startsWith('/')) return withJson(resolve(dirname(from), spec));
  for (const [name, folder] of packages) {
    if (spec === name) return join(folder, 'tsconfig.json');
    if (spec.startsWith(`${name}/`)) return withJson(join(folder, spec.slice(name.length + 1)));
  }
  return undefined;
}

/**
 * Prepares `dir` for the type-aware run; returns the tsconfig.json files to pass (relative to
 * `dir`, in the order given to the CLI) and `restore()`, which takes away what was added.
 */
export function prepareTypedCheckout(entry, dir) {
  const added = [];
  const createdDirs = [];
  const restore = () => {
    for (const file of added.reverse()) if (lstatSync(file, { throwIfNoEntry: false })) unlinkSync(file);
    for (const folder of createdDirs.reverse()) if (existsSync(folder) && readdirSync(folder).length === 0) rmdirSync(folder);
  };
  const makeDir = (folder) => {
    if (existsSync(folder)) return;
    makeDir(dirname(folder));
    mkdirSync(folder);
    createdDirs.push(folder);
  };
  try {
    const packages = workspacePackages(dir);
    const links = [];
    for (const [name, folder] of packages) {
      const link = join(dir, 'node_modules', name);
      if (lstatSync(link, { throwIfNoEntry: false })) continue;
      makeDir(dirname(link));
      symlinkSync(relative(dirname(link), folder), link, 'dir');
      added.push(link);
      links.push(name);
    }

    // The JSON the tsconfigs extend, along the chain, when the cache lacks it.
    const written = [];
    const seen = new Set();
    const bringExtends = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      if (!existsSync(file)) {
        const rel = relative(dir, file);
        if (rel.startsWith('..')) return;
        const blob = readPinnedFile(entry, rel.split(sep).join('/'));
        if (!blob) return;
        makeDir(dirname(file));
        writeFileSync(file, blob);
        added.push(file);
        written.push(rel);
      }
      const config = readJsonc(file);
      const specs = config?.extends === undefined ? [] : [config.extends].flat();
      for (const spec of specs) {
        const target = typeof spec === 'string' ? extendsTarget(file, spec, packages) : undefined;
        if (target) bringExtends(target);
      }
      for (const ref of config?.references ?? []) {
        if (typeof ref?.path !== 'string') continue;
        const target = resolve(dirname(file), ref.path);
        bringExtends(target.endsWith('.json') ? target : join(target, 'tsconfig.json'));
      }
    };

    const found = listFiles(dir, (p) => basename(p) === 'tsconfig.json').map((f) => f.path);
    for (const file of found) bringExtends(file);

    // A solution-style tsconfig.json (`"files": []` and references) names no file itself: a user
    // passes the projects it references (a Vite app's tsconfig.app.json and tsconfig.node.json).
    const candidates = [];
    const expand = (file, depth = 0) => {
      const parsed = parse(file);
      const refs = parsed?.projectReferences ?? [];
      if (parsed && parsed.fileNames.length === 0 && refs.length > 0 && depth < 4) {
        for (const ref of refs) expand(ref.path.endsWith('.json') ? ref.path : join(ref.path, 'tsconfig.json'), depth + 1);
      } else if (!candidates.includes(file) && existsSync(file)) candidates.push(file);
    };
    for (const file of found) expand(file);

    // The CLI gives a file to the first project listed that holds it: a package's own tsconfig
    // before the root's (deeper first), so that a file is read with its package's options.
    const depth = (file) => relative(dir, file).split(sep).length;
    candidates.sort((a, b) => depth(b) - depth(a) || (a < b ? -1 : a > b ? 1 : 0));
    const tsconfigs = candidates.map((file) => relative(dir, file));
    const roots = new Map(
      candidates.map((file) => [relative(dir, file), new Set((parse(file)?.fileNames ?? []).map((f) => relative(dir, f)))]),
    );
    return { tsconfigs, roots, links, written, restore };
  } catch (error) {
    restore();
    throw error;
  }
}

/** The compiler's reading of a tsconfig (root files and references), or undefined when it has errors. */
function parse(file) {
  let fatal = false;
  const parsed = ts.getParsedCommandLineOfConfigFile(file, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => (fatal = true) });
  if (fatal || !parsed) return undefined;
  return parsed;
}

/**
 * What the CLI said on stderr of the projects: which tsconfigs it could not use (and why), and its
 * summary `type-aware analysis of N files in M projects; K files outside any project …`.
 */
export function readTypedStderr(stderr, tsconfigs) {
  const unusable = [];
  let summary;
  for (const line of stderr.split('\n')) {
    const problem = /^catalint: (.*); its files are judged by their spelling alone$/.exec(line);
    if (problem) {
      const tsconfig = [...tsconfigs].sort((a, b) => b.length - a.length).find((t) => problem[1].startsWith(`${t}:`));
      unusable.push({ tsconfig: tsconfig ?? '?', why: tsconfig ? problem[1].slice(tsconfig.length + 1).trim() : problem[1] });
      continue;
    }
    const m = /^catalint: type-aware analysis of (\d+) files? in (\d+) projects?(?:; (\d+) files? outside any project)?/.exec(line);
    if (m)
      summary = {
        typedFiles: Number(m[1]),
        projects: Number(m[2]),
        outsideFiles: Number(m[3] ?? 0),
        line: line.slice('catalint: '.length),
      };
  }
  const bad = new Set(unusable.map((u) => u.tsconfig));
  return { used: tsconfigs.filter((t) => !bad.has(t)), unusable, summary };
}
