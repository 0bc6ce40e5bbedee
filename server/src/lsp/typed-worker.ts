/**
 * Type-aware analysis in the editor, on a worker thread of its own: loading a project and
 * checking its types takes seconds the first time, and the server's thread must answer every
 * keystroke and hover meanwhile. The server publishes the syntactic result first; the worker's
 * type-aware result replaces it when it comes, if the document did not change in between.
 *
 * The worker holds a language service per project (workspace/typescript-projects.ts), so later
 * analyses re-check only what changed. It runs under a heap ceiling (`catalint.typeAwareMemoryMb`):
 * a project too large for it stops the worker, and the server says so in the status and keeps
 * the syntactic analysis, never a crash.
 */
import * as path from 'node:path';
import { Worker, type MessagePort } from 'node:worker_threads';
import { lint } from '../engine';
import type { Finding } from '../engine/finding';
import { ProjectService, ProjectServices } from '../workspace/typescript-projects';
import { FolderConfigs } from './folder-configs';
import type { Settings } from './settings';
import { typedWorkerExhaustsMemory } from './test-hooks';

const ROLE = 'catalint-typed-worker';

/** Projects up to this many files are analysed type-aware when `catalint.typeAware` is `auto`. */
export const AUTO_MAX_PROJECT_FILES = 2_000;
/** The type-aware pass may take longer than the editor's syntactic one: it runs off the critical path. */
const TYPED_TIME_BUDGET_MS = 10_000;

export interface TypedWorkerRequest {
  readonly role: typeof ROLE;
}

export interface TypedJob {
  readonly file: string;
  readonly folder: string;
  readonly text: string;
  readonly version: number;
  readonly settings: Settings;
}

/**
 * What became of a document: its type-aware findings (with the project that gave them), or why
 * it keeps the syntactic ones (no project, a tsconfig that does not load, a project over `auto`'s
 * size), said once per reason by the server.
 */
export type TypedAnswer =
  | { readonly kind: 'findings'; readonly findings: readonly Finding[]; readonly project: string }
  | { readonly kind: 'syntactic'; readonly reason?: string };

interface Message {
  readonly id: number;
  readonly job: TypedJob;
}

export function isTypedWorkerRequest(data: unknown): data is TypedWorkerRequest {
  return (data as Partial<TypedWorkerRequest> | null)?.role === ROLE;
}

/** The worker's side: analyses each document it is sent against its project. */
export function serveTypedWorker(_request: TypedWorkerRequest, port: MessagePort): void {
  const configs = new FolderConfigs(() => undefined);
  /** Per workspace folder: declarations are shown relative to it. */
  const projects = new Map<string, ProjectServices>();
  port.on('message', (m: Message | 'forget') => {
    if (m === 'forget') {
      projects.clear();
      return;
    }
    const { job } = m;
    typedWorkerExhaustsMemory();
    let answer: TypedAnswer;
    try {
      let inFolder = projects.get(job.folder);
      if (!inFolder) {
        const folder = job.folder;
        inFolder = new ProjectServices((abs) => path.relative(folder, abs).split(path.sep).join('/'));
        projects.set(folder, inFolder);
      }
      answer = analyse(job, configs, inFolder);
    } catch (e) {
      answer = { kind: 'syntactic', reason: `type-aware analysis failed: ${e instanceof Error ? e.message : String(e)}` };
    }
    port.postMessage({ id: m.id, answer });
  });
}

function analyse(job: TypedJob, configs: FolderConfigs, projects: ProjectServices): TypedAnswer {
  const state = configs.forFile(job.file, job.folder, job.settings.catalogPath);
  const scoped = state.good;
  if (!scoped || state.problems.length > 0) return { kind: 'syntactic' };
  const project = projects.projectOf(job.file, job.folder, scoped.config.projects);
  if (!project) return { kind: 'syntactic' };
  if (!(project instanceof ProjectService))
    return { kind: 'syntactic', reason: `${project.message}; files are judged by their spelling alone` };
  if (job.settings.typeAware === 'auto' && project.size > AUTO_MAX_PROJECT_FILES) {
    return {
      kind: 'syntactic',
      reason: `${path.basename(project.tsconfig)} lists ${project.size} files, more than "auto" analyses type-aware (${AUTO_MAX_PROJECT_FILES}); set catalint.typeAware to "on" for it`,
    };
  }
  const typed = project.typedFile(job.file, job.text, job.version);
  if (!typed) return { kind: 'syntactic' };
  const result = lint({ text: job.text, path: job.file }, scoped.config, { typed, timeBudgetMs: TYPED_TIME_BUDGET_MS });
  return { kind: 'findings', findings: result.findings, project: project.tsconfig };
}

/** The server's side: one worker, started on first need, answering the latest job per file. */
export class TypedWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, (a: TypedAnswer | undefined) => void>();
  private nextId = 0;
  /** Documents with an analysis on the worker, and the latest version of each waiting for it. */
  private readonly running = new Set<string>();
  private readonly waiting = new Map<string, { job: TypedJob; resolve: (a: TypedAnswer | undefined) => void }>();
  /** Why the worker is gone for good (out of memory): then every document stays syntactic. */
  stopped: string | undefined;

  constructor(
    private readonly entry: string,
    private readonly onStop: (reason: string) => void,
  ) {}

  /**
   * The type-aware answer for a document; undefined when the worker is gone, or when a newer
   * version of the document came before this one was started. While a document's analysis
   * runs, only its latest version waits: typing faster than the checker never builds a queue.
   */
  analyse(job: TypedJob): Promise<TypedAnswer | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    if (this.running.has(job.file)) {
      this.waiting.get(job.file)?.resolve(undefined);
      return new Promise((resolve) => this.waiting.set(job.file, { job, resolve }));
    }
    this.running.add(job.file);
    return this.send(job).finally(() => {
      this.running.delete(job.file);
      const next = this.waiting.get(job.file);
      if (!next) return;
      this.waiting.delete(job.file);
      void this.analyse(next.job).then(next.resolve);
    });
  }

  private send(job: TypedJob): Promise<TypedAnswer | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    const worker = this.start(job.settings.typeAwareMemoryMb);
    if (!worker) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ id, job } satisfies Message);
    });
  }

  /** A tsconfig.json or a file of a project changed on disk: projects are loaded afresh. */
  forget(): void {
    this.worker?.postMessage('forget');
  }

  /** Settings changed (a larger memory ceiling, say): a worker that stopped may be tried again. */
  restart(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.stopped = undefined;
    for (const resolve of this.pending.values()) resolve(undefined);
    this.pending.clear();
    for (const w of this.waiting.values()) w.resolve(undefined);
    this.waiting.clear();
    if (worker) {
      worker.removeAllListeners();
      void worker.terminate();
    }
  }

  dispose(): void {
    this.stopped ??= 'the server is shutting down';
    void this.worker?.terminate();
  }

  private start(memoryMb: number): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const request: TypedWorkerRequest = { role: ROLE };
      const worker = new Worker(this.entry, {
        workerData: request,
        argv: ['--lsp'],
        stdout: true,
        resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      });
      worker.on('message', (m: { id: number; answer: TypedAnswer }) => {
        this.pending.get(m.id)?.(m.answer);
        this.pending.delete(m.id);
      });
      worker.on('error', (e: Error & { code?: string }) => {
        const why =
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `the project needs more memory than catalint.typeAwareMemoryMb allows (${memoryMb} MB)`
            : `it failed: ${e.message}`;
        this.stop(`Type-aware analysis stopped: ${why}. Files are judged by their spelling alone.`);
      });
      worker.on('exit', (code) => this.stop(`Type-aware analysis stopped (exit code ${code}). Files are judged by their spelling alone.`));
      this.worker = worker;
      return worker;
    } catch (e) {
      this.stop(`Type-aware analysis could not start: ${e instanceof Error ? e.message : String(e)}.`);
      return undefined;
    }
  }

  private stop(reason: string): void {
    if (this.stopped) return;
    this.stopped = reason;
    for (const resolve of this.pending.values()) resolve(undefined);
    this.pending.clear();
    for (const w of this.waiting.values()) w.resolve(undefined);
    this.waiting.clear();
    this.onStop(reason);
  }
}
