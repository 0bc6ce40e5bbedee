/**
 * `catalint merge <reports...>`: the reports of `--shard k/n` runs made one, the same as a run
 * over all the files would have printed. JSON reports merge into any format (they hold every
 * field a format shows); SARIF reports merge into SARIF, keeping the suppressed results and the
 * fingerprints each shard computed (a file's fingerprints are counted within the file, and each
 * file is in one shard).
 */
import * as path from 'node:path';
import { readRegularFile } from '../engine/text/read-file';
import { FORMAT_NAMES, type FormatName, render } from './formats';
import { INVENTORY_FORMATS, type InventoryFormat } from './inventory-options';
import { type Inventory, InventoryBuilder, INVENTORY_VERSION } from '../workspace/inventory';
import { ExitCode, type Io } from './io';
import { writeReport, writeToStream } from './output';
import { printable } from './printable';
import {
  type ChangeSummary,
  compareStrings,
  type Failure,
  FileFindings,
  makeReport,
  type ReportFinding,
  type TestFindings,
} from './report';
import { reasonOf } from '../workspace/reasons';

export interface MergeOptions {
  readonly reports: readonly string[];
  /** Undefined: the inputs' own format. A report format, or an inventory format for inventories. */
  readonly format?: string;
  readonly outputFile?: string;
}

/** A report larger than this cannot be one JavaScript string, so it cannot be parsed whole. */
const MAX_REPORT_BYTES = 512 * 1024 * 1024;

interface JsonInput {
  readonly findings: ReportFinding[];
  readonly failures: Failure[];
  readonly fileCount: number;
  readonly testFindings: TestFindings;
  readonly configFiles?: string[];
  readonly suppressed?: { file: string; findings: number };
  readonly changedSince?: ChangeSummary;
}

interface SarifResult {
  readonly level?: string;
  readonly ruleId?: string;
  readonly suppressions?: unknown[];
  readonly locations?: {
    physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number; startColumn?: number } };
  }[];
}

interface SarifLog {
  runs: {
    results: SarifResult[];
    invocations?: { executionSuccessful: boolean; toolExecutionNotifications?: SarifResult[] }[];
  }[];
}

export class MergeError extends Error {
  override readonly name = 'MergeError';
}

export async function mergeCommand(options: MergeOptions, io: Io): Promise<ExitCode> {
  const inputs = options.reports.map((file) => readInput(path.resolve(io.cwd, file), file));
  const kinds = new Set(inputs.map((i) => i.kind));
  if (kinds.size > 1)
    throw new MergeError('the reports are of different formats: merge the JSON reports, the SARIF ones, or the inventories');
  if (inputs[0].kind === 'inventory') {
    const format = options.format ?? 'json';
    if (!(INVENTORY_FORMATS as readonly string[]).includes(format))
      throw new MergeError(`inventories merge into ${INVENTORY_FORMATS.join(', ')}, not ${format}`);
    const merged = InventoryBuilder.merge(inputs.map((i) => i.value as Inventory));
    const { writeInventory } = require('./inventory') as typeof import('./inventory');
    return writeInventory(merged, { format: format as InventoryFormat, outputFile: options.outputFile }, undefined, io);
  }
  if (options.format !== undefined && !(FORMAT_NAMES as readonly string[]).includes(options.format))
    throw new MergeError(`reports merge into ${FORMAT_NAMES.join(', ')}, not ${options.format}`);
  if (inputs[0].kind === 'sarif') {
    const format = options.format ?? 'sarif';
    if (format !== 'sarif') throw new MergeError(`SARIF reports merge into SARIF; merge the shards' JSON reports for --format ${format}`);
    const log = mergeSarif(inputs.map((i) => i.value as SarifLog));
    return finish([JSON.stringify(log, null, 2) + '\n'], options, io, exitOfSarif(log));
  }
  const merged = mergeJson(
    inputs.map((i) => i.value as JsonInput),
    io.cwd,
  );
  const color = options.outputFile === undefined && io.stdoutIsTTY && !io.env.NO_COLOR;
  const exit =
    merged.failures.length > 0
      ? ExitCode.Trouble
      : merged.findings.some((f) => f.severity === 'error')
        ? ExitCode.Problems
        : ExitCode.Clean;
  return finish(render((options.format ?? 'json') as FormatName, merged, { color }), options, io, exit);
}

async function finish(content: Iterable<string | Uint8Array>, options: MergeOptions, io: Io, exit: ExitCode): Promise<ExitCode> {
  if (options.outputFile === undefined) {
    await writeToStream(content, io.stdout, io.stdoutDrained);
    return exit;
  }
  try {
    writeReport(path.resolve(io.cwd, options.outputFile), content);
  } catch (e) {
    io.stderr(`catalint: cannot write ${printable(options.outputFile)}: ${reasonOf(e)}\n`);
    return ExitCode.Trouble;
  }
  return exit;
}

function readInput(abs: string, shown: string): { kind: 'json' | 'sarif' | 'inventory'; value: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(readRegularFile(abs, MAX_REPORT_BYTES).toString('utf8'));
  } catch (e) {
    throw new MergeError(`${shown}: cannot read it as a report: ${reasonOf(e)}`);
  }
  const v = value as Partial<JsonInput & SarifLog> | null;
  const inv = value as Partial<Inventory> | null;
  if (inv && inv.version === INVENTORY_VERSION && Array.isArray(inv.categories) && inv.totals) return { kind: 'inventory', value };
  if (v && Array.isArray(v.runs) && v.runs.length === 1 && Array.isArray(v.runs[0]?.results)) return { kind: 'sarif', value };
  if (v && Array.isArray(v.findings) && Array.isArray(v.failures) && typeof v.fileCount === 'number' && v.testFindings)
    return { kind: 'json', value };
  throw new MergeError(`${shown}: not a report of 'catalint --format json' or '--format sarif', nor an inventory of 'catalint inventory'`);
}

function mergeJson(inputs: readonly JsonInput[], cwd: string) {
  const byFile = new Map<string, ReportFinding[]>();
  for (const input of inputs) {
    for (const f of input.findings) {
      const list = byFile.get(f.file);
      if (list) list.push(f);
      else byFile.set(f.file, [f]);
    }
  }
  const files = [...byFile.keys()].sort(compareStrings).map((file) => FileFindings.of(file, byFile.get(file)!));
  const failures = inputs.flatMap((i) => i.failures).sort((a, b) => compareStrings(a.file, b.file));
  const sum = (pick: (i: JsonInput) => number): number => inputs.reduce((n, i) => n + pick(i), 0);
  const tests = { findings: sum((i) => i.testFindings.findings), files: sum((i) => i.testFindings.files) };
  const configFiles = [...new Set(inputs.flatMap((i) => i.configFiles ?? []))].sort(compareStrings);
  const suppressed = inputs.find((i) => i.suppressed)?.suppressed;
  const baseline = suppressed && { file: suppressed.file, hidden: sum((i) => i.suppressed?.findings ?? 0), files: [] };
  const changed = inputs.find((i) => i.changedSince)?.changedSince;
  const changes = changed && {
    ...changed,
    unchangedFiles: sum((i) => i.changedSince?.unchangedFiles ?? 0),
    hidden: sum((i) => i.changedSince?.hidden ?? 0),
  };
  return makeReport(
    cwd,
    sum((i) => i.fileCount),
    files,
    failures,
    tests,
    configFiles,
    baseline,
    changes,
  );
}

/** One run: the first shard's, with every shard's results and notifications, in report order. */
function mergeSarif(logs: SarifLog[]): SarifLog {
  const [first] = logs;
  const run = first.runs[0];
  run.results = logs.flatMap((l) => l.runs[0].results).sort(compareResults);
  const invocations = logs.flatMap((l) => l.runs[0].invocations ?? []);
  if (run.invocations?.[0]) {
    run.invocations[0].executionSuccessful = invocations.every((i) => i.executionSuccessful);
    run.invocations[0].toolExecutionNotifications = invocations.flatMap((i) => i.toolExecutionNotifications ?? []).sort(compareResults);
  }
  return first;
}

function exitOfSarif(log: SarifLog): ExitCode {
  const run = log.runs[0];
  if (run.invocations?.some((i) => !i.executionSuccessful)) return ExitCode.Trouble;
  return run.results.some((r) => r.level === 'error' && !r.suppressions?.length) ? ExitCode.Problems : ExitCode.Clean;
}

/** The report's order: file (as shown, decoded from the URI), line, column, rule. */
function compareResults(a: SarifResult, b: SarifResult): number {
  const where = (r: SarifResult) => r.locations?.[0]?.physicalLocation;
  const file = (r: SarifResult) => decodeUri(where(r)?.artifactLocation?.uri ?? '');
  return (
    compareStrings(file(a), file(b)) ||
    (where(a)?.region?.startLine ?? 0) - (where(b)?.region?.startLine ?? 0) ||
    (where(a)?.region?.startColumn ?? 0) - (where(b)?.region?.startColumn ?? 0) ||
    compareStrings(a.ruleId ?? '', b.ruleId ?? '')
  );
}

function decodeUri(uri: string): string {
  try {
    return uri.split('/').map(decodeURIComponent).join('/');
  } catch {
    return uri;
  }
}
