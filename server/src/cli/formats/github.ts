/**
 * `--format github`: GitHub Actions workflow commands, which the runner turns into annotations
 * on the pull request. Like a terminal, it shows problems (errors and warnings), the files that
 * were skipped and the files that could not be read; classifications stay out.
 */
import type { Severity } from '../../engine/finding';
import type { Content } from '../output';
import type { Report, ReportFinding } from '../report';
import { printable } from '../printable';

const commandOf: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

/** One file's annotations at a time, then the files that could not be read. */
export function* renderGithub(report: Report): Content {
  for (const file of report.files) {
    const lines: string[] = [];
    for (const f of file.read()) {
      if (f.severity === 'error' || f.severity === 'warning' || f.rule === 'skipped-file') lines.push(annotation(f) + '\n');
    }
    if (lines.length > 0) yield lines.join('');
  }
  const lines = report.failures.map(
    (failure) => `::error ${properties({ file: failure.file, title: 'Catalint: file not read' })}::${escapeData(failure.reason)}\n`,
  );
  if (lines.length > 0) yield lines.join('');
}

function annotation(f: ReportFinding): string {
  const props = properties({
    file: f.file,
    line: String(f.line),
    col: String(f.column),
    endLine: String(f.endLine),
    endColumn: String(f.endColumn),
    title: `Catalint ${f.rule}`,
  });
  return `::${commandOf[f.severity]} ${props}::${escapeData(f.message)}`;
}

function properties(props: Record<string, string>): string {
  return Object.entries(props)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
}

/**
 * The runner's escaping for a command's message, then every other control or direction
 * character made visible: a file or folder name may hold ESC sequences or a right-to-left
 * override that the log viewer would otherwise obey.
 */
export function escapeData(s: string): string {
  return printable(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** The runner's escaping for a property value, which also may not hold `:` or `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
