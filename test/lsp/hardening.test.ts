/**
 * Hardening items through the real server: a batch of 10,000 content changes and a storm of
 * 100,000 watched-file events cost one pass (item 5), untitled buffers are linted (item 18), and
 * the fix-all answers the generic `source.fixAll` kind only where the user asked for it (item 17).
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  CodeActionRequest,
  CodeActionTriggerKind,
  type CodeAction,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  type FileEvent,
  type InitializeResult,
  type Position,
  MessageType,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { applyContentChanges, ProtocolViolation } from '../../server/src/lsp/documents';
import { find, TempWorkspace, TestClient } from './client';

const uses = (ds: readonly Diagnostic[]): number => ds.filter((d) => d.code === 'consent-required').length;

/** A function per block, three lines each: `customer.email` on the second. */
function blocks(n: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`export function notify${i}(customer: Customer): void {`, '  mailer.send(customer.email);', '}');
  return lines;
}

const DIRECTIVE = '// @consent customer-consent';
const CALL = '  mailer.send(customer.email);';

describe('LSP hardening', function () {
  this.timeout(120_000);
  let ws: TempWorkspace;
  let client: TestClient;

  afterEach(async () => {
    await client?.dispose();
    ws?.dispose();
  });

  async function start(
    files: Record<string, string>,
    settings: Record<string, unknown> = {},
    folders?: string[],
  ): Promise<InitializeResult> {
    ws = new TempWorkspace(files);
    client = new TestClient();
    client.settings = { '': { debounceMs: 0, ...settings } };
    return client.initialize(folders ?? [ws.uri()]);
  }

  /** Sends a didChange as is (the test client's own bookkeeping would re-apply each change). */
  async function sendChanges(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[], text: string): Promise<void> {
    const doc = client.documents.get(uri)!;
    doc.version = version;
    doc.text = text;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  describe('a batch of 10,000 content changes (item 5)', () => {
    const N = 5_000;

    it('applied bottom to top, gives the diagnostics of the same text opened fresh', async () => {
      const original = blocks(N);
      await start({});
      const uri = ws.uri('src/big.ts');
      assert.equal(uses(await client.open(uri, `${original.join('\n')}\n`)), N);
      // A multi-cursor edit as VS Code sends it: the last cursor first, so each change is in the
      // coordinates of the original text. Two cursors per function: its call and its header.
      const changes: TextDocumentContentChangeEvent[] = [];
      const final = [...original];
      for (let i = N - 1; i >= 0; i--) {
        const at = CALL.indexOf('email');
        const name = i % 2 === 0 ? 'phoneNumber' : 'fileName';
        changes.push({ range: { start: { line: 3 * i + 1, character: at }, end: { line: 3 * i + 1, character: at + 5 } }, text: name });
        final[3 * i + 1] = CALL.replace('email', name);
        const header = i % 3 === 0 ? `${DIRECTIVE}\n` : `/* ${i} */ `;
        changes.push({ range: { start: { line: 3 * i, character: 0 }, end: { line: 3 * i, character: 0 } }, text: header });
        final[3 * i] = header + final[3 * i];
      }
      assert.equal(changes.length, 10_000);
      const text = `${final.join('\n')}\n`;
      const changed = client.waitForDiagnostics(uri, (_d, p) => p.version === 2);
      await sendChanges(uri, 2, changes, text);
      const after = await changed;
      const fresh = await client.open(ws.uri('src/fresh.ts'), text);
      assert.ok(!after.some((d) => d.code === 'skipped-file'), 'analysed, not skipped');
      // phoneNumber without a directive: every even block that is not a multiple of 3.
      assert.equal(uses(after), Array.from({ length: N }, (_, i) => i).filter((i) => i % 2 === 0 && i % 3 !== 0).length);
      assert.deepEqual(after, fresh);
      // And it still answers, on the text it now holds.
      const hover = await client.hover(uri, find(text, 'phoneNumber', 1));
      assert.match(JSON.stringify(hover?.contents), /phoneNumber/);
    });

    it('applied top to bottom, each change in the coordinates the previous ones left, gives the same', async () => {
      const original = blocks(N);
      await start({});
      const uri = ws.uri('src/big.ts');
      await client.open(uri, `${original.join('\n')}\n`);
      const changes: TextDocumentContentChangeEvent[] = [];
      const final: string[] = [];
      let added = 0;
      for (let i = 0; i < N; i++) {
        // A line inserted above shifts every later change by one line.
        const directive = i % 3 === 0;
        if (directive) {
          changes.push({
            range: { start: { line: 3 * i + added, character: 0 }, end: { line: 3 * i + added, character: 0 } },
            text: `${DIRECTIVE}\n`,
          });
          added++;
          final.push(DIRECTIVE);
        }
        final.push(original[3 * i]);
        // Two cursors on one line: the second is after the first's longer replacement.
        const line = 3 * i + 1 + added;
        changes.push({ range: { start: { line, character: 2 }, end: { line, character: 8 } }, text: 'postman' });
        const at = CALL.indexOf('email') + 1;
        const name = i % 2 === 0 ? 'phoneNumber' : 'fileName';
        changes.push({ range: { start: { line, character: at }, end: { line, character: at + 5 } }, text: name });
        final.push(CALL.replace('mailer', 'postman').replace('email', name), '}');
      }
      assert.ok(changes.length >= 10_000, String(changes.length));
      const text = `${final.join('\n')}\n`;
      const changed = client.waitForDiagnostics(uri, (_d, p) => p.version === 2);
      await sendChanges(uri, 2, changes, text);
      const after = await changed;
      const fresh = await client.open(ws.uri('src/fresh.ts'), text);
      assert.ok(uses(after) > 0);
      assert.deepEqual(after, fresh);
      assert.ok(await client.hover(uri, find(text, 'phoneNumber', 1)));
    });

    it('near miss: one change of 10,000 past the end refuses the whole batch, the document keeps its text', async () => {
      const original = `${blocks(N).join('\n')}\n`;
      await start({});
      const uri = ws.uri('src/big.ts');
      await client.open(uri, original);
      const changes: TextDocumentContentChangeEvent[] = [];
      for (let i = N - 1; i >= 0; i--) {
        changes.push({ range: { start: { line: 3 * i, character: 0 }, end: { line: 3 * i, character: 0 } }, text: `${DIRECTIVE}\n` });
        changes.push({ range: { start: { line: 3 * i + 1, character: 0 }, end: { line: 3 * i + 1, character: 0 } }, text: ' ' });
      }
      // The last one names a line the text does not have.
      changes[changes.length - 1] = {
        range: { start: { line: 3 * N + N + 5, character: 0 }, end: { line: 3 * N + N + 5, character: 0 } },
        text: 'x',
      };
      await sendChanges(uri, 2, changes, original);
      // The next change applies to the text as it was before the refused batch.
      const at = find(original, 'email', N - 1);
      const next = client.waitForDiagnostics(uri, (_d, p) => p.version === 3);
      const edited = `${original.slice(0, -CALL.length - 3)}${CALL.replace('email', 'fileName')}\n}\n`;
      await sendChanges(uri, 3, [{ range: { start: at, end: { line: at.line, character: at.character + 5 } }, text: 'fileName' }], edited);
      assert.equal(uses(await next), N - 1);
      assert.ok(client.logs.some((l) => l.type === MessageType.Error && /outside the document/.test(l.message)));
      assert.equal(client.exited, undefined);
    });

    it('applies any order of changes as one after another would (random batches against the library)', () => {
      let seed = 42;
      const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      const alphabet = ['a', 'b', ' ', '\n', '\r', '\r\n'];
      const noise = (n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      let compared = 0;
      for (let round = 0; round < 1_500; round++) {
        const text = noise(Math.floor(random() * 200));
        let expected: TextDocument | undefined = TextDocument.create('u', 'typescript', 1, text);
        const changes: TextDocumentContentChangeEvent[] = [];
        for (let k = 1 + Math.floor(random() * 40); k > 0; k--) {
          if (random() < 0.03) {
            const whole = noise(Math.floor(random() * 20));
            changes.push({ text: whole });
            expected = expected && TextDocument.update(expected, [{ text: whole }], 2);
            continue;
          }
          const current: TextDocument | undefined = expected;
          const length: number = current ? current.getText().length : 0;
          const position = (): Position => (current ? current.positionAt(Math.floor(random() * (length + 1))) : { line: 0, character: 0 });
          let [start, end] = [position(), position()];
          if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
          if (random() < 0.02) end = { line: end.line + 3, character: 0 };
          const change = { range: { start, end }, text: noise(Math.floor(random() * 4)) };
          changes.push(change);
          // positionAt between a CR and its LF names no position of the text: a refused change.
          expected =
            expected && inRange(expected, start) && inRange(expected, end) ? TextDocument.update(expected, [change], 2) : undefined;
        }
        for (const chunkSize of [1, 3, 16, 256]) {
          let actual: string | undefined;
          try {
            actual = applyContentChanges(text, changes, 'u', chunkSize);
          } catch (e) {
            if (!(e instanceof ProtocolViolation)) throw e;
          }
          assert.equal(actual, expected?.getText(), JSON.stringify({ text, changes, chunkSize }));
        }
        if (expected) compared++;
      }
      assert.ok(compared > 300, String(compared));
    });
  });

  describe('a storm of 100,000 watched-file events (item 5)', () => {
    const SERVICE = 'export function notify(customer: Customer): void {\n  mailer.send(customer.email);\n}\n';

    function storm(configUri: string | undefined): FileEvent[] {
      const changes: FileEvent[] = [];
      const types: FileChangeType[] = [FileChangeType.Created, FileChangeType.Deleted, FileChangeType.Changed];
      for (let i = 0; i < 100_000; i++) {
        if (configUri && i % 2 === 1) changes.push({ uri: configUri, type: types[i % 3] });
        else changes.push({ uri: ws.uri(`src/generated/file${i % 40_000}.ts`), type: FileChangeType.Changed });
      }
      if (configUri) changes.push({ uri: configUri, type: FileChangeType.Changed });
      return changes;
    }

    it('reloads the configuration once and lints open documents once', async () => {
      await start({ 'src/service.ts': SERVICE });
      const uri = ws.uri('src/service.ts');
      // The folder's configuration is loaded (and its status sent) before the first diagnostics.
      assert.equal(uses(await client.open(uri, SERVICE)), 1);
      assert.ok(client.statuses.some((s) => s.folder === ws.uri()));
      ws.write('catalint.json', JSON.stringify({ consent: { 'src/**': ['customer-consent'] } }));
      const statuses = client.statuses.length;
      const published = client.published.length;
      const relinted = client.waitForDiagnostics(uri, (ds) => uses(ds) === 0);
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: storm(ws.uri('catalint.json')) });
      await relinted;
      // Answered after the storm was handled: what it sent is all in.
      assert.equal(await client.hover(uri, find(SERVICE, 'email')), null);
      assert.deepEqual(
        client.statuses.slice(statuses).map((s) => [s.folder, s.state]),
        [[ws.uri(), 'ok']],
      );
      assert.equal(client.published.slice(published).filter((p) => p.uri === uri).length, 1);
    });

    it('near miss: a storm that names no configuration file reloads nothing and lints nothing again', async () => {
      await start({ 'src/service.ts': SERVICE });
      const uri = ws.uri('src/service.ts');
      // The folder's configuration is loaded (and its status sent) before the first diagnostics.
      assert.equal(uses(await client.open(uri, SERVICE)), 1);
      assert.ok(client.statuses.some((s) => s.folder === ws.uri()));
      const statuses = client.statuses.length;
      const published = client.published.length;
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: storm(undefined) });
      assert.ok(await client.hover(uri, find(SERVICE, 'email')));
      // Analyses of a document run in order: a re-lint from the storm would publish before this edit's.
      assert.equal(
        uses(await client.change(uri, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '\n' }])),
        1,
      );
      assert.equal(client.statuses.length, statuses);
      assert.deepEqual(
        client.published.slice(published).map((p) => [p.uri, p.version]),
        [[uri, 2]],
      );
    });
  });

  describe('untitled documents (item 18)', () => {
    const TEXT = 'export const f = (customer: { email: string }) => customer.email;\n';

    async function openRaw(uri: string, languageId: string, text: string): Promise<void> {
      client.documents.set(uri, { uri, languageId, version: 1, text });
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId, version: 1, text },
      });
    }

    it("lints an untitled TypeScript buffer with the first folder's configuration", async () => {
      await start({});
      const diagnostics = await client.open('untitled:Untitled-1', TEXT, 'typescript');
      assert.deepEqual(
        diagnostics.filter((d) => d.code === 'consent-required').map((d) => d.range.start),
        [find(TEXT, 'email;')],
      );
      assert.ok(await client.hover('untitled:Untitled-1', find(TEXT, 'email;')));
      // The folder's catalint.json applies to it.
      ws.write('catalint.json', JSON.stringify({ consent: { '**': ['customer-consent'] } }));
      const declared = client.waitForDiagnostics('untitled:Untitled-1', (ds) => uses(ds) === 0);
      await client.fileChanged(ws.uri('catalint.json'));
      await declared;
    });

    it('lints untitled SQL, and TSX by its language id, and with the built-in defaults when no folder is open', async () => {
      await start({}, {}, []);
      const sql = await client.open('untitled:Untitled-2', 'SELECT email FROM customers;\n', 'sql');
      assert.equal(uses(sql), 1, JSON.stringify(sql));
      // Parsed as TSX: the words of the paragraph are text, not a property read (as TypeScript they would be).
      const tsx = 'export const C = (user: User) => <p>Write to user.email: {user.email}</p>;\n';
      const react = await client.open('untitled:Untitled-3', tsx, 'typescriptreact');
      assert.deepEqual(
        react.filter((d) => d.code === 'consent-required').map((d) => d.range.start),
        [find(tsx, 'email}')],
      );
    });

    it('near miss: an untitled buffer of a language Catalint does not read gets no diagnostics', async () => {
      await start({});
      const uri = 'untitled:Untitled-4';
      await openRaw(uri, 'markdown', TEXT);
      // Analyses run in order per document: this answer comes after its analysis.
      assert.equal(await client.hover(uri, find(TEXT, 'email;')), null);
      assert.deepEqual(
        client.published.filter((p) => p.uri === uri && p.diagnostics.length > 0),
        [],
      );
      // The same text as TypeScript, next to it, is reported.
      assert.equal(uses(await client.open('untitled:Untitled-5', TEXT, 'typescript')), 1);
    });
  });

  describe('fix-all for the generic source.fixAll kind (item 17)', () => {
    const SERVICE = `export function notify(customer: Customer): void {
  mailer.send(customer.email);
}

export function call(user: User): string {
  return user.phoneNumber;
}
`;
    const RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

    function request(uri: string, only: string[], triggerKind?: CodeActionTriggerKind): Promise<CodeAction[]> {
      return client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: RANGE,
        context: { diagnostics: [], only, triggerKind },
      }) as Promise<CodeAction[]>;
    }

    it('lists quickfix, source.fixAll and source.fixAll.catalint among its code action kinds', async () => {
      const result = await start({});
      const provider = result.capabilities.codeActionProvider;
      assert.ok(typeof provider === 'object');
      assert.deepEqual(provider.codeActionKinds, ['quickfix', 'source.fixAll', 'source.fixAll.catalint']);
    });

    it('with catalint.fixAll.generic, answers a request for source.fixAll with the Catalint fix-all', async () => {
      await start({ 'src/service.ts': SERVICE }, { fixAll: { generic: true } });
      const uri = ws.uri('src/service.ts');
      assert.equal(uses(await client.open(uri, SERVICE)), 2);
      const actions = await request(uri, [CodeActionKind.SourceFixAll], CodeActionTriggerKind.Invoked);
      assert.deepEqual(
        actions.map((a) => [a.kind, a.title]),
        [['source.fixAll.catalint', 'Declare consent for every finding of this file (2) at function level']],
      );
      // On save too (an automatic request): the user asked for it.
      assert.equal((await request(uri, [CodeActionKind.SourceFixAll], CodeActionTriggerKind.Automatic)).length, 1);
      const fixed = await client.applyEdit(actions[0].edit!).changedOpen.get(uri)!;
      assert.equal(uses(fixed), 0);
    });

    it('near miss: without the setting, source.fixAll gets nothing, while source.fixAll.catalint always works', async () => {
      await start({ 'a/service.ts': SERVICE, 'b/service.ts': SERVICE });
      // Read per document: on in folder a only.
      client.settings = { '': { debounceMs: 0 }, [ws.uri('a')]: { debounceMs: 0, fixAll: { generic: true } } };
      const a = ws.uri('a/service.ts');
      const b = ws.uri('b/service.ts');
      await client.open(a, SERVICE);
      await client.open(b, SERVICE);
      assert.deepEqual(await request(b, [CodeActionKind.SourceFixAll]), []);
      assert.equal((await request(a, [CodeActionKind.SourceFixAll])).length, 1);
      assert.deepEqual(
        (await request(b, ['source.fixAll.catalint'])).map((action) => action.kind),
        ['source.fixAll.catalint'],
      );
      // The Source Action menu (the user invoked `source`) lists it; the editor's own requests do not get it.
      assert.deepEqual(
        (await request(b, [CodeActionKind.Source], CodeActionTriggerKind.Invoked)).map((action) => action.kind),
        ['source.fixAll.catalint'],
      );
      assert.deepEqual(await request(b, [CodeActionKind.Source], CodeActionTriggerKind.Automatic), []);
      assert.deepEqual(await request(b, [CodeActionKind.QuickFix]), []);
    });
  });
});

function inRange(doc: TextDocument, p: Position): boolean {
  if (p.line >= doc.lineCount) return false;
  const length = doc.offsetAt({ line: p.line, character: Number.MAX_SAFE_INTEGER }) - doc.offsetAt({ line: p.line, character: 0 });
  return p.character <= length;
}
