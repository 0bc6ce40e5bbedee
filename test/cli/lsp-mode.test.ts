/**
 * `catalint --lsp`: the same program serves editors other than VS Code over stdio.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { repoRoot, SOURCES, workspace } from './helpers';

interface PublishedDiagnostics {
  uri: string;
  diagnostics: { message: string; range: { start: { line: number; character: number } } }[];
}

describe('cli --lsp', function () {
  this.timeout(60_000);

  it('answers initialize and publishes diagnostics for an opened document, then exits cleanly', async () => {
    const ws = workspace({ 'a.ts': SOURCES.telemetryUnconsented });
    const child = spawn(process.execPath, [path.join(repoRoot(), 'bin', 'catalint.js'), '--lsp'], {
      cwd: ws,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    // Answer what an editor answers: default settings, accepted registrations.
    connection.onRequest((method: string, params: unknown) =>
      method === 'workspace/configuration' ? (params as { items: unknown[] }).items.map(() => ({})) : null,
    );
    const uri = pathToFileURL(path.join(ws, 'a.ts')).href;
    const published = new Promise<PublishedDiagnostics>((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
        if (p.uri === uri && p.diagnostics.length > 0) resolve(p);
      }),
    );
    connection.listen();

    const init = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ws).href,
      workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }],
      capabilities: {},
    })) as { capabilities: { textDocumentSync?: unknown } };
    assert.ok(init.capabilities.textDocumentSync);
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text: SOURCES.telemetryUnconsented },
    });

    const diagnostics = await published;
    assert.ok(diagnostics.diagnostics.some((d) => d.range.start.line === 1 && /mileage/.test(d.message)));

    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
    connection.dispose();
  });
});
