/**
 * The data inventory for the editor: the same scan as `catalint inventory` (workspace/
 * inventory-scan.ts), over each workspace folder the CLI would lint, with open documents as they
 * are in the editor. It yields between files, so the editor's other requests are answered
 * while a large workspace is mapped.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CancellationToken } from 'vscode-languageserver/node';
import type { Inventory } from '../workspace/inventory';
import { html } from '../workspace/inventory-html';
import { scanInventory } from '../workspace/inventory-scan';
import type { InventoryResult } from './protocol';
import { discoverFolder } from './scan';
import type { Settings } from './settings';

export interface InventoryHost {
  folders(): string[];
  settingsFor(folder: string): Promise<Settings>;
  /** An open document's text, by file; undefined when it is not open. */
  openText(file: string): string | undefined;
  logError(what: string, e: unknown): void;
}

/** The longest the scan runs without reading messages, but for one slow file. */
const YIELD_MS = 10;

async function folderInventory(host: InventoryHost, folder: string, token: CancellationToken): Promise<Inventory | undefined> {
  const settings = await host.settingsFor(folder);
  if (!settings.enable) return undefined;
  const { configs, found } = discoverFolder(folder, settings);
  let last = performance.now();
  const scanned = await scanInventory(found.files, configs, {
    cwd: folder,
    includeTests: settings.includeTests,
    textOf: (file) => host.openText(file),
    pause: async () => {
      if (performance.now() - last < YIELD_MS) return;
      await new Promise((resolve) => setImmediate(resolve));
      last = performance.now();
    },
    cancelled: () => token.isCancellationRequested,
  });
  return scanned?.inventory;
}

export async function workspaceInventory(host: InventoryHost, token: CancellationToken): Promise<InventoryResult> {
  const folders: { folder: string; categories: InventoryResult['folders'][number]['categories'] }[] = [];
  for (const folder of host.folders()) {
    try {
      const inventory = await folderInventory(host, folder, token);
      if (!inventory) continue;
      folders.push({
        folder: pathToFileURL(folder).href,
        categories: inventory.categories.map((c) => ({
          id: c.id,
          label: c.label,
          kind: c.kind,
          uses: c.uses,
          unconsented: c.unconsented,
          declarations: c.declarations,
          places: c.places.map((p) => ({
            uri: pathToFileURL(path.join(folder, ...p.file.split('/'))).href,
            line: p.line - 1,
            character: p.column - 1,
            name: p.name,
            role: p.role,
            declared: p.declared,
            met: p.met,
          })),
        })),
      });
    } catch (e) {
      // A broken catalint.json is reported in the file and the status item; its folder is left out.
      host.logError(`mapping the data of ${folder}`, e);
    }
  }
  return { folders };
}

/** The HTML page of one folder's inventory (the first folder's when none is named). */
export async function inventoryReport(host: InventoryHost, folder: string | undefined, token: CancellationToken): Promise<string> {
  const root = folder ?? host.folders()[0];
  const inventory = root ? await folderInventory(host, root, token) : undefined;
  return inventory ? html(inventory) : '<!doctype html><meta charset="utf-8"><p>Catalint: no workspace folder with Catalint enabled.</p>';
}
