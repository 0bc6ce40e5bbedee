/**
 * "Show Catalog Entry": asks the server what the name under the cursor is in the catalog and
 * shows the answer as rendered markdown beside the editor.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { catalogEntryRequest, type CatalogEntryCategory, type CatalogEntryResult } from './protocol';

export const ENTRY_SCHEME = 'catalint-entry';

/** Serves the last entry shown as a read-only markdown document, for the preview. */
export class CatalogEntryDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  put(uri: vscode.Uri, markdown: string): void {
    this.texts.set(uri.toString(), markdown);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

/** Returns the entry it showed, so that tests and other extensions can read it. */
export async function showCatalogEntry(client: LanguageClient, documents: CatalogEntryDocuments): Promise<CatalogEntryResult | null> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Catalint: open a file and place the cursor on a name.');
    return null;
  }
  const entry = await client.sendRequest(catalogEntryRequest, {
    uri: editor.document.uri.toString(),
    position: client.code2ProtocolConverter.asPosition(editor.selection.active),
  });
  if (!entry) {
    const range = editor.document.getWordRangeAtPosition(editor.selection.active);
    const word = range ? editor.document.getText(range) : '';
    void vscode.window.showInformationMessage(word ? `Catalint: “${word}” is not catalog data.` : 'Catalint: no name under the cursor.');
    return null;
  }
  const uri = vscode.Uri.from({ scheme: ENTRY_SCHEME, path: `/${entry.name}.md` });
  documents.put(uri, renderEntry(entry));
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch {
    // The markdown preview is a built-in extension that can be disabled: show the source instead.
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
  return entry;
}

export function renderEntry(entry: CatalogEntryResult): string {
  const lines = [
    `# \`${entry.name}\``,
    '',
    `Matched the term \`${entry.term}\`${entry.context ? ` in the context \`${entry.context}\`` : ''} (rule \`${entry.rule}\`).`,
  ];
  for (const category of entry.categories) lines.push('', ...renderCategory(category));
  if (entry.sources.length > 0) lines.push('', `Catalog: ${entry.sources.map((s) => `\`${s}\``).join(', ')}`);
  return lines.join('\n') + '\n';
}

function renderCategory(c: CatalogEntryCategory): string[] {
  const label = (l: { en: string; fr?: string }) => (l.fr ? `${l.fr} (${l.en})` : l.en);
  const requires = c.requires.map((all) => all.map((id) => `\`${id}\``).join(' and ')).join(', or ');
  const terms = (ts: readonly string[]) => (ts.length > 0 ? ts.map((t) => `\`${t}\``).join(', ') : 'none');
  return [
    `## ${label(c.label)}`,
    '',
    `- Category: \`${c.id}\` (${c.kind})`,
    `- Group: ${label(c.group.label)} (\`${c.group.id}\`)`,
    `- Requires: ${requires || 'nothing'}`,
    `- Strong terms: ${terms(c.strong)}`,
    `- Weak terms: ${terms(c.weak)}${c.subjects.length > 0 ? `, in the context of ${terms(c.subjects)}` : ''}`,
  ];
}
