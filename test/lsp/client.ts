/**
 * A small LSP client for the server tests: starts the real bundled server (`node
 * dist/server.js --stdio`), answers the requests a real editor answers (settings, dynamic
 * registration, progress tokens, applyEdit), and lets tests wait on what the server sends —
 * never on time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../server/src/engine';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  type CodeAction,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  type Hover,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  type InitializeResult,
  type PublishDiagnosticsParams,
  PublishDiagnosticsNotification,
  type Range,
  CodeActionRequest,
  type TextEdit,
  type WorkspaceEdit,
  ExitNotification,
  ShutdownRequest,
  type ProgressToken,
  WorkDoneProgress,
  type WorkDoneProgressBegin,
  type WorkDoneProgressReport,
  type WorkDoneProgressEnd,
  ExecuteCommandRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  type ShowMessageParams,
  LogMessageNotification,
  type LogMessageParams,
  ConfigurationRequest,
  RegistrationRequest,
  type Registration,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  ApplyWorkspaceEditRequest,
  type Position,
} from 'vscode-languageserver-protocol/node';

/** The checkout: found as the engine finds its own package root. */
export const repoRoot = packageRoot;

let built = false;

/** Builds dist/server.js when it is missing or older than a source it bundles. */
export function ensureServerBuilt(): string {
  const root = repoRoot();
  const bundle = path.join(root, 'dist', 'server.js');
  if (built && fs.existsSync(bundle)) return bundle;
  const bundleTime = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
  const newest = newestMtime(path.join(root, 'server', 'src'));
  if (newest > bundleTime) {
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`node esbuild.mjs failed:\n${r.stdout}\n${r.stderr}`);
  }
  built = true;
  return bundle;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** A temporary workspace folder with the given files; removed by `dispose`. */
export class TempWorkspace {
  readonly dir: string;

  constructor(files: Record<string, string>) {
    this.dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'catalint-lsp-')));
    for (const [name, text] of Object.entries(files)) this.write(name, text);
  }

  path(name: string): string {
    return path.join(this.dir, name);
  }

  uri(name = ''): string {
    return pathToFileURL(name ? this.path(name) : this.dir).href;
  }

  write(name: string, text: string): void {
    fs.mkdirSync(path.dirname(this.path(name)), { recursive: true });
    fs.writeFileSync(this.path(name), text);
  }

  read(name: string): string {
    return fs.readFileSync(this.path(name), 'utf8');
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface OpenDocument {
  readonly uri: string;
  readonly languageId: string;
  version: number;
  text: string;
}

interface Waiter<T> {
  readonly test: (value: T) => boolean;
  readonly resolve: (value: T) => void;
}

export interface ProgressEvent {
  readonly token: ProgressToken;
  readonly value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
}

export interface Status {
  readonly folder: string;
  readonly state: 'ok' | 'error';
  readonly message: string;
  readonly categories: number;
  readonly typeAware?: string;
}

export class TestClient {
  private readonly child: ChildProcess;
  readonly connection: MessageConnection;
  /** Every publish, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: Status[] = [];
  readonly warnings: ShowMessageParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly registrations: Registration[] = [];
  readonly documents = new Map<string, OpenDocument>();
  /** Settings answered to workspace/configuration, per scope URI prefix ('' for all). */
  settings: Record<string, unknown> = {};
  private readonly publishWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private readonly statusWaiters: Waiter<Status>[] = [];
  private readonly anyWaiters: (() => void)[] = [];
  private stderr = '';
  exited: number | null | undefined;

  /** `program`: the server's own bundle (as VS Code starts it), or `catalint --lsp` (as other editors may). */
  constructor(env: Record<string, string> = {}, nodeOptions: string[] = [], program: 'server' | 'catalint --lsp' = 'server') {
    const bundle = ensureServerBuilt();
    const args = program === 'server' ? [bundle, '--stdio'] : [path.join(repoRoot(), 'bin', 'catalint.js'), '--lsp'];
    this.child = spawn(process.execPath, [...nodeOptions, ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr!.on('data', (b: Buffer) => (this.stderr += b.toString()));
    this.child.on('exit', (code) => {
      this.exited = code;
      for (const w of this.anyWaiters.splice(0)) w();
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    const c = this.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.settle(this.publishWaiters, p);
    });
    c.onNotification('catalint/status', (p: Status) => {
      this.statuses.push(p);
      this.settle(this.statusWaiters, p);
    });
    c.onNotification(ShowMessageNotification.type, (p) => {
      this.warnings.push(p);
    });
    c.onRequest(ShowMessageRequest.type, (p) => {
      this.warnings.push(p);
      return null;
    });
    c.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p);
    });
    c.onProgress(WorkDoneProgress.type, 'scan', (value) => {
      this.progress.push({ token: 'scan', value });
    });
    c.onRequest(ConfigurationRequest.type, (p) =>
      p.items.map((item) => (item.section === 'catalint' ? this.settingsFor(item.scopeUri) : null)),
    );
    c.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
    });
    c.onRequest(UnregistrationRequest.type, () => undefined);
    c.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    c.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      for (const published of this.applyEdit(p.edit).changedOpen.values()) published.catch(() => undefined);
      return { applied: true };
    });
    c.listen();
  }

  private settingsFor(scopeUri: string | undefined): unknown {
    let best = '';
    for (const prefix of Object.keys(this.settings)) if ((scopeUri ?? '').startsWith(prefix) && prefix.length >= best.length) best = prefix;
    return this.settings[best] ?? {};
  }

  private settle<T>(waiters: Waiter<T>[], value: T): void {
    for (const w of [...waiters]) {
      if (w.test(value)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(value);
      }
    }
  }

  async initialize(folders: string[], options: { initializationOptions?: unknown } = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ?? null,
      workspaceFolders: folders.map((uri) => ({ uri, name: path.basename(uri) })),
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
          executeCommand: {},
        },
        window: { workDoneProgress: true, showMessage: {} },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, dataSupport: true },
        },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Resolves with the first publish for `uri` after this call (or already queued) that passes `test`. */
  waitForDiagnostics(
    uri: string,
    test: (diagnostics: Diagnostic[], p: PublishDiagnosticsParams) => boolean = () => true,
  ): Promise<Diagnostic[]> {
    return new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      this.publishWaiters.push({ test: (p) => p.uri === uri && test(p.diagnostics, p), resolve });
      this.onExit(reject);
    }).then((p) => p.diagnostics);
  }

  /** The next publish for an open document at its current version. */
  diagnosticsOf(doc: OpenDocument, test: (diagnostics: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const version = doc.version;
    return this.waitForDiagnostics(doc.uri, (d, p) => p.version === version && test(d));
  }

  waitForStatus(test: (s: Status) => boolean): Promise<Status> {
    return new Promise<Status>((resolve, reject) => {
      this.statusWaiters.push({ test, resolve });
      this.onExit(reject);
    });
  }

  private onExit(reject: (e: Error) => void): void {
    this.anyWaiters.push(() => reject(new Error(`server exited (${this.exited}):\n${this.stderr}`)));
  }

  /** Opens a document and resolves with its first diagnostics. */
  async open(uri: string, text: string, languageId = 'typescript'): Promise<Diagnostic[]> {
    const doc: OpenDocument = { uri, languageId, version: 1, text };
    this.documents.set(uri, doc);
    const published = this.diagnosticsOf(doc);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return published;
  }

  /** Applies the edits to the document incrementally and resolves with the diagnostics of the new version. */
  async change(uri: string, edits: readonly TextEdit[]): Promise<Diagnostic[]> {
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    const published = this.diagnosticsOf({ ...doc, version: doc.version + 1 });
    await this.sendChange(uri, edits);
    return published;
  }

  /** Applies the edits without waiting for diagnostics (fast typing: most versions are never linted). */
  async sendChange(uri: string, edits: readonly TextEdit[]): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    // Content changes apply one after another: send them last first so earlier ranges stay valid.
    const ordered = [...edits].sort((a, b) => compare(b.range.start, a.range.start));
    for (const e of ordered) doc.text = applyText(doc.text, e);
    doc.version++;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: doc.version },
      contentChanges: ordered.map((e) => ({ range: e.range, text: e.newText })),
    });
  }

  async setText(uri: string, text: string): Promise<Diagnostic[]> {
    const doc = this.documents.get(uri)!;
    return this.change(uri, [{ range: { start: { line: 0, character: 0 }, end: endOf(doc.text) }, newText: text }]);
  }

  async close(uri: string): Promise<Diagnostic[]> {
    this.documents.delete(uri);
    const published = this.waitForDiagnostics(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return published;
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } }) as Promise<
      CodeAction[]
    >;
  }

  async fileChanged(uri: string, type: FileChangeType = FileChangeType.Changed): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type }] });
  }

  executeCommand(command: string, args: unknown[] = [], workDoneToken?: ProgressToken): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args, workDoneToken });
  }

  /**
   * Applies a WorkspaceEdit as an editor would: open documents get a didChange, files on disk
   * are written (created when asked). Returns the URIs of the files written to disk.
   */
  applyEdit(edit: WorkspaceEdit): { changedOpen: Map<string, Promise<Diagnostic[]>>; written: string[] } {
    const perUri = new Map<string, TextEdit[]>();
    const created = new Set<string>();
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) perUri.set(uri, [...(perUri.get(uri) ?? []), ...edits]);
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
        created.add(change.uri);
      } else {
        perUri.set(change.textDocument.uri, [...(perUri.get(change.textDocument.uri) ?? []), ...(change.edits as TextEdit[])]);
      }
    }
    const changedOpen = new Map<string, Promise<Diagnostic[]>>();
    const written: string[] = [];
    for (const uri of created) {
      const file = new URL(uri);
      if (!fs.existsSync(file)) fs.writeFileSync(file, '');
    }
    for (const [uri, edits] of perUri) {
      if (this.documents.has(uri)) {
        changedOpen.set(uri, this.change(uri, edits));
      } else {
        const file = new URL(uri);
        let text = fs.readFileSync(file, 'utf8');
        for (const e of [...edits].sort((a, b) => compare(b.range.start, a.range.start))) text = applyText(text, e);
        fs.writeFileSync(file, text);
        written.push(uri);
      }
    }
    return { changedOpen, written };
  }

  /** Writes a framed message body as is: for malformed input the connection would refuse to send. */
  writeRaw(body: string): void {
    this.child.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  /** The server's stderr so far, for failure messages. */
  get errorOutput(): string {
    return this.stderr;
  }

  async dispose(): Promise<void> {
    if (this.exited === undefined) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      try {
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        this.child.kill();
      }
      await exited;
    }
    this.connection.dispose();
  }
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function offsetOf(text: string, p: Position): number {
  let line = 0;
  let i = 0;
  while (line < p.line && i < text.length) {
    const c = text[i++];
    if (c === '\n' || (c === '\r' && text[i] !== '\n')) line++;
  }
  return Math.min(i + p.character, text.length);
}

export function positionOf(text: string, offset: number): Position {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

/** Position of the `n`th (0-based) occurrence of `needle` in `text`. */
export function find(text: string, needle: string, n = 0): Position {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${n} not in text`);
  }
  return positionOf(text, at);
}

function applyText(text: string, e: TextEdit): string {
  return text.slice(0, offsetOf(text, e.range.start)) + e.newText + text.slice(offsetOf(text, e.range.end));
}

function endOf(text: string): Position {
  return positionOf(text, text.length);
}
