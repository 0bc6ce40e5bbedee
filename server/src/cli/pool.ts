/**
 * `--jobs N`: the main thread and N-1 worker threads lint the files together. The files are
 * ordered largest first and each thread claims the next one from a counter they share
 * (Atomics on a SharedArrayBuffer), so no thread waits for another to hand it work and the last
 * files, the smallest, end at about the same time everywhere. Every outcome is stored at its
 * file's slot, so the report is the same whatever thread linted what. A worker that fails leaves
 * its files to the main thread.
 *
 * Workers are started as early as the run knows it wants them, so that loading the program in
 * each (a fresh V8 isolate) overlaps the main thread's own start: discovery, configuration and
 * the first files. A worker sends each file's findings as the text `--format json` prints (see
 * FileFindings): one string per file crosses the thread boundary, not a graph of objects.
 *
 * The workers run this same program (dist/cli.js is one bundled file): main.ts starts it as a
 * worker when `workerData` says so. A worker loads the configuration itself from the same
 * request; the main thread loads it first for every file, so a broken catalint.json or catalog
 * is refused there (exit 2), and the workers are stopped without a word.
 */
import { availableParallelism } from 'node:os';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { ConfigRequest } from '../workspace/configs';
import { Configs } from '../workspace/configs';
import { lintFile, type FileJob, type FileOutcome } from './lint-file';
import { FileFindings, type Tally } from './report';

const ROLE = 'catalint-lint-worker';

/** Source the main thread lints between two looks at what the workers sent (a few tens of milliseconds). */
const BREAK_BYTES = 256 * 1024;

/**
 * A worker's heap is capped: V8 sizes each isolate's heap for a whole machine and collects late,
 * and two uncapped heaps in one process took 660 MB on 100 MB of code where one took 350.
 * A file that needs more than this fails the worker, and the main thread lints what it left.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256 };

/** Less work than this is never shared, whatever --jobs says: a worker would not even be loaded before it is done. */
export const MIN_SHARED_BYTES = 192 * 1024;

/**
 * With the default --jobs, a worker is started only for this much work: a worker costs about
 * 3 CPU seconds before it is up to speed (loading the bundle, the catalog, and V8 warming up the
 * TypeScript parser again in its own isolate). An explicit --jobs is obeyed.
 */
const AUTO_BYTES_PER_WORKER = 32 * 1024 * 1024;

/** Workers for this many bytes of work when --jobs is not given. */
export function defaultWorkers(bytes: number): number {
  return Math.max(0, Math.min(availableParallelism() - 1, Math.floor(bytes / AUTO_BYTES_PER_WORKER)));
}

export interface WorkerRequest {
  readonly role: typeof ROLE;
  readonly config: ConfigRequest;
  readonly wantHash: boolean;
}

/** The work, sent to each worker once it is known. */
interface WorkMessage {
  readonly files: readonly FileJob[];
  /** Int32 index of the next file to claim, shared by all threads. */
  readonly next: SharedArrayBuffer;
  /** Files from this index on are not claimed: each is kept for one worker. */
  readonly shared: number;
  /** The file kept for this worker, linted after the shared ones run out. */
  readonly kept?: number;
}

/** What a worker sends back: an outcome per file, then `done` when there are none left to claim. */
type WorkerMessage = { readonly slot: number; readonly outcome: WireOutcome } | { readonly done: Share };

/** What one thread linted, and when it started and ended (Date.now()), for `CATALINT_TRACE=pool`. */
interface Share {
  files: number;
  bytes: number;
  from: number;
  to: number;
}

type WireOutcome =
  | { readonly kind: 'linted'; readonly file: string; readonly json: string | Uint8Array; readonly tally: Tally; readonly hash?: string }
  | { readonly kind: 'failure'; readonly reason: string };

/**
 * The threads that lint: the main thread, and the workers started so far. Workers can be
 * started before the work is known (see `start`); a pool that turns out not to need them is
 * closed unused.
 */
export class Pool {
  private workers: { readonly worker: Worker; readonly gone: Promise<void> }[] = [];

  constructor(private readonly request: Omit<WorkerRequest, 'role'>) {}

  /** Workers in all, once these are started; they load while the main thread goes on. */
  start(count: number): void {
    const workerData: WorkerRequest = { role: ROLE, ...this.request };
    while (this.workers.length < count) {
      const worker = new Worker(entryScript(), { workerData, resourceLimits: WORKER_LIMITS });
      // Never what keeps the process alive, whatever path the run ends by.
      worker.unref();
      // A worker that fails is replaced by the main thread (see lint); its error is not news.
      worker.on('error', () => {});
      this.workers.push({ worker, gone: new Promise((resolve) => worker.once('exit', () => resolve())) });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Lints the files on the main thread and every worker; outcomes by slot, each passed through
   * `keep` as it arrives (the run sets large reports aside on disk there). The main thread
   * stops between files now and then to take in what the workers sent, so their findings do not
   * pile up unread in the ports.
   */
  async lint(
    files: readonly FileJob[],
    configs: Configs,
    options: { readonly keep?: (findings: FileFindings) => FileFindings; readonly trace?: (message: string) => void } = {},
  ): Promise<Map<number, FileOutcome>> {
    const { wantHash } = this.request;
    const { trace } = options;
    const keepFindings = options.keep ?? ((f: FileFindings) => f);
    const keep = (o: FileOutcome): FileOutcome => (o.kind === 'linted' ? { ...o, findings: keepFindings(o.findings) } : o);
    const outcomes = new Map<number, FileOutcome>();
    // Largest first when sharing, so the last files claimed are small; alone, in the given order.
    const order = this.workers.length === 0 ? files : [...files].sort((a, b) => b.bytes - a.bytes || a.slot - b.slot);
    const next = new SharedArrayBuffer(4);
    const counter = new Int32Array(next);
    const finished = this.workers.map((w) => collect(w.worker, outcomes, w.gone, keep));
    // The smallest files are kept one per worker: every worker lints something, however late it
    // comes up (so its path is always exercised), at the cost of a small file's wait.
    const shared = order.length - Math.max(0, Math.min(this.workers.length, order.length - 1));
    this.workers.forEach(({ worker }, k) => {
      const kept = shared + k < order.length ? shared + k : undefined;
      worker.postMessage({ files: order, next, shared, kept } satisfies WorkMessage);
    });

    const mine: Share = { files: 0, bytes: 0, from: Date.now(), to: 0 };
    let sinceBreak = 0;
    for (let i = Atomics.add(counter, 0, 1); i < shared; i = Atomics.add(counter, 0, 1)) {
      outcomes.set(order[i].slot, keep(lintFile(order[i], configs, wantHash)));
      mine.files++;
      mine.bytes += order[i].bytes;
      sinceBreak += order[i].bytes;
      if (this.workers.length > 0 && sinceBreak >= BREAK_BYTES) {
        sinceBreak = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    mine.to = Date.now();
    const shares = await Promise.all(finished);
    this.close();
    // Files a failed worker claimed and never answered for.
    for (const job of order) if (!outcomes.has(job.slot)) outcomes.set(job.slot, keep(lintFile(job, configs, wantHash)));
    if (trace && shares.length > 0) {
      const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      const line = (who: string, s: Share | undefined) =>
        s
          ? `${who} ${s.files} files (${Math.round(s.bytes / 1024)} KiB) from ${seconds(s.from - mine.from)} to ${seconds(s.to - mine.from)}`
          : `${who} failed`;
      trace([line('main thread', mine), ...shares.map((s, i) => line(`worker ${i + 1}`, s))].join(', '));
    }
    return outcomes;
  }

  close(): void {
    for (const { worker } of this.workers.splice(0)) void worker.terminate();
  }
}

/** Stores a worker's outcomes until it says it is done (with what it did), or is gone (failed, even before this was called). */
function collect(
  worker: Worker,
  outcomes: Map<number, FileOutcome>,
  gone: Promise<void>,
  keep: (o: FileOutcome) => FileOutcome,
): Promise<Share | undefined> {
  return new Promise((resolve) => {
    worker.on('message', (m: WorkerMessage) => {
      if ('done' in m) resolve(m.done);
      else outcomes.set(m.slot, keep(fromWire(m.outcome)));
    });
    void gone.then(() => resolve(undefined));
  });
}

export function isWorkerRequest(x: unknown): x is WorkerRequest {
  return typeof x === 'object' && x !== null && (x as Partial<WorkerRequest>).role === ROLE;
}

/** The worker's side: claim files until none are left, send each outcome, then say so. */
export function serveWorker(request: WorkerRequest, port: MessagePort): void {
  const configs = new Configs(request.config);
  port.on('message', ({ files, next, shared, kept }: WorkMessage) => {
    const counter = new Int32Array(next);
    const share: Share = { files: 0, bytes: 0, from: Date.now(), to: 0 };
    const lint = (job: FileJob): void => {
      port.postMessage({ slot: job.slot, outcome: toWire(lintFile(job, configs, request.wantHash)) } satisfies WorkerMessage);
      share.files++;
      share.bytes += job.bytes;
    };
    for (let i = Atomics.add(counter, 0, 1); i < shared; i = Atomics.add(counter, 0, 1)) lint(files[i]);
    if (kept !== undefined) lint(files[kept]);
    share.to = Date.now();
    port.postMessage({ done: share } satisfies WorkerMessage);
  });
}

function toWire(outcome: FileOutcome): WireOutcome {
  if (outcome.kind === 'failure') return outcome;
  const { file, json, tally } = outcome.findings;
  return { kind: 'linted', file, json, tally, hash: outcome.hash };
}

function fromWire(wire: WireOutcome): FileOutcome {
  if (wire.kind === 'failure') return wire;
  return { kind: 'linted', findings: FileFindings.fromJson(wire.file, wire.tally, wire.json), hash: wire.hash };
}

/**
 * The script a worker runs: the program's own file, or the loader that started it when there
 * is one (bin/catalint.js, which also gives each worker its compiled-code cache).
 */
function entryScript(): string {
  const loader = (globalThis as { [ENTRY]?: unknown })[ENTRY];
  return typeof loader === 'string' ? loader : __filename;
}

/** Where bin/catalint.js leaves its own path. */
const ENTRY = Symbol.for('catalint.entry');
