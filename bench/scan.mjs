// Scan Workspace in the editor against the CLI on the same folder, in one run on this machine:
// the server (node dist/server.js --stdio) is asked for `catalint.scanWorkspace` over a real LSP
// connection and timed from the request to its answer, every file published; the CLI lints the
// same folder with --jobs 1 and with its default. Ratios, not absolute times, are the result.
//
//   node bench/scan.mjs [--vscode] [folder]   (default: the documenso checkout of the accuracy corpus)
//   --vscode also runs the command in real VS Code (code-server, as the tests do), from the
//   extension's activation to the command's answer, the server's start included.
//   --write puts the table in bench/RESULTS-scan.md.
//   BENCH_SERVER_BUNDLE_BEFORE=/path/to/server.js adds an earlier build of the server to compare.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliBin, serverBundle } from './lib/catalint.mjs';
import { describeMachine, machineLine } from './lib/machine.mjs';
import { cacheDir, repoRoot } from './lib/paths.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const now = () => Number(process.hrtime.bigint()) / 1e6;

const args = process.argv.slice(2);
const inVsCode = args.includes('--vscode');
const folder = resolve(args.find((a) => !a.startsWith('--')) ?? join(cacheDir, 'accuracy', 'src', 'documenso'));
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
if (inVsCode) results.vscode = await scanInVsCode();
const ratio = (r) => (r.wallMs / results.cliJobs1.wallMs).toFixed(2);
console.log(JSON.stringify(results, null, 2));
console.log(`scan / CLI --jobs 1: ${ratio(results.server)}${results.serverBefore ? ` (before: ${ratio(results.serverBefore)})` : ''}`);
if (results.vscode) console.log(`in VS Code / CLI --jobs 1: ${ratio(results.vscode)}`);
if (args.includes('--write')) {
  writeFileSync(join(repoRoot, 'bench', 'RESULTS-scan.md'), markdown() + '\n');
  console.log('bench/RESULTS-scan.md written');
}

function markdown() {
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const rows = [
    ['CLI `--jobs 1`', results.cliJobs1, '1.00'],
    ['CLI, default jobs', results.cliDefault, ratio(results.cliDefault)],
    ['server over stdio (request to answer)', results.server, ratio(results.server)],
    ...(results.serverBefore ? [['earlier server build', results.serverBefore, ratio(results.serverBefore)]] : []),
    ...(results.vscode ? [['real VS Code (code-server), server start included', results.vscode, ratio(results.vscode)]] : []),
  ];
  return [
    '# Scan Workspace against the CLI',
    '',
    `Written by \`node bench/scan.mjs --vscode --write\` on ${basename(folder)} (${results.cliJobs1.files} files, ${results.cliJobs1.findings} findings), one run, ${machineLine(results.machine)}.`,
    '',
    '| run | wall | / CLI --jobs 1 | files | findings | on a worker thread |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      ([what, r, x]) => `| ${what} | ${s(r.wallMs)} | ${x} | ${r.files} | ${r.findings} | ${r.onWorker === undefined ? '' : r.onWorker} |`,
    ),
  ].join('\n');
}

/** The extension from this checkout in real VS Code (code-server), on `folder`, with a fresh profile. */
async function scanInVsCode() {
  const { runTests } = require('@vscode/test-electron');
  const setup = spawnSync(process.execPath, [join(repoRoot, 'test', 'vscode', 'setup.mjs')], { stdio: 'inherit' });
  if (setup.status !== 0) throw new Error('setting up code-server failed');
  const profile = mkdtempSync(join(tmpdir(), 'catalint-bench-vscode-'));
  const out = join(profile, 'result.json');
  try {
    await runTests({
      vscodeExecutablePath: join(repoRoot, 'test', 'vscode', 'code-server-shim', 'code'),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'bench', 'lib', 'vscode-scan-probe.cjs'),
      extensionTestsEnv: { BENCH_SCAN_OUT: out },
      launchArgs: [folder, '--disable-extensions', `--extensions-dir=${join(profile, 'ext')}`, `--user-data-dir=${join(profile, 'user')}`],
    });
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
