import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { find, TempWorkspace, TestClient } from './client';

const SERVICE = `interface Customer {
  email: string;
}

export function notify(customer: Customer): void {
  mailer.send(customer.email);
}

export function render(template: Template): string {
  return template.fileName;
}
`;

describe('LSP diagnostics', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: TestClient;

  beforeEach(async () => {
    ws = new TempWorkspace({ 'src/service.ts': SERVICE });
    client = new TestClient();
    await client.initialize([ws.uri()]);
  });

  afterEach(async () => {
    await client.dispose();
    ws.dispose();
  });

  it('publishes findings on open with source, rule code, docs link and fix data', async () => {
    const uri = ws.uri('src/service.ts');
    const diagnostics = await client.open(uri, SERVICE);
    const use = diagnostics.find((d) => d.code === 'consent-required');
    assert.ok(use, JSON.stringify(diagnostics));
    assert.equal(use.source, 'catalint');
    assert.equal(use.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(use.range.start, find(SERVICE, 'email);'));
    assert.equal(use.codeDescription?.href, 'https://github.com/catalint/catalint/blob/main/README.md#rule-consent-required');
    assert.deepEqual(use.data, {
      rule: 'consent-required',
      name: 'email',
      language: 'typescript',
      categories: ['contact.email'],
      kind: 'personal',
      requires: [['customer-consent']],
      declared: [],
    });
    const field = diagnostics.find((d) => d.code === 'catalog-field');
    assert.equal(field?.severity, DiagnosticSeverity.Information);
    assert.deepEqual(field?.range.start, find(SERVICE, 'email'));
    // The near miss: a template's fileName is not personal data.
    assert.equal(diagnostics.filter((d) => d.range.start.line === find(SERVICE, 'fileName').line).length, 0);
  });

  it('clears a finding once an edit fixes its cause, and publishes for the new version', async () => {
    const uri = ws.uri('src/service.ts');
    await client.open(uri, SERVICE);
    const at = find(SERVICE, 'export function notify');
    const after = await client.change(uri, [{ range: { start: at, end: at }, newText: '// @consent customer-consent\n' }]);
    assert.equal(after.filter((d) => d.code === 'consent-required').length, 0, JSON.stringify(after));
    assert.equal(after.filter((d) => d.code === 'catalog-field').length, 1);
    // Undo: the finding comes back.
    const again = await client.setText(uri, SERVICE);
    assert.equal(again.filter((d) => d.code === 'consent-required').length, 1);
  });

  it('publishes empty diagnostics when a document closes', async () => {
    const uri = ws.uri('src/service.ts');
    assert.ok((await client.open(uri, SERVICE)).length > 0);
    assert.deepEqual(await client.close(uri), []);
  });

  it('lints on save when catalint.run is onSave', async () => {
    client.settings = { '': { run: 'onSave' } };
    const uri = ws.uri('src/service.ts');
    await client.open(uri, SERVICE);
    const at = find(SERVICE, 'export function notify');
    const next = client.documents.get(uri)!.version + 1;
    const onSave = client.waitForDiagnostics(uri, (_d, p) => p.version === next);
    void client.change(uri, [{ range: { start: at, end: at }, newText: '// @consent customer-consent\n' }]);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const saved = await onSave;
    assert.equal(saved.filter((d) => d.code === 'consent-required').length, 0);
  });

  it('applies severity overrides from settings and turns rules off', async () => {
    client.settings = { '': { severity: { personal: 'error', 'catalog-field': 'off' } } };
    const diagnostics = await client.open(ws.uri('src/service.ts'), SERVICE);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['consent-required', DiagnosticSeverity.Error]],
    );
  });

  it('re-reads settings and re-lints when they change', async () => {
    const uri = ws.uri('src/service.ts');
    assert.equal((await client.open(uri, SERVICE)).filter((d) => d.code === 'consent-required').length, 1);
    client.settings = { '': { severity: { personal: 'off' } } };
    const relinted = client.waitForDiagnostics(uri, (ds) => !ds.some((d) => d.code === 'consent-required'));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await relinted;
  });

  it('leaves data findings of test files out, unless catalint.includeTests', async () => {
    const spec = ws.uri('src/service.spec.ts');
    assert.deepEqual(await client.open(spec, SERVICE), []);
    // The near miss: the same code beside it is reported.
    assert.ok((await client.open(ws.uri('src/service.ts'), SERVICE)).some((d) => d.code === 'consent-required'));
    client.settings = { '': { includeTests: true } };
    const shown = client.waitForDiagnostics(spec, (ds) => ds.some((d) => d.code === 'consent-required'));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await shown;
  });

  it('publishes nothing for a disabled workspace', async () => {
    client.settings = { '': { enable: false } };
    assert.deepEqual(await client.open(ws.uri('src/service.ts'), SERVICE), []);
  });
});
