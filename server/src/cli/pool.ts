/**
 * `--jobs N`: the files are cut into batches of similar size and shared between the main thread
 * and N-1 worker threads, each taking the next batch when it is done with one. Every outcome is
 * stored at its file's slot, so the report is the same whatever thread linted what and in which
 * order they finished.
 *
 * The workers run this same program (dist/cli.js is one bundled file): main.ts starts it as a
 * worker when `workerData` says so. A worker loads the configuration itself from the same
 * request; the main thread has loaded it first, so a broken catalint.json or catalog is refused
 * there (exit 2) before any worker starts.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ConfigRequest } from './configs';
import { Configs } from './configs';
import { lintFile, type FileJob, type FileOutcome } from './lint-file';

const ROLE = 'catalint-lint-worker';
/** Small enough that the last batches end together, large enough that messages cost nothing. */
const BATCH_BYTES = 192 * 1024;
/**
 * With the default --jobs, a worker is started only for this much work: a worker costs about
 * 3 CPU seconds before it is up to speed (loading the bundle, the catalog, and V8 warming up the
 * TypeScript parser again in its own isolate), which is what linting ~15 MB costs (measured on
 * 2 cores: --jobs 2 against --jobs 1, +3.0 CPU s on 28 MB and on 10 MB; on 100 MB the CPU per MB
 * is the same as one thread's). Twice the break-even, because on a shared machine the other
 * core is often busy. An explicit --jobs is obeyed.
 */
const AUTO_BYTES_PER_WORKER = 32 * 1024 * 1024;
/** Batches a worker holds at once, so it never waits for the main thread to hand it the next. */
const IN_FLIGHT = 2;

export interface WorkerRequest {
  readonly role: typeof ROLE;
  readonly config: ConfigRequest;
  readonly wantHash: boolean;
}

interface WorkerResult {
  readonly slot: number;
  readonly outcome: FileOutcome;
}

export interface PoolOptions {
  /** Threads in all, the main thread included; undefined: one per CPU when the work repays it. */
  readonly jobs?: number;
  readonly config: ConfigRequest;
  /** The main thread's configurations, already loaded. */
  readonly configs: Configs;
  readonly wantHash: boolean;
  /** Told how many workers ran (for `CATALINT_TRACE=pool`). */
  readonly trace?: (message: string) => void;
}

/** Outcomes by slot. */
export async function lintAll(files: readonly FileJob[], options: PoolOptions): Promise<Map<number, FileOutcome>> {
  const outcomes = new Map<number, FileOutcome>();
  const lintHere = (batch: readonly FileJob[]): void => {
    for (const job of batch) outcomes.set(job.slot, lintFile(job, options.configs, options.wantHash));
  };
  const batches = toBatches(files);
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  const wanted = options.jobs !== undefined ? options.jobs - 1 : Math.min(availableParallelism() - 1, Math.floor(bytes / AUTO_BYTES_PER_WORKER));
  const workerCount = Math.min(wanted, batches.length - 1);
  options.trace?.(`${Math.max(workerCount, 0)} worker threads and the main thread for ${files.length} files in ${batches.length} batches`);
  if (workerCount <= 0) {
    batches.forEach(lintHere);
    return outcomes;
  }

  let next = 0;
  /** Batches a worker took and did not finish (it failed): the main thread lints them. */
  const orphans: FileJob[][] = [];
  const data: WorkerRequest = { role: ROLE, config: options.config, wantHash: options.wantHash };
  const finished = Array.from({ length: workerCount }, () => runWorker());

  function runWorker(): Promise<void> {
    return new Promise((resolve) => {
      const worker = new Worker(__filename, { workerData: data });
      const held: FileJob[][] = [];
      let done = false;
      const end = (): void => {
        if (done) return;
        done = true;
        orphans.push(...held.splice(0));
        void worker.terminate();
        resolve();
      };
      const feed = (): void => {
        while (held.length < IN_FLIGHT && next < batches.length) {
          const batch = batches[next++];
          held.push(batch);
          worker.postMessage(batch);
        }
        if (held.length === 0) end();
      };
      worker.on('message', (results: WorkerResult[]) => {
        for (const r of results) outcomes.set(r.slot, r.outcome);
        held.shift();
        feed();
      });
      worker.on('error', end);
      worker.on('exit', end);
      feed();
    });
  }

  // The main thread takes batches too, yielding between them so workers' results are handled.
  while (next < batches.length) {
    lintHere(batches[next++]);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(finished);
  orphans.forEach(lintHere);
  return outcomes;
}

/** Consecutive files of about BATCH_BYTES each (at least one file per batch). */
function toBatches(files: readonly FileJob[]): FileJob[][] {
  const batches: FileJob[][] = [];
  let batch: FileJob[] = [];
  let size = 0;
  for (const f of files) {
    batch.push(f);
    size += f.bytes;
    if (size >= BATCH_BYTES) {
      batches.push(batch);
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

export function isWorkerRequest(x: unknown): x is WorkerRequest {
  return typeof x === 'object' && x !== null && (x as Partial<WorkerRequest>).role === ROLE;
}

/** The worker's side: lint each batch it is sent, answer with the outcomes. */
export function serveWorker(request: WorkerRequest, port: import('node:worker_threads').MessagePort): void {
  const configs = new Configs(request.config);
  port.on('message', (batch: FileJob[]) => {
    const results: WorkerResult[] = batch.map((job) => ({ slot: job.slot, outcome: lintFile(job, configs, request.wantHash) }));
    port.postMessage(results);
  });
}
