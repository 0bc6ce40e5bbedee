/**
 * `.gitignore` files as git reads them: each applies to its own folder and below, a deeper file
 * overrides a shallower one, and a folder that is ignored is never entered (so nothing inside it
 * can be re-included). The .gitignore files of the enclosing repository above the scanned
 * folder count too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readRegularFile } from '../engine/text/read-file';
import { slashRelative } from '../engine/paths';

export const GITIGNORE = '.gitignore';

interface Layer {
  readonly base: string;
  readonly rules: Ignore;
}

export class IgnoreRules {
  private constructor(private readonly layers: readonly Layer[]) {}

  /** The rules in force at `dir` from the .gitignore files of its repository above it. */
  static above(dir: string): IgnoreRules {
    // A repository of its own answers to no .gitignore above it.
    if (fs.existsSync(path.join(dir, '.git'))) return new IgnoreRules([]);
    const chain: string[] = [];
    for (let d = path.dirname(dir); ; d = path.dirname(d)) {
      chain.push(d);
      if (fs.existsSync(path.join(d, '.git'))) {
        let rules = new IgnoreRules([]);
        for (const ancestor of chain.reverse()) rules = rules.enter(ancestor);
        return rules;
      }
      if (path.dirname(d) === d) return new IgnoreRules([]);
    }
  }

  /**
   * The rules inside `dir`: these plus its own .gitignore, if it has one. `listed`: whether the
   * caller, which has read the folder, saw a `.gitignore` in it (no need to try opening one).
   */
  enter(dir: string, listed = true): IgnoreRules {
    if (!listed) return this;
    let text: string;
    try {
      // A .gitignore that is a FIFO or a device is not read (it would hang, or never end).
      text = readRegularFile(path.join(dir, GITIGNORE), MAX_GITIGNORE_BYTES).toString('utf8');
    } catch {
      return this;
    }
    return new IgnoreRules([...this.layers, { base: dir, rules: ignore().add(text) }]);
  }

  ignores(entry: string, isDir: boolean): boolean {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const { base, rules } = this.layers[i];
      const rel = slashRelative(base, entry);
      if (rel === '' || rel.startsWith('../')) continue;
      const result = rules.test(isDir ? rel + '/' : rel);
      if (result.ignored) return true;
      if (result.unignored) return false;
    }
    return false;
  }
}

const MAX_GITIGNORE_BYTES = 4 * 1024 * 1024;
