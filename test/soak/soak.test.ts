/**
 * A long editing session over a real LSP connection (the bundled server on stdio): 10,000
 * edits across 50 documents, with catalint.json rewritten between batches (one of them broken,
 * then fixed). Every edit's diagnostics and every hover answer arrive; each configuration
 * takes effect; once every document is closed none keeps a diagnostic; and the server's
 * resident memory after the run stays within 10% of what it was after warm-up.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType, type Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver-protocol';
import { positionOf, TempWorkspace, TestClient } from '../lsp/client';

const DOCS = 50;
const EDITS = 10_000;
const BATCHES = 10;
const HOVER_EVERY = 10;

/** A small seeded generator: the session is the same on every run, so a failure replays. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 0x1_0000_0000;
  };
}

const TS_LINES = [
  '  send(customer.email);\n',
  '  track(vehicle.mileage);\n',
  '  // @consent customer-consent\n',
  '  const total = a + b;\n',
  '  const dob = customer.dateOfBirth;\n',
  '  render(template.fileName);\n',
  '  // catalint-disable-next-line\n',
  '  if (hasConsent(ctx, "connected-drive")) report(vehicle.position);\n',
];
const SQL_LINES = [
  'SELECT email FROM customers;\n',
  'SELECT vin, mileage FROM vehicles;\n',
  '-- @consent customer-consent\n',
  'SELECT id FROM orders;\n',
];

function initialText(i: number, sql: boolean): string {
  if (sql) return `-- document ${i}\nSELECT email, phone FROM customers WHERE id = 1;\n`;
  return `export function handler${i}(customer: Customer, vehicle: Vehicle, ctx: Ctx) {\n  send(customer.email);\n  track(vehicle.mileage);\n}\n`;
}

/** One editor keystroke or line edit, as a range replacement within the document. */
function nextEdit(text: string, sql: boolean, rnd: () => number): { range: Range; newText: string } {
  const lines = text.split('\n');
  const lineStart = (n: number): number => lines.slice(0, n).reduce((a, l) => a + l.length + 1, 0);
  const range = (from: number, to: number): Range => ({ start: positionOf(text, from), end: positionOf(text, to) });
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const r = rnd();
  const body = Math.max(1, lines.length - 2);
  if (r < 0.35 || lines.length < 6) {
    // Insert a whole line inside the body (never above the first line, so the function stays whole).
    const at = lineStart(1 + Math.floor(rnd() * body));
    return { range: range(at, at), newText: pick(sql ? SQL_LINES : TS_LINES) };
  }
  if (r < 0.6 || lines.length > 80) {
    const n = 1 + Math.floor(rnd() * body);
    return { range: range(lineStart(n), lineStart(n + 1)), newText: '' };
  }
  // Type or delete one character at a random place in a body line: half-typed code too.
  const n = 1 + Math.floor(rnd() * body);
  const at = lineStart(n) + Math.floor(rnd() * (lines[n].length + 1));
  if (r < 0.85) return { range: range(at, at), newText: pick(['x', '.', '(', ')', '"', '`', '{', '}', ';', ' ', 'e']) };
  return { range: range(at, Math.min(at + 1, lineStart(n) + lines[n].length)), newText: '' };
}

/** catalint.json per batch; `check` says what the diagnostics of that batch must show. */
const CONFIGS: readonly { text: string | undefined; check?: (d: Diagnostic[], sql: boolean) => string | undefined }[] = [
  { text: undefined },
  {
    text: '{ "severity": { "personal": "error" } }\n',
    check: (ds) =>
      ds.some(
        (d) =>
          d.code === 'consent-required' && (d.data as { kind?: string }).kind === 'personal' && d.severity !== DiagnosticSeverity.Error,
      )
        ? 'personal data not raised to error'
        : undefined,
  },
  {
    text: '{ "ignoreNames": ["mileage"] }\n',
    check: (ds) => (ds.some((d) => (d.data as { name?: string }).name === 'mileage') ? 'ignored name mileage still reported' : undefined),
  },
  // Broken: the last good configuration (ignoreNames) stays in force.
  {
    text: '{ "ignoreNames": ["mileage"], \n',
    check: (ds) => (ds.some((d) => (d.data as { name?: string }).name === 'mileage') ? 'last good configuration not kept' : undefined),
  },
  {
    text: '{ "consent": { "**/*.sql": ["customer-consent"] } }\n',
    check: (ds, sql) =>
      sql && ds.some((d) => d.code === 'consent-required' && (d.data as { kind?: string }).kind === 'personal')
        ? 'consent glob ignored'
        : undefined,
  },
  {
    text: '{ "severity": { "telemetry": "off" } }\n',
    check: (ds) =>
      ds.some((d) => d.code === 'consent-required' && (d.data as { kind?: string }).kind === 'telemetry')
        ? 'telemetry not turned off'
        : undefined,
  },
  { text: '{}\n' },
  {
    text: '{ "severity": { "catalog-field": "off", "unused-directive": "off" } }\n',
    check: (ds) => (ds.some((d) => d.code === 'unused-directive') ? 'unused-directive not turned off' : undefined),
  },
  {
    text: '{ "ignoreNames": ["email"] }\n',
    check: (ds) => (ds.some((d) => (d.data as { name?: string }).name === 'email') ? 'ignored name email still reported' : undefined),
  },
  { text: '{}\n' },
];

/** The server's resident set, in kB, from /proc. */
function rssKb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]);
}

/** Language-server children of this process (TestClient keeps its process to itself). */
function serverChildren(): Set<number> {
  const mine = String(process.pid);
  const found = new Set<number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      if (ppid === mine && fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('server.js')) found.add(Number(d));
    } catch {
      // It ended while we looked.
    }
  }
  return found;
}

interface Memory {
  readonly rss: number;
  readonly heapUsed: number;
}

/**
 * Live memory: asks the server's preloaded probe (gc-probe.ts) to collect garbage and report,
 * waiting for its report file to appear; RSS is read from /proc right after.
 */
async function settledMemory(pid: number, file: string): Promise<Memory> {
  fs.rmSync(file, { force: true });
  const appeared = new Promise<void>((resolve) => {
    const watcher = fs.watch(path.dirname(file), () => {
      if (fs.existsSync(file)) {
        watcher.close();
        resolve();
      }
    });
  });
  process.kill(pid, 'SIGUSR2');
  await appeared;
  const sample = JSON.parse(fs.readFileSync(file, 'utf8')) as { heapUsed: number };
  return { heapUsed: sample.heapUsed, rss: rssKb(pid) * 1024 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

describe('soak: a long LSP session', function () {
  before(function () {
    if (process.platform !== 'linux') this.skip(); // memory is read from /proc
  });

  it('10,000 edits across 50 documents with configuration changes: every answer arrives, memory holds, closed documents keep nothing', async function () {
    this.timeout(600_000);
    const ws = new TempWorkspace({});
    const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalint-soak-'));
    const memoryFile = path.join(probeDir, 'memory.json');
    const earlier = serverChildren();
    const client = new TestClient({
      NODE_OPTIONS: `--expose-gc --require ${path.join(__dirname, 'gc-probe.js')}`,
      CATALINT_SOAK_MEMORY_FILE: memoryFile,
    });
    try {
      client.settings = { '': { debounceMs: 0 } };
      await client.initialize([ws.uri()]);
      // The one that appeared with this client, whatever other suites left running.
      const started = [...serverChildren()].filter((p) => !earlier.has(p));
      assert.equal(started.length, 1, `new server processes: ${started.join(', ')}`);
      const pid = started[0];
      const rnd = random(20261124);
      const docs = Array.from({ length: DOCS }, (_, i) => {
        const sql = i % 5 === 4;
        return { uri: ws.uri(`src/doc${i}.${sql ? 'sql' : 'ts'}`), sql, last: [] as Diagnostic[] };
      });
      await Promise.all(
        docs.map((d, i) => client.open(d.uri, initialText(i, d.sql), d.sql ? 'sql' : 'typescript').then((ds) => (d.last = ds))),
      );

      let edits = 0;
      let hovers = 0;
      const problems: string[] = [];
      /** A batch: each document gets its share of edits in sequence, the documents side by side. */
      const batch = async (count: number): Promise<void> => {
        const perDoc = count / DOCS;
        await Promise.all(
          docs.map(async (d) => {
            for (let k = 0; k < perDoc; k++) {
              const text = client.documents.get(d.uri)!.text;
              d.last = await client.change(d.uri, [nextEdit(text, d.sql, rnd)]);
              edits++;
              if (edits % HOVER_EVERY === 0) {
                const now = client.documents.get(d.uri)!.text;
                await client.hover(d.uri, positionOf(now, Math.floor(rnd() * now.length)));
                hovers++;
              }
            }
          }),
        );
      };
      /** Median of several settled samples, each after a round trip, so no one instant decides. */
      const sample = async (): Promise<Memory> => {
        const samples: Memory[] = [];
        for (let i = 0; i < 5; i++) {
          await client.hover(docs[i].uri, { line: 1, character: 10 });
          samples.push(await settledMemory(pid, memoryFile));
        }
        return { rss: median(samples.map((m) => m.rss)), heapUsed: median(samples.map((m) => m.heapUsed)) };
      };

      let warm: Memory = { rss: 0, heapUsed: 0 };
      const perBatch = EDITS / BATCHES;
      for (let b = 0; b < BATCHES; b++) {
        const config = CONFIGS[b];
        if (config.text !== undefined) {
          ws.write('catalint.json', config.text);
          await client.fileChanged(ws.uri('catalint.json'), b === 1 ? FileChangeType.Created : FileChangeType.Changed);
        }
        await batch(perBatch);
        if (config.check) {
          for (const d of docs) {
            const wrong = config.check(d.last, d.sql);
            if (wrong) problems.push(`batch ${b}, ${d.uri.split('/').pop()}: ${wrong}`);
          }
        }
        if (b === 1) warm = await sample();
      }
      const after = await sample();
      assert.equal(edits, EDITS);
      assert.deepEqual(problems, []);

      // Close everything; then one more configuration change must not bring anything back.
      await Promise.all(docs.map((d) => client.close(d.uri)));
      ws.write('catalint.json', '{ "severity": { "personal": "error" } }\n');
      await client.fileChanged(ws.uri('catalint.json'));
      // A fresh document's diagnostics are the barrier: everything sent before has been handled.
      const probe = ws.uri('src/probe.ts');
      assert.ok((await client.open(probe, initialText(0, false))).length > 0);
      for (const d of docs) {
        const last = client.published.filter((p) => p.uri === d.uri).pop();
        assert.deepEqual(last?.diagnostics, [], `${d.uri} keeps diagnostics after close`);
      }

      const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
      const growth = (k: keyof Memory): number => (after[k] - warm[k]) / warm[k];
      console.log(
        `      soak: ${edits} edits, ${hovers} hovers; server after warm-up: heap ${mb(warm.heapUsed)} MB, RSS ${mb(warm.rss)} MB; ` +
          `after the run: heap ${mb(after.heapUsed)} MB (${(growth('heapUsed') * 100).toFixed(1)}%), RSS ${mb(after.rss)} MB (${(growth('rss') * 100).toFixed(1)}%)`,
      );
      assert.ok(
        growth('heapUsed') <= 0.1,
        `live heap grew ${(growth('heapUsed') * 100).toFixed(1)}%: ${warm.heapUsed} bytes after warm-up, ${after.heapUsed} after ${edits} edits`,
      );
      assert.ok(
        growth('rss') <= 0.1,
        `RSS grew ${(growth('rss') * 100).toFixed(1)}%: ${warm.rss} bytes after warm-up, ${after.rss} after ${edits} edits`,
      );
      assert.equal(client.exited, undefined, client.errorOutput);
    } finally {
      await client.dispose();
      ws.dispose();
      fs.rmSync(probeDir, { recursive: true, force: true });
    }
  });
});
