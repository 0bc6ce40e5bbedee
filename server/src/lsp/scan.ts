/**
 * `catalint.scanWorkspace`: lints every file of every workspace folder that the CLI would lint
 * (same discovery: .gitignore, include/exclude, no node_modules, no links out of the folder) and
 * publishes the findings, so the Problems panel shows the whole workspace.
 */
import * as path from 'node:path';
import type { CancellationToken, Diagnostic, WorkDoneProgressReporter, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { Configs } from '../workspace/configs';
import { discover } from '../workspace/discover';
import type { RootState } from './folder-configs';
import { diagnosticsOnDisk } from './scan-file';
import { type ScanFile, type ScanResult, ScanWorker } from './scan-worker';
import type { Settings } from './settings';

/** What the scan needs from the server. */
export interface ScanHost {
  folders(): string[];
  /** The workspace folder of a file (its settings scope). */
  folderOf(file: string): string;
  /** Open documents keep their live diagnostics; the scan leaves them alone. */
  isOpen(file: string): boolean;
  /**
   * The files of the open documents (resolved), asked once per scan: a set, not a search per
   * file. A document opened during the scan shows its live diagnostics whatever the scan found.
   */
  openFiles(): ReadonlySet<string>;
  settingsFor(folder: string): Promise<Settings>;
  stateFor(file: string, settings: Settings): RootState;
  publish(file: string, diagnostics: Diagnostic[]): void;
  /** The program to start the scan's worker from (see scan-worker.ts); none: lint on the server thread. */
  readonly workerEntry?: string;
  log(message: string): void;
  logError(what: string, e: unknown): void;
}

export interface ScanSummary {
  readonly files: number;
  readonly findings: number;
  readonly cancelled: boolean;
  /** Whether the files were linted on a worker thread (else on the server's own). */
  readonly onWorker: boolean;
}

/** The longest the scan lints without reading messages, but for one slow file. */
const YIELD_MS = 10;

export async function scanWorkspace(host: ScanHost, progress: WorkDoneProgressReporter, token: CancellationToken): Promise<ScanSummary> {
  progress.begin('Catalint: scanning the workspace', 0, 'finding files', true);
  // Cancelled from the request, or from the progress notification when the server created it.
  const serverToken = (progress as Partial<WorkDoneProgressServerReporter>).token;
  const cancelled = (): boolean => token.isCancellationRequested || serverToken?.isCancellationRequested === true;
  // Started first: the worker loads the engine while the folders are walked.
  const worker = host.workerEntry ? ScanWorker.start(host.workerEntry) : undefined;
  try {
    return await scanWith(worker, host, progress, cancelled);
  } finally {
    worker?.stop();
  }
}

async function scanWith(
  worker: ScanWorker | undefined,
  host: ScanHost,
  progress: WorkDoneProgressReporter,
  cancelled: () => boolean,
): Promise<ScanSummary> {
  const work: { file: string; folder: string }[] = [];
  // Settings per folder, asked once: not once per file.
  const settingsOf = new Map<string, Settings>();
  // Whether the scan stopped short: a cancel that comes after the last file changes nothing.
  let stopped = false;
  for (const folder of host.folders()) {
    if ((stopped = cancelled())) break;
    const settings = await host.settingsFor(folder);
    if (!settings.enable) continue;
    settingsOf.set(folder, settings);
    try {
      const { found } = discoverFolder(folder, settings);
      for (const file of found.files) work.push({ file, folder });
      for (const note of [...found.skipped, ...found.failures]) host.log(`Catalint scan: ${note.file}: ${note.reason}`);
    } catch (e) {
      // A broken catalint.json is already reported in the file and the status; the scan says why it stopped.
      host.logError(`scanning ${folder}`, e);
    }
  }
  const open = host.openFiles();
  let findings = 0;
  let done = 0;
  let lastPercent = -1;
  const counted = (published: number): void => {
    findings += published;
    done++;
    const percent = Math.floor((done / work.length) * 100);
    if (percent !== lastPercent) {
      lastPercent = percent;
      progress.report(percent, `${done}/${work.length} files`);
    }
  };

  // Open documents keep their live diagnostics; files whose configuration the server holds with
  // problems (the last good one in force) are linted here, where that configuration is.
  const onWorker: ScanFile[] = [];
  const here: ScanFile[] = [];
  for (const w of work) {
    if (open.has(path.resolve(w.file))) counted(0);
    else if (workerMayLint(host, w, settingsOf.get(w.folder)!)) onWorker.push(w);
    else here.push(w);
  }
  if (worker && !stopped) {
    const settings = Object.fromEntries(settingsOf);
    const left = await lintOnWorker(worker, onWorker, settings, host, cancelled, (r) => {
      if (r.kind === 'server-thread') here.push(r);
      else counted(publishResult(host, r));
    });
    stopped = left.cancelled;
    here.push(...left.unanswered);
  } else {
    here.push(...onWorker);
  }

  let lastYield = -Infinity;
  for (const { file, folder } of stopped ? [] : here) {
    // Yield to the message loop every few milliseconds of linting: a hover, an edit or a cancel
    // (the request's or the progress's) waits for a file or so, never for the whole scan.
    if (performance.now() - lastYield >= YIELD_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    if ((stopped = cancelled())) break;
    counted(lintOnDisk(host, file, settingsOf.get(folder)!));
  }
  progress.done();
  const where = worker && onWorker.length > 0 ? ' on a worker thread' : '';
  host.log(`Catalint scan: ${done} of ${work.length} files${where}, ${findings} findings${stopped ? ' (cancelled)' : ''}.`);
  return { files: done, findings, cancelled: stopped, onWorker: worker !== undefined && onWorker.length > 0 };
}

/**
 * The files of a workspace folder the CLI would lint there, with the configurations that chose
 * them: the scan and the data inventory walk a folder alike.
 */
export function discoverFolder(folder: string, settings: Settings): { configs: Configs; found: ReturnType<typeof discover> } {
  const catalogFile = settings.catalogPath ? path.resolve(folder, settings.catalogPath) : undefined;
  const configs = new Configs({ cwd: folder, catalogFile });
  return { configs, found: discover([folder], folder, configs) };
}

/** Whether the server's configuration for the file is the one on disk, which a worker loads too. */
function workerMayLint(host: ScanHost, w: ScanFile, settings: Settings): boolean {
  try {
    const state = host.stateFor(w.file, settings);
    return state.good !== undefined && state.problems.length === 0;
  } catch {
    return false;
  }
}

/** Batches in flight: one being linted, one waiting, so the worker never idles while the server publishes. */
const IN_FLIGHT = 2;
/** Files per batch: small enough that a cancel stops the scan soon after it is asked. */
const BATCH_FILES = 8;

/**
 * Lints `files` on the worker, handing each result to `take` in order. Returns whether it was
 * cancelled, and the files the worker never answered for (it failed): those are linted here.
 */
async function lintOnWorker(
  worker: ScanWorker,
  files: readonly ScanFile[],
  settings: Readonly<Record<string, Settings>>,
  host: ScanHost,
  cancelled: () => boolean,
  take: (r: ScanResult) => void,
): Promise<{ cancelled: boolean; unanswered: ScanFile[] }> {
  const inFlight: { from: number; answer: Promise<readonly ScanResult[]> }[] = [];
  let next = 0;
  for (;;) {
    while (inFlight.length < IN_FLIGHT && next < files.length) {
      const batch = files.slice(next, next + BATCH_FILES);
      inFlight.push({ from: next, answer: worker.lint(batch, settings) });
      next += batch.length;
    }
    const first = inFlight.shift();
    if (!first) return { cancelled: false, unanswered: [] };
    let results: readonly ScanResult[];
    try {
      results = await first.answer;
    } catch (e) {
      host.logError('scanning on a worker thread; the rest is scanned on the server thread', e);
      // Answers that came before the failure are dropped with their batch: linted again here.
      for (const f of inFlight) f.answer.catch(() => undefined);
      return { cancelled: false, unanswered: files.slice(first.from) };
    }
    for (const r of results) take(r);
    if (cancelled()) {
      for (const f of inFlight) f.answer.catch(() => undefined);
      return { cancelled: true, unanswered: [] };
    }
  }
}

/** Publishes a worker's result; returns how many diagnostics it published. */
function publishResult(host: ScanHost, r: Exclude<ScanResult, { kind: 'server-thread' }>): number {
  if (r.kind === 'failed') {
    host.logError(`scanning ${r.file}`, new Error(r.reason));
    return 0;
  }
  if (r.diagnostics === undefined) return 0;
  host.publish(r.file, r.diagnostics);
  return r.diagnostics.length;
}

/**
 * Lints a file as it is on disk and publishes its findings (none when it is gone). Returns how
 * many diagnostics it published.
 */
function lintOnDisk(host: ScanHost, file: string, settings: Settings): number {
  try {
    const diagnostics = diagnosticsOnDisk(file, settings, host.stateFor(file, settings).good);
    if (diagnostics === undefined) return 0;
    host.publish(file, diagnostics);
    return diagnostics.length;
  } catch (e) {
    host.logError(`scanning ${file}`, e);
    return 0;
  }
}

/** After a configuration change: the files a scan published for are linted again, so none keeps stale findings. */
export async function relintScanned(host: ScanHost, files: readonly string[]): Promise<void> {
  let n = 0;
  for (const file of files) {
    if (host.isOpen(file)) continue;
    lintOnDisk(host, file, await host.settingsFor(host.folderOf(file)));
    if (++n % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
