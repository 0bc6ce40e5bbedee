#!/usr/bin/env node
// What type-aware analysis costs in the editor: over a real LSP connection to the bundled
// server (node dist/server.js --stdio, as bench/editor.mjs drives it), on a large real project,
// with `catalint.typeAware` 'off' and then 'on' (two server processes, one after the other):
//
//  - opening a large file of the project: time to its first publishDiagnostics (the syntactic
//    result) and, with 'on', to the type-aware one (the second publish of the same version),
//    cold: the worker starts and loads the whole project first;
//  - N edits, each made once the previous one's diagnostics are all in: change → first publish
//    of that version (syntactic, must stay fast), and change → type-aware publish;
//  - a burst of N edits at a fixed interval (typing), without waiting for the worker: change →
//    syntactic publish while the worker is busy, and last change → its type-aware publish (how
//    long the worker takes to catch up);
//  - the server process's peak RSS (VmHWM of /proc/<pid>/status: the process with its worker
//    threads, which share its address space) and its CPU time.
//
// The project is the one bench/typed-cost.mjs builds: the src folders of Medusa's core packages
// and packages/medusa, copied to /tmp/catalint-typed-cost/medusa with one tsconfig.json at its
// root (reused when it is there; built the same way otherwise). The file opened is the one with
// the most findings of a syntactic CLI run among the files of 400-1,500 lines outside
// packages/core/types (declaration files: nothing there resolves through the checker).
//
//   node bench/typed-editor.mjs [--edits 30] [--interval 150] [--file <path in the project>] [--no-write]
//   BENCH_SERVER=/path/to/dist/server.js    the server bundle (default /tmp/catalint-snap3/dist/server.js)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { APP, ensureAppCorpus } from './app-corpus.mjs';
import { isScript, listFiles, mb, totalBytes } from './lib/files.mjs';
import { describeMachine } from './lib/machine.mjs';
import { repoRoot } from './lib/paths.mjs';
import { initializeServer, stopServer } from './lib/lsp-server.mjs';
import { PACKAGES, TYPED_CORPUS, writeTypedProject } from './lib/typed-project.mjs';
import { percentile } from './lib/stats.mjs';

const { values: opt } = parseArgs({
  options: {
    edits: { type: 'string', default: '30' },
    interval: { type: 'string', default: '150' },
    file: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});
const EDITS = Number(opt.edits);
const INTERVAL_MS = Number(opt.interval);
if (!Number.isInteger(EDITS) || EDITS < 1) throw new Error(`--edits wants a positive integer, not '${opt.edits}'`);
if (!(INTERVAL_MS > 0)) throw new Error(`--interval wants a positive number of ms, not '${opt.interval}'`);
/** Edits made and reported (first edit) but left out of the percentiles: V8 compiling the edit path. */
const WARM_UP_EDITS = 3;
/** Guards, not timed assertions: a server that never answers fails the bench instead of hanging it. */
const WAIT_LIMIT_MS = 60_000;
const COLD_LIMIT_MS = 300_000;

const serverBundle = process.env.BENCH_SERVER ?? '/tmp/catalint-snap3/dist/server.js';
/** The CLI of the same build, to pick the file: <build>/bin/catalint.js, else this checkout's. */
const cliBin = [join(dirname(dirname(serverBundle)), 'bin', 'catalint.js'), join(repoRoot, 'bin', 'catalint.js')].find(existsSync);

const log = (...a) => console.error('[typed-editor]', ...a);
const require = createRequire(join(repoRoot, 'package.json'));
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const uriOf = (path) => pathToFileURL(path).href;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- the project: as bench/typed-cost.mjs builds it ---------------------------------------------

const corpus = TYPED_CORPUS;

/** The copy typed-cost.mjs leaves behind, or the same built afresh (never deleting anything). */
function ensureProject() {
  if (existsSync(join(corpus, 'tsconfig.json')) && existsSync(join(corpus, PACKAGES.at(-1), 'src'))) return 'reused';
  writeTypedProject(ensureAppCorpus(), corpus);
  return 'built';
}

const lineCount = (text) => (text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length);

/** The file opened: most findings of a syntactic CLI run among 400-1,500-line files outside core/types. */
function pickFile() {
  if (opt.file) return { rel: opt.file, findings: NaN };
  const reportFile = join(os.tmpdir(), `catalint-typed-editor-${process.pid}.json`);
  const r = spawnSync(process.execPath, [cliBin, '.', '--format', 'json', '--output-file', reportFile], { cwd: corpus, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`catalint exited ${r.status}: ${(r.stderr ?? '').slice(0, 800)}`);
  const counts = new Map();
  for (const f of JSON.parse(readFileSync(reportFile, 'utf8')).findings) counts.set(f.file, (counts.get(f.file) ?? 0) + 1);
  const candidates = [...counts]
    .filter(([rel]) => !rel.startsWith('packages/core/types/'))
    .map(([rel, findings]) => ({ rel, findings, lines: lineCount(readFileSync(join(corpus, rel), 'utf8')) }))
    .filter((c) => c.lines >= 400 && c.lines <= 1500)
    .sort((a, b) => b.findings - a.findings || b.lines - a.lines);
  if (candidates.length === 0) throw new Error('no file of 400-1,500 lines with findings outside packages/core/types');
  return candidates[0];
}

// ---- the LSP client (as bench/editor.mjs) --------------------------------------------------------

function procStatus(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024, threads: kb('Threads') };
}
const CLOCK_TICKS = 100;
/** CPU time (user + system, every thread) the process has used so far, in ms. */
function cpuMsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS);
}

async function startServer(root, typeAware) {
  const child = spawn(process.execPath, [serverBundle, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const settings = { enable: true, run: 'onType', debounceMs: 0, catalogPath: '', severity: {}, typeAware };
  connection.onRequest((method, params) => {
    if (method === 'workspace/configuration') return params.items.map((i) => (i.section === 'catalint' || !i.section ? settings : null));
    return null;
  });
  const listeners = new Set();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const t = now();
    for (const l of listeners) l(p, t);
  });
  const messages = [];
  let note;
  connection.onNotification((method, params) => {
    if (method === 'window/logMessage' || method === 'window/showMessage') messages.push(params.message);
    if (method === 'catalint/status' && params?.typeAware) note = params.typeAware;
  });
  connection.listen();
  await initializeServer(connection, uriOf(root), 'medusa', settings);
  return { child, connection, listeners, messages, note: () => note, stderr: () => stderr };
}

/**
 * Every publish of one document, by version, in order: the first of a version is the syntactic
 * result, a second one (typeAware 'on') the type-aware result.
 */
function publishesOf(server, uri) {
  const byVersion = new Map();
  const waiters = new Set();
  server.listeners.add((p, t) => {
    if (p.uri !== uri) return;
    const list = byVersion.get(p.version) ?? [];
    list.push({ t, diagnostics: p.diagnostics });
    byVersion.set(p.version, list);
    for (const w of waiters) w.check();
  });
  /** The `nth` publish of `version`, or with atLeast, the first publish of `version` or a later one (coalesced edits). */
  const wait = (version, nth, limitMs, atLeast = false) =>
    new Promise((resolve, reject) => {
      const w = {
        check() {
          let hit;
          if (atLeast) {
            for (const [v, list] of byVersion) if (v >= version && (!hit || list[0].t < hit.t)) hit = { ...list[0], version: v };
          } else hit = byVersion.get(version)?.[nth - 1];
          if (!hit) return;
          waiters.delete(w);
          clearTimeout(w.timer);
          resolve(hit);
        },
      };
      w.timer = setTimeout(() => {
        waiters.delete(w);
        reject(new Error(`no publish #${nth} of version ${version} of ${uri} within ${limitMs / 1000} s`));
      }, limitMs);
      waiters.add(w);
      w.check();
    });
  return { byVersion, wait };
}

/** A diagnostic only the type-aware pass writes: `"name" is Customer.name, declared in src/model.ts:4.` */
const TYPED_MESSAGE = / is \S+, declared in \S+:\d+/;
const resolvedCount = (diagnostics) => diagnostics.filter((d) => TYPED_MESSAGE.test(d.message)).length;

function offsetOfLine(text, line) {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset;
}

/**
 * Where the edits go: before the first statement `const ...` inside a function body (indented)
 * from the middle of the file on, so that a new `const` line before it is valid code whatever
 * comes before it. Every edit inserts its line at the same place, before the previous one.
 */
function anchorOf(text) {
  const lines = text.split('\n');
  for (let i = Math.floor(lines.length / 2); i < lines.length; i++) {
    const m = /^(\s+)const \w/.exec(lines[i]);
    if (m) return { line: i, indent: m[1] };
  }
  for (let i = Math.floor(lines.length / 2); i >= 0; i--) {
    const m = /^(\s+)const \w/.exec(lines[i]);
    if (m) return { line: i, indent: m[1] };
  }
  return { line: Math.floor(lines.length / 2), indent: '', comment: true };
}

async function runMode(typeAware, file) {
  const typed = typeAware !== 'off';
  const server = await startServer(corpus, typeAware);
  const pid = server.child.pid;
  try {
    const uri = uriOf(file.path);
    const pubs = publishesOf(server, uri);
    const text = readFileSync(file.path, 'utf8');
    const idle = procStatus(pid);
    // (1) Open, cold.
    let version = 1;
    const opened = now();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text } });
    const openFirst = await pubs.wait(version, 1, WAIT_LIMIT_MS);
    const openTyped = typed ? await pubs.wait(version, 2, COLD_LIMIT_MS) : undefined;
    const afterOpen = procStatus(pid);
    const open = {
      first: openFirst.t - opened,
      typed: openTyped ? openTyped.t - opened : NaN,
      diagnostics: openFirst.diagnostics.length,
      typedDiagnostics: openTyped?.diagnostics.length ?? NaN,
      resolved: openTyped ? resolvedCount(openTyped.diagnostics) : resolvedCount(openFirst.diagnostics),
    };
    log(
      `${typeAware}: open → first publish ${open.first.toFixed(0)} ms` +
        (typed ? `, → type-aware publish ${open.typed.toFixed(0)} ms (${open.resolved} diagnostics resolved by the checker)` : ''),
    );

    let current = text;
    const anchor = anchorOf(text);
    const edit = async (k) => {
      const insert = anchor.comment ? `// catalint bench edit ${k}\n` : `${anchor.indent}const probe${k} = customer.email\n`;
      const offset = offsetOfLine(current, anchor.line);
      current = current.slice(0, offset) + insert + current.slice(offset);
      version++;
      const change = { range: { start: { line: anchor.line, character: 0 }, end: { line: anchor.line, character: 0 } }, text: insert };
      const start = now();
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      return { version, start };
    };

    // (2) Edits, one at a time: each waits for all its publishes.
    const syntactic = [];
    const typedSamples = [];
    let firstEdit;
    let cpuBefore = cpuMsOf(pid);
    let lastTyped;
    for (let k = 0; k < WARM_UP_EDITS + EDITS; k++) {
      const { version: v, start } = await edit(k);
      const first = await pubs.wait(v, 1, WAIT_LIMIT_MS);
      const second = typed ? await pubs.wait(v, 2, WAIT_LIMIT_MS) : undefined;
      if (k === 0) firstEdit = { syntactic: first.t - start, typed: second ? second.t - start : NaN };
      if (k === WARM_UP_EDITS - 1) cpuBefore = cpuMsOf(pid);
      if (k >= WARM_UP_EDITS) {
        syntactic.push(first.t - start);
        if (second) typedSamples.push(second.t - start);
      }
      lastTyped = second;
    }
    const cpuMsPerEdit = (cpuMsOf(pid) - cpuBefore) / EDITS;
    const afterEdits = procStatus(pid);
    const sequential = {
      firstEdit,
      syntactic,
      typed: typedSamples,
      cpuMsPerEdit,
      resolved: lastTyped ? resolvedCount(lastTyped.diagnostics) : NaN,
    };
    log(
      `${typeAware}: ${EDITS} edits, change → syntactic publish p50 ${percentile(syntactic, 50).toFixed(1)} ms` +
        (typed ? `, → type-aware publish p50 ${percentile(typedSamples, 50).toFixed(0)} ms` : '') +
        `; server CPU ${cpuMsPerEdit.toFixed(0)} ms/edit`,
    );
    // Quiet before the burst, so it starts with an idle worker.
    await sleep(500);

    // (3) A burst: one edit every INTERVAL_MS, the next one sent whatever the worker is doing.
    const sent = [];
    const burstStart = now();
    for (let k = 0; k < EDITS; k++) {
      const due = burstStart + k * INTERVAL_MS;
      if (due > now()) await sleep(due - now());
      sent.push(await edit(WARM_UP_EDITS + EDITS + k));
    }
    const burstSyntactic = [];
    for (const s of sent) burstSyntactic.push((await pubs.wait(s.version, 1, WAIT_LIMIT_MS, true)).t - s.start);
    const last = sent.at(-1);
    const lastTypedPublish = typed ? await pubs.wait(last.version, 2, COLD_LIMIT_MS) : undefined;
    const typedDuringBurst = sent.filter((s) => (pubs.byVersion.get(s.version)?.length ?? 0) >= 2).length;
    const burst = {
      syntactic: burstSyntactic,
      coalesced: sent.filter((s) => !pubs.byVersion.has(s.version)).length,
      lastTyped: lastTypedPublish ? lastTypedPublish.t - last.start : NaN,
      typedVersions: typedDuringBurst,
      seconds: (now() - burstStart) / 1000,
    };
    log(
      `${typeAware}: burst of ${EDITS} edits every ${INTERVAL_MS} ms: change → syntactic publish p50 ${percentile(burstSyntactic, 50).toFixed(1)} ms` +
        (typed
          ? `; last change → its type-aware publish ${burst.lastTyped.toFixed(0)} ms (${typedDuringBurst} of ${EDITS} versions got one)`
          : ''),
    );
    await sleep(200);
    const end = procStatus(pid);
    const cpuSeconds = cpuMsOf(pid) / 1000;
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    log(
      `${typeAware}: peak RSS ${end.peakMb.toFixed(0)} MB (RSS after open ${afterOpen.rssMb.toFixed(0)} MB, at the end ${end.rssMb.toFixed(0)} MB)`,
    );
    const publishesPerVersion = Math.max(...[...pubs.byVersion.values()].map((l) => l.length));
    return {
      typeAware,
      open,
      sequential,
      burst,
      memory: { idle, afterOpen, afterEdits, end },
      cpuSeconds,
      publishesPerVersion,
      note: server.note(),
      warnings: server.messages.filter((m) => /type-aware|stopped|memory/i.test(m)),
      anchor,
    };
  } catch (error) {
    throw new Error(
      `${error.message}\nserver messages: ${server.messages.slice(-5).join(' | ')}\nserver stderr: ${server.stderr().slice(-1500)}`,
    );
  } finally {
    await stopServer(server);
  }
}

// ---- report --------------------------------------------------------------------------------------

function cpuModel() {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1].trim() ?? describeMachine().cpu;
  } catch {
    return describeMachine().cpu;
  }
}

const f = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');
const ms = (n) => f(n, n < 100 ? 1 : 0);
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(a / b < 10 ? 2 : 0)}×` : '–');

async function main() {
  const started = new Date().toISOString();
  if (!existsSync(serverBundle)) throw new Error(`no server bundle at ${serverBundle} (BENCH_SERVER)`);
  const machine = { ...describeMachine(), cpu: cpuModel() };
  const built = ensureProject();
  const files = listFiles(corpus, isScript);
  const lines = files.reduce((s, x) => s + lineCount(readFileSync(x.path, 'utf8')), 0);
  log(`${machine.cores} × ${machine.cpu}, Node ${machine.node}; server ${serverBundle}`);
  log(`project ${corpus} (${built}): ${files.length} files, ${lines} lines, ${mb(totalBytes(files)).toFixed(1)} MB`);
  const picked = pickFile();
  const file = { ...picked, path: join(corpus, picked.rel) };
  file.lines = lineCount(readFileSync(file.path, 'utf8'));
  log(`file: ${file.rel} (${file.lines} lines, ${f(file.findings)} findings in a syntactic CLI run)`);

  const loadBefore = os.loadavg()[0];
  const off = await runMode('off', file);
  const on = await runMode('on', file);
  const loadAfter = os.loadavg()[0];

  const p = (xs, q) => percentile(xs, q);
  const rows = [
    ['open → first publish (cold)', ms(off.open.first), ms(on.open.first), '', ratio(on.open.first, off.open.first)],
    ['open → type-aware publish (cold: loads the project)', '', '', ms(on.open.typed), ratio(on.open.typed, off.open.first)],
    [
      'first edit → publish',
      ms(off.sequential.firstEdit.syntactic),
      ms(on.sequential.firstEdit.syntactic),
      ms(on.sequential.firstEdit.typed),
      ratio(on.sequential.firstEdit.typed, off.sequential.firstEdit.syntactic),
    ],
    ...[50, 95].map((q) => [
      `edit → publish, p${q === 50 ? '50 (median)' : q}`,
      ms(p(off.sequential.syntactic, q)),
      ms(p(on.sequential.syntactic, q)),
      ms(p(on.sequential.typed, q)),
      ratio(p(on.sequential.typed, q), p(off.sequential.syntactic, q)),
    ]),
    [
      'server CPU per edit (all threads)',
      ms(off.sequential.cpuMsPerEdit),
      '',
      ms(on.sequential.cpuMsPerEdit),
      ratio(on.sequential.cpuMsPerEdit, off.sequential.cpuMsPerEdit),
    ],
    ...[50, 95].map((q) => [
      `burst (1 edit / ${INTERVAL_MS} ms): edit → syntactic publish, p${q}`,
      ms(p(off.burst.syntactic, q)),
      ms(p(on.burst.syntactic, q)),
      '',
      ratio(p(on.burst.syntactic, q), p(off.burst.syntactic, q)),
    ]),
    ['burst: last edit → its type-aware publish', '', '', ms(on.burst.lastTyped), ''],
    [
      'server peak RSS (VmHWM) after open + one-at-a-time edits, MB',
      f(off.memory.afterEdits.peakMb),
      '',
      f(on.memory.afterEdits.peakMb),
      ratio(on.memory.afterEdits.peakMb, off.memory.afterEdits.peakMb),
    ],
    [
      'server peak RSS (VmHWM) at the end (after the burst too), MB',
      f(off.memory.end.peakMb),
      '',
      f(on.memory.end.peakMb),
      ratio(on.memory.end.peakMb, off.memory.end.peakMb),
    ],
    [
      'server RSS after open, MB',
      f(off.memory.afterOpen.rssMb),
      '',
      f(on.memory.afterOpen.rssMb),
      ratio(on.memory.afterOpen.rssMb, off.memory.afterOpen.rssMb),
    ],
    ['server RSS at the end, MB', f(off.memory.end.rssMb), '', f(on.memory.end.rssMb), ratio(on.memory.end.rssMb, off.memory.end.rssMb)],
  ];
  const table = [
    '| ms unless MB | typeAware off | on: syntactic publish | on: type-aware publish | ratio: rightmost on figure / off |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

  const onSyn = p(on.sequential.syntactic, 50);
  const offSyn = p(off.sequential.syntactic, 50);
  const reading = [
    `- Opening ${file.rel} cold with typeAware 'on' shows the syntactic diagnostics after ${ms(on.open.first)} ms (off: ${ms(off.open.first)} ms) and the type-aware ones after ${f(on.open.typed / 1000, 1)} s: the worker loads and binds the ${files.length}-file project first. The type-aware publish resolved ${on.open.resolved} of its ${on.open.typedDiagnostics} diagnostics to a declaration (the syntactic publish: ${on.open.diagnostics}).`,
    `- Each edit: the syntactic publish stays at ${ms(onSyn)} ms median with 'on' (${ms(offSyn)} ms with 'off', p95 ${ms(p(on.sequential.syntactic, 95))} vs ${ms(p(off.sequential.syntactic, 95))} ms); the type-aware publish follows after ${ms(p(on.sequential.typed, 50))} ms median (p95 ${ms(p(on.sequential.typed, 95))} ms), ${ratio(p(on.sequential.typed, 50), offSyn)} the syntactic time; the server spends ${ms(on.sequential.cpuMsPerEdit)} ms of CPU per edit instead of ${ms(off.sequential.cpuMsPerEdit)}.`,
    `- Typing (an edit every ${INTERVAL_MS} ms, debounce 0, ${machine.cores} cores) while the worker is busy: syntactic publish p50/p95 ${ms(p(on.burst.syntactic, 50))}/${ms(p(on.burst.syntactic, 95))} ms with 'on' against ${ms(p(off.burst.syntactic, 50))}/${ms(p(off.burst.syntactic, 95))} ms with 'off'. While a version is analysed only the latest one waits (older waiting versions are dropped): ${on.burst.typedVersions} of the ${EDITS} versions got a type-aware publish (the last one included), and the last edit's came ${f(on.burst.lastTyped / 1000, 1)} s after it${on.burst.lastTyped > 2 * p(on.sequential.typed, 50) ? ' (the queue of older versions drained first)' : ''}.`,
    `- Memory: peak RSS ${f(off.memory.end.peakMb)} MB with 'off', ${f(on.memory.end.peakMb)} MB with 'on' (${ratio(on.memory.end.peakMb, off.memory.end.peakMb)}; ${f(on.memory.afterEdits.peakMb)} MB before the burst, ${f(on.memory.end.rssMb)} MB RSS at the end): the worker thread's language service holds the whole program (the worker's heap ceiling, catalint.typeAwareMemoryMb, is 3,072 MB by default).`,
  ];
  const extras = [on.note && `Status note with 'on': ${on.note}`, ...on.warnings.map((w) => `Server message with 'on': ${w}`)].filter(
    Boolean,
  );

  const command =
    `${process.env.BENCH_SERVER ? `BENCH_SERVER=${process.env.BENCH_SERVER} ` : ''}node bench/typed-editor.mjs ${process.argv.slice(2).join(' ')}`.trim();
  const md = [
    '# Type-aware analysis in the editor: latency and memory',
    '',
    `Written by \`${command}\` on ${started.slice(0, 10)}: ${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GiB RAM, ${machine.os}, Node ${machine.node}. Server bundle \`${serverBundle}\`, driven over stdio as bench/editor.mjs does (push diagnostics, incremental sync, \`debounceMs: 0\`), one server process per mode, 'off' then 'on'. One run; load average (1 min) ${f(loadBefore, 2)} before, ${f(loadAfter, 2)} after.`,
    '',
    `Project: ${APP.label}, the src folders of ${PACKAGES.map((x) => x.replace('packages/', '')).join(', ')}, as bench/typed-cost.mjs copies them to ${corpus} with one tsconfig.json (no node_modules: third-party types are unresolved): ${files.length} files, ${lines} lines, ${mb(totalBytes(files)).toFixed(1)} MB.`,
    '',
    `File opened and edited: \`${file.rel}\`, ${file.lines} lines${Number.isFinite(file.findings) ? `, ${file.findings} findings in a syntactic CLI run (the most among the files of 400-1,500 lines outside packages/core/types)` : ''}. ${WARM_UP_EDITS} warm-up edits (the first reported), then ${EDITS} edits, each a new line \`${editLine(on)}\` inserted at line ${on.anchor.line + 1}, sent when the previous edit's diagnostics were all published; then a burst of ${EDITS} more, one every ${INTERVAL_MS} ms. Times are from sending didChange to receiving the publishDiagnostics of that version: the first one (syntactic), and with 'on' the second one (type-aware; at most ${on.publishesPerVersion} publishes per version were seen, ${off.publishesPerVersion} with 'off'). Memory from /proc/<pid>/status of the server process, worker thread included.`,
    '',
    table,
    '',
    ...reading,
    ...(extras.length ? ['', ...extras.map((e) => `- ${e}`)] : []),
    '',
  ].join('\n');
  console.log(table);
  console.log();
  console.log(reading.join('\n'));
  for (const e of extras) console.log(`- ${e}`);
  if (!opt['no-write']) {
    writeFileSync(join(repoRoot, 'bench', 'RESULTS-typed-editor.md'), md);
    log('wrote bench/RESULTS-typed-editor.md');
  }
}

const editLine = (r) => (r.anchor.comment ? '// catalint bench edit <k>' : 'const probe<k> = customer.email');

main().catch((error) => {
  console.error(`typed-editor: ${error.stack ?? error}`);
  process.exit(1);
});
