// The editor figures, over a real LSP connection to the bundled server (node dist/server.js
// --stdio): time from a didChange to the diagnostics of that version, for 500-, 5,000- and
// 20,000-line files, and the server's memory with 1,000 files open.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureWorkspace } from './generate.mjs';
import { serverBundle } from './lib/catalint.mjs';
import { initializeServer, stopServer } from './lib/lsp-server.mjs';
import { isTypeScript, listFiles, makeRepositoryRoot } from './lib/files.mjs';
import { cacheDir, repoRoot, syntheticDir } from './lib/paths.mjs';
import { createRandom, seedFrom } from './lib/prng.mjs';
import { percentile } from './lib/stats.mjs';
import { typescriptFile } from './synthetic/typescript.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const SIZES = [500, 5000, 20000];
const WAIT_LIMIT_MS = 60_000;
const WARM_UP_EDITS = 5;
const uriOf = (path) => pathToFileURL(path).href;
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** CPU time (user + system) the process has used so far, in ms; /proc counts in clock ticks. */
function cpuMsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS);
}
const CLOCK_TICKS = 100;

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Starts the server, answers its requests as a quiet client would, with debounce 0. */
async function startServer(root) {
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, serverBundle, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const settings = { enable: true, run: 'onType', debounceMs: 0, catalogPath: '', severity: {} };
  connection.onRequest((method, params) => {
    if (method === 'workspace/configuration') return params.items.map((i) => (i.section === 'catalint' || !i.section ? settings : null));
    return null; // registerCapability, workDoneProgress/create, showMessageRequest...
  });
  const listeners = new Set();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const l of listeners) l(p);
  });
  connection.onNotification(() => {});
  connection.listen();
  const init = await initializeServer(connection, uriOf(root), 'bench', settings);
  const sync = init.capabilities.textDocumentSync;
  const changeKind = typeof sync === 'number' ? sync : (sync?.change ?? 1);
  const pull = init.capabilities.diagnosticProvider !== undefined;
  return { child, connection, listeners, changeKind, pull, stderr: () => stderr };
}

/** Resolves with the diagnostics of `uri` at `version` (or its next publication, if unversioned). */
function diagnosticsOf(server, uri, version) {
  if (server.pull) {
    return server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }).then((r) => r.items ?? []);
  }
  return new Promise((resolve, reject) => {
    // Not a timed assertion: a guard so that a server that never answers fails the bench
    // with a message instead of hanging it.
    const timer = setTimeout(() => {
      server.listeners.delete(listener);
      reject(new Error(`no publishDiagnostics for ${uri} version ${version} within ${WAIT_LIMIT_MS / 1000} s`));
    }, WAIT_LIMIT_MS);
    const listener = (p) => {
      if (p.uri !== uri || (p.version !== undefined && p.version !== version)) return;
      clearTimeout(timer);
      server.listeners.delete(listener);
      resolve(p.diagnostics);
    };
    server.listeners.add(listener);
  });
}

function editorDocument(lines) {
  const rnd = createRandom(seedFrom(`editor-${lines}`));
  const text = typescriptFile(rnd, 'customer', lines);
  // Cut to exactly `lines` lines at a unit boundary is not needed: units are small next to the sizes.
  return text;
}

async function latencyFor(server, root, lines, edits, others) {
  const path = join(root, `edited-${lines}.ts`);
  const text = editorDocument(lines);
  writeFileSync(path, text);
  const uri = uriOf(path);
  let version = 1;
  const opened = diagnosticsOf(server, uri, version);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text } });
  await opened;
  let current = text;
  const lineCount = text.split('\n').length;
  const samples = [];
  let firstEdit = NaN;
  let cpuBefore = cpuMsOf(server.child.pid);
  let otherPublishes = 0;
  let published = 0;
  const countOthers = (p) => {
    if (p.uri !== uri && others.has(p.uri)) otherPublishes++;
  };
  server.listeners.add(countOthers);
  // The first edits after opening also time V8 compiling the incremental path, once per
  // session: they are made and reported (first edit), but the percentiles are of steady typing.
  for (let k = 0; k < WARM_UP_EDITS + edits; k++) {
    // A realistic keystroke-sized edit in the middle of the file: a new line that reads a catalog field.
    const line = Math.floor(lineCount / 2) + k;
    const insert = `const probe${k} = customer.email;\n`;
    const offset = offsetOfLine(current, line);
    current = current.slice(0, offset) + insert + current.slice(offset);
    version++;
    const change =
      server.changeKind === 2 ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: insert } : { text: current };
    const start = now();
    const done = diagnosticsOf(server, uri, version);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const diagnostics = await done;
    if (k === 0) firstEdit = now() - start;
    if (k === WARM_UP_EDITS - 1) cpuBefore = cpuMsOf(server.child.pid);
    if (k >= WARM_UP_EDITS) samples.push(now() - start);
    published = diagnostics.length;
    if (k === 0 && diagnostics.length === 0) throw new Error(`no diagnostics for ${uri} after an edit that adds customer.email`);
  }
  // The server's own CPU per edit, averaged over the edits (the clock-tick resolution is too
  // coarse for one edit): what an edit costs whatever else the machine is doing.
  const cpuMsPerEdit = (cpuMsOf(server.child.pid) - cpuBefore) / edits;
  server.listeners.delete(countOthers);
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return {
    lines: lineCount,
    edits,
    warmUp: WARM_UP_EDITS,
    firstEdit,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: Math.max(...samples),
    cpuMsPerEdit,
    diagnostics: published,
    otherPublishes,
  };
}

function offsetOfLine(text, line) {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset;
}

async function memoryWithOpen(server, count) {
  const files = listFiles(syntheticDir(10), isTypeScript).slice(0, count);
  const before = rssOf(server.child.pid);
  const pending = [];
  for (const f of files) {
    const uri = uriOf(f.path);
    pending.push(diagnosticsOf(server, uri, 1));
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text: readFileSync(f.path, 'utf8') },
    });
  }
  const start = now();
  await Promise.all(pending);
  const all = now() - start;
  return {
    files: files.length,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    before,
    after: rssOf(server.child.pid),
    secondsToAllDiagnostics: all / 1000,
  };
}

export async function runEditorBench({ edits = 50, open = 1000, sizes = SIZES, log = () => {} } = {}) {
  if (!existsSync(serverBundle)) return { unavailable: 'dist/server.js is missing (npm run build)' };
  const root = join(cacheDir, 'editor');
  mkdirSync(root, { recursive: true });
  makeRepositoryRoot(root);
  const latency = await withServer(root, async (server) => {
    // Two other open documents: edits to one file must not re-publish the others.
    const others = new Set();
    for (const n of [1, 2]) {
      const path = join(root, `other-${n}.ts`);
      const text = editorDocument(200 + n);
      writeFileSync(path, text);
      const uri = uriOf(path);
      others.add(uri);
      const d = diagnosticsOf(server, uri, 1);
      await server.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'typescript', version: 1, text },
      });
      await d;
    }
    const out = [];
    for (const lines of sizes) {
      const r = await latencyFor(server, root, lines, edits, others);
      log(
        `editor ${r.lines} lines: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, server CPU ${r.cpuMsPerEdit.toFixed(1)} ms/edit`,
      );
      out.push(r);
    }
    return {
      mode: server.pull ? 'pull (textDocument/diagnostic)' : 'push (publishDiagnostics)',
      sync: server.changeKind === 2 ? 'incremental' : 'full',
      results: out,
    };
  });
  if (open === 0)
    return { mode: latency.mode, sync: latency.sync, debounce: 'debounceMs 0 through workspace/configuration', latency: latency.results };
  // A fresh server, so the figure is what 1,000 open files cost and not what the edits left behind.
  ensureWorkspace(10);
  const memory = await withServer(syntheticDir(10), (server) => memoryWithOpen(server, open));
  log(`editor memory with ${memory.files} files open: ${memory.after.rssMb.toFixed(0)} MB RSS`);
  return {
    mode: latency.mode,
    sync: latency.sync,
    debounce: 'debounceMs 0 through workspace/configuration',
    latency: latency.results,
    memory,
  };
}

async function withServer(root, fn) {
  const server = await startServer(root);
  try {
    return await fn(server);
  } catch (error) {
    throw new Error(`${error.message}\nserver stderr: ${server.stderr().slice(-1500)}`);
  } finally {
    await stopServer(server);
  }
}
