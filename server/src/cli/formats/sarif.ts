/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it (upload with
 * github/codeql-action/upload-sarif). Every finding is a result; files that could not be read
 * are tool notifications and mark the run as not successful.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../engine/finding';
import { INFORMATION_URI, TOOL_NAME, toolVersion } from '../meta';
import type { Content } from '../output';
import { compareFindings, compareStrings, type Report, type ReportFinding } from '../report';
import { RULES, ruleHelpUri } from '../rules';

type Level = 'error' | 'warning' | 'note';

const levelOf: Readonly<Record<Severity, Level>> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

const SRCROOT = '%SRCROOT%';

/**
 * `JSON.stringify(log, null, 2)`, in parts: the log without results gives the text around them,
 * and each result is stringified on its own at the depth where it stands, one file's findings
 * at a time.
 */
export function* renderSarif(report: Report): Content {
  const suppressionsLocation = report.baseline ? { physicalLocation: { artifactLocation: artifact(report.baseline.file) } } : undefined;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: toolVersion(),
            semanticVersion: toolVersion(),
            informationUri: INFORMATION_URI,
            rules: RULES.map((r) => ({
              id: r.id,
              name: pascalCase(r.id),
              shortDescription: { text: r.short },
              fullDescription: { text: r.full },
              help: { text: r.help, markdown: r.help },
              helpUri: ruleHelpUri(r.id),
              defaultConfiguration: { level: levelOf[r.defaultSeverity] },
              properties: { tags: ['privacy', 'consent'] },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results: [],
        invocations: [
          {
            executionSuccessful: report.failures.length === 0,
            toolExecutionNotifications: report.failures.map((failure) => ({
              level: 'error',
              message: { text: `Could not read the file: ${failure.reason}` },
              locations: [{ physicalLocation: { artifactLocation: artifact(failure.file) } }],
            })),
          },
        ],
      },
    ],
  };
  const whole = JSON.stringify(log, null, 2) + '\n';
  // Keys are the only place a quote stands unescaped: this is the results key, and only it.
  const at = whole.indexOf(EMPTY_RESULTS);
  let first = true;
  for (const { findings, hidden } of withSuppressed(report)) {
    // Fingerprints count within a file, over reported and suppressed findings in position order,
    // so that a finding keeps its fingerprint whether or not a baseline hides it.
    const fingerprints = new Fingerprints();
    for (const f of findings) {
      const r = result(f, fingerprints);
      // `external`: hidden by a file outside the source (the bulk suppressions), so code scanning
      // shows it as suppressed, not as gone.
      const value = hidden.has(f) ? { ...r, suppressions: [{ kind: 'external', location: suppressionsLocation }] } : r;
      yield (first ? whole.slice(0, at) + RESULTS_HEAD : ',\n') + resultText(value);
      first = false;
    }
  }
  yield first ? whole : RESULTS_TAIL + whole.slice(at + EMPTY_RESULTS.length);
}

/**
 * Each file's findings, reported and suppressed together in position order, one file at a time;
 * `hidden` says which are suppressed.
 */
function* withSuppressed(report: Report): Iterable<{ findings: readonly ReportFinding[]; hidden: ReadonlySet<ReportFinding> }> {
  const suppressed = new Map((report.baseline?.files ?? []).map((g) => [g.file, g]));
  const files = [...new Set([...report.files.map((g) => g.file), ...suppressed.keys()])].sort(compareStrings);
  const reported = new Map(report.files.map((g) => [g.file, g]));
  for (const file of files) {
    const shown = reported.get(file)?.read() ?? [];
    const hidden = suppressed.get(file)?.read() ?? [];
    if (hidden.length === 0) {
      yield { findings: shown, hidden: new Set() };
      continue;
    }
    yield { findings: [...shown, ...hidden].sort(compareFindings), hidden: new Set(hidden) };
  }
}

const EMPTY_RESULTS = '"results": []';
const RESULTS_HEAD = '"results": [\n';
const RESULTS_TAIL = '\n      ]';

const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));

function result(f: ReportFinding, fingerprints: Fingerprints) {
  return {
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule),
    level: levelOf[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: artifact(f.file), region: region(f) } }],
    partialFingerprints: { 'catalintFinding/v1': fingerprints.next(f) },
    properties: {
      severity: f.severity,
      name: f.name,
      categories: f.categories,
      kind: f.kind,
      required: f.required,
      requirement: f.requirement,
      declared: f.declared,
    },
  };
}

/** A result as it stands in the whole log, where results are eight spaces deep. */
function resultText(value: object): string {
  const text = JSON.stringify({ runs: [{ results: [value] }] }, null, 2);
  return text.slice(RESULT_HEAD.length, text.length - RESULT_TAIL.length);
}

const RESULT_HEAD = '{\n  "runs": [\n    {\n      "results": [\n';
const RESULT_TAIL = '\n      ]\n    }\n  ]\n}';

function artifact(file: string): { uri: string; uriBaseId: string } {
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(f: ReportFinding) {
  const empty = f.line === f.endLine && f.column === f.endColumn;
  return empty
    ? { startLine: f.line, startColumn: f.column }
    : { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
}

/**
 * A finding's identity that survives lines being added above it: the rule, file and name, and
 * which occurrence of that name in the file it is.
 */
class Fingerprints {
  private readonly seen = new Map<string, number>();

  next(f: ReportFinding): string {
    const key = `${f.rule}\u0000${f.file}\u0000${f.name}`;
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  }
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
