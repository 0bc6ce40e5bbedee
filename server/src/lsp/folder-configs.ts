/**
 * Configurations per config root, as the server keeps them over a session. A root is the
 * folder of the nearest `catalint.json` at or above a document inside its workspace folder (as
 * the CLI decides), else the workspace folder itself; multi-root workspaces get one each.
 * A broken file never unloads a good configuration: the last good one stays in force and the
 * problems are reported beside it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NearestConfig } from '../workspace/config-lookup';
import { isInside } from '../engine/paths';
import { ScopedConfig, CONFIG_FILE_NAME } from '../workspace/configs';
import { loadConfig } from '../engine';
import { assetPath, BUILTIN_CATALOG } from '../engine/assets';
import type { Config } from '../engine/config/model';
import { ConfigError, type ConfigProblem } from '../engine/errors';

export interface RootState {
  readonly root: string;
  /** The catalog file the settings asked for (absolute), part of the cache key. */
  readonly catalogFile: string | undefined;
  /** The configuration in force: the last one that loaded. */
  readonly good: ScopedConfig | undefined;
  /** Problems of the latest load; empty when it succeeded. */
  readonly problems: readonly ConfigProblem[];
}

/** The root of `unattached`: a folder nobody creates, so that it holds no `catalint.json`. */
const UNATTACHED_ROOT = path.join(os.tmpdir(), `catalint-no-folder-${process.pid}`);

export type LoadOutcome = { readonly state: RootState; readonly changed: boolean };

export class FolderConfigs {
  private readonly roots = new Map<string, RootState>();
  /** The nearest-config lookup per workspace folder: the folder bounds it. */
  private readonly lookups = new Map<string, NearestConfig>();
  private detached: RootState | undefined;

  /** `onLoad` hears every (re)load: the server publishes status and config diagnostics from it. */
  constructor(private readonly onLoad: (state: RootState, previous: RootState | undefined) => void) {}

  /**
   * The config root for a file: the folder of the nearest `catalint.json` as the CLI finds it
   * (workspace/config-lookup.ts), searched no higher than the workspace folder; else the folder.
   */
  rootFor(file: string, folder: string): string {
    let lookup = this.lookups.get(folder);
    if (!lookup) this.lookups.set(folder, (lookup = new NearestConfig(folder)));
    return lookup.dirFor(path.dirname(file)) ?? folder;
  }

  /**
   * The state in force for `file` of workspace folder `folder`, whose settings name
   * `catalogPath` (relative to the folder; empty for none).
   */
  forFile(file: string, folder: string, catalogPath: string): RootState {
    const catalogFile = catalogPath ? path.resolve(folder, catalogPath) : undefined;
    return this.get(this.rootFor(file, folder), catalogFile);
  }

  /** The state of `root`, loading it when absent or when the catalog setting changed. */
  get(root: string, catalogFile: string | undefined): RootState {
    const cached = this.roots.get(root);
    if (cached && cached.catalogFile === catalogFile) return cached;
    return this.load(root, catalogFile, cached);
  }

  /**
   * The configuration of documents that belong to no folder (an untitled buffer with no folder
   * open): the built-in defaults, with the catalog the settings name. Its root is a folder that
   * does not exist, so no `catalint.json` is ever read for it; it is not watched and has no status.
   */
  unattached(catalogFile: string | undefined): RootState {
    const previous = this.detached;
    if (previous && previous.catalogFile === catalogFile) return previous;
    const root = UNATTACHED_ROOT;
    try {
      this.detached = { root, catalogFile, good: new ScopedConfig(loadConfig({ root, catalogFile })), problems: [] };
    } catch (e) {
      const problems =
        e instanceof ConfigError
          ? e.problems
          : [{ file: catalogFile ?? root, line: 1, column: 1, message: e instanceof Error ? e.message : String(e) }];
      this.detached = { root, catalogFile, good: previous?.good, problems };
    }
    return this.detached;
  }

  isUnattached(state: RootState): boolean {
    return state.root === UNATTACHED_ROOT;
  }

  all(): RootState[] {
    return [...this.roots.values()];
  }

  /**
   * Watched files changed: reloads, once each, every root they concern (its `catalint.json`,
   * catalog sources, files with problems, or a `catalint.json` appearing anywhere) and returns
   * them. A storm of changes (a branch switch, a formatter run over the tree) costs one pass over
   * the files and one load per root, not one load per change.
   */
  filesChanged(files: Iterable<string>): RootState[] {
    const changed = new Set<string>();
    const configFiles: string[] = [];
    for (const file of files) {
      const resolved = path.resolve(file);
      if (changed.has(resolved)) continue;
      changed.add(resolved);
      if (path.basename(resolved) === CONFIG_FILE_NAME) configFiles.push(resolved);
    }
    if (configFiles.length > 0) for (const lookup of this.lookups.values()) lookup.forget();
    const reloaded: RootState[] = [];
    for (const state of [...this.roots.values()]) {
      const concerned = configFiles.some((f) => isInside(f, state.root)) || filesOf(state).some((f) => changed.has(f));
      if (concerned) reloaded.push(this.load(state.root, state.catalogFile, state));
    }
    return reloaded;
  }

  /**
   * The names (last path segments) of the files whose change may reload a root: a change to a
   * file of another name needs no closer look.
   */
  watchedNames(): Set<string> {
    const names = new Set([CONFIG_FILE_NAME]);
    for (const state of this.roots.values()) for (const f of filesOf(state)) names.add(path.basename(f));
    return names;
  }

  /** Files whose change should reload some root: what the server asks the client to watch. */
  watchedFiles(): string[] {
    const files = new Set<string>();
    for (const state of this.roots.values()) for (const f of filesOf(state)) files.add(f);
    return [...files].sort();
  }

  private load(root: string, catalogFile: string | undefined, previous: RootState | undefined): RootState {
    let state: RootState;
    const configFile = path.join(root, CONFIG_FILE_NAME);
    try {
      const config = loadConfig({ root, configFile: isPresent(configFile) ? configFile : undefined, catalogFile });
      state = { root, catalogFile, good: new ScopedConfig(config), problems: [] };
    } catch (e) {
      const problems =
        e instanceof ConfigError
          ? e.problems
          : [{ file: isPresent(configFile) ? configFile : root, line: 1, column: 1, message: e instanceof Error ? e.message : String(e) }];
      // The catalog setting changed to a broken file: the previous good config is still the best guess.
      state = { root, catalogFile, good: previous?.good, problems };
    }
    this.roots.set(root, state);
    this.onLoad(state, previous);
    return state;
  }
}

function builtinCatalog(): string | undefined {
  try {
    return path.resolve(assetPath(BUILTIN_CATALOG));
  } catch {
    return undefined;
  }
}

function filesOf(state: RootState): string[] {
  const files = [path.join(state.root, CONFIG_FILE_NAME)];
  if (state.catalogFile) files.push(state.catalogFile);
  const config: Config | undefined = state.good?.config;
  if (config) {
    if (config.file) files.push(config.file);
    // The built-in catalog ships with Catalint; watching it would only watch the install.
    const builtin = builtinCatalog();
    for (const s of config.catalog.sources) if (path.resolve(s) !== builtin) files.push(s);
  }
  for (const p of state.problems) files.push(p.file);
  return files.map((f) => path.resolve(f));
}

/** Anything by that name: a folder called catalint.json is then reported, not taken for "no config". */
function isPresent(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
}
