/**
 * What the client and the language server say to each other beyond plain LSP. The shapes are
 * the server's (server/src/lsp/protocol.ts), imported as types only so that the client bundle
 * does not carry the server library; the method names are repeated here, once.
 */
import { NotificationType, RequestType } from 'vscode-languageclient/node';
import type { CatalogEntryParams, CatalogEntryResult, InventoryResult, StatusParams } from '../../server/src/lsp/protocol';

export type {
  CatalogEntryCategory,
  CatalogEntryParams,
  CatalogEntryResult,
  InventoryCategoryItem,
  InventoryPlaceItem,
  InventoryResult,
  StatusParams,
} from '../../server/src/lsp/protocol';

export const statusNotification = new NotificationType<StatusParams>('catalint/status');

export const catalogEntryRequest = new RequestType<CatalogEntryParams, CatalogEntryResult | null, void>('catalint/catalogEntry');

export const inventoryRequest = new RequestType<Record<string, never>, InventoryResult, void>('catalint/inventory');

export const inventoryReportRequest = new RequestType<{ readonly folder?: string }, string, void>('catalint/inventoryReport');
