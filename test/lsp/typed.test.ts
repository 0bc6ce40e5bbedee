/**
 * Type-aware analysis in the editor, through the real server over a real connection: the
 * syntactic result is published first, then the worker's type-aware result replaces it. The
 * project is test/fixtures/typed-project; each line of its uses.ts says which analysis reports it
 * (`// expect: both | type-aware | syntactic | neither`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { repoRoot, TempWorkspace, TestClient } from './client';

const FIXTURE = path.join(repoRoot(), 'test', 'fixtures', 'typed-project');
const USES = fs.readFileSync(path.join(FIXTURE, 'src', 'uses.ts'), 'utf8');

/** The 1-based lines of uses.ts that the given analysis must report. */
function expectedLines(analysis: 'type-aware' | 'syntactic'): number[] {
  const out: number[] = [];
  USES.split('\n').forEach((l, i) => {
    const m = /\/\/ expect: (\S+)$/.exec(l);
    if (m && (m[1] === 'both' || m[1] === analysis)) out.push(i + 1);
  });
  return out;
}

const usesAt = (ds: readonly Diagnostic[]): number[] =>
  [...new Set(ds.filter((d) => d.code === 'consent-required').map((d) => d.range.start.line + 1))].sort((a, b) => a - b);

const textOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const isTyped = (ds: readonly Diagnostic[]): boolean => ds.some((d) => /is Customer\.name, declared in src\/model\.ts:4/.test(textOf(d)));

describe('LSP: type-aware analysis (catalint.typeAware)', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  let client: TestClient;

  beforeEach(() => {
    ws = new TempWorkspace({});
    fs.cpSync(FIXTURE, ws.dir, { recursive: true });
  });

  afterEach(async () => {
    await client.dispose();
    ws.dispose();
  });

  it('publishes the syntactic result first, then the type-aware one replaces it', async () => {
    client = new TestClient();
    client.settings = { '': { typeAware: 'on' } };
    await client.initialize([ws.uri()]);
    const uri = ws.uri('src/uses.ts');
    const typed = client.waitForDiagnostics(uri, (ds) => isTyped(ds));
    const first = await client.open(uri, USES);
    assert.deepEqual(usesAt(first), expectedLines('syntactic'), 'the first publish is the syntactic result');
    assert.ok(!isTyped(first));
    assert.deepEqual(usesAt(await typed), expectedLines('type-aware'));
  });

  it('analyses the text being edited, not the file on disk', async () => {
    client = new TestClient();
    client.settings = { '': { typeAware: 'on' } };
    await client.initialize([ws.uri()]);
    const uri = ws.uri('src/uses.ts');
    const typed = client.waitForDiagnostics(uri, (ds) => isTyped(ds));
    await client.open(uri, USES);
    await typed;
    // A new function at the top, unsaved: every line moves down by three, and its read is found.
    const added = 'export function added(k: Card): string {\n  return k.email;\n}\n';
    const after = client.waitForDiagnostics(uri, (ds, p) => p.version === 2 && isTyped(ds));
    await client.sendChange(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: added }]);
    const lines = usesAt(await after);
    assert.ok(lines.includes(6), `the unsaved read of Card.email is found: ${lines}`);
    assert.deepEqual(
      lines.filter((l) => l !== 6),
      expectedLines('type-aware').map((l) => (l >= 5 ? l + 3 : l)),
    );
  });

  it('typing faster than the checker: the last version gets its type-aware result', async () => {
    client = new TestClient();
    client.settings = { '': { typeAware: 'on', debounceMs: 0 } };
    await client.initialize([ws.uri()]);
    const uri = ws.uri('src/uses.ts');
    await client.open(uri, USES);
    // Five edits in a row, none awaited: each adds a blank line at the top.
    for (let i = 0; i < 5; i++)
      await client.sendChange(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '\n' }]);
    const last = await client.waitForDiagnostics(uri, (ds, p) => p.version === 6 && isTyped(ds));
    assert.deepEqual(
      usesAt(last),
      expectedLines('type-aware').map((l) => l + 5),
    );
  });

  it('keeps the syntactic result and says why in the status when the worker runs out of memory', async () => {
    client = new TestClient({ CATALINT_LSP_TYPED_WORKER_FAULT: 'memory' });
    client.settings = { '': { typeAware: 'on', typeAwareMemoryMb: 256 } };
    await client.initialize([ws.uri()]);
    const note = client.waitForStatus((s) => s.typeAware !== undefined);
    const uri = ws.uri('src/uses.ts');
    assert.deepEqual(usesAt(await client.open(uri, USES)), expectedLines('syntactic'));
    const status = await note;
    assert.match(status.typeAware ?? '', /needs more memory than catalint\.typeAwareMemoryMb allows \(256 MB\)/);
    assert.equal(status.state, 'ok');
    // The server still answers, on the syntactic result.
    const hover = await client.hover(uri, { line: 19, character: 21 });
    assert.ok(hover, 'a hover still comes');
  });

  it('says which tsconfig.json is broken, and keeps the syntactic result', async () => {
    ws.write('tsconfig.json', '{ "compilerOptions": { "strict": "yes" } }');
    client = new TestClient();
    client.settings = { '': { typeAware: 'on' } };
    await client.initialize([ws.uri()]);
    const note = client.waitForStatus((s) => s.typeAware !== undefined);
    const uri = ws.uri('src/uses.ts');
    assert.deepEqual(usesAt(await client.open(uri, USES)), expectedLines('syntactic'));
    assert.match((await note).typeAware ?? '', /tsconfig\.json:1: Compiler option 'strict' requires a value of type boolean/);
  });
});
