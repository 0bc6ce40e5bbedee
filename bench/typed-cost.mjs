#!/usr/bin/env node
// What type-aware analysis costs: Catalint's CLI without and with `--project`, against ESLint
// running one custom rule of the same shape (every member read whose name looks like catalog
// data, resolved to its declaration by the type checker) with typed linting (the project
// service) and without type information. All four on the same files of a large real project,
// in one run, one after another: wall time, CPU time and peak RSS of each child process.
//
// The corpus is Medusa (bench/app-corpus.mjs, pinned by commit): its packages/core/* (eight
// packages) and packages/medusa, their src folders, as one TypeScript project. The packages'
// tsconfig.json files extend ../../../_tsconfig.base.json, which the bench cache does not hold
// (it keeps source files, package.json and tsconfig*.json only), and Catalint refuses a project
// whose `extends` is missing. So the bench copies those src folders (and the package.json files,
// which module resolution reads) into a temporary folder outside the corpus, with one
// tsconfig.json at its root: the base's compiler options, `paths` from each package name to its
// src (what the workspace's symlinks would resolve to once built), and the nine src folders.
// Both tools are pointed at that same tsconfig: Catalint by `--project`, ESLint's project
// service by finding it as the nearest tsconfig.json of every file (the project service cannot
// be given a tsconfig by path, which is why the files are copied rather than left in place).
// There is no node_modules: third-party types (MikroORM, express, awilix, ...) and JSON imports
// are unresolved, so both checkers answer `any` for them and do less work than in a real install.
//
//   node bench/typed-cost.mjs [--runs 1] [--no-write]
//   BENCH_CLI=/path/to/bin/catalint.js node bench/typed-cost.mjs     another build of the CLI
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { eslintVersion } from './baselines/eslint.mjs';
import { APP, appCorpusDir, ensureAppCorpus } from './app-corpus.mjs';
import { cliArgs, cliBin, readReport } from './lib/catalint.mjs';
import { isScript, listFiles, mb, totalBytes } from './lib/files.mjs';
import { describeMachine } from './lib/machine.mjs';
import { measure, memorySource } from './lib/measure.mjs';
import { repoRoot } from './lib/paths.mjs';
import { PACKAGES, TYPED_CORPUS, TYPED_WORK, writeTypedProject } from './lib/typed-project.mjs';
import { summarize } from './lib/stats.mjs';

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    'no-write': { type: 'boolean', default: false },
  },
});
const runs = Number(opt.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs wants a positive integer, not '${opt.runs}'`);

const log = (...a) => console.error('[typed-cost]', ...a);
const require = createRequire(join(repoRoot, 'package.json'));

/** The word list of the ESLint rule: names that look like catalog data. */
const CATALOG_WORDS = 'email|name|phone|address|birth|mileage|odometer|vin|latitude|longitude';

const work = TYPED_WORK;
const corpus = TYPED_CORPUS;
const scratch = join(work, 'out');

/** The project afresh: the packages' src folders and the one tsconfig.json (bench/lib/typed-project.mjs). */
function prepareCorpus(source) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  return writeTypedProject(source, corpus);
}

/** A flat config with the catalog-read rule, typed (project service) or not; written beside the corpus folder. */
function writeEslintConfig(typed) {
  const parser = require.resolve('@typescript-eslint/parser');
  const typescript = require.resolve('typescript');
  const file = join(work, `eslint-${typed ? 'typed' : 'syntactic'}.config.mjs`);
  const parserOptions = typed ? `{ projectService: true, tsconfigRootDir: ${JSON.stringify(corpus)} }` : '{}';
  writeFileSync(
    file,
    `// Written by bench/typed-cost.mjs: one rule, the shape of Catalint's type-aware work, ${typed ? 'with' : 'without'} type information.
import parser from ${JSON.stringify(parser)};
import ts from ${JSON.stringify(typescript)};

const WORDS = /${CATALOG_WORDS}/i;

const catalogRead = {
  meta: { type: 'problem', schema: [], messages: { read: "'{{name}}' reads a catalog-like field{{where}}" } },
  create(context) {
    const services = context.sourceCode.parserServices;
    const checker = services?.program ? services.program.getTypeChecker() : undefined;
    return {
      MemberExpression(node) {
        const p = node.property;
        const name = !node.computed && (p.type === 'Identifier' || p.type === 'PrivateIdentifier')
          ? p.name
          : p.type === 'Literal' && typeof p.value === 'string' ? p.value : undefined;
        if (name === undefined || !WORDS.test(name)) return;
        if (!checker) return context.report({ node: p, messageId: 'read', data: { name, where: '' } });
        const symbol = checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(p));
        const parent = symbol?.declarations?.[0]?.parent;
        if (parent && (ts.isInterfaceDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isClassExpression(parent)))
          context.report({ node: p, messageId: 'read', data: { name, where: ' declared in ' + (parent.name?.text ?? 'a class') } });
      },
    };
  },
};

export default [{
  files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'],
  languageOptions: { parser, parserOptions: ${parserOptions} },
  plugins: { bench: { rules: { 'catalog-read': catalogRead } } },
  rules: { 'bench/catalog-read': 'warn' },
}];
`,
  );
  return file;
}

const eslintBin = () => {
  const pkg = require.resolve('eslint/package.json');
  return join(dirname(pkg), require('eslint/package.json').bin.eslint);
};

async function runEslint(configFile, outFile) {
  rmSync(outFile, { force: true });
  const args = [eslintBin(), '--config', configFile, '--no-warn-ignored', '--format', 'json', '--output-file', outFile, corpus];
  const r = await measure(process.execPath, args, { cwd: work });
  if (r.exitCode !== 0 && r.exitCode !== 1) throw new Error(`eslint exited ${r.exitCode}: ${r.stderr.trim().slice(0, 800)}`);
  const results = JSON.parse(readFileSync(outFile, 'utf8'));
  const messages = results.flatMap((f) => f.messages);
  const fatal = messages.filter((m) => m.fatal);
  return {
    ...r,
    files: results.length,
    findings: messages.length - fatal.length,
    fatal: fatal.length,
    firstFatal: fatal[0] && `${relative(corpus, results.find((f) => f.messages.includes(fatal[0])).filePath)}: ${fatal[0].message}`,
    threads: 1,
  };
}

/** The compiler's whole type check of the same tsconfig: what checking every file costs. */
async function runTsc() {
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  const r = await measure(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit', '--pretty', 'false'], {
    cwd: corpus,
    stdoutFile: join(scratch, 'tsc.txt'),
  });
  // 2: errors reported (the missing third-party types), still a complete check.
  if (r.exitCode !== 0 && r.exitCode !== 2) throw new Error(`tsc exited ${r.exitCode}: ${r.stderr.trim().slice(0, 800)}`);
  const errors = (readFileSync(join(scratch, 'tsc.txt'), 'utf8').match(/error TS\d+/g) ?? []).length;
  return { ...r, findings: errors, threads: 1 };
}

async function runCatalint(extra) {
  const reportFile = join(scratch, 'catalint-report.json');
  rmSync(reportFile, { force: true });
  // The pool says on stderr how many threads it used.
  process.env.CATALINT_TRACE = 'pool';
  const r = await measure(process.execPath, cliArgs(reportFile, extra), { cwd: corpus });
  delete process.env.CATALINT_TRACE;
  if (r.exitCode !== 0 && r.exitCode !== 1) throw new Error(`catalint exited ${r.exitCode}: ${r.stderr.trim().slice(0, 800)}`);
  const report = readReport(reportFile);
  const workers = Number(/pool: (\d+) worker threads? and the main thread/.exec(r.stderr)?.[1] ?? NaN);
  const typedLine = /catalint: (type-aware analysis of [^\n]*)/.exec(r.stderr)?.[1];
  const problems = r.stderr.split('\n').filter((l) => /judged by their spelling alone$/.test(l));
  return { ...r, findings: report.findings, threads: workers + 1, typedLine, problems };
}

const countLines = (files) => {
  let lines = 0,
    nonBlank = 0;
  for (const f of files) {
    const text = readFileSync(f.path, 'utf8');
    const all = text.split('\n');
    lines += text.endsWith('\n') ? all.length - 1 : all.length;
    nonBlank += all.filter((l) => l.trim() !== '').length;
  }
  return { lines, nonBlank };
};

function cpuModel() {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1].trim() ?? describeMachine().cpu;
  } catch {
    return describeMachine().cpu;
  }
}

const f = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '–');
const cell = (s, d = 2) => (s.n > 1 ? `${f(s.median, d)} (${f(s.min, d)}–${f(s.max, d)})` : f(s.median, d));

async function main() {
  const started = new Date().toISOString();
  const machine = { ...describeMachine(), cpu: cpuModel() };
  const version = spawnSync(process.execPath, [cliBin, '--version'], { encoding: 'utf8' }).stdout.trim();
  if (!version) throw new Error(`${cliBin} --version printed nothing: is dist/ built?`);
  const source = ensureAppCorpus();
  const tsconfig = prepareCorpus(source);
  const files = listFiles(corpus, isScript);
  const { lines, nonBlank } = countLines(files);
  log(`${machine.cores} × ${machine.cpu}, Node ${machine.node}; catalint ${version} (${cliBin}); eslint ${eslintVersion()}`);
  log(`${files.length} files, ${lines} lines (${nonBlank} non-blank), ${mb(totalBytes(files)).toFixed(1)} MB in ${corpus}`);
  const eslintTyped = writeEslintConfig(true);
  const eslintSyntactic = writeEslintConfig(false);

  const tools = [
    { id: 'catalint', label: 'Catalint, syntactic (default)', run: () => runCatalint([]) },
    { id: 'catalintTyped', label: 'Catalint `--project tsconfig.json`', run: () => runCatalint(['--project', 'tsconfig.json']) },
    {
      id: 'eslintTyped',
      label: 'ESLint, typed (projectService), 1 rule',
      run: () => runEslint(eslintTyped, join(scratch, 'eslint-typed.json')),
    },
    { id: 'eslint', label: 'ESLint, no type information, 1 rule', run: () => runEslint(eslintSyntactic, join(scratch, 'eslint.json')) },
    { id: 'tsc', label: 'reference: `tsc --noEmit` (whole type check)', run: () => runTsc() },
  ];
  const samples = Object.fromEntries(tools.map((t) => [t.id, []]));
  const loadBefore = os.loadavg()[0];
  for (const file of files) readFileSync(file.path); // the page cache, warm for the first tool as for the others
  for (let i = 0; i < runs; i++) {
    for (const tool of tools) {
      const r = await tool.run();
      samples[tool.id].push(r);
      log(
        `run ${i + 1}/${runs} ${tool.label}: ${r.seconds.toFixed(2)} s (cpu ${r.cpuSeconds.toFixed(2)} s), ${r.peakRssMb.toFixed(0)} MB, ${r.findings} findings` +
          (r.typedLine ? `; ${r.typedLine}` : '') +
          (r.fatal ? `; ${r.fatal} files ESLint could not parse, e.g. ${r.firstFatal}` : ''),
      );
      for (const p of r.problems ?? []) log(p);
    }
  }

  const stats = Object.fromEntries(
    tools.map((t) => {
      const s = samples[t.id];
      const last = s.at(-1);
      return [
        t.id,
        {
          label: t.label,
          seconds: summarize(s.map((r) => r.seconds)),
          cpuSeconds: summarize(s.map((r) => r.cpuSeconds)),
          peakRssMb: summarize(s.map((r) => r.peakRssMb)),
          findings: last.findings,
          threads: last.threads,
          typedLine: last.typedLine,
          fatal: last.fatal,
          firstFatal: last.firstFatal,
        },
      ];
    }),
  );
  const ratio = (a, b, key) => stats[a][key].median / stats[b][key].median;
  const ratios = [
    ['Catalint typed / Catalint syntactic', 'catalintTyped', 'catalint'],
    ['ESLint typed / Catalint typed', 'eslintTyped', 'catalintTyped'],
    ['ESLint typed / ESLint without types', 'eslintTyped', 'eslint'],
    ['ESLint without types / Catalint syntactic', 'eslint', 'catalint'],
    ['Catalint typed / tsc --noEmit', 'catalintTyped', 'tsc'],
  ].map(([label, a, b]) => ({ label, wall: ratio(a, b, 'seconds'), cpu: ratio(a, b, 'cpuSeconds'), rss: ratio(a, b, 'peakRssMb') }));

  const command =
    `${process.env.BENCH_CLI ? `BENCH_CLI=${process.env.BENCH_CLI} ` : ''}node bench/typed-cost.mjs ${process.argv.slice(2).join(' ')}`.trim();
  const what = (t, s) =>
    t.id === 'tsc' ? `${s.findings} type errors` : `${s.findings}${s.fatal ? ` (+${s.fatal} files ESLint could not parse)` : ''}`;
  const table = [
    '| tool | wall s | CPU s | peak RSS MB | threads | findings |',
    '|---|---|---|---|---|---|',
    ...tools.map((t) => {
      const s = stats[t.id];
      return `| ${s.label} | ${cell(s.seconds)} | ${cell(s.cpuSeconds)} | ${cell(s.peakRssMb, 0)} | ${s.threads} | ${what(t, s)} |`;
    }),
    '',
    '| ratio (medians) | wall | CPU | peak RSS |',
    '|---|---|---|---|',
    ...ratios.map((r) => `| ${r.label} | ${f(r.wall)} | ${f(r.cpu)} | ${f(r.rss)} |`),
  ].join('\n');

  const ct = stats.catalintTyped,
    cs = stats.catalint,
    et = stats.eslintTyped,
    es = stats.eslint;
  const extra = (a, b) => a.seconds.median - b.seconds.median;
  const threads = (n) => `${n} thread${n === 1 ? '' : 's'}`;
  const reading = [
    `- \`--project\` multiplies Catalint's wall time by ${f(ratios[0].wall, 1)} (${f(cs.seconds.median, 1)} → ${f(ct.seconds.median, 1)} s) and its peak RSS by ${f(ratios[0].rss, 1)} (${f(cs.peakRssMb.median, 0)} → ${f(ct.peakRssMb.median, 0)} MB). The typed run lints the project's files in the main thread (${threads(ct.threads)}); the syntactic run used ${threads(cs.threads)}${cs.threads === 1 ? ' too (the default --jobs starts no worker for this much work)' : ''}. ESLint used one thread in both modes (no --concurrency).`,
    `- ESLint typed takes ${f(ratios[1].wall, 2)}× Catalint typed's wall time and ${f(ratios[1].rss, 2)}× its memory. But type information adds ${f(extra(et, es), 1)} s to ESLint's one member-read rule and ${f(extra(ct, cs), 1)} s to Catalint: Catalint also resolves destructured keys and object keys (an object key through its contextual type, which resolves the call the literal is an argument of), and ends at ${f(ratios[4].wall * 100, 0)}% of the wall time of a whole \`tsc --noEmit\` of the same tsconfig (${f(stats.tsc.seconds.median, 1)} s, ${f(stats.tsc.peakRssMb.median, 0)} MB).`,
    `- Findings: Catalint ${cs.findings} syntactic → ${ct.findings} typed${ct.typedLine ? ` (stderr: "${ct.typedLine}")` : ''}; the ESLint rule ${es.findings} without types → ${et.findings} typed (member reads the checker resolves to an interface or class member).`,
    `- No node_modules: third-party types (MikroORM, express, awilix, zod, ...) and JSON imports are unresolved, so both checkers meet \`any\` where an installed checkout has types; an installed project costs more, for both tools.`,
  ];

  const md = [
    '# Cost of type-aware analysis',
    '',
    `Written by \`${command}\` on ${started.slice(0, 10)} (${runs} run${runs === 1 ? '' : 's'} each${runs > 1 ? '; median (min–max)' : ''}): ${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GiB RAM, ${machine.os}, Node ${machine.node}. Catalint ${version} (\`${relative(repoRoot, cliBin).startsWith('..') ? cliBin : relative(repoRoot, cliBin)}\`), ESLint ${eslintVersion()} with @typescript-eslint/parser ${require('@typescript-eslint/parser/package.json').version}, TypeScript ${require('typescript/package.json').version}. Peak RSS from ${memorySource}.`,
    '',
    `Corpus: ${APP.label}, the src folders of ${PACKAGES.map((p) => p.replace('packages/', '')).join(', ')}: ${files.length} files (TypeScript and JavaScript), ${lines} lines (${nonBlank} non-blank), ${mb(totalBytes(files)).toFixed(1)} MB. One tsconfig.json for all of them (the compiler options of Medusa's \`_tsconfig.base.json\` with \`strict: false\` as TypeScript 5 had it, \`paths\` from each package name to its src, the ${PACKAGES.length} src folders), written by the bench at the root of a copy of those folders outside the corpus (${work}): the packages' own tsconfig.json extend a \`_tsconfig.base.json\` the bench cache does not hold, and ESLint's project service takes the nearest tsconfig.json of each file, never one given by path. Catalint gets \`--project tsconfig.json\`, ESLint \`parserOptions: { projectService: true, tsconfigRootDir }\`; no node_modules, so third-party types are unresolved. The ESLint rule reports every member read whose name matches \`/${CATALOG_WORDS}/i\`, typed: only when \`getSymbolAtLocation\` finds its declaration in an interface or class.`,
    '',
    table,
    '',
    `Load average (1 min) before and after: ${f(loadBefore)} and ${f(os.loadavg()[0])}.`,
    '',
    ...reading,
    '',
  ].join('\n');
  console.log(table);
  console.log();
  console.log(reading.join('\n'));
  if (!opt['no-write']) {
    writeFileSync(join(repoRoot, 'bench', 'RESULTS-typed.md'), md);
    log('wrote bench/RESULTS-typed.md');
  }
  log(`corpus copy, tsconfig and ESLint configs left in ${work} (tsconfig: ${tsconfig})`);
}

main().catch((error) => {
  console.error(`typed-cost: ${error.stack ?? error}`);
  process.exit(1);
});
