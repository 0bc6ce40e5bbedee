import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('harness', () => {
  it('runs inside VS Code with the fixture workspace open', () => {
    assert.ok(vscode.version);
    assert.ok(vscode.workspace.workspaceFolders?.length);
  });
});
