/**
 * Scan Workspace over a generated workspace of a few hundred files, through the real server:
 * the same findings per file as the CLI, a cancel (from the progress or from the request) that
 * stops the scan and says so, and a server that answers requests while a scan runs. No timing:
 * every assertion is on the order of events.
 */
import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  ExecuteCommandRequest,
  WorkDoneProgress,
  WorkDoneProgressCancelNotification,
  WorkDoneProgressCreateRequest,
  type ProgressToken,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol';
import { catalint, jsonReport, SOURCES } from '../cli/helpers';
import { find, TempWorkspace, TestClient } from './client';

interface Summary {
  files: number;
  findings: number;
  cancelled: boolean;
  onWorker: boolean;
}

type Progress = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

const FILES = 400;
const OPEN = 'src/open.ts';
const OPEN_TEXT = SOURCES.personalUnconsented;

/** A workspace of FILES files to lint: personal and telemetry uses, consented ones, clean files and SQL, at varying lines. */
function files(): Record<string, string> {
  const out: Record<string, string> = { '.gitignore': 'ignored/\n', 'ignored/x.ts': SOURCES.personalUnconsented };
  const kinds = [SOURCES.personalUnconsented, SOURCES.telemetryUnconsented, SOURCES.personalConsented, SOURCES.clean];
  for (let i = 0; i < FILES; i++) {
    const pad = '\n'.repeat(i % 7);
    if (i % 5 === 4) out[`db/q${i}.sql`] = `${pad}SELECT email, phone FROM customers WHERE id = ${i};\n`;
    else out[`src/m${i % 9}/f${i}.ts`] = pad + kinds[i % kinds.length];
  }
  return out;
}

describe('LSP Scan Workspace: same findings as the CLI, cancellable, responsive', function () {
  this.timeout(120_000);
  let ws: TempWorkspace;
  let client: TestClient;

  before(() => {
    ws = new TempWorkspace(files());
  });

  after(() => ws.dispose());

  beforeEach(async () => {
    client = new TestClient();
    await client.initialize([ws.uri()]);
  });

  afterEach(async () => {
    await client.dispose();
  });

  /** The latest diagnostics published per scanned file, as `line:column rule`. */
  function publishedPerFile(): Map<string, string[]> {
    const latest = new Map<string, string[]>();
    for (const p of client.published) {
      latest.set(p.uri, p.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`).sort());
    }
    return latest;
  }

  it('publishes, file by file, the findings the CLI reports on the same folder, linted on a worker thread (near miss: an uncancelled scan says cancelled: false and covers every file)', async () => {
    const summary = (await client.executeCommand('catalint.scanWorkspace', [], 'scan')) as Summary;
    assert.deepEqual(
      { files: summary.files, cancelled: summary.cancelled, onWorker: summary.onWorker },
      { files: FILES, cancelled: false, onWorker: true },
    );
    assertSameAsCli(summary);
  });

  it('runs on a worker thread under `catalint --lsp` too, with the same findings', async () => {
    await client.dispose();
    client = new TestClient({}, [], 'catalint --lsp');
    await client.initialize([ws.uri()]);
    const summary = (await client.executeCommand('catalint.scanWorkspace', [], 'scan')) as Summary;
    assert.deepEqual({ files: summary.files, onWorker: summary.onWorker }, { files: FILES, onWorker: true });
    assert.ok(
      client.logs.some((l) => /Catalint scan: \d+ of \d+ files on a worker thread/.test(l.message)),
      client.logs.map((l) => l.message).join('\n'),
    );
    assertSameAsCli(summary);
  });

  it('finishes on the server thread when the worker dies, with the same findings (near miss: the files it did lint are not linted twice)', async () => {
    await client.dispose();
    client = new TestClient({ CATALINT_LSP_SCAN_WORKER_FAULT: 'exit' });
    await client.initialize([ws.uri()]);
    const summary = (await client.executeCommand('catalint.scanWorkspace', [], 'scan')) as Summary;
    assert.deepEqual({ files: summary.files, cancelled: summary.cancelled }, { files: FILES, cancelled: false });
    assert.ok(
      client.logs.some((l) => /the rest is scanned on the server thread/.test(l.message)),
      client.logs.map((l) => l.message).join('\n'),
    );
    assertSameAsCli(summary);
    const publishes = client.published.filter((p) => p.uri !== ws.uri(OPEN)).length;
    assert.equal(publishes, FILES, 'one publish per file');
  });

  /** Every scanned file published once at least, with the findings the CLI reports for it. */
  function assertSameAsCli(summary: Summary): void {
    const report = jsonReport(catalint(['--format', 'json', '.'], { cwd: ws.dir }));
    assert.equal(report.fileCount, FILES);
    const expected = new Map<string, string[]>();
    for (const f of report.findings) {
      const uri = pathToFileURL(ws.path(f.file)).href;
      expected.set(uri, [...(expected.get(uri) ?? []), `${f.line}:${f.column} ${f.rule}`]);
    }
    const published = publishedPerFile();
    assert.equal(published.size, FILES, 'every file published once at least');
    assert.ok(!published.has(ws.uri('ignored/x.ts')));
    let total = 0;
    for (const [uri, diagnostics] of published) {
      assert.deepEqual(diagnostics, (expected.get(uri) ?? []).sort(), uri);
      total += diagnostics.length;
    }
    assert.equal(summary.findings, total);
    assert.equal(total, report.findings.length);
    assert.ok(total > FILES / 2, `the workspace has findings: ${total}`);
  }

  it('stops when the progress the server created is cancelled, says cancelled: true, and answers a hover afterwards', async () => {
    await client.open(ws.uri(OPEN), OPEN_TEXT);
    let created: ProgressToken | undefined;
    const firstReport = new Promise<void>((resolve) => {
      client.connection.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
        created = p.token;
        client.connection.onProgress(WorkDoneProgress.type, p.token, (value: Progress) => {
          if (value.kind === 'report') resolve();
        });
      });
    });
    // No workDoneToken: the server asks the client to show a progress (as for the VS Code client's own requests).
    const scan = client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'catalint.scanWorkspace', arguments: [] });
    await firstReport;
    await client.connection.sendNotification(WorkDoneProgressCancelNotification.type, { token: created! });
    const summary = (await scan) as Summary;
    assert.equal(summary.cancelled, true);
    assert.ok(summary.files < FILES, `stopped short: ${summary.files} of ${FILES}`);
    // What was scanned before the cancel stays published: one file for each scanned, not the open one.
    const scanned = [...publishedPerFile().keys()].filter((uri) => uri !== ws.uri(OPEN));
    assert.ok(scanned.length <= summary.files, `${scanned.length} published for ${summary.files} scanned`);

    const hover = await client.hover(ws.uri(OPEN), find(OPEN_TEXT, 'email', 1));
    assert.ok(hover, 'the server still answers');
  });

  it('stops when the request itself is cancelled (the client’s own progress token), and says so', async () => {
    const source = new CancellationTokenSource();
    const token = 'scan-request';
    let reports = 0;
    const firstReport = new Promise<void>((resolve) => {
      client.connection.onProgress(WorkDoneProgress.type, token, (value: Progress) => {
        if (value.kind === 'report' && ++reports === 1) resolve();
      });
    });
    const scan = client.connection.sendRequest(
      ExecuteCommandRequest.type,
      { command: 'catalint.scanWorkspace', arguments: [], workDoneToken: token },
      source.token,
    );
    await firstReport;
    source.cancel();
    const summary = (await scan) as Summary;
    assert.equal(summary.cancelled, true);
    assert.ok(summary.files < FILES, `stopped short: ${summary.files} of ${FILES}`);
  });

  it('answers a hover while a scan runs, before the scan ends', async () => {
    await client.open(ws.uri(OPEN), OPEN_TEXT);
    const events: string[] = [];
    const firstReport = new Promise<void>((resolve) => {
      client.connection.onProgress(WorkDoneProgress.type, 'scan-hover', (value: Progress) => {
        if (value.kind === 'report') resolve();
      });
    });
    const scan = client.executeCommand('catalint.scanWorkspace', [], 'scan-hover').then((s) => {
      events.push('scan done');
      return s as Summary;
    });
    await firstReport;
    const hover = client.hover(ws.uri(OPEN), find(OPEN_TEXT, 'email', 1)).then((h) => {
      events.push('hover');
      return h;
    });
    assert.ok(await hover, 'a hover on the open document');
    const summary = await scan;
    assert.equal(summary.cancelled, false);
    assert.deepEqual(events, ['hover', 'scan done']);
  });
});
