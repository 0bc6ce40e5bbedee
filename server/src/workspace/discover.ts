/**
 * Finds the files to lint under the paths given on the command line. Folders are walked
 * without following any symbolic link out of the folder being scanned, and each real folder is
 * entered once, so link cycles end. What is left out on purpose (a link leading outside) is
 * reported, never dropped silently.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kindOf } from '../engine/text/read-file';
import { languageOf } from '../engine/languages/registry';
import type { Configs } from './configs';
import { GITIGNORE, IgnoreRules } from './gitignore';
import { isInside } from '../engine/paths';
import { reasonOf } from './reasons';

/**
 * Folders that hold no code of the project's own: dependencies, git's store, and Yarn's (its
 * own release and plugins as megabyte bundles, its package cache), which a repository commits
 * and a .gitignore re-includes.
 */
const NEVER_ENTERED = new Set(['node_modules', '.git', '.yarn']);

export interface Note {
  /** Absolute. */
  readonly file: string;
  readonly reason: string;
}

export interface Discovery {
  /** Absolute paths as reached (not resolved through links), each real file once. */
  readonly files: readonly string[];
  /** Links that were not followed. */
  readonly skipped: readonly Note[];
  /** Folders that could not be read, and named files that are not regular files. */
  readonly failures: readonly Note[];
  /** Files named on the command line that are not a language Catalint reads. */
  readonly notLintable: readonly string[];
}

/** A path given to `discover` that cannot be looked at: the front end says so (the CLI exits 2). */
export class MissingPath extends Error {
  override readonly name = 'MissingPath';
}

export function discover(args: readonly string[], cwd: string, configs: Configs): Discovery {
  const walk = new Walk(configs);
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      throw new MissingPath(`${arg}: ${errorCode(e) === 'ENOENT' ? 'no such file or folder' : reasonOf(e)}`);
    }
    if (stat.isDirectory()) walk.folder(abs);
    else walk.explicitFile(abs, arg, stat.isFile());
  }
  return walk.result();
}

class Walk {
  private readonly files: string[] = [];
  private readonly realFiles = new Set<string>();
  private readonly realDirs = new Set<string>();
  private readonly skipped: Note[] = [];
  private readonly failures: Note[] = [];
  private readonly notLintable: string[] = [];
  /** Files and folders reached through a link inside the tree: taken last, so a real path wins. */
  private readonly linkedFiles: { abs: string; real: string }[] = [];

  constructor(private readonly configs: Configs) {}

  result(): Discovery {
    for (const { abs, real } of this.linkedFiles) this.addFile(abs, real);
    return { files: this.files, skipped: this.skipped, failures: this.failures, notLintable: this.notLintable };
  }

  /** A file named on the command line is linted whatever .gitignore or include/exclude say. */
  explicitFile(abs: string, arg: string, regular: boolean): void {
    if (languageOf(abs) === undefined) this.notLintable.push(arg);
    // Reading a pipe or a device could block forever or never end.
    else if (!regular) this.failures.push({ file: abs, reason: 'not a regular file' });
    else this.addFile(abs, realpath(abs) ?? abs);
  }

  folder(top: string): void {
    const topReal = realpath(top) ?? top;
    // A folder reached through no link is its parent's real path plus its name: only the top and
    // linked folders are resolved (a realpath per folder was a sixth of the walk).
    const stack: { dir: string; real: string; rules: IgnoreRules }[] = [{ dir: top, real: topReal, rules: IgnoreRules.above(top) }];
    const linkedDirs: { dir: string; real?: undefined; rules: IgnoreRules }[] = [];
    while (stack.length > 0 || linkedDirs.length > 0) {
      const next = stack.pop() ?? linkedDirs.shift()!;
      const { dir, rules: outer } = next;
      const real = next.real ?? realpath(dir) ?? dir;
      if (this.realDirs.has(real)) continue;
      this.realDirs.add(real);

      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        this.failures.push({ file: dir, reason: reasonOf(e) });
        continue;
      }
      const rules = outer.enter(
        dir,
        entries.some((e) => e.name === GITIGNORE),
      );
      const config = this.configs.forDir(dir);
      const subfolders: string[] = [];
      const linkedSubfolders: string[] = [];
      for (const entry of entries) {
        if (NEVER_ENTERED.has(entry.name)) continue;
        const abs = path.join(dir, entry.name);
        const kind = this.kindOf(entry, abs, path.join(real, entry.name), topReal);
        if (kind.type === 'dir') {
          if (!rules.ignores(abs, true) && config.entersDir(abs)) (kind.linked ? linkedSubfolders : subfolders).push(abs);
        } else if (kind.type === 'file') {
          if (languageOf(abs) !== undefined && !rules.ignores(abs, false) && config.selectsFile(abs)) {
            if (kind.linked) this.linkedFiles.push({ abs, real: kind.real });
            else this.addFile(abs, kind.real);
          }
        } else if (kind.type === 'other') {
          // A FIFO, device, socket or dangling link with a source file's name: never read, but said.
          if (languageOf(abs) !== undefined && !rules.ignores(abs, false) && config.selectsFile(abs))
            this.skipped.push({ file: abs, reason: `${kind.why}; not read` });
        } else if (kind.type === 'outside') {
          // Only worth a note when it would have been linted or searched.
          const wanted = kind.isDir ? !rules.ignores(abs, true) : languageOf(abs) !== undefined && !rules.ignores(abs, false);
          if (wanted) this.skipped.push({ file: abs, reason: 'symbolic link to outside the scanned folder, not followed' });
        }
      }
      // Depth-first in name order; the final order is decided by sorting anyway.
      for (const sub of subfolders.sort().reverse()) stack.push({ dir: sub, real: path.join(real, path.basename(sub)), rules });
      for (const sub of linkedSubfolders) linkedDirs.push({ dir: sub, rules });
    }
  }

  private kindOf(
    entry: fs.Dirent,
    abs: string,
    /** The entry's path with its folder resolved: its real path unless it is a link itself. */
    resolved: string,
    topReal: string,
  ):
    | { type: 'dir'; linked: boolean }
    | { type: 'file'; real: string; linked: boolean }
    | { type: 'outside'; isDir: boolean }
    | { type: 'other'; why: string } {
    if (entry.isDirectory()) return { type: 'dir', linked: false };
    if (entry.isFile()) return { type: 'file', real: resolved, linked: false };
    if (!entry.isSymbolicLink()) return { type: 'other', why: direntKind(entry) }; // sockets, pipes, devices: never read
    const real = realpath(abs);
    if (real === undefined) return { type: 'other', why: 'a symbolic link to nothing' };
    let stat: fs.Stats;
    try {
      stat = fs.statSync(real);
    } catch (e) {
      return { type: 'other', why: `a symbolic link to what cannot be read: ${reasonOf(e)}` };
    }
    if (!isInside(real, topReal)) return { type: 'outside', isDir: stat.isDirectory() };
    if (stat.isDirectory()) return { type: 'dir', linked: true };
    if (stat.isFile()) return { type: 'file', real, linked: true };
    return { type: 'other', why: `a symbolic link to ${kindOf(stat)}` };
  }

  private addFile(abs: string, real: string): void {
    if (this.realFiles.has(real)) return;
    this.realFiles.add(real);
    this.files.push(abs);
  }
}

/** What a directory entry that is neither a file nor a folder is. */
function direntKind(entry: fs.Dirent): string {
  if (entry.isFIFO()) return 'a FIFO, not a regular file';
  if (entry.isCharacterDevice()) return 'a character device, not a regular file';
  if (entry.isBlockDevice()) return 'a block device, not a regular file';
  if (entry.isSocket()) return 'a socket, not a regular file';
  return 'not a regular file';
}

function realpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

function errorCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}
