#!/usr/bin/env node
// Accuracy on real code: runs the real CLI on each pinned public application and scores its
// findings against labels made blind to the matcher (LABELING.md says how).
//
// Two measurements per repository:
// - labelled files: every use and declaration of catalog data was labelled, line by line, so
//   every finding there is a hit or a false alarm and every unmatched label is a miss (recall,
//   and a first precision);
// - judged findings: a sample of all findings outside test-like files, each given a verdict.
//   A finding is in the sample when a hash of (file, line, name) falls under the repository's
//   rate, so the sample does not shift when the matcher changes: a finding that stays keeps its
//   verdict, and a new one has the same chance to be drawn. Drawn findings with no verdict yet
//   are listed (`--pending`) to be judged, and counted apart until they are.
//
//   npm run bench:accuracy                   the table, with misses and false alarms by cause
//   npm run bench:accuracy -- --details      every miss and false alarm
//   npm run bench:accuracy -- --pending F    write the drawn findings still unjudged to F
//   npm run bench:accuracy -- --save F       write the scores as JSON to F
//   npm run bench:accuracy -- --write F      write the report as Markdown to F (bench/accuracy/RESULTS.md)
//   npm run bench:accuracy -- --typed        also run the CLI type-aware (--project for each tsconfig.json
//                                            a user would pass, typed.mjs) and score both side by side
//   npm run bench:accuracy -- --reports D    keep the CLI's reports in D (a folder of the bench cache's
//                                            accuracy folder, or a path)
//   npm run bench:accuracy -- --only a,b     these repositories only (totals are then theirs only)
//   BENCH_CLI=other/bin/catalint.js …        measure another checkout's CLI (an earlier commit)
//   BENCH_CLI_LABEL=text                     how --write names that CLI (default: the BENCH_CLI path)
//   BENCH_ACCURACY_CHECKOUTS=D               the type-aware run reads D/<id> when it exists (a copy of the
//                                            cached checkout with its dependencies installed) instead of the cache
//   BENCH_TYPED_HEAP_MB=n                    the type-aware CLI's heap limit (default 16384: a monorepo's
//                                            programs take gigabytes)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cliBin } from '../lib/catalint.mjs';
import { seedFrom } from '../lib/prng.mjs';
import { accuracyDir, fetchRepo } from './fetch.mjs';
import { REPOS as ALL_REPOS, TEST_LIKE } from './repos.mjs';
import { prepareTypedCheckout, readTypedStderr, THIRD_PARTY_NOTE } from './typed.mjs';

const here = dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const details = args.includes('--details');
const typedMode = args.includes('--typed');
const only = option('--only')?.split(',');
const REPOS = only ? ALL_REPOS.filter((r) => only.includes(r.id)) : ALL_REPOS;
if (only && REPOS.length !== only.length) throw new Error(`--only: unknown repository among ${only.join(', ')}`);
if (only && option('--write')) throw new Error('--write with --only would write the totals of some repositories as the totals');

const DATA_RULES = new Set(['consent-required', 'catalog-field']);
const keyOf = (file, line, name) => `${file}:${line}:${name.toLowerCase()}`;

function readJson(path, fallback) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : fallback;
}

/**
 * The labels are made on files outside tests, and the sample draws outside them too: the CLI is
 * asked for every finding, so what is measured is the matcher, not which files count as tests.
 */
const includeTests = spawnSync(process.execPath, [cliBin, '--help'], { encoding: 'utf8' }).stdout.includes('--include-tests')
  ? ['--include-tests']
  : [];
/** Reports of another checkout's CLI (BENCH_CLI) are kept apart from this one's, unless --reports names a folder. */
const reportsDir = resolve(accuracyDir, option('--reports') ?? (process.env.BENCH_CLI ? 'reports-other' : 'reports'));
/** GNU time, when there is one, gives the CLI's peak memory. */
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const typedHeapMb = Number(process.env.BENCH_TYPED_HEAP_MB ?? 16384);

/**
 * Runs the CLI as a user would, from the repository's root; returns its data findings, with its
 * wall time and peak memory. `typed`: with `--project` for each tsconfig.json a user would pass
 * (typed.mjs), in a checkout given back its workspace links for the run; its stderr is kept
 * beside the report and says which projects were used.
 */
function lintRepo(entry, typed = false) {
  const installed = typed && process.env.BENCH_ACCURACY_CHECKOUTS && join(process.env.BENCH_ACCURACY_CHECKOUTS, entry.id);
  const dir = installed && existsSync(installed) ? installed : fetchRepo(entry);
  const out = join(reportsDir, typed ? 'typed' : '', `${entry.id}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const checkout = typed ? prepareTypedCheckout(entry, dir) : undefined;
  try {
    const projects = checkout ? checkout.tsconfigs.flatMap((t) => ['--project', t]) : [];
    const cli = [cliBin, '.', '--format', 'json', '--output-file', out, ...includeTests, ...projects];
    const timeFile = out.replace(/\.json$/, '.time.txt');
    const env = typed
      ? { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${typedHeapMb}`.trim() }
      : process.env;
    const started = performance.now();
    const r = gnuTime
      ? spawnSync(gnuTime, ['-f', '%M', '-o', timeFile, process.execPath, ...cli], { cwd: dir, encoding: 'utf8', env, maxBuffer: 1 << 28 })
      : spawnSync(process.execPath, cli, { cwd: dir, encoding: 'utf8', env, maxBuffer: 1 << 28 });
    const seconds = (performance.now() - started) / 1000;
    writeFileSync(out.replace(/\.json$/, '.stderr.txt'), r.stderr ?? '');
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`${entry.id}: catalint${typed ? ' --project' : ''} exited ${r.status}\n${r.stderr}`);
    const peakKb = gnuTime && existsSync(timeFile) ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) : NaN;
    const report = JSON.parse(readFileSync(out, 'utf8'));
    return {
      findings: report.findings.filter((f) => DATA_RULES.has(f.rule)),
      fileCount: report.fileCount,
      seconds,
      peakMb: peakKb / 1024,
      typed: checkout && {
        ...readTypedStderr(r.stderr ?? '', checkout.tsconfigs),
        tsconfigs: checkout.tsconfigs,
        roots: checkout.roots,
        links: checkout.links.length,
        written: checkout.written,
      },
    };
  } finally {
    checkout?.restore();
  }
}

const inSample = (entry, f) => seedFrom(`verdict:${entry.id}:${keyOf(f.file, f.line, f.name)}`) / 2 ** 32 < entry.verdictRate;

/**
 * Scores one repository's labelled files by line, as the labels are made: a labelled line is
 * found when a finding stands on it, a finding on a line with no label (and no doubt) is a false
 * alarm. Names are compared too, for the details, but one finding per line is enough: the tool
 * points a person at the line.
 */
function scoreFiles(labels, findings) {
  const hits = [];
  const misses = [];
  const falseAlarms = [];
  let namesFound = 0;
  let names = 0;
  for (const [file, { uses, ambiguous }] of Object.entries(labels.files)) {
    const found = findings.filter((f) => f.file === file);
    const usesByLine = groupLines(uses);
    const foundByLine = groupLines(found);
    const doubtfulLines = new Set(ambiguous.map((a) => a.line));
    for (const [line, lineUses] of usesByLine) {
      const lineFound = foundByLine.get(line) ?? [];
      names += lineUses.length;
      namesFound += lineUses.filter((u) => lineFound.some((f) => f.name.toLowerCase() === u.name.toLowerCase())).length;
      if (lineFound.length > 0) hits.push({ file, line, uses: lineUses, found: lineFound });
      else misses.push({ file, line, uses: lineUses });
    }
    for (const [line, lineFound] of foundByLine) {
      if (usesByLine.has(line) || doubtfulLines.has(line)) continue;
      falseAlarms.push({ file, line, found: lineFound });
    }
  }
  const categoriesOf = (items) => new Set(items.flatMap((i) => i.categories));
  const rightCategory = hits.filter((h) => {
    const expected = categoriesOf(h.uses);
    return h.found.some((f) => f.categories.some((c) => expected.has(c)));
  }).length;
  return { hits, misses, falseAlarms, rightCategory, names, namesFound };
}

function groupLines(items) {
  const byLine = new Map();
  for (const item of items) byLine.set(item.line, [...(byLine.get(item.line) ?? []), item]);
  return byLine;
}

/** Scores the drawn findings that have a verdict. */
function scoreVerdicts(entry, findings, verdicts) {
  const byKey = new Map(verdicts.map((v) => [keyOf(v.file, v.line, v.name), v]));
  const drawn = findings.filter((f) => !TEST_LIKE.test(f.file) && inSample(entry, f));
  const judged = [];
  const pending = [];
  for (const f of drawn) {
    const v = byKey.get(keyOf(f.file, f.line, f.name));
    if (v) judged.push({ finding: f, verdict: v });
    else pending.push(f);
  }
  const counted = judged.filter((j) => j.verdict.verdict !== 'ambiguous');
  const correct = counted.filter((j) => j.verdict.verdict !== 'false');
  const rightCategory = correct.filter(
    (j) => j.verdict.verdict === 'correct' || j.finding.categories.some((c) => (j.verdict.categories ?? []).includes(c)),
  );
  return { drawn: drawn.length, judged, pending, counted, correct, rightCategory };
}

const ratio = (a, b) => (b === 0 ? '  n/a' : (a / b).toFixed(3));
const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);

function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) {
    const k = key(item);
    groups.set(k, (groups.get(k) ?? 0) + 1);
  }
  return [...groups].sort((a, b) => b[1] - a[1]);
}

/** Sums of one label set over every repository. */
function emptyTotals() {
  return { files: 0, names: 0, namesFound: 0, hits: [], misses: [], falseAlarms: [], rightCategory: 0 };
}

function addTo(totals, repo, files, labelledFiles) {
  totals.files += labelledFiles;
  totals.names += files.names;
  totals.namesFound += files.namesFound;
  totals.rightCategory += files.rightCategory;
  totals.hits.push(...files.hits.map((h) => ({ ...h, repo })));
  totals.misses.push(...files.misses.map((m) => ({ ...m, repo })));
  totals.falseAlarms.push(...files.falseAlarms.map((f) => ({ ...f, repo })));
}

/** `recall prec. categ.` of a scored set, as fixed-width columns. */
function columns(t) {
  const labels = t.hits.length + t.misses.length;
  return `${padl(t.files, 5)} ${padl(labels, 6)} ${padl(ratio(t.hits.length, labels), 6)} ${padl(ratio(t.hits.length, t.hits.length + t.falseAlarms.length), 6)} ${padl(ratio(t.rightCategory, t.hits.length), 6)}`;
}

/** Everything main() prints, kept for --write: the syntactic report, then the type-aware section. */
const printed = { syntactic: [], typed: [] };
let section = 'syntactic';
const print = (line = '') => {
  printed[section].push(line);
  console.log(line);
};

const today = () => new Date().toISOString().slice(0, 10);
const shortCommit = () => spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).stdout.trim();
/** What --write says of the CLI measured, when it is another checkout's. */
const cliNote = () => {
  const label = process.env.BENCH_CLI_LABEL ?? process.env.BENCH_CLI;
  return label ? ` (CLI: ${label})` : '';
};
const TYPED_BEGIN = '<!-- typed:begin -->';
const TYPED_END = '<!-- typed:end -->';

/** The type-aware section of RESULTS.md, between markers so that a later --write replaces it. */
function typedMarkdown() {
  return `${TYPED_BEGIN}
## Type-aware analysis (\`--typed\`)

Made by \`npm run bench:accuracy -- --typed --write bench/accuracy/RESULTS.md\` at commit ${shortCommit()}${cliNote()}, ${today()}.
The same labels and verdicts; the CLI is run a second time per repository with \`--project\` for
each tsconfig.json a user would pass ([typed.mjs](typed.mjs) says which, and how the checkout is
prepared). Drawn findings of the type-aware run with no verdict yet are counted as unjudged.

\`\`\`
${printed.typed.join('\n')}
\`\`\`
${TYPED_END}
`;
}

/**
 * `--write F`: the report as Markdown, with what it was measured on. When F exists, the text
 * written by hand around the figures is kept: the "Made by" line, the first fenced block (the
 * syntactic report) and, with --typed, the type-aware section are replaced.
 */
function writeResults(file) {
  const madeBy = `Made by \`npm run bench:accuracy -- --write bench/accuracy/RESULTS.md\` at commit ${shortCommit()}${cliNote()}, ${today()}.`;
  const block = `\`\`\`\n${printed.syntactic.join('\n')}\n\`\`\``;
  if (existsSync(file)) {
    let text = readFileSync(file, 'utf8');
    text = text.replace(/^Made by .*$/m, () => madeBy).replace(/^```\n[\s\S]*?\n```$/m, () => block);
    if (typedMode) {
      const begin = text.indexOf(TYPED_BEGIN);
      const end = text.indexOf(TYPED_END);
      if (begin >= 0 && end > begin) text = text.slice(0, begin) + typedMarkdown().trimEnd() + text.slice(end + TYPED_END.length);
      else {
        // Before the figures of an earlier commit, when there are some.
        const before = text.indexOf('\n## Before this work');
        text =
          before >= 0 ? `${text.slice(0, before + 1)}${typedMarkdown()}${text.slice(before)}` : `${text.trimEnd()}\n\n${typedMarkdown()}`;
      }
    }
    writeFileSync(file, text);
    return;
  }
  const repos = REPOS.map((r) => `| ${r.id} | \`${r.repo}\` at \`${r.commit.slice(0, 12)}\` | ${r.why} |`).join('\n');
  const text = `# Accuracy on real code

${madeBy}
How the labels were made: [LABELING.md](LABELING.md). What is measured: [run.mjs](run.mjs).

| repository | pinned | why |
|---|---|---|
${repos}

${block}
${typedMode ? `\n${typedMarkdown()}` : ''}`;
  writeFileSync(file, text);
}

/** Labels and verdicts of a repository, read once for both modes. */
const labelCache = new Map();
function labelsOf(entry) {
  if (!labelCache.has(entry.id)) {
    labelCache.set(entry.id, {
      dev: readJson(join(here, 'labels', `${entry.id}.files.json`), { files: {} }),
      holdout: readJson(join(here, 'labels', `${entry.id}.holdout.json`), { files: {} }),
      verdicts: readJson(join(here, 'labels', `${entry.id}.verdicts.json`), { verdicts: [] }).verdicts,
    });
  }
  return labelCache.get(entry.id);
}

function sumTotals(parts) {
  const total = emptyTotals();
  for (const t of parts) {
    total.files += t.files;
    total.names += t.names;
    total.namesFound += t.namesFound;
    total.rightCategory += t.rightCategory;
    total.hits.push(...t.hits);
    total.misses.push(...t.misses);
    total.falseAlarms.push(...t.falseAlarms);
  }
  return total;
}

/** Scores one mode's runs (one per repository) on the labelled files and the judged sample. */
function scoreRuns(runs) {
  const sets = { dev: emptyTotals(), holdout: emptyTotals() };
  const rows = [];
  const judgedAll = { counted: [], correct: [], right: [], pending: [], falseAlarms: [] };
  for (const { entry, run } of runs) {
    const { findings } = run;
    const row = { entry, findings, run, sets: {} };
    const labels = labelsOf(entry);
    for (const set of ['dev', 'holdout']) {
      const scored = scoreFiles(labels[set], findings);
      const totals = emptyTotals();
      addTo(totals, entry.id, scored, Object.keys(labels[set].files).length);
      addTo(sets[set], entry.id, scored, Object.keys(labels[set].files).length);
      row.sets[set] = totals;
    }
    row.judged = scoreVerdicts(entry, findings, labels.verdicts);
    judgedAll.counted.push(...row.judged.counted);
    judgedAll.correct.push(...row.judged.correct);
    judgedAll.right.push(...row.judged.rightCategory);
    judgedAll.pending.push(...row.judged.pending.map((f) => ({ repo: entry.id, ...f })));
    for (const j of row.judged.counted) {
      if (j.verdict.verdict === 'false') judgedAll.falseAlarms.push({ repo: entry.id, finding: j.finding, cause: j.verdict.cause });
    }
    rows.push(row);
  }
  return { sets, rows, judgedAll, total: sumTotals(Object.values(sets)) };
}

const volume = (r) => r.findings.filter((f) => !TEST_LIKE.test(f.file)).length;

/**
 * The pooled sample over-weights small repositories (all of basejump's findings are drawn);
 * what a user meets is each repository's precision weighted by how many findings it has.
 */
function weightedPrecision(rows) {
  const weighted = rows.filter((r) => r.judged.counted.length > 0);
  const mass = weighted.reduce((n, r) => n + volume(r), 0);
  return weighted.reduce((n, r) => n + (volume(r) * r.judged.correct.length) / r.judged.counted.length, 0) / Math.max(1, mass);
}

const missKey = (m) => [...new Set(m.uses.map((u) => u.construct ?? 'unspecified'))].join(', ');
const judgedCauseKey = (f) => f.cause ?? 'no cause given';
const labelledAlarmKey = (f) => `${f.found[0].categories.join('|')} (${f.found[0].term ?? f.found[0].name})`;
const wrongCategories = (total) =>
  total.hits.filter((h) => !h.found.some((f) => f.categories.some((c) => h.uses.some((u) => u.categories.includes(c)))));
const wrongCategoryKey = (h) => `${h.found[0].categories.join('|')} for ${h.uses[0].categories.join('|')}`;

/** The report of one mode, as the syntactic report has always been printed. */
function printReport({ sets, rows, judgedAll, total }) {
  const setHead = `${padl('files', 5)} ${padl('lines', 6)} ${padl('recall', 6)} ${padl('prec.', 6)} ${padl('categ.', 6)}`;
  const head = `${pad('repository', 16)} ${setHead} | ${setHead} | ${padl('judged', 6)} ${padl('prec.', 6)} ${padl('categ.', 6)} ${padl('unjudged', 8)} ${padl('findings', 8)}`;
  print(
    `${pad('', 16)} ${pad('labelled files (tuning set)', setHead.length)} | ${pad('labelled files (held out)', setHead.length)} | sample of all findings`,
  );
  print(head);
  print('-'.repeat(head.length));
  const judgedColumns = (j, findings) =>
    `${padl(j.counted.length, 6)} ${padl(ratio(j.correct.length, j.counted.length), 6)} ${padl(ratio((j.rightCategory ?? j.right).length, j.correct.length), 6)} ${padl(j.pending.length, 8)} ${padl(findings, 8)}`;
  for (const row of rows) {
    print(`${pad(row.entry.id, 16)} ${columns(row.sets.dev)} | ${columns(row.sets.holdout)} | ${judgedColumns(row.judged, volume(row))}`);
  }
  print('-'.repeat(head.length));
  print(`${pad('total', 16)} ${columns(sets.dev)} | ${columns(sets.holdout)} | ${judgedColumns(judgedAll, '')}`);
  print(`${pad('both sets', 16)} ${columns(total)}`);
  print(`judged precision weighted by each repository's findings: ${weightedPrecision(rows).toFixed(3)}`);
  print('\nrecall, prec., categ.: lines of the labelled files (a line with a finding is found); judged: a');
  print('hash-drawn sample of all findings outside tests, each with a verdict (unjudged: drawn, no verdict yet).');
  print(`names (not lines) found on the labelled files: ${total.namesFound} of ${total.names} (${ratio(total.namesFound, total.names)})`);

  print('\nMisses by construct (labelled files, both sets):');
  for (const [k, n] of groupBy(total.misses, missKey)) print(`  ${padl(n, 4)}  ${k}`);
  print('\nFalse alarms by cause (judged sample; then labelled files, by what matched):');
  for (const [k, n] of groupBy(judgedAll.falseAlarms, judgedCauseKey)) print(`  ${padl(n, 4)}  judged: ${k}`);
  for (const [k, n] of groupBy(total.falseAlarms, labelledAlarmKey)) print(`  ${padl(n, 4)}  labelled file: ${k}`);
  print('\nWrong category (labelled files):');
  for (const [k, n] of groupBy(wrongCategories(total), wrongCategoryKey)) print(`  ${padl(n, 4)}  ${k}`);

  if (details) {
    for (const [set, t] of Object.entries(sets)) {
      print(`\nMisses (${set}):`);
      for (const m of t.misses)
        print(`  ${m.repo}/${m.file}:${m.line}  ${m.uses.map((u) => `${u.name} ${u.categories.join('|')} ${u.construct}`).join('; ')}`);
      print(`\nFalse alarms on labelled files (${set}):`);
      for (const f of t.falseAlarms)
        print(`  ${f.repo}/${f.file}:${f.line}  ${f.found.map((g) => `${g.name} ${g.categories.join('|')}`).join('; ')}`);
    }
    print('\nFalse alarms (judged):');
    for (const f of judgedAll.falseAlarms)
      print(`  ${f.repo}/${f.finding.file}:${f.finding.line}  ${f.finding.name}  ${f.finding.categories.join('|')}  ${f.cause ?? ''}`);
  }
}

const seconds = (s) => (s < 10 ? s.toFixed(1) : s.toFixed(0));
const gigabytes = (mb) => (Number.isFinite(mb) ? `${(mb / 1024).toFixed(1)} GB` : 'n/a');
/**
 * The JSON report does not carry the declaration a name resolved to; its message says it
 * (`"to" is Customer.email, declared in src/customer.ts:12.`, lint.ts's declarationText).
 */
const DECLARED = /"[^"]*" is \S+, declared in \S+:\d+(, tagged @catalog \S+)?\.$/;
const SCRIPT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/** Counts of a grouping in both modes, side by side, the changed ones marked. */
function printBoth(title, synItems, typItems, key) {
  print(`\n${title}`);
  print(`  ${padl('synt.', 5)} ${padl('typed', 5)}`);
  const syn = new Map(groupBy(synItems, key));
  const typ = new Map(groupBy(typItems, key));
  const keys = [...new Set([...syn.keys(), ...typ.keys()])].sort(
    (a, b) => Math.max(typ.get(b) ?? 0, syn.get(b) ?? 0) - Math.max(typ.get(a) ?? 0, syn.get(a) ?? 0),
  );
  for (const k of keys) {
    const a = syn.get(k) ?? 0;
    const b = typ.get(k) ?? 0;
    print(`  ${padl(a, 5)} ${padl(b, 5)}  ${k}${a !== b ? `  (${b > a ? '+' : ''}${b - a})` : ''}`);
  }
}

/** Labelled lines whose outcome differs between the modes: hits lost or gained, false alarms gone or new. */
function changedLines(synTotal, typTotal) {
  const at = (x) => `${x.repo}/${x.file}:${x.line}`;
  const index = (items) => new Map(items.map((x) => [at(x), x]));
  const [synHits, typHits, synAlarms, typAlarms] = [synTotal.hits, typTotal.hits, synTotal.falseAlarms, typTotal.falseAlarms].map(index);
  const lost = [...synHits.keys()].filter((k) => !typHits.has(k)).map((k) => synHits.get(k));
  const gained = [...typHits.keys()].filter((k) => !synHits.has(k)).map((k) => typHits.get(k));
  const alarmsGone = [...synAlarms.keys()].filter((k) => !typAlarms.has(k)).map((k) => synAlarms.get(k));
  const alarmsNew = [...typAlarms.keys()].filter((k) => !synAlarms.has(k)).map((k) => typAlarms.get(k));
  return { lost, gained, alarmsGone, alarmsNew };
}

const describeUses = (uses) => uses.map((u) => `${u.name} ${u.categories.join('|')} ${u.construct ?? ''}`.trim()).join('; ');
const describeFound = (found) => found.map((f) => `${f.name} ${f.categories.join('|')}`).join('; ');

/** The type-aware section: how each repository was run, then both modes side by side. */
function printTyped(syn, typ) {
  print('Type-aware analysis (--typed): the CLI run a second time per repository, with --project for');
  print('each tsconfig.json a user would pass (the root one, and each package or app that has its own');
  print('files; a solution-style one stands for the projects it references; deeper ones first, so that a');
  print('file goes to its own package), on the same labels and verdicts.');
  print('Caveat:');
  if (process.env.BENCH_ACCURACY_CHECKOUTS)
    print(
      `  the type-aware run reads the checkouts of ${process.env.BENCH_ACCURACY_CHECKOUTS} where they exist (dependencies installed there)`,
    );
  else for (const line of THIRD_PARTY_NOTE) print(`  ${line}`);
  print('');
  for (const row of typ.rows) {
    const t = row.run.typed;
    const synRow = syn.rows.find((r) => r.entry.id === row.entry.id);
    const s = t.summary;
    const labelled = [...new Set(['dev', 'holdout'].flatMap((set) => Object.keys(labelsOf(row.entry)[set].files)))].filter((f) =>
      SCRIPT.test(f),
    );
    const inProject = labelled.filter((f) => t.used.some((u) => t.roots.get(u)?.has(f))).length;
    print(
      `${row.entry.id}: ${s ? `${s.typedFiles} files type-aware in ${s.projects} project${s.projects === 1 ? '' : 's'}, ${s.outsideFiles} outside any project` : 'no project given'}; labelled script files in a project's roots: ${inProject} of ${labelled.length}`,
    );
    print(`  tsconfigs used: ${t.used.length ? t.used.join(', ') : 'none'}`);
    for (const u of t.unusable) print(`  unusable (CLI): ${u.why.startsWith(u.tsconfig) ? u.why : `${u.tsconfig}: ${u.why}`}`);
    if (t.links || t.written.length)
      print(
        `  for the run: ${t.links} workspace package${t.links === 1 ? '' : 's'} linked${t.written.length ? `, ${t.written.join(', ')} read from the commit` : ''}`,
      );
    print(
      `  wall time ${seconds(synRow.run.seconds)} s syntactic, ${seconds(row.run.seconds)} s type-aware; peak memory ${gigabytes(synRow.run.peakMb)}, ${gigabytes(row.run.peakMb)}`,
    );
  }
  const sum = (rows, f) => rows.reduce((n, r) => n + f(r), 0);
  print(
    `all: wall time ${seconds(sum(syn.rows, (r) => r.run.seconds))} s syntactic, ${seconds(sum(typ.rows, (r) => r.run.seconds))} s type-aware (the CLI's own runs, cold)`,
  );

  const labelCols = (t) => {
    const lines = t.hits.length + t.misses.length;
    return `${padl(ratio(t.hits.length, lines), 6)} ${padl(ratio(t.hits.length, t.hits.length + t.falseAlarms.length), 6)} ${padl(ratio(t.rightCategory, t.hits.length), 6)}`;
  };
  const labelHead = `${padl('recall', 6)} ${padl('prec.', 6)} ${padl('categ.', 6)}`;
  const judgedCols = (j, findings, unjudged) =>
    `${padl(j.counted.length, 6)} ${padl(ratio(j.correct.length, j.counted.length), 6)}${unjudged ? ` ${padl(j.pending.length, 8)}` : ''} ${padl(findings, 8)}`;
  const synJudgedHead = `${padl('judged', 6)} ${padl('prec.', 6)} ${padl('findings', 8)}`;
  const typJudgedHead = `${padl('judged', 6)} ${padl('prec.', 6)} ${padl('unjudged', 8)} ${padl('findings', 8)}`;
  const head = `${pad('repository', 16)} ${padl('files', 5)} ${padl('lines', 6)} | ${labelHead} | ${labelHead} | ${synJudgedHead} | ${typJudgedHead}`;
  print('');
  print(
    `${pad('', 16)} ${pad('labelled', 12)} | ${pad('syntactic', labelHead.length)} | ${pad('type-aware', labelHead.length)} | ${pad('judged: syntactic', synJudgedHead.length)} | judged: type-aware`,
  );
  print(head);
  print('-'.repeat(head.length));
  const labelled = (t) => `${padl(t.files, 5)} ${padl(t.hits.length + t.misses.length, 6)}`;
  for (const row of typ.rows) {
    const synRow = syn.rows.find((r) => r.entry.id === row.entry.id);
    const a = sumTotals([synRow.sets.dev, synRow.sets.holdout]);
    const b = sumTotals([row.sets.dev, row.sets.holdout]);
    print(
      `${pad(row.entry.id, 16)} ${labelled(a)} | ${labelCols(a)} | ${labelCols(b)} | ${judgedCols(synRow.judged, volume(synRow), false)} | ${judgedCols(row.judged, volume(row), true)}`,
    );
  }
  print('-'.repeat(head.length));
  print(`${pad('tuning set', 16)} ${labelled(syn.sets.dev)} | ${labelCols(syn.sets.dev)} | ${labelCols(typ.sets.dev)} |`);
  print(`${pad('held out', 16)} ${labelled(syn.sets.holdout)} | ${labelCols(syn.sets.holdout)} | ${labelCols(typ.sets.holdout)} |`);
  print(
    `${pad('total', 16)} ${labelled(syn.total)} | ${labelCols(syn.total)} | ${labelCols(typ.total)} | ${judgedCols(syn.judgedAll, sum(syn.rows, volume), false)} | ${judgedCols(typ.judgedAll, sum(typ.rows, volume), true)}`,
  );
  print(
    `judged precision weighted by each repository's findings: ${weightedPrecision(syn.rows).toFixed(3)} syntactic, ${weightedPrecision(typ.rows).toFixed(3)} type-aware`,
  );
  print(
    `names (not lines) found on the labelled files: ${syn.total.namesFound} syntactic, ${typ.total.namesFound} type-aware, of ${syn.total.names}`,
  );
  print('(files, lines: labelled, both sets; findings: outside tests; unjudged: drawn from the type-aware');
  print('findings with no verdict yet, left out of its judged precision until they are judged.)');

  print('\nFindings outside tests, by file, line and name (checker: type-aware findings whose message names');
  print('the declaration the checker resolved the name to):');
  print(
    `  ${pad('repository', 16)} ${padl('synt.', 7)} ${padl('typed', 7)} ${padl('both', 7)} ${padl('lost', 7)} ${padl('new', 7)} ${padl('checker', 8)}`,
  );
  const keysOf = (row) => new Set(row.findings.filter((f) => !TEST_LIKE.test(f.file)).map((f) => keyOf(f.file, f.line, f.name)));
  for (const row of typ.rows) {
    const synRow = syn.rows.find((r) => r.entry.id === row.entry.id);
    const a = keysOf(synRow);
    const b = keysOf(row);
    const both = [...a].filter((k) => b.has(k)).length;
    const resolved = row.findings.filter((f) => !TEST_LIKE.test(f.file) && DECLARED.test(f.message ?? '')).length;
    print(
      `  ${pad(row.entry.id, 16)} ${padl(a.size, 7)} ${padl(b.size, 7)} ${padl(both, 7)} ${padl(a.size - both, 7)} ${padl(b.size - both, 7)} ${padl(resolved, 8)}`,
    );
  }
  // A verdict is kept by (file, line, name): one made on the syntactic finding may be about other categories.
  let recategorised = 0;
  for (const row of typ.rows) {
    const synRow = syn.rows.find((r) => r.entry.id === row.entry.id);
    const synCategories = new Map(synRow.findings.map((f) => [keyOf(f.file, f.line, f.name), [...f.categories].sort().join('|')]));
    for (const j of row.judged.judged) {
      const before = synCategories.get(keyOf(j.finding.file, j.finding.line, j.finding.name));
      if (before !== undefined && before !== [...j.finding.categories].sort().join('|')) recategorised++;
    }
  }
  print(`judged type-aware findings whose categories differ from the syntactic finding's: ${recategorised}`);

  const changed = changedLines(syn.total, typ.total);
  print(
    `\nLabelled lines that changed: ${changed.lost.length} hits lost, ${changed.gained.length} gained; ${changed.alarmsGone.length} false alarms gone, ${changed.alarmsNew.length} new`,
  );
  const list = (title, items, describe) => {
    if (items.length === 0) return;
    print(`  ${title}:`);
    const shown = details ? items : items.slice(0, 25);
    for (const x of shown) print(`    ${x.repo}/${x.file}:${x.line}  ${describe(x)}`);
    if (shown.length < items.length) print(`    … ${items.length - shown.length} more (--details)`);
  };
  list(
    'hits lost (labelled; what the syntactic run found)',
    changed.lost,
    (x) => `${describeUses(x.uses)}  [was: ${describeFound(x.found)}]`,
  );
  list(
    'hits gained (labelled; what the type-aware run found)',
    changed.gained,
    (x) => `${describeUses(x.uses)}  [now: ${describeFound(x.found)}]`,
  );
  list('false alarms gone', changed.alarmsGone, (x) => describeFound(x.found));
  list('false alarms new', changed.alarmsNew, (x) => describeFound(x.found));

  printBoth('Misses by construct (labelled files, both sets):', syn.total.misses, typ.total.misses, missKey);
  printBoth(
    'False alarms by cause (judged sample; then labelled files, by what matched):',
    [
      ...syn.judgedAll.falseAlarms.map((f) => ({ k: `judged: ${judgedCauseKey(f)}` })),
      ...syn.total.falseAlarms.map((f) => ({ k: `labelled file: ${labelledAlarmKey(f)}` })),
    ],
    [
      ...typ.judgedAll.falseAlarms.map((f) => ({ k: `judged: ${judgedCauseKey(f)}` })),
      ...typ.total.falseAlarms.map((f) => ({ k: `labelled file: ${labelledAlarmKey(f)}` })),
    ],
    (x) => x.k,
  );
  printBoth('Wrong category (labelled files):', wrongCategories(syn.total), wrongCategories(typ.total), wrongCategoryKey);
  if (details) {
    print('\nFalse alarms (judged, type-aware):');
    for (const f of typ.judgedAll.falseAlarms)
      print(`  ${f.repo}/${f.finding.file}:${f.finding.line}  ${f.finding.name}  ${f.finding.categories.join('|')}  ${f.cause ?? ''}`);
  }
  return changed;
}

function main() {
  const runs = REPOS.map((entry) => ({ entry, run: lintRepo(entry) }));
  const syn = scoreRuns(runs);
  printReport(syn);

  let typ;
  let changed;
  if (typedMode) {
    const typedRuns = REPOS.map((entry) => ({ entry, run: lintRepo(entry, true) }));
    typ = scoreRuns(typedRuns);
    print('');
    section = 'typed';
    changed = printTyped(syn, typ);
  }

  const pendingFile = option('--pending');
  if (pendingFile) {
    // Both modes' drawn findings without a verdict, once each: a judge is not told which run drew them.
    const pending = new Map();
    for (const p of [...syn.judgedAll.pending, ...(typ?.judgedAll.pending ?? [])]) {
      const key = `${p.repo}:${keyOf(p.file, p.line, p.name)}`;
      if (!pending.has(key)) pending.set(key, p);
    }
    writeFileSync(
      pendingFile,
      JSON.stringify(
        [...pending.values()].map(({ repo, file, line, column, name, categories }) => ({ repo, file, line, column, name, categories })),
        null,
        1,
      ) + '\n',
    );
    print(`\n${pending.size} drawn findings to judge: ${pendingFile}`);
  }
  const saveFile = option('--save');
  if (saveFile) {
    const count = (t) => ({
      files: t.files,
      hits: t.hits.length,
      misses: t.misses.length,
      falseAlarms: t.falseAlarms.length,
      rightCategory: t.rightCategory,
    });
    const scores = (row) => ({
      dev: count(row.sets.dev),
      holdout: count(row.sets.holdout),
      judged: row.judged.counted.length,
      judgedCorrect: row.judged.correct.length,
      judgedRightCategory: row.judged.rightCategory.length,
      unjudged: row.judged.pending.length,
      findings: volume(row),
      seconds: Number(row.run.seconds.toFixed(2)),
      peakMb: Number.isFinite(row.run.peakMb) ? Math.round(row.run.peakMb) : null,
    });
    const at = ({ repo, file, line }) => ({ repo, file, line });
    const summary = syn.rows.map((row) => {
      const out = { repo: row.entry.id, ...scores(row) };
      const typedRow = typ?.rows.find((r) => r.entry.id === row.entry.id);
      if (typedRow) {
        const t = typedRow.run.typed;
        out.typed = {
          ...scores(typedRow),
          tsconfigs: t.used,
          unusable: t.unusable,
          typedFiles: t.summary?.typedFiles ?? 0,
          outsideFiles: t.summary?.outsideFiles ?? null,
          changes: {
            hitsLost: changed.lost.filter((x) => x.repo === row.entry.id).map((x) => ({ ...at(x), uses: x.uses, was: x.found })),
            hitsGained: changed.gained.filter((x) => x.repo === row.entry.id).map((x) => ({ ...at(x), uses: x.uses, now: x.found })),
            falseAlarmsGone: changed.alarmsGone.filter((x) => x.repo === row.entry.id).map((x) => ({ ...at(x), found: x.found })),
            falseAlarmsNew: changed.alarmsNew.filter((x) => x.repo === row.entry.id).map((x) => ({ ...at(x), found: x.found })),
          },
        };
      }
      return out;
    });
    writeFileSync(saveFile, JSON.stringify(summary, null, 1) + '\n');
  }
}

main();
if (option('--write')) writeResults(option('--write'));
