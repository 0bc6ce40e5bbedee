/**
 * The default format, for people at a terminal (after ESLint's): the problems grouped by file,
 * then a summary that also names every file that was skipped or could not be read, so nothing
 * is left out silently, counts what test files hold apart, and names the most frequent
 * categories, names and folders, so a team sees in one screen what to configure first. Classifications (information) and hints are counted, not listed; the
 * json and sarif formats carry them.
 */
import { plural } from '../plural';
import type { Severity } from '../../engine/finding';
import type { Content } from '../output';
import type { Report, ReportFinding } from '../report';
import type { RenderOptions } from './index';
import { printable, safeLine } from '../printable';

type Paint = (s: string) => string;

interface Palette {
  readonly red: Paint;
  readonly yellow: Paint;
  readonly green: Paint;
  readonly dim: Paint;
  readonly underline: Paint;
  readonly bold: Paint;
}

const ansi =
  (open: number, close: number): Paint =>
  (s) =>
    `\u001b[${open}m${s}\u001b[${close}m`;
const colored: Palette = {
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  green: ansi(32, 39),
  dim: ansi(2, 22),
  underline: ansi(4, 24),
  bold: ansi(1, 22),
};
const plain: Palette = { red: id, yellow: id, green: id, dim: id, underline: id, bold: id };
function id(s: string): string {
  return s;
}

const listed = (f: ReportFinding): boolean => f.severity === 'error' || f.severity === 'warning';

/** File by file as it goes, with what the summary needs counted on the way; the summary last. */
export function* renderStylish(report: Report, options: RenderOptions): Content {
  const p = options.color ? colored : plain;
  const tally = new Tally();
  for (const file of report.files) {
    const findings = file.read();
    tally.add(findings);
    // Grouped by each finding's own file, as the report's order puts them together.
    const problems = findings.filter(listed);
    for (let start = 0; start < problems.length;) {
      let end = start + 1;
      while (end < problems.length && problems[end].file === problems[start].file) end++;
      yield lines(fileBlock(problems.slice(start, end), p));
      start = end;
    }
  }
  yield lines(summary(report, tally, p));
}

function lines(out: readonly string[]): string {
  return out.map((l) => safeLine(l) + '\n').join('');
}

function fileBlock(findings: readonly ReportFinding[], p: Palette): string[] {
  const out = [p.underline(printable(findings[0].file))];
  const rows = findings.map((f) => [`${f.line}:${f.column}`, f.severity, printable(f.message), f.rule]);
  const widths = [0, 1].map((c) => Math.max(...rows.map((r) => r[c].length)));
  for (const [pos, severity, message, rule] of rows) {
    const sev = severity === 'error' ? p.red(severity.padEnd(widths[1])) : p.yellow(severity.padEnd(widths[1]));
    out.push(`  ${p.dim(pos.padEnd(widths[0]))}  ${sev}  ${message}  ${p.dim(rule)}`);
  }
  out.push('');
  return out;
}

/** What the summary says of all findings, counted file by file. */
class Tally {
  readonly bySeverity = new Map<Severity, number>();
  problems = 0;
  readonly filesWithProblems = new Set<string>();
  readonly categories = new Counts();
  readonly names = new Counts();
  readonly folders = new Counts();
  readonly skipped: ReportFinding[] = [];

  add(findings: readonly ReportFinding[]): void {
    for (const f of findings) {
      this.bySeverity.set(f.severity, (this.bySeverity.get(f.severity) ?? 0) + 1);
      if (f.rule === 'skipped-file') this.skipped.push(f);
      if (!listed(f)) continue;
      this.problems++;
      this.filesWithProblems.add(f.file);
      if (f.categories.length > 0) {
        for (const c of f.categories) this.categories.add(c);
        this.names.add(f.name);
        this.folders.add(folderOf(f.file));
      }
    }
  }

  count(s: Severity): number {
    return this.bySeverity.get(s) ?? 0;
  }
}

function summary(report: Report, tally: Tally, p: Palette): string[] {
  const errors = tally.count('error');
  const warnings = tally.count('warning');
  const files = plural(report.fileCount, 'file');
  const lines: string[] = [];

  if (report.fileCount === 0 && tally.problems === 0) {
    lines.push(p.yellow('No file was analysed'));
  } else if (tally.problems === 0) {
    lines.push(p.green(`✔ No problems in ${files}`));
  } else {
    const paint = errors > 0 ? p.red : p.yellow;
    lines.push(
      paint(
        p.bold(
          `✖ ${plural(tally.problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(tally.filesWithProblems.size, 'file')} of ${report.fileCount} analysed`,
        ),
      ),
    );
    // What to look at or configure first, on one screen: the most frequent of each.
    if (tally.names.size > 0) {
      lines.push(`  Top categories: ${tally.categories.top()}`);
      lines.push(`  Top names:      ${printable(tally.names.top())}`);
      lines.push(`  Top folders:    ${printable(tally.folders.top())}`);
    }
  }

  const tests = report.testFindings;
  if (tests.findings > 0) {
    lines.push(
      p.dim(`  ${plural(tests.findings, 'finding')} in ${plural(tests.files, 'test file')} not shown: --include-tests shows them`),
    );
  }

  const changes = report.changes;
  if (changes) {
    lines.push(
      p.dim(
        `  Changed since ${printable(changes.ref)} (merge base ${changes.base.slice(0, 12)}): ${plural(changes.unchangedFiles, 'unchanged file')} not linted, ${plural(changes.hidden, 'finding')} on unchanged lines not shown`,
      ),
    );
  }

  const baseline = report.baseline;
  if (baseline && baseline.hidden > 0) {
    lines.push(p.dim(`  ${plural(baseline.hidden, 'finding')} not shown: allowed by ${printable(baseline.file)}`));
  }

  // Which configuration decided all this: a catalint.json that applies unseen is a trap.
  const configs = report.configFiles;
  lines.push(
    p.dim(
      `  Configuration: ${configs.length === 0 ? 'the defaults (no catalint.json)' : configs.length <= 3 ? configs.map(printable).join(', ') : `${configs.length} catalint.json files`}`,
    ),
  );

  const unlisted = [plural(tally.count('information'), 'information finding'), plural(tally.count('hint'), 'hint')].filter(
    (s) => !s.startsWith('0 '),
  );
  if (unlisted.length > 0) lines.push(p.dim(`  Not listed: ${unlisted.join(' and ')} (--format json or sarif shows them)`));

  const skipped = tally.skipped;
  if (skipped.length > 0) {
    lines.push(`  Skipped ${plural(skipped.length, 'file')}:`);
    for (const f of skipped) lines.push(`    ${printable(f.file)}: ${printable(f.reason ?? f.message)}`);
  }
  if (report.failures.length > 0) {
    lines.push(p.red(`  Could not read ${plural(report.failures.length, 'file')}:`));
    for (const f of report.failures) lines.push(`    ${printable(f.file)}: ${printable(f.reason)}`);
  }
  return lines;
}

/** How often each value was seen. */
class Counts {
  private readonly counts = new Map<string, number>();

  get size(): number {
    return this.counts.size;
  }

  add(value: string): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
  }

  /** The most frequent values, most first (ties by name), as `a (3), b (2), c (1)`. */
  top(n = 3): string {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, n)
      .map(([v, c]) => `${v} (${c})`)
      .join(', ');
  }
}

/** A report path's folder; `.` for files at the top. */
function folderOf(file: string): string {
  const at = file.lastIndexOf('/');
  return at < 0 ? '.' : file.slice(0, at);
}
