import * as assert from 'node:assert/strict';
import type { WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import { TempWorkspace, TestClient } from './client';

const USE = `export function notify(customer: Customer): void {
  mailer.send(customer.email);
}
`;
const CLEAN = `export function render(template: Template): string {
  return template.fileName;
}
`;

describe('LSP workspace scan', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: TestClient;

  beforeEach(async () => {
    ws = new TempWorkspace({
      'src/a.ts': USE,
      'src/nested/b.tsx': USE,
      'src/clean.ts': CLEAN,
      'src/types.d.ts': USE,
      'generated/c.ts': USE,
      'node_modules/lib/index.ts': USE,
      'vendor/d.ts': USE,
      '.gitignore': 'generated/\n',
      'catalint.json': JSON.stringify({ exclude: ['vendor/**'] }),
    });
    client = new TestClient();
    await client.initialize([ws.uri()]);
  });

  afterEach(async () => {
    await client.dispose();
    ws.dispose();
  });

  it('lints the files on disk the CLI would lint, publishes them, and reports progress', async () => {
    const a = client.waitForDiagnostics(ws.uri('src/a.ts'), (ds) => ds.length > 0);
    const b = client.waitForDiagnostics(ws.uri('src/nested/b.tsx'), (ds) => ds.length > 0);
    const summary = (await client.executeCommand('catalint.scanWorkspace', [], 'scan')) as {
      files: number;
      findings: number;
      cancelled: boolean;
    };
    // A declaration file is read too (its fields classify; here it holds a use).
    assert.deepEqual(summary, { files: 4, findings: 3, cancelled: false, onWorker: true });
    assert.equal((await a)[0].code, 'consent-required');
    assert.equal((await b)[0].code, 'consent-required');
    const published = new Set(client.published.map((p) => p.uri));
    assert.ok(client.published.some((p) => p.uri === ws.uri('src/types.d.ts')));
    for (const skipped of ['generated/c.ts', 'node_modules/lib/index.ts', 'vendor/d.ts']) {
      assert.ok(!published.has(ws.uri(skipped)), `${skipped} should not be scanned`);
    }
    assert.deepEqual(client.published.find((p) => p.uri === ws.uri('src/clean.ts'))?.diagnostics, []);
    const kinds = client.progress.map((p) => (p.value as WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd).kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.ok(kinds.includes('report'));
    const last = client.progress.filter((p) => p.value.kind === 'report').pop()!.value as WorkDoneProgressReport;
    assert.equal(last.percentage, 100);
  });

  it('lints the scanned files again when the configuration changes, so no finding goes stale', async () => {
    await client.executeCommand('catalint.scanWorkspace', [], 'scan');
    ws.write('catalint.json', JSON.stringify({ exclude: ['vendor/**'], consent: { 'src/**': ['customer-consent'] } }));
    const cleared = client.waitForDiagnostics(ws.uri('src/nested/b.tsx'), (ds) => ds.length === 0);
    await client.fileChanged(ws.uri('catalint.json'));
    await cleared;
  });

  it('keeps a scanned file in Problems when it is opened and closed again, as it is on disk (near miss: a clean file edited unsaved goes back to clean)', async () => {
    await client.executeCommand('catalint.scanWorkspace', [], 'scan');
    const uri = ws.uri('src/a.ts');
    await client.open(uri, USE);
    const back = client.waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === 'consent-required'));
    await client.close(uri);
    await back;
    const other = ws.uri('src/clean.ts');
    await client.open(other, USE);
    const cleared = client.waitForDiagnostics(other, (ds) => ds.length === 0);
    await client.close(other);
    await cleared;
  });

  it('leaves open documents to their live diagnostics', async () => {
    const uri = ws.uri('src/a.ts');
    const edited = '// @consent customer-consent\n' + USE;
    assert.deepEqual(await client.open(uri, edited), []);
    const before = client.published.length;
    await client.executeCommand('catalint.scanWorkspace', [], 'scan');
    assert.ok(!client.published.slice(before).some((p) => p.uri === uri), 'the scan published over an open document');
  });
});
