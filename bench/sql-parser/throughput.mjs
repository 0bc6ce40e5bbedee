// Throughput and coverage of Catalint's SQL scanner, and the same figures for libpg-query when
// it is installed somewhere (it is not a dependency: this script measured the choice).
//
//   node bench/sql-parser/throughput.mjs [extra .sql folders...]
//   LIBPG_QUERY=/path/to/node_modules/libpg-query node bench/sql-parser/throughput.mjs
//
// The corpus is the labelled fixtures (test/fixtures/sql) replicated to about 4 MB per dialect,
// plus any folder given on the command line (e.g. pagila or chinook checkouts). Reported per
// dialect: MB per CPU second (median of rounds after warm-up; CPU time, not wall time, so that a
// loaded machine skews it less) and the share of statements the clause-aware pass read (the rest
// went through the tolerant pass). Not a test: numbers depend on the machine.
import * as esbuild from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';

const require = createRequire(import.meta.url);

async function loadScanner() {
  const out = join(mkdtempSync(join(tmpdir(), 'catalint-sqlbench-')), 'sql.cjs');
  await esbuild.build({
    stdin: {
      contents: [
        "export { scanSql } from './server/src/engine/languages/sql/scanner';",
        "export { guessDialect } from './server/src/engine/languages/sql/dialect';",
        "export { lex } from './server/src/engine/languages/sql/lexer';",
        "export { splitStatements } from './server/src/engine/languages/sql/statements';",
      ].join('\n'),
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    logLevel: 'warning',
  });
  return require(out);
}

function sqlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sqlFiles(p) : e.name.endsWith('.sql') && statSync(p).size > 0 ? [p] : [];
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** CPU seconds of this process: on a shared, loaded machine far steadier than wall time. */
function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** MB per CPU second of `fn` over `texts`: warm-up, then rounds of at least 0.3 CPU s each. */
function throughput(texts, fn) {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  for (let k = 0; k < 2; k++) for (const t of texts) fn(t);
  const rates = [];
  for (let round = 0; round < 5; round++) {
    const t0 = cpuSeconds();
    let done = 0;
    do {
      for (const t of texts) fn(t);
      done += bytes;
    } while (cpuSeconds() - t0 < 0.3);
    rates.push(done / 1e6 / (cpuSeconds() - t0));
  }
  return median(rates);
}

async function loadLibpgQuery() {
  const where = process.env.LIBPG_QUERY;
  if (!where) return undefined;
  const lib = require(resolve(where));
  await lib.loadModule();
  return lib;
}

const sql = await loadScanner();
const pg = await loadLibpgQuery();

const groups = new Map();
const fixtures = join(repoRoot, 'test', 'fixtures', 'sql');
for (const file of sqlFiles(fixtures)) {
  const dialect = file.slice(fixtures.length + 1).split(/[\\/]/)[0];
  const list = groups.get(`fixtures/${dialect}`) ?? { dialect, texts: [] };
  list.texts.push(readFileSync(file, 'utf8'));
  groups.set(`fixtures/${dialect}`, list);
}
for (const g of groups.values()) {
  const size = g.texts.reduce((n, t) => n + t.length, 0);
  const copies = Math.max(1, Math.round(4e6 / size));
  g.texts = Array.from({ length: copies }, () => g.texts).flat();
}
for (const dir of process.argv.slice(2)) {
  for (const file of sqlFiles(resolve(dir))) {
    const text = readFileSync(file, 'utf8');
    const dialect = sql.guessDialect(text);
    const key = `${dir.replace(/\/$/, '').split('/').pop()}/${dialect}`;
    const list = groups.get(key) ?? { dialect, texts: [] };
    list.texts.push(text);
    groups.set(key, list);
  }
}

console.log(
  `node ${process.version}, load average ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log('corpus                         MB     catalint MB/s  clause-aware  libpg-query MB/s  libpg-query parsed');
for (const [name, g] of groups) {
  const mb = g.texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
  const rate = throughput(g.texts, (t) => sql.scanSql(t, { dialect: g.dialect }));
  let statements = 0;
  let tolerant = 0;
  const unique = [...new Set(g.texts)];
  for (const t of unique) {
    statements += sql.splitStatements(sql.lex(t, g.dialect).tokens).length;
    tolerant += sql.scanSql(t, { dialect: g.dialect }).notes.filter((n) => n.message.startsWith('could not parse')).length;
  }
  let pgRate = '-';
  let pgParsed = '-';
  if (pg && g.dialect === 'postgresql') {
    // libpg-query fails a whole file on one error: parse statement by statement, as a scanner must.
    let ok = 0;
    let all = 0;
    const pieces = unique.flatMap((t) =>
      sql.splitStatements(sql.lex(t, 'postgresql').tokens).map((s) => t.slice(s.span.start, s.span.end)),
    );
    for (const p of pieces) {
      all++;
      try {
        pg.parseSync(p);
        ok++;
      } catch {
        // counted as not parsed
      }
    }
    pgParsed = `${((100 * ok) / Math.max(1, all)).toFixed(1)}%`;
    // Timed on the same statement pieces: a whole file fails at its first psql meta-command.
    const copies = Math.max(1, Math.round(g.texts.length / unique.length));
    pgRate = throughput(Array.from({ length: copies }, () => pieces).flat(), (p) => {
      try {
        pg.parseSync(p);
      } catch {
        // a statement that fails still cost its time
      }
    }).toFixed(1);
  }
  const share = `${((100 * (statements - tolerant)) / Math.max(1, statements)).toFixed(1)}%`;
  console.log(
    `${name.padEnd(30)} ${mb.toFixed(1).padStart(5)}  ${rate.toFixed(1).padStart(13)}  ${share.padStart(12)}  ${pgRate.padStart(16)}  ${pgParsed.padStart(18)}`,
  );
}
writeFileSync(join(tmpdir(), 'catalint-sqlbench-last.txt'), new Date().toISOString());
