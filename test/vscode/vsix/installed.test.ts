/**
 * What users actually install: the .vsix built by `npm run package`, installed with
 * `--install-extension` into a fresh extensions folder. Its bundles must start and lint with
 * nothing but what the package carries.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsWhen, EXTENSION_ID, fixtureUri, ruleOf } from '../suite/helpers';

describe('the packaged extension', () => {
  it('is installed from the .vsix, without sources or node_modules', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    const root = extension.extensionPath;
    for (const shipped of ['dist/client.js', 'dist/server.js', 'catalog/builtin.catalog.json', 'catalog/config.schema.json']) {
      assert.ok(fs.existsSync(path.join(root, shipped)), `${shipped} is in the package`);
    }
    for (const absent of ['node_modules', 'client', 'server', 'test']) {
      assert.ok(!fs.existsSync(path.join(root, absent)), `${absent} is not in the package (${root})`);
    }
    await extension.activate();
    assert.ok(extension.isActive);
  });

  it('shows a Catalint diagnostic for a fixture file', async () => {
    const customers = fixtureUri('src/customers.ts');
    const flagged = diagnosticsWhen(customers, (ds) => ds.some((d) => ruleOf(d) === 'consent-required'));
    const doc = await vscode.workspace.openTextDocument(customers);
    await vscode.window.showTextDocument(doc);
    const [use] = (await flagged).filter((d) => ruleOf(d) === 'consent-required');
    assert.equal(doc.getText(use.range), 'email');
  });
});
