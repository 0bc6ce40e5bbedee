/**
 * Which catalog file a workspace folder lints with, for "Open Catalog": the
 * `catalint.catalogPath` setting, else the catalog its `catalint.json` names, else the
 * built-in catalog shipped in the extension. Reading a JSON file is all this does; nothing
 * from the workspace runs.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse, type ParseError } from 'jsonc-parser';

export async function catalogFileFor(folder: vscode.WorkspaceFolder | undefined, extensionRoot: vscode.Uri): Promise<vscode.Uri> {
  const builtin = vscode.Uri.joinPath(extensionRoot, 'catalog', 'builtin.catalog.json');
  if (!folder || folder.uri.scheme !== 'file') return builtin;

  const setting = vscode.workspace.getConfiguration('catalint', folder.uri).get<string>('catalogPath', '').trim();
  if (setting) return vscode.Uri.file(path.resolve(folder.uri.fsPath, setting));

  const configFile = vscode.Uri.joinPath(folder.uri, 'catalint.json');
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(configFile));
  } catch {
    return builtin;
  }
  const config: unknown = parse(text, [] as ParseError[], { allowTrailingComma: true });
  const catalog = typeof config === 'object' && config !== null ? (config as Record<string, unknown>)['catalog'] : undefined;
  // A string names a catalog file relative to catalint.json; an object is a catalog written inline.
  if (typeof catalog === 'string' && catalog.trim()) return vscode.Uri.file(path.resolve(folder.uri.fsPath, catalog.trim()));
  if (typeof catalog === 'object' && catalog !== null) return configFile;
  return builtin;
}
