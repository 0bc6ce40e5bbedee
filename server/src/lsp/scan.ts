/**
 * `catalint.scanWorkspace`: lints every file of every workspace folder that the CLI would lint
 * (same discovery: .gitignore, include/exclude, no node_modules, no links out of the folder) and
 * publishes the findings, so the Problems panel shows the whole workspace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CancellationToken, Diagnostic, WorkDoneProgressReporter, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Configs } from '../workspace/configs';
import { discover } from '../workspace/discover';
import { lint } from '../engine';
import { MAX_SOURCE_BYTES } from '../engine/languages/registry';
import { decodeSource } from '../engine/text/decode';
import { readRegularFile } from '../engine/text/read-file';
import { toDiagnostics } from './diagnostics';
import type { RootState } from './folder-configs';
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
  log(message: string): void;
  logError(what: string, e: unknown): void;
}

export interface ScanSummary {
  readonly files: number;
  readonly findings: number;
  readonly cancelled: boolean;
}

/** The longest the scan lints without reading messages, but for one slow file. */
const YIELD_MS = 10;

export async function scanWorkspace(host: ScanHost, progress: WorkDoneProgressReporter, token: CancellationToken): Promise<ScanSummary> {
  progress.begin('Catalint: scanning the workspace', 0, 'finding files', true);
  // Cancelled from the request, or from the progress notification when the server created it.
  const serverToken = (progress as Partial<WorkDoneProgressServerReporter>).token;
  const cancelled = (): boolean => token.isCancellationRequested || serverToken?.isCancellationRequested === true;
  const work: { file: string; folder: string }[] = [];
  // Whether the scan stopped short: a cancel that comes after the last file changes nothing.
  let stopped = false;
  for (const folder of host.folders()) {
    if ((stopped = cancelled())) break;
    const settings = await host.settingsFor(folder);
    if (!settings.enable) continue;
    try {
      const catalogFile = settings.catalogPath ? path.resolve(folder, settings.catalogPath) : undefined;
      const found = discover([folder], folder, new Configs({ cwd: folder, catalogFile }));
      for (const file of found.files) work.push({ file, folder });
      for (const note of [...found.skipped, ...found.failures]) host.log(`Catalint scan: ${note.file}: ${note.reason}`);
    } catch (e) {
      // A broken catalint.json is already reported in the file and the status; the scan says why it stopped.
      host.logError(`scanning ${folder}`, e);
    }
  }
  let findings = 0;
  let done = 0;
  let lastPercent = -1;
  // Settings and the enabled state per folder, asked once: not once per file.
  const settingsOf = new Map<string, Promise<Settings>>();
  const open = host.openFiles();
  let lastYield = -Infinity;
  for (const { file, folder } of work) {
    // Yield to the message loop every few milliseconds of linting: a hover, an edit or a cancel
    // (the request's or the progress's) waits for a file or so, never for the whole scan.
    if (performance.now() - lastYield >= YIELD_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    if ((stopped = cancelled())) break;
    done++;
    if (!open.has(path.resolve(file))) {
      let settings = settingsOf.get(folder);
      if (!settings) settingsOf.set(folder, (settings = host.settingsFor(folder)));
      findings += lintOnDisk(host, file, await settings);
    }
    const percent = Math.floor((done / work.length) * 100);
    if (percent !== lastPercent) {
      lastPercent = percent;
      progress.report(percent, `${done}/${work.length} files`);
    }
  }
  progress.done();
  host.log(`Catalint scan: ${done} of ${work.length} files, ${findings} findings${stopped ? ' (cancelled)' : ''}.`);
  return { files: done, findings, cancelled: stopped };
}

/**
 * Lints a file as it is on disk and publishes its findings (none when it is gone). Returns how
 * many diagnostics it published.
 */
function lintOnDisk(host: ScanHost, file: string, settings: Settings): number {
  try {
    const scoped = host.stateFor(file, settings).good;
    if (!settings.enable || !scoped || !fs.existsSync(file)) {
      host.publish(file, []);
      return 0;
    }
    // A FIFO or a device among the files would hang or exhaust the server: regular files only.
    const text = decodeSource(readRegularFile(file, MAX_SOURCE_BYTES));
    const result = lint({ text, path: file }, scoped.config);
    if (result.language === undefined) return 0;
    const doc = TextDocument.create(pathToFileURL(file).href, result.language, 0, text);
    const diagnostics = toDiagnostics(result.findings, doc, result.language, settings, scoped.config, file);
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
