/**
 * The Data Inventory view (Explorer): category → file → place, with the consent state as the
 * icon, from the server's `catalint/inventory` (the same map as `catalint inventory`). It is
 * asked for when the view opens, after a save while it is visible, and on Refresh; a click on
 * a place opens it. "Open Data Inventory Report" shows the HTML page in a webview.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  type InventoryCategoryItem,
  type InventoryPlaceItem,
  type InventoryResult,
  inventoryReportRequest,
  inventoryRequest,
} from './protocol';

export type InventoryNode =
  | { readonly kind: 'folder'; readonly folder: string; readonly categories: readonly InventoryCategoryItem[] }
  | { readonly kind: 'category'; readonly category: InventoryCategoryItem }
  | {
      readonly kind: 'file';
      readonly uri: string;
      readonly category: InventoryCategoryItem;
      readonly places: readonly InventoryPlaceItem[];
    }
  | { readonly kind: 'place'; readonly place: InventoryPlaceItem; readonly category: InventoryCategoryItem };

/** Saves come in bursts (Save All): one refresh for them. */
const REFRESH_DELAY_MS = 1_000;

export class InventoryTree implements vscode.TreeDataProvider<InventoryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<InventoryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: Promise<InventoryResult> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private view: vscode.TreeView<InventoryNode> | undefined;

  constructor(private readonly client: LanguageClient) {}

  /** Registers the view and what refreshes it. */
  register(): vscode.Disposable[] {
    this.view = vscode.window.createTreeView('catalint.inventory', { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(
      this.view,
      vscode.workspace.onDidSaveTextDocument(() => {
        if (!this.view?.visible) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
      }),
      this.view.onDidChangeVisibility((e) => {
        if (e.visible) this.refresh();
      }),
    );
    return [this];
  }

  refresh(): void {
    this.result = undefined;
    this.changed.fire(undefined);
  }

  private inventory(): Promise<InventoryResult> {
    return (this.result ??= this.client.sendRequest(inventoryRequest, {}).then(
      (r) => r,
      () => ({ folders: [] }),
    ));
  }

  async getChildren(node?: InventoryNode): Promise<InventoryNode[]> {
    if (!node) {
      const { folders } = await this.inventory();
      // One folder: its categories at the top; several: a level per folder.
      if (folders.length === 1) return folders[0].categories.map((category) => ({ kind: 'category', category }));
      return folders.map((f) => ({ kind: 'folder', folder: f.folder, categories: f.categories }));
    }
    switch (node.kind) {
      case 'folder':
        return node.categories.map((category) => ({ kind: 'category', category }));
      case 'category': {
        const byFile = new Map<string, InventoryPlaceItem[]>();
        for (const p of node.category.places) {
          const list = byFile.get(p.uri);
          if (list) list.push(p);
          else byFile.set(p.uri, [p]);
        }
        return [...byFile].map(([uri, places]) => ({ kind: 'file', uri, category: node.category, places }));
      }
      case 'file':
        return node.places.map((place) => ({ kind: 'place', place, category: node.category }));
      case 'place':
        return [];
    }
  }

  getTreeItem(node: InventoryNode): vscode.TreeItem {
    switch (node.kind) {
      case 'folder': {
        const item = new vscode.TreeItem(vscode.Uri.parse(node.folder), vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = vscode.ThemeIcon.Folder;
        return item;
      }
      case 'category': {
        const c = node.category;
        const item = new vscode.TreeItem(c.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${c.uses} uses${c.unconsented ? `, ${c.unconsented} without consent` : ''}${c.declarations ? `, ${c.declarations} declared` : ''}`;
        item.tooltip = `${c.label.en}${c.label.fr ? ` (${c.label.fr})` : ''}: ${c.kind} data`;
        item.iconPath = new vscode.ThemeIcon(c.unconsented > 0 ? 'warning' : 'pass');
        item.contextValue = 'category';
        return item;
      }
      case 'file': {
        const item = new vscode.TreeItem(vscode.Uri.parse(node.uri), vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${node.places.length}`;
        item.iconPath = vscode.ThemeIcon.File;
        return item;
      }
      case 'place': {
        const p = node.place;
        const item = new vscode.TreeItem(`${p.name}`, vscode.TreeItemCollapsibleState.None);
        item.description = `${p.line + 1}:${p.character + 1} ${p.role}${p.declared.length ? ` · ${p.declared.join(', ')}` : ''}`;
        item.tooltip =
          p.role === 'declaration' ? 'declared here' : p.met ? `consented: ${p.declared.join(', ')}` : 'used without the consent it needs';
        item.iconPath = new vscode.ThemeIcon(p.role === 'declaration' ? 'symbol-field' : p.met ? 'pass' : 'warning');
        const at = new vscode.Position(p.line, p.character);
        item.command = {
          command: 'vscode.open',
          title: 'Open',
          arguments: [vscode.Uri.parse(p.uri), { selection: new vscode.Range(at, at) }],
        };
        return item;
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/** "Open Data Inventory Report": the HTML page in a webview; returns the panel. */
export async function openInventoryReport(client: LanguageClient): Promise<vscode.WebviewPanel> {
  const page = await client.sendRequest(inventoryReportRequest, {});
  const panel = vscode.window.createWebviewPanel('catalint.inventoryReport', 'Catalint: Data Inventory', vscode.ViewColumn.Active, {
    // The page filters and sorts its table with its own inline script; it loads nothing.
    enableScripts: true,
    localResourceRoots: [],
  });
  panel.webview.html = page;
  return panel;
}
