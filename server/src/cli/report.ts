/**
 * The run's result as every output format sees it: findings with file paths relative to the
 * working directory and 1-based positions. This is the `--format json` contract; fields may be
 * added, never removed or renamed.
 */
import * as path from 'node:path';
import type { Kind, Requirement } from '../engine/catalog/model';
import type { Finding, RuleId, Severity } from '../engine/finding';
import type { LineMap } from '../engine/text/positions';

export interface ReportFinding {
  /** Relative to the working directory, with forward slashes. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
  readonly endLine: number;
  /** 1-based and exclusive: the column just after the name. */
  readonly endColumn: number;
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Catalog category ids; empty for findings that are not about data. */
  readonly categories: readonly string[];
  /** Null for findings that are not about data (unknown-condition, unused-directive, skipped-file). */
  readonly kind: Kind | null;
  /** The identifier (or directive word) as written. */
  readonly name: string;
  /** Every condition id that appears in the requirement, sorted. */
  readonly required: readonly string[];
  /** The requirement in disjunctive normal form: any inner list, fully declared, satisfies it. */
  readonly requirement: Requirement;
  /** Condition ids declared in scope, sorted. */
  readonly declared: readonly string[];
  readonly message: string;
  /** The catalog term that matched. */
  readonly term?: string;
  /** What the name belongs to (receiver, type, table), nearest first. */
  readonly context?: readonly string[];
  /** For skipped files: why. */
  readonly reason?: string;
  /** For unknown conditions: the closest known id. */
  readonly suggestion?: string;
}

/** A file Catalint could not read or analyse; it makes the exit code 2. */
export interface Failure {
  readonly file: string;
  readonly reason: string;
}

export interface Report {
  /** Absolute working directory the paths are relative to. */
  readonly cwd: string;
  /** How many files were analysed. */
  readonly fileCount: number;
  /** The findings file by file, in file order; files without findings are left out. */
  readonly files: readonly FileFindings[];
  /** Sorted by file, then position (the files' findings one after the other). */
  readonly findings: readonly ReportFinding[];
  readonly failures: readonly Failure[];
  /** Findings of test-like files left out of the report (no `--include-tests`), by file count. */
  readonly testFindings: TestFindings;
  /** The `catalint.json` files in force, as shown paths; empty when only the defaults were. */
  readonly configFiles: readonly string[];
  /** The bulk suppressions file in force and what it hid; undefined when there is none. */
  readonly baseline?: BaselineSummary;
  /** `--changed-since`: what the run left out as unchanged. */
  readonly changes?: ChangeSummary;
}

export interface ChangeSummary {
  readonly ref: string;
  /** The merge base's commit id. */
  readonly base: string;
  /** Files not linted because they did not change. */
  readonly unchangedFiles: number;
  /** Findings of changed files on unchanged lines, not new to their group. */
  readonly hidden: number;
}

export interface BaselineSummary {
  /** As shown (relative to the working directory). */
  readonly file: string;
  /** How many findings it hid. */
  readonly hidden: number;
  /** Those findings, by file in file order (SARIF lists them as suppressed). */
  readonly files: readonly FileFindings[];
}

/** What the report leaves out of test, fixture, seed and story files. */
export interface TestFindings {
  readonly findings: number;
  readonly files: number;
}

export function makeReport(
  cwd: string,
  fileCount: number,
  files: readonly FileFindings[],
  failures: readonly Failure[],
  testFindings: TestFindings = { findings: 0, files: 0 },
  configFiles: readonly string[] = [],
  baseline?: BaselineSummary,
  changes?: ChangeSummary,
): Report {
  let findings: readonly ReportFinding[] | undefined;
  return {
    cwd,
    fileCount,
    files,
    testFindings,
    configFiles,
    baseline,
    changes,
    // Only the formats that look at single findings pay for them; json copies each file's text.
    get findings() {
      return (findings ??= files.flatMap((f) => f.findings));
    },
    failures,
  };
}

/** How many findings a file has, of all severities and of those that decide the exit code. */
export interface Tally {
  readonly total: number;
  readonly errors: number;
  readonly warnings: number;
}

/**
 * The findings of one file, as objects or as their text in `--format json`, whichever it came
 * as, the other made on first use. Workers and the cache hand over the text: a string is copied
 * between threads and written out as it is, where tens of thousands of small objects would be
 * cloned, parsed and stringified again.
 */
export class FileFindings {
  private constructor(
    /** As shown in the report; every finding's `file`. */
    readonly file: string,
    readonly tally: Tally,
    private list: readonly ReportFinding[] | undefined,
    /**
     * UTF-8 bytes when read from the cache, which are written out as they are; a loader when set
     * aside on disk (spill.ts), read each time it is needed and never kept.
     */
    private text: string | Uint8Array | (() => Uint8Array) | undefined,
  ) {}

  /** Findings of `file`, in any order. */
  static of(file: string, findings: readonly ReportFinding[]): FileFindings {
    const sorted = [...findings].sort(compareFindings);
    let errors = 0;
    let warnings = 0;
    for (const f of sorted) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
    }
    return new FileFindings(file, { total: sorted.length, errors, warnings }, sorted, undefined);
  }

  /** What `json` gave for findings with this tally: text this program made (a worker's, or the cache's after its checksum). */
  static fromJson(file: string, tally: Tally, json: string | Uint8Array | (() => Uint8Array)): FileFindings {
    return new FileFindings(file, tally, undefined, json);
  }

  get findings(): readonly ReportFinding[] {
    return (this.list ??= parseFindings(this.loadText()));
  }

  /**
   * The findings for one look, kept nowhere when they came as text: a format that goes through
   * the report file by file then holds one file's objects at a time, not the whole report's.
   */
  read(): readonly ReportFinding[] {
    return this.list ?? parseFindings(this.loadText());
  }

  /**
   * The findings exactly as they appear in the `findings` array of `--format json`: each
   * indented for that depth, separated by `,\n`, no brackets; empty when there are none.
   */
  get json(): string | Uint8Array {
    if (typeof this.text === 'function') return this.text();
    if (this.text === undefined) this.text = jsonOf(this.list!);
    return this.text;
  }

  /** `json` for one look, made and not kept when the findings came as objects (see `read`). */
  readJson(): string | Uint8Array {
    if (this.text === undefined) return jsonOf(this.list!);
    return typeof this.text === 'function' ? this.text() : this.text;
  }

  private loadText(): string | Uint8Array {
    return typeof this.text === 'function' ? this.text() : this.text!;
  }

  /** The same findings as seen from another working directory. */
  shownAs(file: string): FileFindings {
    return file === this.file
      ? this
      : FileFindings.of(
          file,
          this.findings.map((f) => ({ ...f, file })),
        );
  }

  /** Only the findings `keep` accepts. */
  filter(keep: (f: ReportFinding) => boolean): FileFindings {
    // Read, not kept: a filter over the whole report (--quiet) must not hold it all as objects.
    const list = this.read();
    return list.every(keep) ? this : FileFindings.of(this.file, list.filter(keep));
  }
}

function jsonOf(list: readonly ReportFinding[]): string {
  if (list.length === 0) return '';
  const whole = JSON.stringify({ findings: list }, null, 2);
  return whole.slice(JSON_HEAD.length, whole.length - JSON_TAIL.length);
}

function parseFindings(json: string | Uint8Array): ReportFinding[] {
  const text = typeof json === 'string' ? json : Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8');
  return text === '' ? [] : (JSON.parse(`[${text}]`) as ReportFinding[]);
}

/** `JSON.stringify({ findings: [...] }, null, 2)` around the elements. */
export const JSON_HEAD = '{\n  "findings": [\n';
const JSON_TAIL = '\n  ]\n}';

/**
 * Files' findings in report order: by file, and a file met twice (which discovery does not
 * produce, but nothing forbids) gets one entry with both lists merged in position order.
 */
export function inFileOrder(groups: readonly FileFindings[]): FileFindings[] {
  const sorted = groups.filter((g) => g.tally.total > 0).sort((a, b) => compareStrings(a.file, b.file));
  const out: FileFindings[] = [];
  for (const g of sorted) {
    const last = out.at(-1);
    if (last?.file === g.file) out[out.length - 1] = FileFindings.of(g.file, [...last.findings, ...g.findings]);
    else out.push(g);
  }
  return out;
}

export function displayPath(cwd: string, absolute: string): string {
  const rel = path.relative(cwd, absolute) || '.';
  return rel.split(path.sep).join('/');
}

export function toReportFinding(finding: Finding, file: string, lines: LineMap): ReportFinding {
  const start = lines.position(finding.span.start);
  const end = lines.position(finding.span.end);
  const where = { file, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  switch (finding.rule) {
    case 'consent-required':
    case 'catalog-field':
      return ordered(where, finding, {
        categories: [...finding.match.categories],
        kind: finding.match.kind,
        required: conditionsOf(finding.match.requires),
        requirement: finding.match.requires.map((alternative) => [...alternative]),
        declared: [...new Set(finding.declared.map((d) => d.id))].sort(),
        term: finding.match.term,
        context: [...finding.context],
      });
    case 'unknown-condition':
    case 'unknown-category':
      return ordered(where, finding, { ...notAboutData, ...(finding.suggestion ? { suggestion: finding.suggestion } : {}) });
    case 'unused-directive':
      return ordered(where, finding, notAboutData);
    case 'skipped-file':
      return ordered(where, finding, { ...notAboutData, reason: finding.reason });
  }
}

/** A file the CLI chose not to read (a link out of the scanned folder, a huge file), reported like the engine's skips. */
export function skippedFinding(file: string, reason: string, severity: Severity): ReportFinding {
  return ordered(
    { file, line: 1, column: 1, endLine: 1, endColumn: 1 },
    { rule: 'skipped-file', severity, name: path.posix.basename(file), message: `Not analysed: ${reason}.` },
    { ...notAboutData, reason },
  );
}

type Where = Pick<ReportFinding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>;
type What = Pick<ReportFinding, 'rule' | 'severity' | 'name' | 'message'>;
type About = Omit<ReportFinding, keyof Where | keyof What>;

/**
 * Keys in the documented order, so the JSON reads like the contract. Written out key by key:
 * rest and spread made this a tenth of a cold run's CPU on a workspace with 47k findings.
 */
function ordered(where: Where, what: What, about: About): ReportFinding {
  const f: { -readonly [K in keyof ReportFinding]: ReportFinding[K] } = {
    file: where.file,
    line: where.line,
    column: where.column,
    endLine: where.endLine,
    endColumn: where.endColumn,
    rule: what.rule,
    severity: what.severity,
    categories: about.categories,
    kind: about.kind,
    name: what.name,
    required: about.required,
    declared: about.declared,
    message: what.message,
    requirement: about.requirement,
  };
  if (about.term !== undefined) f.term = about.term;
  if (about.context !== undefined) f.context = about.context;
  if (about.reason !== undefined) f.reason = about.reason;
  if (about.suggestion !== undefined) f.suggestion = about.suggestion;
  return f;
}

const notAboutData = { categories: [], kind: null, required: [], requirement: [], declared: [] } as const;

function conditionsOf(requirement: Requirement): string[] {
  return [...new Set(requirement.flat())].sort();
}

export function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.rule, b.rule);
}

/** Code-unit order, so the output is the same whatever the machine's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
