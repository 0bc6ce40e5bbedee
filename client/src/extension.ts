/**
 * The VS Code side of Catalint: starts the bundled language server and adds what only the
 * editor can show (status item, commands, the catalog entry preview). All linting happens in
 * the server, which shares the engine with the CLI, so the editor and CI never disagree.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { catalogFileFor } from './catalogLocation';
import { CatalogEntryDocuments, ENTRY_SCHEME, showCatalogEntry } from './catalogEntry';
import { statusNotification, type CatalogEntryResult } from './protocol';
import { CatalogStatus } from './status';
import { SCAN_WORKSPACE_COMMAND, scanWithProgress } from './scanProgress';
import { InventoryTree, openInventoryReport } from './inventoryTree';
import { LANGUAGES } from '../../server/src/engine/languages/registry';

/**
 * The documents the server lints, from the engine's registry of languages (by VS Code language
 * id, and by extension for files VS Code has no language for, such as `.prisma` without the
 * Prisma extension), plus the files that configure it (their errors show in them). Untitled
 * buffers of those languages too: the server lints them with the first folder's configuration.
 */
const documentSelector = [
  ...LANGUAGES.flatMap((l) => l.editorLanguageIds.map((language) => ({ scheme: 'file', language }))),
  ...LANGUAGES.flatMap((l) => l.editorLanguageIds.map((language) => ({ scheme: 'untitled', language }))),
  ...LANGUAGES.map((l) => ({
    scheme: 'file',
    pattern: l.extensions.length === 1 ? `**/*${l.extensions[0]}` : `**/*{${l.extensions.join(',')}}`,
  })),
  { scheme: 'file', pattern: '**/catalint.json' },
  { scheme: 'file', pattern: '**/*.catalog.json' },
];

/** What `activate` returns: lets tests and other extensions reach the running client. */
export interface CatalintApi {
  readonly client: LanguageClient;
  readonly status: CatalogStatus;
  readonly inventory: InventoryTree;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<CatalintApi> {
  const output = vscode.window.createOutputChannel('Catalint', { log: true });
  const status = new CatalogStatus(documentSelector);
  const entries = new CatalogEntryDocuments();
  context.subscriptions.push(output, status, vscode.workspace.registerTextDocumentContentProvider(ENTRY_SCHEME, entries));

  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    // The server registers its own file watchers for catalint.json and the catalogs it loaded.
    synchronize: { configurationSection: 'catalint' },
    middleware: {
      // A scan shows a notification with a Cancel button (see scanProgress.ts).
      executeCommand: (command, args, next) =>
        command === SCAN_WORKSPACE_COMMAND ? scanWithProgress(languageClient, args) : next(command, args),
    },
  };
  // The id `catalint` makes the client honour the `catalint.trace.server` setting.
  const languageClient = new LanguageClient('catalint', 'Catalint', serverOptions, clientOptions);
  client = languageClient;

  context.subscriptions.push(
    languageClient.onNotification(statusNotification, (s) => status.update(s)),
    languageClient.onDidChangeState((e) => {
      if (e.newState === State.Starting) status.reset('starting');
      else if (e.newState === State.Stopped) status.reset('stopped');
    }),
    vscode.commands.registerCommand('catalint.restartServer', async () => {
      output.info('Restarting the Catalint server.');
      await languageClient.restart();
    }),
    vscode.commands.registerCommand('catalint.showCatalogEntry', (): Promise<CatalogEntryResult | null> =>
      showCatalogEntry(languageClient, entries),
    ),
    vscode.commands.registerCommand('catalint.openCatalog', async () => {
      const active = vscode.window.activeTextEditor?.document.uri;
      const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
      const file = await catalogFileFor(folder, context.extensionUri);
      await vscode.window.showTextDocument(file);
      return file.toString();
    }),
    vscode.commands.registerCommand('catalint.showOutput', () => output.show(true)),
  );
  const inventory = new InventoryTree(languageClient);
  context.subscriptions.push(
    ...inventory.register(),
    vscode.commands.registerCommand('catalint.inventory.refresh', () => inventory.refresh()),
    vscode.commands.registerCommand('catalint.inventory.openReport', async () => (await openInventoryReport(languageClient)).title),
  );
  // `catalint.scanWorkspace` is registered by the language client itself, from the server's
  // `executeCommandProvider`; the middleware above sends it with a cancellable progress.

  try {
    await languageClient.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.error(`The Catalint server did not start: ${message}`);
    status.failed(message);
  }
  return { client: languageClient, status, inventory };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
