import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, FileChangeType } from 'vscode-languageserver-protocol';
import { TempWorkspace, TestClient } from './client';

const SERVICE = `export function notify(customer: Customer): void {
  mailer.send(customer.email);
}
`;

const uses = (ds: { code?: unknown }[]): number => ds.filter((d) => d.code === 'consent-required').length;

describe('LSP configuration', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: TestClient;

  afterEach(async () => {
    await client.dispose();
    ws.dispose();
  });

  async function start(files: Record<string, string>, folders?: string[]): Promise<void> {
    ws = new TempWorkspace(files);
    client = new TestClient();
    await client.initialize(folders ?? [ws.uri()]);
  }

  it("reports each folder's status without waiting for a document, and asks the client to watch config files", async () => {
    ws = new TempWorkspace({ 'src/service.ts': SERVICE });
    client = new TestClient();
    const ready = client.waitForStatus((s) => s.state === 'ok' && s.folder === ws.uri());
    await client.initialize([ws.uri()]);
    assert.match((await ready).message, /^Catalog loaded: \d+ categories, 4 conditions \(built-in defaults\)$/);
    const watchers = client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.ok(watchers.length > 0);
    const globs = watchers.flatMap((r) =>
      (r.registerOptions as { watchers: { globPattern: unknown }[] }).watchers.map((w) => w.globPattern),
    );
    assert.ok(globs.includes('**/catalint.json'), JSON.stringify(globs));
  });

  it('re-lints open documents when catalint.json changes', async () => {
    await start({ 'src/service.ts': SERVICE });
    const uri = ws.uri('src/service.ts');
    const status = client.waitForStatus((s) => s.state === 'ok');
    assert.equal(uses(await client.open(uri, SERVICE)), 1);
    const ok = await status;
    assert.equal(ok.folder, ws.uri());
    assert.ok(ok.categories >= 50, JSON.stringify(ok));
    ws.write('catalint.json', JSON.stringify({ consent: { 'src/**': ['customer-consent'] } }));
    const relinted = client.waitForDiagnostics(uri, (ds) => uses(ds) === 0);
    await client.fileChanged(ws.uri('catalint.json'), FileChangeType.Created);
    await relinted;
    // And back.
    ws.write('catalint.json', JSON.stringify({ consent: {} }));
    const again = client.waitForDiagnostics(uri, (ds) => uses(ds) === 1);
    await client.fileChanged(ws.uri('catalint.json'));
    await again;
  });

  it('reports a broken catalint.json in the file and the status, keeps the last good config, then recovers', async () => {
    const good = JSON.stringify({ consent: { 'src/**': ['customer-consent'] } }, null, 2);
    await start({ 'src/service.ts': SERVICE, 'catalint.json': good });
    const uri = ws.uri('src/service.ts');
    assert.equal(uses(await client.open(uri, SERVICE)), 0);

    const configUri = ws.uri('catalint.json');
    ws.write('catalint.json', '{\n  "consent": { "src/**": ["customer-consent"] },\n  "ignoreNames": 42\n}\n');
    const inFile = client.waitForDiagnostics(configUri, (ds) => ds.length > 0);
    const status = client.waitForStatus((s) => s.state === 'error');
    const relinted = client.waitForDiagnostics(uri);
    await client.fileChanged(configUri);
    const [problems, error] = await Promise.all([inFile, status]);
    assert.equal(problems[0].source, 'catalint');
    assert.equal(problems[0].severity, DiagnosticSeverity.Error);
    // The squiggle covers the offending value.
    assert.deepEqual(problems[0].range, { start: { line: 2, character: 17 }, end: { line: 2, character: 19 } });
    assert.match(String(problems[0].message), /ignoreNames/);
    assert.match(error.message, /catalint\.json:3:18: .*ignoreNames/);
    assert.match(error.message, /last good configuration stays in force/);
    assert.ok(error.categories > 0);
    // The last good configuration still declares the consent.
    assert.equal(uses(await relinted), 0);
    assert.equal(uses(await client.setText(uri, SERVICE + '\n')), 0);

    ws.write('catalint.json', good);
    const cleared = client.waitForDiagnostics(configUri, (ds) => ds.length === 0);
    const recovered = client.waitForStatus((s) => s.state === 'ok');
    await client.fileChanged(configUri);
    await Promise.all([cleared, recovered]);
  });

  it('a broken catalog file named by the settings is reported at its line, and nothing is linted against it', async () => {
    await start({ 'src/service.ts': SERVICE, 'team.catalog.json': '{ "categories": [ }' });
    client.settings = { '': { catalogPath: 'team.catalog.json' } };
    const status = client.waitForStatus((s) => s.state === 'error');
    const inFile = client.waitForDiagnostics(ws.uri('team.catalog.json'), (ds) => ds.length > 0);
    // No good configuration was ever loaded for this folder: the status says so, the document stays clean.
    assert.deepEqual(await client.open(ws.uri('src/service.ts'), SERVICE), []);
    const [error, problems] = await Promise.all([status, inFile]);
    assert.match(error.message, /Nothing is linted until it is fixed/);
    assert.match(error.message, /team\.catalog\.json:1:/);
    assert.equal(problems[0].range.start.line, 0);
  });

  it('gives each workspace folder its own catalint.json', async () => {
    await start({
      'a/src/service.ts': SERVICE,
      'a/catalint.json': JSON.stringify({ consent: { '**': ['customer-consent'] } }),
      'b/src/service.ts': SERVICE,
    });
    await client.dispose();
    client = new TestClient();
    await client.initialize([ws.uri('a'), ws.uri('b')]);
    assert.equal(uses(await client.open(ws.uri('a/src/service.ts'), SERVICE)), 0);
    assert.equal(uses(await client.open(ws.uri('b/src/service.ts'), SERVICE)), 1);
  });

  it('falls back to defaults for settings of the wrong type', async () => {
    await start({ 'src/service.ts': SERVICE });
    client.settings = { '': { enable: 'yes', run: 42, debounceMs: -5, severity: { personal: 'fatal' } } };
    const diagnostics = await client.open(ws.uri('src/service.ts'), SERVICE);
    assert.equal(uses(diagnostics), 1);
    assert.equal(diagnostics.find((d) => d.code === 'consent-required')?.severity, DiagnosticSeverity.Warning);
  });
});
