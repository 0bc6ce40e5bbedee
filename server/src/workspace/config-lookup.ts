/**
 * Which `catalint.json` applies to a file: the one rule both front ends follow, so the editor and
 * CI always pick the same configuration.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_FILE, existing, loadConfig } from '../engine/config/load';
import type { Config } from '../engine/config/model';
import { isInside } from '../engine/paths';

/**
 * The folder of the nearest `catalint.json` at or above a folder: the search stops at the
 * repository's root (the folder holding `.git`), at a boundary the caller sets (the editor's
 * workspace folder), and never reads one in a shared folder (the temp folder, a home folder, the
 * filesystem's root). Answers are cached per folder: call `forget()` when a `catalint.json`
 * appears or goes.
 */
export class NearestConfig {
  private readonly lookups = new Map<string, string | undefined>();

  constructor(private readonly boundary?: string) {}

  /** The folder of the nearest `catalint.json` for the files of `dir` (absolute), if any. */
  dirFor(dir: string): string | undefined {
    const visited: string[] = [];
    let found: string | undefined;
    for (let d = dir; ;) {
      if (this.lookups.has(d)) {
        found = this.lookups.get(d);
        break;
      }
      visited.push(d);
      if (existing(path.join(d, CONFIG_FILE))) {
        found = d;
        break;
      }
      const parent = path.dirname(d);
      if (parent === d || d === this.boundary || existing(path.join(d, '.git')) || isSharedFolder(parent)) break;
      if (this.boundary !== undefined && !isInside(parent, this.boundary)) break;
      d = parent;
    }
    for (const d of visited) this.lookups.set(d, found);
    return found;
  }

  forget(): void {
    this.lookups.clear();
  }
}

/**
 * Folders many people or programs write to: the temp folder, a home folder, the filesystem's
 * root. A `catalint.json` there is nobody's project configuration, and one planted in a shared
 * `/tmp` would otherwise apply unseen to every project below it (an empty catalog turns all off).
 */
function isSharedFolder(dir: string): boolean {
  return path.dirname(dir) === dir || SHARED_FOLDERS().has(dir);
}

let shared: ReadonlySet<string> | undefined;
const SHARED_FOLDERS = (): ReadonlySet<string> => {
  if (!shared) {
    const all = new Set<string>();
    for (const d of [os.tmpdir(), os.homedir(), process.env.TMPDIR, process.env.HOME, '/tmp', '/var/tmp']) {
      if (!d) continue;
      all.add(path.resolve(d));
      try {
        all.add(fs.realpathSync(d));
      } catch {
        // Not there: nothing to add.
      }
    }
    shared = all;
  }
  return shared;
};

/**
 * Finds the configuration of each file: the nearest `catalint.json` above it (so a monorepo's
 * packages, or `catalint examples/x` run from elsewhere, each get their own) up to the
 * repository's root and never in a shared folder, or the defaults rooted at `cwd`. Loaded
 * configs are cached per folder.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, Config>();
  private fixed?: Config;

  constructor(private readonly options: { readonly cwd: string; readonly configFile?: string; readonly catalogFile?: string }) {}

  configFor(file: string): Config {
    if (this.options.configFile) return (this.fixed ??= loadConfig({ root: this.options.cwd, ...this.options }));
    // Asked for every file three times (discovery, linting, the test-file split): answered per folder.
    const folder = path.dirname(file);
    let c = this.byFolder.get(folder);
    if (c) return c;
    const root = this.configDir(path.resolve(this.options.cwd, folder)) ?? path.resolve(this.options.cwd);
    c = this.byDir.get(root);
    if (!c) this.byDir.set(root, (c = loadConfig({ root, catalogFile: this.options.catalogFile })));
    this.byFolder.set(folder, c);
    return c;
  }

  /** The configuration of the files of each folder asked about, as it was named (relative to cwd, or absolute). */
  private readonly byFolder = new Map<string, Config>();

  private readonly lookup = new NearestConfig();

  private configDir(dir: string): string | undefined {
    return this.lookup.dirFor(dir);
  }
}
