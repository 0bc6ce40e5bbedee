import * as assert from 'node:assert/strict';
import { DidChangeTextDocumentNotification, MessageType } from 'vscode-languageserver-protocol';
import { find, TempWorkspace, TestClient } from './client';

const SERVICE = `export function notify(customer: Customer): void {
  mailer.send(customer.email);
}
`;
const MARKER = 'CATALINT_TEST_FAULT';

describe('LSP robustness', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: TestClient;

  beforeEach(async () => {
    ws = new TempWorkspace({ 'src/a.ts': SERVICE, 'src/b.ts': SERVICE });
    client = new TestClient({ CATALINT_LSP_FAULT: MARKER });
    await client.initialize([ws.uri()]);
  });

  afterEach(async () => {
    await client.dispose();
    ws.dispose();
  });

  it('logs and ignores a change for a document that was never opened, and keeps answering', async () => {
    const errors = client.logs.length;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: ws.uri('src/ghost.ts'), version: 2 },
      contentChanges: [{ text: 'const x = customer.email;' }],
    });
    // Requests after it are still answered, in order.
    assert.equal(await client.hover(ws.uri('src/ghost.ts'), { line: 0, character: 0 }), null);
    assert.ok(client.logs.slice(errors).some((l) => l.type === MessageType.Error && /not open/.test(l.message)));
    assert.equal(client.exited, undefined);
  });

  it('refuses a change whose range lies past the end, leaving the document as it was', async () => {
    const uri = ws.uri('src/a.ts');
    await client.open(uri, SERVICE);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 40, character: 0 }, end: { line: 41, character: 3 } }, text: 'x' }],
    });
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 1 },
      contentChanges: [{ text: '' }],
    });
    const hover = await client.hover(uri, find(SERVICE, 'email'));
    assert.ok(hover, 'the document kept its text');
    assert.ok(client.logs.some((l) => /outside the document/.test(l.message)));
    assert.ok(client.logs.some((l) => /not after 1/.test(l.message)));
    // A valid change afterwards applies normally.
    assert.deepEqual(await client.setText(uri, 'export const x = 1;\n'), []);
  });

  it('answers a request with bad parameters with an error, not a crash', async () => {
    await assert.rejects(client.connection.sendRequest('textDocument/hover', { textDocument: 42 }));
    await assert.rejects(client.executeCommand('catalint.noSuchCommand'));
    assert.equal(await client.hover(ws.uri('src/a.ts'), { line: -1, character: -1 }), null);
    assert.equal(client.exited, undefined);
  });

  it('survives a body that is not JSON and notifications with missing parameters', async () => {
    const uri = ws.uri('src/a.ts');
    client.writeRaw('{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {');
    client.writeRaw(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: null } }));
    client.writeRaw(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: {} }));
    client.writeRaw(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didClose' }));
    // Still in service: a real document is analysed and answered.
    assert.equal((await client.open(uri, SERVICE)).filter((d) => d.code === 'consent-required').length, 1);
    assert.ok(await client.hover(uri, find(SERVICE, 'email')));
    assert.equal(client.exited, undefined);
  });

  it('reports a document whose analysis throws once, keeps serving the others, and recovers on the next change', async () => {
    const a = ws.uri('src/a.ts');
    const b = ws.uri('src/b.ts');
    const broken = `${SERVICE}// ${MARKER}\n`;
    const first = await client.open(a, broken);
    assert.deepEqual(
      first.map((d) => d.code),
      ['internal-error'],
    );
    await client.change(a, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '\n' }]);
    // The other document is analysed as usual.
    assert.equal((await client.open(b, SERVICE)).filter((d) => d.code === 'consent-required').length, 1);
    const warnings = client.warnings.filter((w) => w.type === MessageType.Warning && /could not analyse a\.ts/.test(w.message));
    assert.equal(warnings.length, 1, JSON.stringify(client.warnings));
    assert.ok(client.logs.some((l) => l.type === MessageType.Error && /injected fault/.test(l.message)));
    // Removing the cause brings its findings back.
    const recovered = await client.setText(a, SERVICE);
    assert.deepEqual(
      recovered.map((d) => d.code),
      ['consent-required'],
    );
    // Breaking it again warns again: it had recovered.
    await client.setText(a, broken);
    await client.hover(a, { line: 0, character: 0 });
    assert.equal(client.warnings.filter((w) => /could not analyse a\.ts/.test(w.message)).length, 2);
  });
});
