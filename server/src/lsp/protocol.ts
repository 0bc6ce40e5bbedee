/**
 * What the server and its clients agree on beyond standard LSP: setting names, command ids,
 * custom notifications and requests. The VS Code client may import these types (they are
 * plain declarations, no runtime dependency on the server).
 */
import { NotificationType, RequestType } from 'vscode-languageserver/node';
import type { Position } from 'vscode-languageserver/node';

/** Settings section read with `workspace/configuration` (per resource). */
export const SETTINGS_SECTION = 'catalint';

/** `workspace/executeCommand`: lint every lintable file of every workspace folder. */
export const SCAN_WORKSPACE_COMMAND = 'catalint.scanWorkspace';
/** `workspace/executeCommand`, used by the fix-all code action; arguments: [uri]. */
export const FIX_ALL_COMMAND = 'catalint.fixAll';

export type StatusState = 'ok' | 'error';

export interface StatusParams {
  /** Workspace folder URI (or the folder of a loose file). */
  readonly folder: string;
  readonly state: StatusState;
  /** Human-readable: catalog summary, or the configuration error with file:line:column. */
  readonly message: string;
  /** Number of categories of the configuration in force (the last good one on error). */
  readonly categories: number;
  /** Why type-aware analysis, asked for, is not in force (a memory ceiling, a broken tsconfig.json). */
  readonly typeAware?: string;
}

/** Server -> client after each configuration (re)load of a folder. */
export const StatusNotification = new NotificationType<StatusParams>('catalint/status');

export interface CatalogEntryParams {
  readonly uri: string;
  readonly position: Position;
}

export interface CatalogEntryCategory {
  readonly id: string;
  readonly label: { readonly en: string; readonly fr?: string };
  readonly group: { readonly id: string; readonly label: { readonly en: string; readonly fr?: string } };
  readonly kind: 'personal' | 'telemetry';
  /** Disjunctive normal form: any inner list, all of its ids. */
  readonly requires: readonly (readonly string[])[];
  readonly strong: readonly string[];
  readonly weak: readonly string[];
  readonly subjects: readonly string[];
}

export interface CatalogEntryResult {
  /** The identifier under the cursor as written. */
  readonly name: string;
  readonly rule: string;
  readonly term: string;
  readonly context?: string;
  readonly categories: readonly CatalogEntryCategory[];
  /** Catalog files of the configuration in force (built-in first). */
  readonly sources: readonly string[];
}

/** Client -> server: the catalog entry of the flagged or classified name at a position, or null. */
export const CatalogEntryRequest = new RequestType<CatalogEntryParams, CatalogEntryResult | null, void>('catalint/catalogEntry');

/** One place of the data inventory, as the editor's view shows it. */
export interface InventoryPlaceItem {
  /** The file's URI. */
  readonly uri: string;
  /** 0-based, as LSP counts. */
  readonly line: number;
  readonly character: number;
  readonly name: string;
  readonly role: 'use' | 'declaration';
  /** Condition ids in scope. */
  readonly declared: readonly string[];
  /** Whether they meet the category's requirement. */
  readonly met: boolean;
}

export interface InventoryCategoryItem {
  readonly id: string;
  readonly label: { readonly en: string; readonly fr?: string };
  readonly kind: 'personal' | 'telemetry';
  readonly uses: number;
  readonly unconsented: number;
  readonly declarations: number;
  readonly places: readonly InventoryPlaceItem[];
}

export interface InventoryResult {
  /** One per workspace folder with Catalint enabled. */
  readonly folders: readonly { readonly folder: string; readonly categories: readonly InventoryCategoryItem[] }[];
}

/** Client -> server: the data inventory of the workspace (open documents as they are in the editor). */
export const InventoryRequest = new RequestType<Record<string, never>, InventoryResult, void>('catalint/inventory');

/** Client -> server: the inventory of a workspace folder (the first when none is named) as one HTML page. */
export const InventoryReportRequest = new RequestType<{ readonly folder?: string }, string, void>('catalint/inventoryReport');
