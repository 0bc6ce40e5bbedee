/**
 * Bulk suppressions (`catalint-suppressions.json`): how a team adopts Catalint on a codebase
 * that already has hundreds of findings. `--suppress-all` records, per file, how many findings
 * there are of each rule, category and name; later runs hide a group while it has no more than
 * that, and report the whole group once it has more (which of them is new cannot be told without
 * line numbers, and line numbers would break on every edit above). Only problems (errors and
 * warnings) are recorded; what was not analysed (`skipped-file`) never is.
 *
 * The file's paths are relative to the file's own folder, so a run from any folder of the
 * repository reads the same entries.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ParseError, parseTree, printParseErrorCode, type Node } from 'jsonc-parser';
import { suppressibleRule } from './baseline-rules';
import { ConfigError, type ConfigProblem } from '../engine/errors';
import { readRegularFile } from '../engine/text/read-file';
import { LineMap } from '../engine/text/positions';
import { writeFileAtomic } from './output';
import { compareStrings, FileFindings, type ReportFinding } from './report';

export const DEFAULT_SUPPRESSIONS_FILE = 'catalint-suppressions.json';
const VERSION = 1;
/** A suppressions file is counts: even a huge codebase's is a few megabytes. */
const MAX_BYTES = 64 * 1024 * 1024;
/** The category key of findings that are not about data (unknown-condition, unused-directive). */
const NO_CATEGORY = '-';

/** rule → category → name → count, for one file. */
type FileCounts = Map<string, number>;

/** The key of a finding's group: the rule, its categories, the name as written. */
export function groupKey(f: ReportFinding): string {
  return `${f.rule}\u0000${f.categories.length ? f.categories.join('|') : NO_CATEGORY}\u0000${f.name}`;
}

/**
 * Problems only: errors and warnings, which fail a build. Information and hints (a classified
 * declaration) are no debt to pay down, and what was not analysed is never hidden.
 */
export function suppressible(f: ReportFinding): boolean {
  return f.rule !== 'skipped-file' && (f.severity === 'error' || f.severity === 'warning');
}

/** What applying the baseline to a run gave. */
export interface Applied {
  /** The findings still reported. */
  readonly kept: FileFindings[];
  /** The findings the baseline hides, by file. */
  readonly hidden: FileFindings[];
  /** Groups that have more findings than the baseline allows: all of theirs are reported. */
  readonly exceeded: readonly { file: string; rule: string; name: string; allowed: number; found: number }[];
  /** Findings the baseline allows in the files of this run that no longer occur. */
  readonly unused: number;
}

export class Suppressions {
  private constructor(
    /** Absolute path of the file. */
    readonly file: string,
    /** By path relative to the file's folder, with forward slashes. */
    private readonly byFile: Map<string, FileCounts>,
    readonly existed: boolean,
  ) {}

  /** The suppressions in `file`: none when it does not exist; a damaged file is a ConfigError, positioned. */
  static read(file: string): Suppressions {
    let bytes: Buffer;
    try {
      bytes = readRegularFile(file, MAX_BYTES);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Suppressions(file, new Map(), false);
      throw new ConfigError([{ file, line: 1, column: 1, message: `cannot read the suppressions file: ${(e as Error).message}` }]);
    }
    return new Suppressions(file, parse(file, bytes.toString('utf8')), true);
  }

  /** The path the file stores for a finding of the report (relative to `cwd`). */
  private keyPath(cwd: string, shown: string): string {
    return path.relative(path.dirname(this.file), path.resolve(cwd, shown)).split(path.sep).join('/');
  }

  /** Hides the findings the baseline allows; says which groups outgrew it and what it allows that is gone. */
  apply(groups: readonly FileFindings[], cwd: string): Applied {
    const kept: FileFindings[] = [];
    const hidden: FileFindings[] = [];
    const exceeded: Applied['exceeded'][number][] = [];
    let unused = 0;
    for (const g of groups) {
      const allowed = this.byFile.get(this.keyPath(cwd, g.file));
      if (!allowed) {
        kept.push(g);
        continue;
      }
      const found = countsOf(g.findings);
      const hide = new Set<string>();
      for (const [key, n] of found) {
        const limit = allowed.get(key) ?? 0;
        if (limit === 0) continue;
        if (n <= limit) hide.add(key);
        else {
          const [rule, , name] = key.split('\u0000');
          exceeded.push({ file: g.file, rule, name, allowed: limit, found: n });
        }
      }
      for (const [key, limit] of allowed) unused += Math.max(0, limit - (found.get(key) ?? 0));
      const isHidden = (f: ReportFinding): boolean => suppressible(f) && hide.has(groupKey(f));
      kept.push(g.filter((f) => !isHidden(f)));
      const off = g.findings.filter(isHidden);
      if (off.length > 0) hidden.push(FileFindings.of(g.file, off));
    }
    return { kept, hidden, exceeded, unused };
  }

  /**
   * Counts now what the files of this run have (`--suppress-all`, or only `rules` with
   * `--suppress-rule`), replacing what the baseline held for them; other files keep theirs.
   */
  record(groups: readonly FileFindings[], linted: readonly string[], cwd: string, rules?: ReadonlySet<string>): void {
    const byShown = new Map(groups.map((g) => [g.file, g]));
    for (const shown of linted) {
      const at = this.keyPath(cwd, shown);
      const counts = new Map<string, number>();
      // With --suppress-rule, the other rules' entries stay as they were.
      if (rules) for (const [key, n] of this.byFile.get(at) ?? []) if (!rules.has(key.split('\u0000')[0])) counts.set(key, n);
      const findings = byShown.get(shown)?.findings ?? [];
      for (const [key, n] of countsOf(findings.filter((f) => !rules || rules.has(f.rule)))) counts.set(key, n);
      if (counts.size > 0) this.byFile.set(at, counts);
      else this.byFile.delete(at);
    }
  }

  /**
   * `--prune-suppressions`: lowers each count of the files of this run to what they have now,
   * and drops the files that no longer exist.
   */
  prune(groups: readonly FileFindings[], linted: readonly string[], cwd: string): number {
    let removed = 0;
    const byShown = new Map(groups.map((g) => [g.file, g]));
    for (const shown of linted) {
      const at = this.keyPath(cwd, shown);
      const allowed = this.byFile.get(at);
      if (!allowed) continue;
      const found = countsOf(byShown.get(shown)?.findings ?? []);
      for (const [key, limit] of allowed) {
        const now = Math.min(limit, found.get(key) ?? 0);
        removed += limit - now;
        if (now === 0) allowed.delete(key);
        else allowed.set(key, now);
      }
      if (allowed.size === 0) this.byFile.delete(at);
    }
    const base = path.dirname(this.file);
    for (const [at, counts] of this.byFile) {
      if (fs.existsSync(path.join(base, ...at.split('/')))) continue;
      for (const n of counts.values()) removed += n;
      this.byFile.delete(at);
    }
    return removed;
  }

  /** How many findings the baseline allows in all. */
  total(): number {
    let n = 0;
    for (const counts of this.byFile.values()) for (const c of counts.values()) n += c;
    return n;
  }

  /** Writes the file (atomically), sorted, so that its diff in a pull request shows only what changed. */
  write(): void {
    const files: Record<string, Record<string, Record<string, Record<string, number>>>> = {};
    for (const at of [...this.byFile.keys()].sort(compareStrings)) {
      const out: Record<string, Record<string, Record<string, number>>> = {};
      for (const key of [...this.byFile.get(at)!.keys()].sort(compareStrings)) {
        const [rule, category, name] = key.split('\u0000');
        ((out[rule] ??= {})[category] ??= {})[name] = this.byFile.get(at)!.get(key)!;
      }
      files[at] = out;
    }
    const text = JSON.stringify({ version: VERSION, files }, null, 2) + '\n';
    writeFileAtomic(this.file, [text]);
  }
}

function countsOf(findings: readonly ReportFinding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) if (suppressible(f)) counts.set(groupKey(f), (counts.get(groupKey(f)) ?? 0) + 1);
  return counts;
}

/** Reads the file's shape strictly: a hand edit that breaks it must stop the run, never read as "nothing suppressed". */
function parse(file: string, text: string): Map<string, FileCounts> {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const lines = new LineMap(text);
  const problem = (offset: number, message: string): ConfigProblem => {
    const p = lines.position(offset);
    return { file, line: p.line + 1, column: p.character + 1, message };
  };
  if (errors.length > 0 || !root) {
    const e = errors[0];
    throw new ConfigError([
      problem(e?.offset ?? 0, `the suppressions file is not valid JSON (${e ? printParseErrorCode(e.error) : 'empty'})`),
    ]);
  }
  const fail = (node: Node, message: string): never => {
    throw new ConfigError([problem(node.offset, message)]);
  };
  const object = (node: Node | undefined, what: string, at: Node): Node[] => {
    if (!node) return fail(at, `${what} is missing`);
    if (node.type !== 'object') fail(node, `${what} must be an object`);
    return node.children ?? [];
  };
  let version: Node | undefined;
  let files: Node | undefined;
  for (const prop of object(root, 'the suppressions file', root)) {
    const [key, value] = prop.children!;
    if (key.value === 'version') version = value;
    else if (key.value === 'files') files = value;
    else fail(key, `unknown key "${String(key.value).slice(0, 40)}" (expected "version" and "files")`);
  }
  if (!version || version.value !== VERSION) fail(version ?? root, `"version" must be ${VERSION}`);
  const byFile = new Map<string, FileCounts>();
  for (const fileProp of object(files, '"files"', root)) {
    const [fileKey, rules] = fileProp.children!;
    const at = String(fileKey.value);
    if (at === '' || path.isAbsolute(at) || at.split('/').includes('..'))
      fail(fileKey, 'a file is named by its path relative to the suppressions file, inside its folder');
    const counts: FileCounts = new Map();
    for (const ruleProp of object(rules, `the rules of "${at}"`, fileKey)) {
      const [ruleKey, categories] = ruleProp.children!;
      if (!suppressibleRule(String(ruleKey.value)))
        fail(ruleKey, `"${String(ruleKey.value).slice(0, 40)}" is not a rule that can be suppressed`);
      for (const categoryProp of object(categories, `the categories of ${String(ruleKey.value)}`, ruleKey)) {
        const [categoryKey, names] = categoryProp.children!;
        for (const nameProp of object(names, 'the names of a category', categoryKey)) {
          const [nameKey, count] = nameProp.children!;
          if (count.type !== 'number' || !Number.isInteger(count.value) || count.value < 1)
            fail(count, 'a count must be a whole number of 1 or more');
          counts.set(`${String(ruleKey.value)}\u0000${String(categoryKey.value)}\u0000${String(nameKey.value)}`, count.value as number);
        }
      }
    }
    byFile.set(at, counts);
  }
  return byFile;
}
