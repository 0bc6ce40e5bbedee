// Scan Workspace in the editor against the CLI on the same folder, in one run on this machine:
// the server (node dist/server.js --stdio) is asked for `catalint.scanWorkspace` over a real LSP
// connection and timed from the request to its answer, every file published; the CLI lints the
// same folder with --jobs 1 and with its default. Ratios, not absolute times, are the result.
//
//   node bench/scan.mjs [folder]     (default: the documenso checkout of the accuracy corpus)
//   BENCH_SERVER_BUNDLE_BEFORE=/path/to/server.js adds an earlier build of the server to compare.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliBin, serverBundle } from './lib/catalint.mjs';
import { describeMachine } from './lib/machine.mjs';
import { cacheDir, repoRoot } from './lib/paths.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const now = () => Number(process.hrtime.bigint()) / 1e6;

const folder = resolve(process.argv[2] ?? join(cacheDir, 'accuracy', 'src', 'documenso'));
if (!existsSync(folder)) {
  console.error(`${folder} is missing: run npm run bench:accuracy once to fetch the corpus, or name a folder.`);
  process.exit(2);
}

function cli(extra) {
  const start = now();
  const r = spawnSync(process.execPath, [cliBin, '.', '--format', 'json', ...extra], { cwd: folder, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = now() - start;
  const report = JSON.parse(r.stdout);
  return { wallMs, files: report.fileCount, findings: report.findings.length };
}

async function scan(bundle) {
  const child = spawn(process.execPath, [bundle, '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const settings = { enable: true, run: 'onType', debounceMs: 0, catalogPath: '', severity: {}, includeTests: false };
  connection.onRequest((method, params) =>
    method === 'workspace/configuration' ? params.items.map((i) => (i.section === 'catalint' || !i.section ? settings : null)) : null,
  );
  let published = 0;
  connection.onNotification('textDocument/publishDiagnostics', () => published++);
  connection.onNotification(() => {});
  connection.listen();
  const uri = pathToFileURL(folder).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'bench' }],
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true } },
  });
  await connection.sendNotification('initialized', {});
  const start = now();
  const summary = await connection.sendRequest('workspace/executeCommand', { command: 'catalint.scanWorkspace', arguments: [] });
  const wallMs = now() - start;
  connection.dispose();
  child.kill();
  return { wallMs, files: summary.files, findings: summary.findings, onWorker: summary.onWorker === true, published };
}

const results = {
  machine: describeMachine(),
  folder,
  cliJobs1: cli(['--jobs', '1']),
  cliDefault: cli([]),
  server: await scan(serverBundle),
};
if (process.env.BENCH_SERVER_BUNDLE_BEFORE) results.serverBefore = await scan(process.env.BENCH_SERVER_BUNDLE_BEFORE);
const ratio = (r) => (r.wallMs / results.cliJobs1.wallMs).toFixed(2);
console.log(JSON.stringify(results, null, 2));
console.log(`scan / CLI --jobs 1: ${ratio(results.server)}${results.serverBefore ? ` (before: ${ratio(results.serverBefore)})` : ''}`);
