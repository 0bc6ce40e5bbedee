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
  /** Sorted by file, then position. */
  readonly findings: readonly ReportFinding[];
  readonly failures: readonly Failure[];
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
