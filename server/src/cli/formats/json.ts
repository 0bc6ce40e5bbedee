/**
 * `--format json`: the machine contract. One object; `findings` is the documented part, other
 * top-level fields are additions.
 *
 * The text is `JSON.stringify(report, null, 2)`, put together from each file's findings as they
 * were rendered where they were found (a worker, or an earlier run kept in the cache), so a run
 * with tens of thousands of findings neither rebuilds nor re-stringifies them.
 */
import type { Content } from '../output';
import { JSON_HEAD, type Report } from '../report';

/** In parts: the files' texts are written one after the other, never joined into one string. */
export function* renderJson(report: Report): Content {
  // The same object without findings gives everything after them, exactly as one stringify would.
  const rest =
    JSON.stringify(
      {
        findings: [],
        failures: report.failures,
        fileCount: report.fileCount,
        testFindings: report.testFindings,
        configFiles: report.configFiles,
        // Only with a suppressions file: how many findings it hid, and which file it is.
        ...(report.baseline ? { suppressed: { file: report.baseline.file, findings: report.baseline.hidden } } : {}),
        // Only with --changed-since: against which commit, and what was left out as unchanged.
        ...(report.changes ? { changedSince: report.changes } : {}),
      },
      null,
      2,
    ) + '\n';
  let first = true;
  for (const f of report.files) {
    const text = f.readJson();
    if (text.length === 0) continue;
    yield first ? JSON_HEAD : ',\n';
    yield text;
    first = false;
  }
  yield first ? rest : `\n  ]${rest.slice(EMPTY_HEAD.length)}`;
}

const EMPTY_HEAD = '{\n  "findings": []';
