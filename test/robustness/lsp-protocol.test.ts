/**
 * Malformed and out-of-order protocol messages sent to the real server (dist/server.js over
 * stdio): each is refused with an error response or ignored with a logged reason, never a
 * crash, and the server answers the next request correctly. Ordering makes the checks
 * event-driven: a notification's log line is sent before the answer to a request sent after it.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ErrorCodes,
  HoverRequest,
  MessageType,
  ResponseError,
} from 'vscode-languageserver-protocol';
import { ensureServerBuilt, find, TempWorkspace, TestClient } from '../lsp/client';

const SOURCE = 'export function notify(customer: Customer) {\n  send(customer.email);\n}\n';

describe('robustness: malformed LSP messages', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  let client: TestClient;
  let uri: string;

  beforeEach(async () => {
    ws = new TempWorkspace({ 'src/a.ts': SOURCE });
    client = new TestClient();
    client.settings = { '': { debounceMs: 0 } };
    await client.initialize([ws.uri()]);
    uri = ws.uri('src/a.ts');
    await client.open(uri, SOURCE);
  });

  afterEach(async () => {
    await client.dispose();
    ws.dispose();
  });

  /** The server still works: a hover on the flagged name names its category. */
  async function stillServes(): Promise<void> {
    const hover = await client.hover(uri, find(client.documents.get(uri)!.text, 'email);'));
    assert.match(JSON.stringify(hover?.contents), /contact\.email/);
    assert.equal(client.exited, undefined, client.errorOutput);
  }

  function errorsLogged(): string[] {
    return client.logs.filter((l) => l.type === MessageType.Error).map((l) => l.message);
  }

  it('a didChange for a document never opened is ignored with a logged reason', async () => {
    const ghost = ws.uri('src/ghost.ts');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: ghost, version: 2 },
      contentChanges: [{ text: 'customer.email' }],
    });
    await stillServes();
    assert.ok(
      errorsLogged().some((m) => m.includes('ignored didChange') && m.includes('not open')),
      JSON.stringify(client.logs),
    );
    assert.equal(client.published.filter((p) => p.uri === ghost).length, 0, 'nothing published for a document that is not open');
  });

  it('a change whose range is past the end is refused and the document stays as it was', async () => {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 40, character: 0 }, end: { line: 41, character: 3 } }, text: 'x' }],
    });
    await stillServes();
    assert.ok(
      errorsLogged().some((m) => /range 40:0-41:3 is outside the document/.test(m)),
      JSON.stringify(client.logs),
    );
    // Near-miss: a valid edit at the same version number is applied to the untouched text.
    const at = find(SOURCE, 'send(');
    const after = await client.change(uri, [{ range: { start: at, end: at }, newText: '// @consent customer-consent\n  ' }]);
    assert.deepEqual(
      after.filter((d) => d.code === 'consent-required'),
      [],
    );
  });

  it('a range past the end of a line, a reversed range and negative positions are refused', async () => {
    for (const range of [
      { start: { line: 1, character: 200 }, end: { line: 1, character: 201 } },
      { start: { line: 1, character: 5 }, end: { line: 0, character: 1 } },
      { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } },
    ]) {
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range, text: 'x' }],
      });
    }
    await stillServes();
    assert.equal(errorsLogged().filter((m) => m.includes('outside the document')).length, 3, JSON.stringify(client.logs));
  });

  it('a change with a stale version is refused', async () => {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 1 },
      contentChanges: [{ text: '' }],
    });
    await stillServes();
    assert.ok(
      errorsLogged().some((m) => /version 1, not after 1/.test(m)),
      JSON.stringify(client.logs),
    );
  });

  it('a didChange with malformed params (no contentChanges) is logged, not a crash', async () => {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 } });
    await client.connection.sendNotification('textDocument/didChange', null);
    await stillServes();
    assert.ok(errorsLogged().length >= 2, JSON.stringify(client.logs));
  });

  it('an unknown request method is answered with MethodNotFound', async () => {
    await assert.rejects(
      client.connection.sendRequest('catalint/noSuchThing', { x: 1 }),
      (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.MethodNotFound,
    );
    await stillServes();
  });

  it('an unknown notification is ignored', async () => {
    await client.connection.sendNotification('catalint/noSuchNotification', { x: 1 });
    await client.connection.sendNotification('$/somethingOptional', {});
    await stillServes();
  });

  it('a hover and a code action request on a document never opened answer empty', async () => {
    const ghost = ws.uri('src/ghost.ts');
    assert.equal(await client.hover(ghost, { line: 0, character: 0 }), null);
    assert.deepEqual(
      await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: ghost },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      }),
      [],
    );
    await stillServes();
  });

  it('a hover with malformed params is answered (an error or null), and the next one works', async () => {
    for (const params of [
      { textDocument: { uri } },
      { position: { line: 0, character: 0 } },
      { textDocument: { uri }, position: { line: 'x', character: null } },
      42,
    ]) {
      const answer = client.connection.sendRequest(HoverRequest.method, params).then(
        (v) => ({ ok: v }),
        (e: unknown) => ({ error: e }),
      );
      const settled = await answer;
      assert.ok(
        'error' in settled ? settled.error instanceof ResponseError : settled.ok === null || typeof settled.ok === 'object',
        JSON.stringify(settled),
      );
    }
    await stillServes();
  });

  it('a document with a URI that is not a file, and a close of a document never opened', async () => {
    // Untitled buffers of a language Catalint reads are linted (test/lsp/hardening.test.ts); one
    // it does not read is answered with nothing, and the server goes on.
    const untitled = 'untitled:Untitled-1';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: untitled, languageId: 'markdown', version: 1, text: SOURCE },
    });
    await stillServes();
    assert.deepEqual(
      client.published.filter((p) => p.uri === untitled && p.diagnostics.length > 0),
      [],
    );
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: ws.uri('src/never.ts') } });
    await stillServes();
  });
});

describe('robustness: garbage on the wire', function () {
  this.timeout(60_000);

  it('a frame that is not JSON does not stop the server answering the next request', async () => {
    const child = spawn(process.execPath, [ensureServerBuilt(), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const answered = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (/"id":\s*1\b/.test(out)) resolve(out);
      });
      child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}\n${out}`)));
    });
    const frame = (body: string): string => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    child.stdin.write(frame('{ this is not json'));
    child.stdin.write(frame('{"jsonrpc":"2.0","method":"textDocument/didChange","params":"nonsense"}'));
    child.stdin.write(
      frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } })),
    );
    try {
      const text = await answered;
      assert.match(text, /"capabilities"/);
    } finally {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.exitCode === null) child.kill();
      await exited;
    }
  });
});
