/**
 * `--format json`: the machine contract. One object; `findings` is the documented part, other
 * top-level fields are additions.
 */
import type { Report } from '../report';

export function renderJson(report: Report): string {
  return JSON.stringify({ findings: report.findings, failures: report.failures, fileCount: report.fileCount }, null, 2) + '\n';
}
