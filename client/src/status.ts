/**
 * The language status item: what the server last said about each workspace folder's catalog
 * and configuration. The item describes the folder of the active editor, and any folder whose
 * configuration is broken, because a broken folder lints with its last good configuration and
 * the user would otherwise not know.
 */
import * as vscode from 'vscode';
import type { StatusParams as FolderStatus } from './protocol';

export class CatalogStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly byFolder = new Map<string, FolderStatus>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<FolderStatus>();
  /** Fires with each folder status the server reports, after the item shows it. */
  readonly onDidChange = this.changed.event;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('catalint.status', selector);
    this.item.name = 'Catalint';
    this.item.text = 'Catalint: starting';
    this.item.busy = true;
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
  }

  /** The latest status of every folder the server reported on. */
  get folders(): readonly FolderStatus[] {
    return [...this.byFolder.values()];
  }

  update(reported: FolderStatus): void {
    // The server writes file URIs its own way; VS Code's spelling makes them comparable.
    const status = { ...reported, folder: vscode.Uri.parse(reported.folder).toString() };
    this.byFolder.set(status.folder, status);
    this.render();
    this.changed.fire(status);
  }

  /** The server starts or stopped: nothing it said still holds. */
  reset(state: 'starting' | 'stopped'): void {
    this.byFolder.clear();
    this.item.text = `Catalint: ${state}`;
    this.item.detail = undefined;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    this.item.busy = state === 'starting';
    this.item.command = state === 'stopped' ? { title: 'Restart', command: 'catalint.restartServer' } : undefined;
  }

  failed(message: string): void {
    this.byFolder.clear();
    this.item.busy = false;
    this.item.text = 'Catalint: server failed';
    this.item.detail = message;
    this.item.severity = vscode.LanguageStatusSeverity.Error;
    this.item.command = { title: 'Show output', command: 'catalint.showOutput' };
  }

  private render(): void {
    const shown = this.pick();
    if (!shown) return;
    this.item.busy = false;
    if (shown.state === 'error') {
      const where = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? ` in ${folderName(shown.folder)}` : '';
      this.item.text = `Catalint: configuration error${where}`;
      this.item.detail = shown.message;
      this.item.severity = vscode.LanguageStatusSeverity.Error;
      // The server also shows the problem as a diagnostic in the file it is about.
      this.item.command = { title: 'Show problems', command: 'workbench.actions.view.problems' };
    } else {
      this.item.text = `Catalint: ${shown.categories} categories`;
      // Type-aware analysis was asked for and is not in force: said, as the fallback is silent otherwise.
      this.item.detail = shown.typeAware ? `${shown.message}. ${shown.typeAware}` : shown.message;
      this.item.severity = shown.typeAware ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
      this.item.command = { title: 'Open catalog', command: 'catalint.openCatalog' };
    }
  }

  private pick(): FolderStatus | undefined {
    const errors = this.folders.filter((s) => s.state === 'error');
    if (errors.length > 0) return errors[0];
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
    if (folder) {
      const own = this.byFolder.get(folder.uri.toString());
      if (own) return own;
    }
    return this.folders[0];
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function folderName(uri: string): string {
  const parsed = vscode.Uri.parse(uri);
  return vscode.workspace.getWorkspaceFolder(parsed)?.name ?? parsed.path.split('/').pop() ?? uri;
}
