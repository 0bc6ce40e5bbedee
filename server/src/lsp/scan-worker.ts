/**
 * Scan Workspace on a worker thread, as the CLI's `--jobs` lints on workers: the server's own
 * thread only hands out files, publishes and answers the editor, so a scan of thousands of files
 * runs at the CLI's speed on another core and never holds a hover or an edit.
 *
 * The worker is this same program (the server's bundle, or the CLI's for `catalint --lsp`)
 * started with `workerData` naming its role: `startServer` serves a worker instead of a
 * connection when it sees it. The server thread pulls: it asks for a few files at a time and asks
 * for more only once it has published what came back, so a cancel stops the scan within a
 * batch, and stopping is terminating the worker.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver/node';
import { FolderConfigs } from './folder-configs';
import { diagnosticsOnDisk } from './scan-file';
import type { Settings } from './settings';
import { scanWorkerCrashes } from './test-hooks';

const ROLE = 'catalint-scan-worker';

export interface ScanWorkerRequest {
  readonly role: typeof ROLE;
}

export interface ScanFile {
  readonly file: string;
  readonly folder: string;
}

/**
 * What became of one file: its diagnostics (undefined: not a language Catalint reads), a file to
 * lint on the server's thread after all (its configuration does not load here: the server keeps
 * the last good one in force), or a failure to log.
 */
export type ScanResult =
  | { readonly file: string; readonly kind: 'diagnostics'; readonly diagnostics: Diagnostic[] | undefined }
  | { readonly file: string; readonly folder: string; readonly kind: 'server-thread' }
  | { readonly file: string; readonly kind: 'failed'; readonly reason: string };

interface Batch {
  readonly id: number;
  readonly files: readonly ScanFile[];
  /** The settings of each workspace folder, as the scan read them; sent with the first batch. */
  readonly settings?: Readonly<Record<string, Settings>>;
}

interface Answer {
  readonly id: number;
  readonly results: readonly ScanResult[];
}

export function isScanWorkerRequest(data: unknown): data is ScanWorkerRequest {
  return (data as Partial<ScanWorkerRequest> | null)?.role === ROLE;
}

/** The worker's side: lints each batch it is sent and answers with its results. */
export function serveScanWorker(_request: ScanWorkerRequest, port: MessagePort): void {
  // The worker's own configurations, loaded from the same files the server's were.
  const configs = new FolderConfigs(() => undefined);
  let settingsOf: Readonly<Record<string, Settings>> = {};
  port.on('message', (batch: Batch) => {
    if (batch.settings) settingsOf = batch.settings;
    const results = batch.files.map(({ file, folder }): ScanResult => {
      try {
        const settings = settingsOf[folder];
        const state = configs.forFile(file, folder, settings.catalogPath);
        if (state.problems.length > 0) return { file, folder, kind: 'server-thread' };
        return { file, kind: 'diagnostics', diagnostics: diagnosticsOnDisk(file, settings, state.good) };
      } catch (e) {
        return { file, kind: 'failed', reason: e instanceof Error ? e.message : String(e) };
      }
    });
    port.postMessage({ id: batch.id, results } satisfies Answer);
    if (scanWorkerCrashes()) process.exit(70);
  });
}

/** The server's side: one worker, asked for one batch at a time. */
export class ScanWorker {
  private readonly pending = new Map<number, { resolve: (r: readonly ScanResult[]) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;
  private settings: Readonly<Record<string, Settings>> | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (a: Answer) => {
      this.pending.get(a.id)?.resolve(a.results);
      this.pending.delete(a.id);
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`the scan worker stopped (exit code ${code})`)));
  }

  /**
   * Starts a worker running `entry` (the program the server runs); undefined when none can start.
   * Started before the files are known, it loads the engine while the scan walks the folders.
   */
  static start(entry: string): ScanWorker | undefined {
    try {
      const request: ScanWorkerRequest = { role: ROLE };
      // `--lsp` leads the CLI's program to startServer, which serves the worker; the server's
      // own program ignores it. The worker writes nothing to stdout, where the LSP messages go.
      return new ScanWorker(new Worker(entry, { workerData: request, argv: ['--lsp'], stdout: true }));
    } catch {
      return undefined;
    }
  }

  /**
   * The results of `files`, in order, linted with `settings` (per workspace folder); rejected
   * when the worker failed before answering.
   */
  lint(files: readonly ScanFile[], settings: Readonly<Record<string, Settings>>): Promise<readonly ScanResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const changed = settings !== this.settings;
    this.settings = settings;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, files, settings: changed ? settings : undefined } satisfies Batch);
    });
  }

  stop(): void {
    this.failure ??= new Error('the scan worker was stopped');
    void this.worker.terminate();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }
}
