#!/usr/bin/env node
// `npm run bench`: Catalint's CLI against ESLint (id-denylist) and the regex floor on the same
// files in the same run, then the editor's change-to-diagnostics latency over a real LSP
// connection. Every figure is the median of several runs with min and max; every comparison
// is a ratio between tools measured here, now, on this machine.
//
//   node bench/run.mjs [--corpora app,real,real-sql,syn1,syn10,syn100] [--runs 3] [--eslint-runs N]
//                      [--large-runs 1] [--eslint-max-mb 30] [--no-eslint] [--no-editor] [--edits 50] [--open 1000]
//                      [--no-build] [--no-write]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { eslintCommand, eslintVersion, writeEslintConfig } from './baselines/eslint.mjs';
import { regexFloor } from './baselines/regex-floor.mjs';
import { APP, appCorpusDir, ensureAppCorpus } from './app-corpus.mjs';
import { ripgrepCommand, ripgrepMatches, ripgrepVersion } from './baselines/ripgrep.mjs';
import { ensureCorpus } from './corpus.mjs';
import { runEditorBench } from './editor.mjs';
import { ensureWorkspace } from './generate.mjs';
import { build, cliArgs, cliFeatures, readReport } from './lib/catalint.mjs';
import { isScript, isSql, isTypeScript, listFiles, mb, totalBytes } from './lib/files.mjs';
import { describeMachine, machineLine } from './lib/machine.mjs';
import { measure, memorySource } from './lib/measure.mjs';
import { cacheDir, realCorpusDir, syntheticDir } from './lib/paths.mjs';
import { commit, writeResults } from './report.mjs';
import { summarize } from './lib/stats.mjs';

const CORPORA = {
  app: { label: APP.label, dir: appCorpusDir, prepare: () => ensureAppCorpus() },
  real: {
    label: 'real TypeScript (effect, zod, rxjs, auth-js)',
    dir: () => realCorpusDir('ts'),
    prepare: () => ensureCorpus({ quiet: true }),
  },
  'real-sql': {
    label: 'real SQL (graphile-worker migrations)',
    dir: () => realCorpusDir('sql'),
    prepare: () => ensureCorpus({ quiet: true }),
  },
  syn1: { label: 'synthetic 1 MB', dir: () => syntheticDir(1), prepare: () => ensureWorkspace(1) },
  syn10: { label: 'synthetic 10 MB', dir: () => syntheticDir(10), prepare: () => ensureWorkspace(10) },
  syn100: { label: 'synthetic 100 MB', dir: () => syntheticDir(100), prepare: () => ensureWorkspace(100) },
};

const { values: opt } = parseArgs({
  options: {
    corpora: { type: 'string', default: 'app,real,real-sql,syn1,syn10' },
    runs: { type: 'string', default: '3' },
    'large-runs': { type: 'string', default: '1' },
    'eslint-runs': { type: 'string' },
    'eslint-max-mb': { type: 'string', default: '30' },
    'no-eslint': { type: 'boolean', default: false },
    'no-editor': { type: 'boolean', default: false },
    edits: { type: 'string', default: '50' },
    open: { type: 'string', default: '1000' },
    'no-build': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const runs = Number(opt.runs);
const eslintRuns = Number(opt['eslint-runs'] ?? opt.runs);
const corpusIds = opt.corpora.split(',').filter(Boolean);
for (const id of corpusIds) if (!CORPORA[id]) throw new Error(`unknown corpus '${id}'; known: ${Object.keys(CORPORA).join(', ')}`);

const log = (...a) => console.error('[bench]', ...a);
const scratch = join(cacheDir, 'scratch');
mkdirSync(scratch, { recursive: true });

async function series(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await fn(i));
  return out;
}

const summary = (samples) => ({
  seconds: summarize(samples.map((s) => s.seconds)),
  cpuSeconds: summarize(samples.map((s) => s.cpuSeconds)),
  peakRssMb: summarize(samples.map((s) => s.peakRssMb)),
  samples,
});

async function runCatalint(dir, extra = [], before) {
  const reportFile = join(scratch, 'catalint-report.json');
  rmSync(reportFile, { force: true });
  before?.();
  const r = await measure(process.execPath, cliArgs(reportFile, extra), { cwd: dir });
  if (r.exitCode !== 0 && r.exitCode !== 1) throw new Error(`catalint exited ${r.exitCode} in ${dir}: ${r.stderr.trim().slice(0, 500)}`);
  return { ...r, report: readReport(reportFile) };
}

/** The compiler's floor (baselines/parse-floor.mjs) on the corpus's .ts files, in a fresh process. */
async function runParseFloor(ts) {
  const list = join(scratch, 'parse-floor-files.txt');
  writeFileSync(list, ts.map((f) => f.path).join('\n'));
  const r = await measure(process.execPath, [join(import.meta.dirname, 'baselines', 'parse-floor.mjs'), list], {});
  if (r.exitCode !== 0) throw new Error(`parse floor exited ${r.exitCode}: ${r.stderr.trim().slice(0, 500)}`);
  return r;
}

/**
 * What two cores give to work that shares nothing: two parse floors at once, each on half of
 * the files (alternately dealt, so the halves are alike), against one on all of them. No worker
 * pool can beat this ratio; it is the machine's, not Catalint's.
 */
async function runParallelCeiling(ts) {
  const halves = [0, 1].map((k) => {
    const list = join(scratch, `parse-floor-half-${k}.txt`);
    writeFileSync(
      list,
      ts
        .filter((_, i) => i % 2 === k)
        .map((f) => f.path)
        .join('\n'),
    );
    return list;
  });
  const script = join(import.meta.dirname, 'baselines', 'parse-floor.mjs');
  const start = process.hrtime.bigint();
  const both = await Promise.all(halves.map((list) => measure(process.execPath, [script, list], {})));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, cpuSeconds: both.reduce((sum, r) => sum + r.cpuSeconds, 0), peakRssMb: Math.max(...both.map((r) => r.peakRssMb)) };
}

async function runRipgrep(dir) {
  const cmd = ripgrepCommand(dir, scratch);
  const stdoutFile = join(scratch, 'ripgrep-out.txt');
  const r = await measure(cmd.command, cmd.args, { cwd: dir, stdoutFile });
  // 1: no match at all, still a run.
  if (r.exitCode !== 0 && r.exitCode !== 1) throw new Error(`rg exited ${r.exitCode}: ${r.stderr.trim().slice(0, 500)}`);
  return { ...r, matches: ripgrepMatches(readFileSync(stdoutFile, 'utf8')) };
}

async function runEslint(configFile, dir) {
  const outFile = join(scratch, 'eslint-report.json');
  const cmd = eslintCommand(configFile, dir, outFile);
  const r = await measure(cmd.command, cmd.args, { cwd: cacheDir });
  if (r.exitCode !== 0 && r.exitCode !== 1) throw new Error(`eslint exited ${r.exitCode}: ${r.stderr.trim().slice(0, 500)}`);
  return r;
}

async function main() {
  const machine = describeMachine();
  log(machineLine(machine));
  const buildError = opt['no-build'] ? undefined : build();
  // The code measured is the code built now, at the start: record its commit and time here.
  const started = { date: new Date().toISOString(), commit: commit() };
  if (buildError) log(`build failed, using the existing dist/: ${buildError}`);
  const features = cliFeatures();
  log('catalint CLI:', JSON.stringify(features));
  const eslintConfig = opt['no-eslint'] ? undefined : writeEslintConfig();
  const rgVersion = ripgrepVersion();
  if (!rgVersion) log('ripgrep (rg) is not installed: its baseline is left out (apt-get install ripgrep)');

  const corpora = [];
  for (const id of corpusIds) {
    const spec = CORPORA[id];
    spec.prepare();
    const dir = spec.dir();
    const ts = listFiles(dir, isTypeScript);
    const sql = listFiles(dir, isSql);
    // The parse floor parses what Catalint does: JavaScript too.
    const scripts = listFiles(dir, isScript);
    const entry = {
      id,
      label: spec.label,
      dir,
      ts: { files: ts.length, bytes: totalBytes(ts) },
      sql: { files: sql.length, bytes: totalBytes(sql) },
    };
    log(`${id}: ${ts.length} .ts (${mb(entry.ts.bytes).toFixed(2)} MB), ${sql.length} .sql (${mb(entry.sql.bytes).toFixed(2)} MB)`);
    const loadBefore = os.loadavg()[0];
    regexFloor([...ts, ...sql]); // warm the page cache so the first timed tool does not pay for the disk

    const withEslint = eslintConfig && ts.length > 0 && mb(entry.ts.bytes) <= Number(opt['eslint-max-mb']);
    const cat = [],
      cat1 = [],
      esl = [],
      floorAll = [],
      parse = [],
      rg = [];
    // Corpora over 50 MB take minutes a run: --large-runs (default 1) keeps the default bench short.
    const corpusRuns = mb(entry.ts.bytes + entry.sql.bytes) > 50 ? Number(opt['large-runs']) : runs;
    entry.runs = corpusRuns;
    for (let i = 0; i < corpusRuns; i++) {
      if (features.available) cat.push(await runCatalint(dir));
      // The default is a worker per core; one thread shows what the pool adds or costs.
      if (features.available && features.jobs) cat1.push(await runCatalint(dir, ['--jobs', '1']));
      if (withEslint && i < eslintRuns) esl.push(await runEslint(eslintConfig, dir));
      floorAll.push(regexFloor([...ts, ...sql]));
      if (ts.length > 0) parse.push(await runParseFloor(scripts));
      if (rgVersion) rg.push(await runRipgrep(dir));
      const t = (r) => (r ? `${r.seconds.toFixed(2)} s (cpu ${r.cpuSeconds.toFixed(2)})` : '-');
      log(
        `${id} run ${i + 1}/${corpusRuns}: catalint ${t(cat.at(-1))}, --jobs 1 ${t(cat1.at(-1))}, eslint ${t(esl.at(-1))}, floor ${t(floorAll.at(-1))}, load ${os.loadavg()[0].toFixed(1)}`,
      );
    }
    // Catalint and the floor are measured on every file they were given (.ts and .sql); whether
    // the CLI really read the SQL shows in its report (a finding in a .sql file) and is noted.
    const report = cat.at(-1)?.report;
    const all = { bytes: entry.ts.bytes + entry.sql.bytes, files: ts.length + sql.length };
    entry.catalint = features.available
      ? { ...summary(cat), report, readsSql: (report?.sqlFindings ?? 0) > 0, ...all }
      : { unavailable: features.reason };
    if (cat1.length) entry.catalintJobs1 = { ...summary(cat1), report: cat1.at(-1).report, ...all };
    entry.eslint = withEslint
      ? { ...summary(esl), bytes: entry.ts.bytes, files: ts.length }
      : {
          unavailable: !eslintConfig
            ? 'disabled (--no-eslint)'
            : ts.length === 0
              ? 'no TypeScript files (ESLint does not read SQL)'
              : `skipped above --eslint-max-mb ${opt['eslint-max-mb']}`,
        };
    entry.floor = {
      seconds: summarize(floorAll.map((f) => f.seconds)),
      cpuSeconds: summarize(floorAll.map((f) => f.cpuSeconds)),
      matches: floorAll[0].matches,
      ...all,
    };
    if (parse.length) entry.parseFloor = { ...summary(parse), bytes: totalBytes(scripts), files: scripts.length };
    entry.ripgrep = rg.length ? { ...summary(rg), matches: rg[0].matches, ...all } : { unavailable: 'ripgrep (rg) is not installed' };
    entry.loadAverage = { before: loadBefore, after: os.loadavg()[0] };
    if (id === 'real') entry.flatFloor = regexFloor(ts, { flat: true });
    corpora.push(entry);
  }

  const extras = await featureScenarios(features, corpora);
  const editor = opt['no-editor']
    ? { unavailable: 'disabled (--no-editor)' }
    : await runEditorBench({ edits: Number(opt.edits), open: Number(opt.open), log }).catch((e) => ({
        unavailable: `failed: ${e.message}`,
      }));

  const results = {
    date: started.date,
    finished: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''),
    commit: started.commit,
    machine,
    memorySource,
    runs,
    eslintRuns,
    eslintVersion: eslintVersion(),
    ripgrepVersion: rgVersion,
    catalint: features,
    buildError,
    corpora,
    extras,
    editor,
  };
  const markdown = writeResults(results, { write: !opt['no-write'] });
  console.log(markdown);
}

/**
 * Worker pool 1 vs 2 (and the machine's own ceiling for two threads) and cache cold vs warm, on
 * the application corpus (20 MB, the size the pool target is set at), else the largest
 * synthetic corpus up to 12 MB.
 */
async function featureScenarios(features, corpora) {
  const target =
    corpora.find((c) => c.id === 'app') ??
    [...corpora].filter((c) => c.id.startsWith('syn') && mb(c.ts.bytes + c.sql.bytes) <= 12).pop() ??
    corpora[0];
  const out = { corpus: target?.id };
  if (!features.available || !target)
    return { ...out, jobs: { unavailable: features.reason ?? 'no corpus' }, cache: { unavailable: features.reason ?? 'no corpus' } };
  if (features.jobs) {
    const one = [],
      two = [],
      ceiling = [];
    const ts = listFiles(target.dir, isScript);
    for (let i = 0; i < runs; i++) {
      one.push(await runCatalint(target.dir, ['--jobs', '1']));
      two.push(await runCatalint(target.dir, ['--jobs', '2']));
      if (ts.length > 1) ceiling.push({ one: await runParseFloor(ts), two: await runParallelCeiling(ts) });
    }
    out.jobs = { one: summary(one), two: summary(two) };
    if (ceiling.length) out.jobs.ceiling = { one: summary(ceiling.map((c) => c.one)), two: summary(ceiling.map((c) => c.two)) };
    log(`jobs on ${target.id}: 1 → ${out.jobs.one.seconds.median.toFixed(2)} s, 2 → ${out.jobs.two.seconds.median.toFixed(2)} s`);
  } else out.jobs = { unavailable: 'the CLI has no --jobs option (catalint --help)' };
  if (features.cache) {
    const location = join(scratch, 'catalint-cache');
    const flags = features.cacheLocation ? ['--cache', '--cache-location', location] : ['--cache'];
    const clear = () => {
      rmSync(location, { recursive: true, force: true });
      rmSync(join(target.dir, '.catalintcache'), { recursive: true, force: true });
    };
    const cold = [],
      warm = [];
    for (let i = 0; i < runs; i++) {
      cold.push(await runCatalint(target.dir, flags, clear));
      warm.push(await runCatalint(target.dir, flags));
    }
    clear();
    out.cache = {
      cold: summary(cold),
      warm: summary(warm),
      sameFindings: cold.every((c, i) => c.report.findings === warm[i].report.findings),
    };
    log(`cache on ${target.id}: cold ${out.cache.cold.seconds.median.toFixed(2)} s, warm ${out.cache.warm.seconds.median.toFixed(2)} s`);
  } else out.cache = { unavailable: 'the CLI has no --cache option (catalint --help)' };
  return out;
}

main().catch((error) => {
  console.error(`bench: ${error.stack ?? error}`);
  process.exit(1);
});
