/**
 * The language server: wires documents, settings, configurations, diagnostics, hovers, code
 * actions and the workspace scan to the connection. Every handler is guarded, so a failure in
 * one request or one document is logged and answered, never a crash of the server.
 */
import * as path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  CodeActionTriggerKind,
  type Connection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type Disposable,
  type FileSystemWatcher,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  ProposedFeatures,
  ResponseError,
  ErrorCodes,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  WorkDoneProgressReporter,
  createConnection,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LANGUAGES, MAX_SOURCE_BYTES } from '../engine/languages/registry';
import { decodeSource } from '../engine/text/decode';
import { readRegularFile } from '../engine/text/read-file';
import { DocumentMemory, lint } from '../engine';
import type { Config } from '../engine/config/model';
import type { DataFinding, Finding } from '../engine/finding';
import type { Language } from '../engine/lint';
import { actionsFor, FIX_ALL_KIND, fixAllAction, type ConsentNeed, type FixContext } from './code-actions';
import { configProblemDiagnostic, internalErrorDiagnostic, isCatalintDiagnostic, toDiagnostics } from './diagnostics';
import { DocumentStore, ProtocolViolation } from './documents';
import { isInside } from '../engine/paths';
import { CONFIG_FILE_NAME } from '../workspace/configs';
import { FolderConfigs, type RootState } from './folder-configs';
import { catalogEntryOf } from './catalog-entry';
import { renderHover } from './hover';
import { statusOf } from './status';
import {
  CatalogEntryRequest,
  type CatalogEntryResult,
  InventoryReportRequest,
  InventoryRequest,
  FIX_ALL_COMMAND,
  SCAN_WORKSPACE_COMMAND,
  SETTINGS_SECTION,
  StatusNotification,
  type StatusParams,
} from './protocol';
import { relintScanned, type ScanHost, scanWorkspace } from './scan';
import { type InventoryHost, inventoryReport, workspaceInventory } from './inventory';
import { FrameGuard } from './framing';
import { isScanWorkerRequest, serveScanWorker } from './scan-worker';
import { isTypedWorkerRequest, serveTypedWorker, TypedWorker } from './typed-worker';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';
import { injectedFault, registerTestRequests } from './test-hooks';

export type Transport = 'stdio' | 'auto';

/**
 * Analysis runs on the server's only thread: past this, a document is reported as skipped
 * rather than holding every other request (the CLI allows the engine's longer default).
 */
const EDITOR_TIME_BUDGET_MS = 2_000;
const EDITED_DOCUMENTS_REMEMBERED = 8;
/** Languages the TypeScript checker reads: type-aware analysis applies to them only. */
const TYPED_LANGUAGES: ReadonlySet<Language> = new Set(['typescript', 'javascript']);
/** A client writes a message whole: one that stops half-way this long will not resume. */
const FRAME_STALL_MS = 10_000;

/**
 * Starts a server on stdio (`catalint --lsp`), or on whatever transport the command line names
 * (`--node-ipc` from the VS Code client, `--stdio`, `--socket=`) with `auto`.
 */
export function startServer(transport: Transport = 'stdio', entry?: string): void {
  // This same program, started by a workspace scan as its worker (see scan-worker.ts).
  if (!isMainThread && isScanWorkerRequest(workerData) && parentPort) return serveScanWorker(workerData, parentPort);
  // And as the worker of type-aware analysis (see typed-worker.ts).
  if (!isMainThread && isTypedWorkerRequest(workerData) && parentPort) return serveTypedWorker(workerData, parentPort);
  let connection: Connection;
  if (transport === 'stdio') {
    // A frame that cannot be read leaves no way to find where the next message starts: a server
    // that went on would be alive and deaf, and the editor would never restart it. Say why, and
    // exit. (A well-framed body that is not JSON is skipped: the next frame is still found.)
    const unreadable = (reason: string): never => {
      process.stderr.write(
        `Catalint: the client sent a message that cannot be read (${reason}); exiting so that the editor restarts the server.\n`,
      );
      process.exit(1);
    };
    const reader = new StreamMessageReader(process.stdin.pipe(new FrameGuard(unreadable, FRAME_STALL_MS)));
    // The guard sees every header first; this is the library's own check, kept as a second line.
    reader.onError((e) => {
      if (/Content-Length|header/i.test(e.message)) unreadable(e.message.split('\n')[0]);
    });
    connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  } else {
    connection = createConnection(ProposedFeatures.all);
  }
  // Last line of defence: a promise nobody awaited must not take the server down with it.
  process.on('unhandledRejection', (e) =>
    connection.console.error(`Catalint: unhandled failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
  );
  new CatalintServer(connection, { workerEntry: entry }).listen();
}

/**
 * One action per fix: two findings in one function each offer "Declare @consent … on function
 * f" with the same edit, and some clients (Neovim) list both. The first is kept, with the
 * diagnostics of all of them.
 */
export function distinctActions(actions: readonly CodeAction[]): CodeAction[] {
  const byKey = new Map<string, CodeAction>();
  for (const a of actions) {
    const key = `${a.kind ?? ''}\u0000${a.title}\u0000${JSON.stringify(a.edit ?? a.command ?? null)}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...a, diagnostics: a.diagnostics ? [...a.diagnostics] : undefined });
    else if (a.diagnostics) seen.diagnostics = [...(seen.diagnostics ?? []), ...a.diagnostics];
  }
  return [...byKey.values()];
}

/** The latest analysis of an open document. */
interface Analysis {
  readonly version: number;
  /** The path the document was analysed as: its file, or for a document with none, where `placeOf` put it. */
  readonly file: string;
  readonly language: Language;
  readonly findings: readonly Finding[];
  readonly config: Config;
  readonly state: RootState;
}

/** Where a document is analysed as being (see `placeOf`). */
interface Place {
  readonly file: string;
  readonly state: RootState;
  /** False for a document with no file: include/exclude do not apply to it. */
  readonly onDisk: boolean;
}

interface ClientSupport {
  configuration: boolean;
  watchedFilesDynamic: boolean;
  relativePatterns: boolean;
  configurationDynamic: boolean;
  createFiles: boolean;
  workspaceFolders: boolean;
}

/** Config files watched in every folder; catalogs kept elsewhere are added by exact path. */
const CONFIG_GLOBS = ['**/catalint.json', '**/*.catalog.json'];

export class CatalintServer {
  private readonly documents = new DocumentStore();
  private readonly configs: FolderConfigs;
  private folders: string[] = [];
  private support: ClientSupport = {
    configuration: false,
    watchedFilesDynamic: false,
    relativePatterns: false,
    configurationDynamic: false,
    createFiles: false,
    workspaceFolders: false,
  };
  private globalSettings: Settings = DEFAULT_SETTINGS;
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  /** Pending analyses after a debounce, by URI: how to call each off. */
  private readonly timers = new Map<string, () => void>();
  private readonly analyses = new Map<string, Analysis>();
  /** Diagnostics of open documents; of scanned files on disk; of config files, per config root. */
  private readonly live = new Map<string, Diagnostic[]>();
  private readonly scanned = new Map<string, Diagnostic[]>();
  private readonly configDiagnostics = new Map<string, Map<string, Diagnostic[]>>();
  /** Documents whose analysis threw: warned about once, until they recover. */
  private readonly failing = new Set<string>();
  private watcherRegistration: Promise<Disposable> | undefined;
  private watchedKey = '';
  /** Serialises analyses per document so an older one never publishes over a newer one. */
  private readonly runs = new Map<string, Promise<unknown>>();
  /**
   * What the engine remembers of the documents opened or edited last, most recent last: a
   * keystroke then re-reads only the statement it touched. A document gets one when it opens, so
   * that its first keystroke is already incremental (at 5,000 lines: 40 ms instead of 134). Only
   * a few are kept, as a syntax tree costs several times its text and a workspace may have a
   * thousand files open.
   */
  private readonly memories = new Map<string, DocumentMemory>();
  /** Type-aware analysis of open documents (`catalint.typeAware`), started on first need. */
  private typed: TypedWorker | undefined;
  /** Why type-aware analysis is not giving results, when it is asked for and is not: shown in the status. */
  private typedNote: string | undefined;
  /** The status last sent per folder, to send again with a type-aware note. */
  private readonly statuses = new Map<string, StatusParams>();

  constructor(
    private readonly connection: Connection,
    /** `workerEntry`: the program this server runs, to start a workspace scan's worker from; none: scans run on this thread. */
    private readonly options: { readonly workerEntry?: string } = {},
  ) {
    this.configs = new FolderConfigs((state, previous) => this.configLoaded(state, previous));
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => this.guard('initialized', () => this.initialized()));
    c.onDidOpenTextDocument((p) =>
      this.guard('didOpen', () => {
        const doc = this.documents.open(p);
        this.remember(doc.uri);
        // A scanned file keeps its place in the scan: open, it shows its live diagnostics;
        // closed again, it is read from disk again (see didClose).
        void this.validate(doc.uri);
      }),
    );
    c.onDidChangeTextDocument((p) =>
      this.guard('didChange', () => {
        const doc = this.documents.change(p);
        this.remember(doc.uri);
        void this.settingsFor(doc.uri).then((s) => {
          if (s.run === 'onType') this.schedule(doc.uri, s.debounceMs);
        });
      }),
    );
    c.onDidSaveTextDocument((p) => this.guard('didSave', () => void this.validate(p.textDocument.uri)));
    c.onDidCloseTextDocument((p) =>
      this.guard('didClose', () => {
        const uri = p.textDocument.uri;
        this.documents.close(p);
        this.cancel(uri);
        this.analyses.delete(uri);
        this.memories.delete(uri);
        this.live.delete(uri);
        this.failing.delete(uri);
        this.settingsCache.delete(uri);
        this.publish(uri);
        // Part of a workspace scan: its findings go back to those of the file on disk, which an
        // edit and a save may have changed, instead of vanishing from Problems.
        const file = pathOf(uri);
        if (this.scanned.has(uri) && file)
          void relintScanned(this.scanHost(), [file]).catch((e) => this.logError('re-linting a scanned file', e));
      }),
    );
    c.onDidChangeConfiguration((p) =>
      this.guard('didChangeConfiguration', () => {
        const section = (p.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
        if (section !== undefined) this.globalSettings = normalizeSettings(section);
        this.settingsCache.clear();
        // A new memory ceiling, or type-aware analysis turned back on: it may be tried again.
        this.typed?.restart();
        this.setTypedNote(undefined);
        this.revalidateAll();
      }),
    );
    c.onDidChangeWatchedFiles((p) =>
      this.guard('didChangeWatchedFiles', () => {
        // One decision per batch: a storm of 100,000 events (a branch switch) names the same
        // files again and again, and each configuration is reloaded once, not once per event.
        const uris = new Set<string>();
        for (const change of Array.isArray(p?.changes) ? p.changes : []) if (typeof change?.uri === 'string') uris.add(change.uri);
        const names = this.configs.watchedNames();
        const files: string[] = [];
        for (const uri of uris) {
          if (!names.has(lastSegment(uri))) continue;
          const file = pathOf(uri);
          if (file) files.push(file);
        }
        const reloaded = this.configs.filesChanged(files);
        if (reloaded.length > 0 || files.some((f) => path.basename(f) === CONFIG_FILE_NAME)) {
          // catalint.json's "project" may have changed: projects load afresh.
          this.typed?.forget();
          this.updateWatchers();
          this.revalidateAll();
          const scanned = [...this.scanned.keys()].map(pathOf).filter((f): f is string => f !== undefined);
          if (scanned.length > 0) void relintScanned(this.scanHost(), scanned).catch((e) => this.logError('re-linting scanned files', e));
        }
      }),
    );
    c.onHover((p) => this.guardAsync('hover', () => this.hover(checkDocumentParams(p)), null));
    c.onCodeAction((p) => this.guardAsync('codeAction', () => this.codeActions(checkDocumentParams(p)), []));
    c.onExecuteCommand((p, token, progress) =>
      this.guardAsync(
        'executeCommand',
        async () => {
          if (p.command === SCAN_WORKSPACE_COMMAND) {
            // The client's token when it sent one; else a progress the server asks the client to show.
            const reporter = WorkDoneProgressReporter.isNullInstance(progress)
              ? await this.connection.window.createWorkDoneProgress().catch(() => progress)
              : progress;
            return scanWorkspace(this.scanHost(), reporter, token);
          }
          if (p.command === FIX_ALL_COMMAND) {
            const uri = typeof p.arguments?.[0] === 'string' ? p.arguments[0] : undefined;
            const fix = uri ? await this.fixAll(uri, CodeActionKind.QuickFix) : undefined;
            if (fix?.edit) await this.connection.workspace.applyEdit({ label: fix.title, edit: fix.edit });
            return null;
          }
          throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${p.command}`);
        },
        null,
      ),
    );
    c.onRequest(InventoryRequest, (_p, token) =>
      this.guardAsync('inventory', () => workspaceInventory(this.inventoryHost(), token), { folders: [] }),
    );
    c.onRequest(InventoryReportRequest, (p, token) =>
      this.guardAsync(
        'inventoryReport',
        () => {
          const folder = typeof p?.folder === 'string' ? pathOf(p.folder) : undefined;
          return inventoryReport(this.inventoryHost(), folder, token);
        },
        '',
      ),
    );
    c.onRequest(CatalogEntryRequest, (p) =>
      this.guardAsync(
        'catalogEntry',
        () => {
          if (typeof p?.uri !== 'string' || !isPosition(p.position))
            throw new ResponseError(ErrorCodes.InvalidParams, 'expected { uri, position }');
          return this.catalogEntry(p.uri, p.position);
        },
        null,
      ),
    );
    registerTestRequests(c);
    c.listen();
  }

  private initialize(p: InitializeParams): InitializeResult {
    const caps = p.capabilities;
    this.support = {
      configuration: caps.workspace?.configuration === true,
      watchedFilesDynamic: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      relativePatterns: caps.workspace?.didChangeWatchedFiles?.relativePatternSupport === true,
      configurationDynamic: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      createFiles: caps.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
      workspaceFolders: caps.workspace?.workspaceFolders === true,
    };
    const folders = p.workspaceFolders?.map((f) => f.uri) ?? (p.rootUri ? [p.rootUri] : []);
    this.folders = folders.map(pathOf).filter((f): f is string => f !== undefined);
    const options = p.initializationOptions as Record<string, unknown> | undefined;
    if (options && typeof options.settings === 'object') this.globalSettings = normalizeSettings(options.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        // `source.fixAll` is answered only with `catalint.fixAll.generic` (see offersFixAll).
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND],
          resolveProvider: false,
        },
        executeCommandProvider: { commands: [SCAN_WORKSPACE_COMMAND, FIX_ALL_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'catalint' },
    };
  }

  private initialized(): void {
    if (this.support.configurationDynamic) {
      void this.connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch((e) => this.logError('registering for settings changes', e));
    }
    if (this.support.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) =>
        this.guard('didChangeWorkspaceFolders', () => {
          const removed = new Set(e.removed.map((f) => pathOf(f.uri)));
          this.folders = [
            ...this.folders.filter((f) => !removed.has(f)),
            ...e.added.map((f) => pathOf(f.uri)).filter((f): f is string => !!f),
          ];
          this.settingsCache.clear();
          this.revalidateAll();
        }),
      );
    }
    // Load each folder's configuration now, so the status shows before any file is opened.
    for (const folder of this.folders) {
      void this.settingsFor(pathToFileURL(folder).href).then((settings) =>
        this.guard('loading the configuration', () => void this.stateFor(path.join(folder, 'catalint.json'), settings)),
      );
    }
    this.updateWatchers();
  }

  // ---- guards -------------------------------------------------------------------------------

  /** Runs a notification handler; a failure is logged, the server goes on. */
  private guard(what: string, run: () => void): void {
    try {
      run();
    } catch (e) {
      if (e instanceof ProtocolViolation) this.connection.console.error(`Catalint: ignored ${what}: ${e.message}`);
      else this.logError(what, e);
    }
  }

  /** Runs a request handler; a failure becomes an error response (protocol errors) or a logged fallback. */
  private async guardAsync<T>(what: string, run: () => Promise<T> | T, fallback: T): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      this.logError(what, e);
      return fallback;
    }
  }

  private logError(what: string, e: unknown): void {
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    this.connection.console.error(`Catalint: ${what} failed: ${detail}`);
  }

  // ---- settings -------------------------------------------------------------------------------

  private settingsFor(uri: string): Promise<Settings> {
    if (!this.support.configuration) return Promise.resolve(this.globalSettings);
    let cached = this.settingsCache.get(uri);
    if (!cached) {
      cached = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(normalizeSettings, (e: unknown) => {
          this.logError('reading settings', e);
          return this.globalSettings;
        });
      this.settingsCache.set(uri, cached);
    }
    return cached;
  }

  // ---- configuration ------------------------------------------------------------------------

  /** The workspace folder holding `file`: the deepest one, or the file's folder for loose files. */
  private folderOf(file: string): string {
    let best: string | undefined;
    for (const f of this.folders) if (isInside(file, f) && (!best || f.length > best.length)) best = f;
    return best ?? path.dirname(file);
  }

  private stateFor(file: string, settings: Settings): RootState {
    return this.configs.forFile(file, this.folderOf(file), settings.catalogPath);
  }

  /**
   * Where a document is analysed as being. A file is itself. A document with no file (an
   * untitled buffer: `untitled:Untitled-1`) is a file of its language id at the root of the
   * first workspace folder, with that folder's configuration, or with the built-in defaults when
   * no folder is open; undefined when Catalint does not read its language.
   */
  private placeOf(doc: TextDocument, settings: Settings): Place | undefined {
    const file = pathOf(doc.uri);
    if (file) return { file, state: this.stateFor(file, settings), onDisk: true };
    const name = bufferFileName(doc.uri, doc.languageId);
    if (!name) return undefined;
    const folder = this.folders[0];
    if (folder) {
      const inFolder = path.join(folder, name);
      return { file: inFolder, state: this.stateFor(inFolder, settings), onDisk: false };
    }
    const catalogFile = settings.catalogPath && path.isAbsolute(settings.catalogPath) ? settings.catalogPath : undefined;
    const state = this.configs.unattached(catalogFile);
    return { file: path.join(state.root, name), state, onDisk: false };
  }

  private configLoaded(state: RootState, previous: RootState | undefined): void {
    const status = statusOf(state);
    this.statuses.set(status.folder, status);
    void this.connection.sendNotification(StatusNotification, this.typedNote ? { ...status, typeAware: this.typedNote } : status);
    // Problems are shown in the files they are about, and cleared there once fixed.
    const before = this.configDiagnostics.get(state.root);
    const now = new Map<string, Diagnostic[]>();
    for (const p of state.problems) {
      const uri = this.uriOfPath(p.file);
      now.set(uri, [...(now.get(uri) ?? []), configProblemDiagnostic(p, this.textOf(uri, p.file))]);
    }
    this.configDiagnostics.set(state.root, now);
    for (const uri of new Set([...(before?.keys() ?? []), ...now.keys()])) this.publish(uri);
    if (previous === undefined || state.good !== previous.good) this.updateWatchers();
  }

  /** The URI of an open document for that path (as the client spelled it), else a file URI. */
  private uriOfPath(file: string): string {
    const resolved = path.resolve(file);
    for (const doc of this.documents.all()) if (pathOf(doc.uri) === resolved) return doc.uri;
    return pathToFileURL(resolved).href;
  }

  private updateWatchers(): void {
    if (!this.support.watchedFilesDynamic) return;
    const files = this.configs
      .watchedFiles()
      .filter((f) => !this.folders.some((folder) => isInside(f, folder) && /(^|\/)catalint\.json$|\.catalog\.(json|ya?ml)$/.test(f)));
    const key = files.join('\n');
    if (this.watcherRegistration && key === this.watchedKey) return;
    this.watchedKey = key;
    const watchers: FileSystemWatcher[] = CONFIG_GLOBS.map((globPattern) => ({ globPattern }));
    for (const f of files) {
      watchers.push({
        globPattern: this.support.relativePatterns
          ? { baseUri: pathToFileURL(path.dirname(f)).href, pattern: path.basename(f) }
          : `**/${path.basename(f)}`,
      });
    }
    const previous = this.watcherRegistration;
    this.watcherRegistration = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    this.watcherRegistration.catch((e) => this.logError('registering file watchers', e));
    void previous?.then((d) => d.dispose()).catch(() => undefined);
  }

  // ---- analysis -----------------------------------------------------------------------------

  private schedule(uri: string, delay: number): void {
    this.cancel(uri);
    const run = (): void => {
      this.timers.delete(uri);
      void this.validate(uri);
    };
    // No debounce: after the pending messages, not after setTimeout's 1 ms floor.
    if (delay <= 0) {
      const immediate = setImmediate(run);
      this.timers.set(uri, () => clearImmediate(immediate));
    } else {
      const timer = setTimeout(run, delay);
      this.timers.set(uri, () => clearTimeout(timer));
    }
  }

  private cancel(uri: string): void {
    this.timers.get(uri)?.();
    this.timers.delete(uri);
  }

  private revalidateAll(): void {
    for (const doc of this.documents.all()) void this.validate(doc.uri);
  }

  /** Marks a document as opened or edited last, so its analyses keep a memory (see `memories`). */
  private remember(uri: string): void {
    const memory = this.memories.get(uri) ?? new DocumentMemory();
    this.memories.delete(uri);
    this.memories.set(uri, memory);
    for (const old of this.memories.keys()) {
      if (this.memories.size <= EDITED_DOCUMENTS_REMEMBERED) break;
      this.memories.delete(old);
    }
  }

  /** Analyses an open document now and publishes; queued behind a running analysis of it. */
  private validate(uri: string): Promise<Analysis | undefined> {
    this.cancel(uri);
    const previous = this.runs.get(uri) ?? Promise.resolve();
    const run = previous
      .then(() => this.analyse(uri))
      .catch((e) => {
        this.logError(`analysing ${uri}`, e);
        return undefined;
      });
    this.runs.set(uri, run);
    void run.then(() => {
      if (this.runs.get(uri) === run) this.runs.delete(uri);
    });
    return run;
  }

  private async analyse(uri: string): Promise<Analysis | undefined> {
    const settings = await this.settingsFor(uri);
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const place = settings.enable ? this.placeOf(doc, settings) : 'off';
    if (place === undefined) {
      // A buffer with no file, of a language Catalint does not read: nothing to say about it.
      this.analyses.delete(uri);
      if (this.live.delete(uri)) this.publish(uri, doc.version);
      return undefined;
    }
    if (place === 'off') {
      this.analyses.delete(uri);
      this.live.set(uri, []);
      this.publish(uri, doc.version);
      return undefined;
    }
    const { file, state } = place;
    const scoped = state.good;
    // include/exclude choose among the files of a folder; a buffer with no file is not one of them.
    if (!scoped || (place.onDisk && !scoped.selectsFile(file))) {
      this.analyses.delete(uri);
      this.live.set(uri, []);
      this.publish(uri, doc.version);
      return undefined;
    }
    let result;
    try {
      injectedFault(doc.getText());
      result = lint({ text: doc.getText(), path: file, languageId: doc.languageId }, scoped.config, {
        timeBudgetMs: EDITOR_TIME_BUDGET_MS,
        memory: this.memories.get(uri),
      });
    } catch (e) {
      this.analysisFailed(doc, e);
      return undefined;
    }
    if (this.failing.delete(uri)) this.connection.console.info(`Catalint: ${file} is analysed again.`);
    if (result.language === undefined) {
      // Not a language Catalint reads (catalint.json itself, say): leave its diagnostics alone.
      this.analyses.delete(uri);
      if (this.live.delete(uri)) this.publish(uri, doc.version);
      return undefined;
    }
    const diagnostics = toDiagnostics(result.findings, doc, result.language, settings, scoped.config, file);
    const analysis: Analysis = {
      version: doc.version,
      file,
      language: result.language,
      findings: result.findings,
      config: scoped.config,
      state,
    };
    this.analyses.set(uri, analysis);
    this.live.set(uri, diagnostics);
    this.publish(uri, doc.version);
    if (settings.typeAware !== 'off' && place.onDisk && TYPED_LANGUAGES.has(result.language)) {
      void this.typedPass(uri, analysis, doc.getText(), settings).catch((e) => this.logError('type-aware analysis', e));
    }
    return analysis;
  }

  /**
   * The type-aware result of an analysis, from the worker: it replaces the syntactic findings
   * when it comes, unless the document changed in between (a newer analysis then asks again).
   */
  private async typedPass(uri: string, analysis: Analysis, text: string, settings: Settings): Promise<void> {
    if (!this.options.workerEntry) return;
    this.typed ??= new TypedWorker(this.options.workerEntry, (reason) => {
      this.connection.console.warn(`Catalint: ${reason}`);
      this.setTypedNote(reason);
    });
    const folder = this.folderOf(analysis.file);
    const answer = await this.typed.analyse({ file: analysis.file, folder, text, version: analysis.version, settings });
    if (!answer) return;
    if (answer.kind === 'syntactic') {
      if (answer.reason && answer.reason !== this.typedNote) {
        this.connection.console.info(`Catalint: ${answer.reason}`);
        this.setTypedNote(answer.reason);
      }
      return;
    }
    const doc = this.documents.get(uri);
    if (!doc || doc.version !== analysis.version || this.analyses.get(uri) !== analysis) return;
    const typed: Analysis = { ...analysis, findings: answer.findings };
    this.analyses.set(uri, typed);
    this.live.set(uri, toDiagnostics(answer.findings, doc, analysis.language, settings, analysis.config, analysis.file));
    this.publish(uri, doc.version);
  }

  /** Says in every folder's status why type-aware analysis is not in force (or, undefined, that nothing is wrong). */
  private setTypedNote(note: string | undefined): void {
    if (note === this.typedNote) return;
    this.typedNote = note;
    for (const status of this.statuses.values())
      void this.connection.sendNotification(StatusNotification, note ? { ...status, typeAware: note } : status);
  }

  private analysisFailed(doc: TextDocument, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    this.logError(`analysing ${doc.uri}`, e);
    if (!this.failing.has(doc.uri)) {
      this.failing.add(doc.uri);
      // Typed as void, but sent as a request whose answer may be an error: never leave that unhandled.
      const shown: unknown = this.connection.window.showWarningMessage(
        `Catalint could not analyse ${path.basename(pathOf(doc.uri) ?? doc.uri)}: ${message}. Other files are still checked; this one is retried on its next change.`,
      );
      if (shown instanceof Promise) shown.catch((err: unknown) => this.logError('showing a warning', err));
    }
    this.analyses.delete(doc.uri);
    this.live.set(doc.uri, [internalErrorDiagnostic(message)]);
    this.publish(doc.uri, doc.version);
  }

  /** Sends what is known for a URI: config problems, plus the document's (or the scan's) findings. */
  private publish(uri: string, version?: number): void {
    const diagnostics: Diagnostic[] = [];
    for (const perRoot of this.configDiagnostics.values()) diagnostics.push(...(perRoot.get(uri) ?? []));
    diagnostics.push(...((this.documents.get(uri) ? this.live.get(uri) : this.scanned.get(uri)) ?? []));
    void this.connection.sendDiagnostics({ uri, version, diagnostics }).catch((e) => this.logError('publishing diagnostics', e));
  }

  /** The analysis of the document as it is now, running it at once if an edit is pending. */
  private async current(uri: string): Promise<{ doc: TextDocument; analysis: Analysis } | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    let analysis = this.analyses.get(uri);
    if (!analysis || analysis.version !== doc.version || this.timers.has(uri)) analysis = await this.validate(uri);
    const now = this.documents.get(uri);
    if (!analysis || !now || analysis.version !== now.version) return undefined;
    return { doc: now, analysis };
  }

  private async dataFindingAt(
    uri: string,
    position: { line: number; character: number },
  ): Promise<{ finding: DataFinding; analysis: Analysis } | undefined> {
    const cur = await this.current(uri);
    if (!cur) return undefined;
    const offset = cur.doc.offsetAt(position);
    for (const f of cur.analysis.findings) {
      if ((f.rule === 'consent-required' || f.rule === 'catalog-field') && f.span.start <= offset && offset <= f.span.end) {
        return { finding: f, analysis: cur.analysis };
      }
    }
    return undefined;
  }

  // ---- requests -----------------------------------------------------------------------------

  private async hover(p: HoverParams): Promise<Hover | null> {
    const hit = await this.dataFindingAt(p.textDocument.uri, p.position);
    const doc = this.documents.get(p.textDocument.uri);
    if (!hit || !doc) return null;
    const { finding } = hit;
    return {
      contents: renderHover(finding, hit.analysis.config.catalog),
      range: { start: doc.positionAt(finding.span.start), end: doc.positionAt(finding.span.end) },
    };
  }

  private async catalogEntry(uri: string, position: { line: number; character: number }): Promise<CatalogEntryResult | null> {
    const hit = await this.dataFindingAt(uri, position);
    return hit ? catalogEntryOf(hit.finding, hit.analysis.config.catalog) : null;
  }

  /** A file's text as the editor has it when open, else from disk; undefined when unreadable. */
  private textOf(uri: string, file: string): string | undefined {
    const open = this.documents.get(uri);
    if (open) return open.getText();
    try {
      return decodeSource(readRegularFile(file, MAX_SOURCE_BYTES));
    } catch {
      return undefined;
    }
  }

  private fixContext(doc: TextDocument, analysis: Analysis): FixContext {
    const configPath = analysis.config.file ?? path.join(analysis.state.root, CONFIG_FILE_NAME);
    const configUri = this.uriOfPath(configPath);
    const text = this.textOf(configUri, configPath);
    return {
      doc,
      path: analysis.file,
      language: analysis.language,
      checkGuards: analysis.config.guards.check,
      requireGuards: analysis.config.guards.require,
      configFile: { uri: configUri, text },
      // A buffer outside any folder has no catalint.json to create.
      canCreateFiles: this.support.createFiles && !this.configs.isUnattached(analysis.state),
      // Fixes correct a misspelt condition rather than declaring the right one beside it.
      conditions: analysis.config.catalog.conditions,
    };
  }

  private async codeActions(p: CodeActionParams): Promise<CodeAction[]> {
    const cur = await this.current(p.textDocument.uri);
    if (!cur) return [];
    const ctx = this.fixContext(cur.doc, cur.analysis);
    const only = p.context.only;
    const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const out: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const d of p.context.diagnostics) {
        if (!isCatalintDiagnostic(d)) continue;
        try {
          out.push(...actionsFor(d, ctx));
        } catch (e) {
          this.logError('computing a quick fix', e);
        }
      }
      if (p.context.diagnostics.some((d) => isCatalintDiagnostic(d) && d.data.rule === 'consent-required')) {
        const all = await this.fixAll(p.textDocument.uri, CodeActionKind.QuickFix);
        if (all) out.push(all);
      }
    }
    if (only && (await this.offersFixAll(p, only))) {
      const all = await this.fixAll(p.textDocument.uri, FIX_ALL_KIND);
      if (all) out.push(all);
    }
    return distinctActions(out);
  }

  /**
   * Whether a request for source actions gets the fix-all. Declaring consent is a statement about
   * the law, not a style fix: a generic `source.fixAll` (the *Fix All* command, or
   * `editor.codeActionsOnSave`) makes it only where `catalint.fixAll.generic` is on. Asked for by
   * its own kind, it always comes; and the *Source Action…* menu (`source`, invoked by the user)
   * lists it, though never for a request the editor makes by itself (on save).
   */
  private async offersFixAll(p: CodeActionParams, only: readonly string[]): Promise<boolean> {
    if (only.includes(FIX_ALL_KIND)) return true;
    if (only.includes(CodeActionKind.Source) && p.context.triggerKind !== CodeActionTriggerKind.Automatic) return true;
    return only.includes(CodeActionKind.SourceFixAll) && (await this.settingsFor(p.textDocument.uri)).fixAllGeneric;
  }

  private async fixAll(uri: string, kind: string): Promise<CodeAction | undefined> {
    const cur = await this.current(uri);
    if (!cur) return undefined;
    const needs: ConsentNeed[] = cur.analysis.findings
      .filter((f): f is DataFinding => f.rule === 'consent-required')
      .map((f) => ({ offset: f.span.start, requires: f.match.requires }));
    return fixAllAction(needs, this.fixContext(cur.doc, cur.analysis), kind);
  }

  // ---- workspace scan -----------------------------------------------------------------------

  private inventoryHost(): InventoryHost {
    // Open documents by file, once per request: the scan asks for every file it maps.
    const open = new Map<string, TextDocument>();
    for (const d of this.documents.all()) {
      const file = pathOf(d.uri);
      if (file) open.set(path.resolve(file), d);
    }
    return {
      folders: () => [...this.folders],
      settingsFor: (folder: string) => this.settingsFor(pathToFileURL(folder).href),
      openText: (file: string) => open.get(path.resolve(file))?.getText(),
      logError: (what: string, e: unknown) => this.logError(what, e),
    };
  }

  private scanHost(): ScanHost {
    return {
      folders: () => [...this.folders],
      folderOf: (file: string) => this.folderOf(file),
      isOpen: (file: string) => this.documents.all().some((d) => pathOf(d.uri) === path.resolve(file)),
      openFiles: () =>
        new Set(
          this.documents
            .all()
            .map((d) => pathOf(d.uri))
            .filter((f): f is string => f !== undefined),
        ),
      settingsFor: (folder: string) => this.settingsFor(pathToFileURL(folder).href),
      stateFor: (file: string, settings: Settings) => this.stateFor(file, settings),
      publish: (file: string, diagnostics: Diagnostic[]) => {
        const uri = this.uriOfPath(file);
        this.scanned.set(uri, diagnostics);
        this.publish(uri);
      },
      workerEntry: this.options.workerEntry,
      log: (message: string) => this.connection.console.info(message),
      logError: (what: string, e: unknown) => this.logError(what, e),
    };
  }
}

function isPosition(p: unknown): p is { line: number; character: number } {
  const q = p as { line?: unknown; character?: unknown } | undefined;
  return typeof q?.line === 'number' && typeof q.character === 'number';
}

/** Requests from a confused client get an InvalidParams error instead of a half-handled answer. */
function checkDocumentParams<P extends { textDocument: { uri: string } }>(p: P): P {
  const position = (p as { position?: unknown }).position;
  if (typeof p?.textDocument?.uri !== 'string' || (position !== undefined && !isPosition(position))) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'expected a textDocument with a uri (and a position)');
  }
  return p;
}

/** The extension of a file of that editor language id (`typescriptreact` parses as TSX). */
const BUFFER_EXTENSIONS: Readonly<Record<string, string>> = { typescriptreact: '.tsx', javascriptreact: '.jsx' };

/**
 * The file name a document with no file is analysed under: its URI's last segment, with the
 * extension of its language id (which decides how it is parsed); undefined when Catalint does not
 * read that language.
 */
export function bufferFileName(uri: string, languageId: string): string | undefined {
  const descriptor = LANGUAGES.find((l) => l.editorLanguageIds.includes(languageId));
  if (!descriptor) return undefined;
  const ext = BUFFER_EXTENSIONS[languageId] ?? descriptor.extensions[0];
  let last = uri.replace(/[?#].*$/, '').replace(/^[a-z][\w+.-]*:/i, '');
  try {
    last = decodeURIComponent(last);
  } catch {
    // Not percent-encoded as it should be: the raw text is as good a name.
  }
  const base = path.posix.basename(last.replace(/\\/g, '/')).replace(/[^\w.-]/g, '_');
  const stem = base.slice(0, base.length - path.extname(base).length).replace(/^\.+/, '');
  return `${stem || 'untitled'}${ext}`;
}

/** The file name at the end of a URI, decoded; a cheap test before `pathOf`. */
function lastSegment(uri: string): string {
  const raw = uri.replace(/[?#].*$/, '');
  const last = raw.slice(raw.lastIndexOf('/') + 1);
  if (!last.includes('%')) return last;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}
