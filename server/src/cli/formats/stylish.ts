/**
 * The default format, for people at a terminal (after ESLint's): the problems grouped by file,
 * then a summary that also names every file that was skipped or could not be read, so nothing
 * is left out silently, counts what test files hold apart, and names the most frequent
 * categories, names and folders, so a team sees in one screen what to configure first. Classifications (information) and hints are counted, not listed; the
 * json and sarif formats carry them.
 */
import type { Severity } from '../../engine/finding';
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

export function renderStylish(report: Report, options: RenderOptions): string {
  const p = options.color ? colored : plain;
  const out: string[] = [];

  const problems = report.findings.filter(listed);
  for (const [file, findings] of groupByFile(problems)) {
    out.push(p.underline(printable(file)));
    const rows = findings.map((f) => [`${f.line}:${f.column}`, f.severity, printable(f.message), f.rule]);
    const widths = [0, 1].map((c) => Math.max(...rows.map((r) => r[c].length)));
    for (const [pos, severity, message, rule] of rows) {
      const sev = severity === 'error' ? p.red(severity.padEnd(widths[1])) : p.yellow(severity.padEnd(widths[1]));
      out.push(`  ${p.dim(pos.padEnd(widths[0]))}  ${sev}  ${message}  ${p.dim(rule)}`);
    }
    out.push('');
  }

  out.push(...summary(report, problems, p));
  return out.map((l) => safeLine(l) + '\n').join('');
}

function summary(report: Report, problems: readonly ReportFinding[], p: Palette): string[] {
  const count = (s: Severity) => report.findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const files = plural(report.fileCount, 'file');
  const lines: string[] = [];

  if (report.fileCount === 0 && problems.length === 0) {
    lines.push(p.yellow('No file was analysed'));
  } else if (problems.length === 0) {
    lines.push(p.green(`✔ No problems in ${files}`));
  } else {
    const paint = errors > 0 ? p.red : p.yellow;
    const withProblems = new Set(problems.map((f) => f.file)).size;
    lines.push(
      paint(
        p.bold(
          `✖ ${plural(problems.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(withProblems, 'file')} of ${report.fileCount} analysed`,
        ),
      ),
    );
    // What to look at or configure first, on one screen: the most frequent of each.
    const data = problems.filter((f) => f.categories.length > 0);
    if (data.length > 0) {
      lines.push(`  Top categories: ${top(data.flatMap((f) => f.categories))}`);
      lines.push(`  Top names:      ${printable(top(data.map((f) => f.name)))}`);
      lines.push(`  Top folders:    ${printable(top(data.map((f) => folderOf(f.file))))}`);
    }
  }

  const tests = report.testFindings;
  if (tests.findings > 0) {
    lines.push(
      p.dim(`  ${plural(tests.findings, 'finding')} in ${plural(tests.files, 'test file')} not shown: --include-tests shows them`),
    );
  }

  // Which configuration decided all this: a catalint.json that applies unseen is a trap.
  const configs = report.configFiles;
  lines.push(
    p.dim(
      `  Configuration: ${configs.length === 0 ? 'the defaults (no catalint.json)' : configs.length <= 3 ? configs.map(printable).join(', ') : `${configs.length} catalint.json files`}`,
    ),
  );

  const unlisted = [plural(count('information'), 'information finding'), plural(count('hint'), 'hint')].filter((s) => !s.startsWith('0 '));
  if (unlisted.length > 0) lines.push(p.dim(`  Not listed: ${unlisted.join(' and ')} (--format json or sarif shows them)`));

  const skipped = report.findings.filter((f) => f.rule === 'skipped-file');
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

function groupByFile(findings: readonly ReportFinding[]): Map<string, ReportFinding[]> {
  const byFile = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  return byFile;
}

/** The most frequent values, most first (ties by name), as `a (3), b (2), c (1)`. */
function top(values: readonly string[], n = 3): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([v, c]) => `${v} (${c})`)
    .join(', ');
}

/** A report path's folder; `.` for files at the top. */
function folderOf(file: string): string {
  const at = file.lastIndexOf('/');
  return at < 0 ? '.' : file.slice(0, at);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
