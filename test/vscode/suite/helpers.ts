/**
 * What the VS Code suites share: the fixture workspace, the running extension, and waiting on
 * diagnostics as VS Code reports them (events, never sleeps; mocha's timeout bounds the wait).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'catalint.catalint';

export function fixtureUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export function catalintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'catalint');
}

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : code === undefined ? undefined : String(code);
}

/**
 * Resolves with the file's Catalint diagnostics once `accept` holds for them. Call it before the
 * action that should change them: an event that fires in between is not missed.
 */
export function diagnosticsWhen(
  uri: vscode.Uri,
  accept: (ds: vscode.Diagnostic[]) => boolean,
  options: { afterChange?: boolean } = {},
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const ds = catalintDiagnostics(uri);
      if (!accept(ds)) return false;
      subscription.dispose();
      resolve(ds);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    if (!options.afterChange) check();
  });
}

/** The position of the `occurrence`-th (1-based) `word` in the document. */
export function positionOf(doc: vscode.TextDocument, word: string, occurrence = 1): vscode.Position {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = doc.getText().indexOf(word, at + 1);
    assert.ok(at >= 0, `${word} #${occurrence} is in ${doc.uri.fsPath}`);
  }
  return doc.positionAt(at);
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
