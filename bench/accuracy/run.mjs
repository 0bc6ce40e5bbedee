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
//   BENCH_CLI=other/bin/catalint.js …        measure another checkout's CLI (an earlier commit)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cliBin } from '../lib/catalint.mjs';
import { seedFrom } from '../lib/prng.mjs';
import { accuracyDir, fetchRepo } from './fetch.mjs';
import { REPOS, TEST_LIKE } from './repos.mjs';

const here = dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const details = args.includes('--details');

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
/** Reports of another checkout's CLI (BENCH_CLI) are kept apart from this one's. */
const reportsDir = join(accuracyDir, process.env.BENCH_CLI ? 'reports-other' : 'reports');

/** Runs the CLI as a user would, from the repository's root; returns its data findings. */
function lintRepo(entry) {
  const dir = fetchRepo(entry);
  const out = join(reportsDir, `${entry.id}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const r = spawnSync(process.execPath, [cliBin, '.', '--format', 'json', '--output-file', out, ...includeTests], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${entry.id}: catalint exited ${r.status}\n${r.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  return report.findings.filter((f) => DATA_RULES.has(f.rule));
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

/** Everything main() prints, kept for --write. */
const printed = [];
const print = (line = '') => {
  printed.push(line);
  console.log(line);
};

/** `--write F`: the report as Markdown, with what it was measured on. */
function writeResults(file) {
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).stdout.trim();
  const repos = REPOS.map((r) => `| ${r.id} | \`${r.repo}\` at \`${r.commit.slice(0, 12)}\` | ${r.why} |`).join('\n');
  const text = `# Accuracy on real code

Made by \`npm run bench:accuracy -- --write bench/accuracy/RESULTS.md\` at commit ${commit}${process.env.BENCH_CLI ? ` (CLI: ${process.env.BENCH_CLI})` : ''}, ${new Date().toISOString().slice(0, 10)}.
How the labels were made: [LABELING.md](LABELING.md). What is measured: [run.mjs](run.mjs).

| repository | pinned | why |
|---|---|---|
${repos}

\`\`\`
${printed.join('\n')}
\`\`\`
`;
  writeFileSync(file, text);
}

function main() {
  const sets = { dev: emptyTotals(), holdout: emptyTotals() };
  const rows = [];
  const judgedAll = { counted: [], correct: [], right: [], pending: [], falseAlarms: [] };
  for (const entry of REPOS) {
    const findings = lintRepo(entry);
    const row = { entry, findings, sets: {} };
    for (const [set, suffix] of [
      ['dev', 'files'],
      ['holdout', 'holdout'],
    ]) {
      const labels = readJson(join(here, 'labels', `${entry.id}.${suffix}.json`), { files: {} });
      const scored = scoreFiles(labels, findings);
      const totals = emptyTotals();
      addTo(totals, entry.id, scored, Object.keys(labels.files).length);
      addTo(sets[set], entry.id, scored, Object.keys(labels.files).length);
      row.sets[set] = totals;
    }
    const verdicts = readJson(join(here, 'labels', `${entry.id}.verdicts.json`), { verdicts: [] }).verdicts;
    row.judged = scoreVerdicts(entry, findings, verdicts);
    judgedAll.counted.push(...row.judged.counted);
    judgedAll.correct.push(...row.judged.correct);
    judgedAll.right.push(...row.judged.rightCategory);
    judgedAll.pending.push(...row.judged.pending.map((f) => ({ repo: entry.id, ...f })));
    for (const j of row.judged.counted) {
      if (j.verdict.verdict === 'false') judgedAll.falseAlarms.push({ repo: entry.id, finding: j.finding, cause: j.verdict.cause });
    }
    rows.push(row);
  }

  const setHead = `${padl('files', 5)} ${padl('lines', 6)} ${padl('recall', 6)} ${padl('prec.', 6)} ${padl('categ.', 6)}`;
  const head = `${pad('repository', 16)} ${setHead} | ${setHead} | ${padl('judged', 6)} ${padl('prec.', 6)} ${padl('categ.', 6)} ${padl('unjudged', 8)} ${padl('findings', 8)}`;
  print(
    `${pad('', 16)} ${pad('labelled files (tuning set)', setHead.length)} | ${pad('labelled files (held out)', setHead.length)} | sample of all findings`,
  );
  print(head);
  print('-'.repeat(head.length));
  const judgedColumns = (j, findings) =>
    `${padl(j.counted.length, 6)} ${padl(ratio(j.correct.length, j.counted.length), 6)} ${padl(ratio((j.rightCategory ?? j.right).length, j.correct.length), 6)} ${padl(j.pending.length, 8)} ${padl(findings, 8)}`;
  for (const { entry, findings, sets: own, judged } of rows) {
    print(
      `${pad(entry.id, 16)} ${columns(own.dev)} | ${columns(own.holdout)} | ${judgedColumns(judged, findings.filter((f) => !TEST_LIKE.test(f.file)).length)}`,
    );
  }
  print('-'.repeat(head.length));
  const total = emptyTotals();
  for (const t of Object.values(sets)) {
    total.files += t.files;
    total.names += t.names;
    total.namesFound += t.namesFound;
    total.rightCategory += t.rightCategory;
    total.hits.push(...t.hits);
    total.misses.push(...t.misses);
    total.falseAlarms.push(...t.falseAlarms);
  }
  print(`${pad('total', 16)} ${columns(sets.dev)} | ${columns(sets.holdout)} | ${judgedColumns(judgedAll, '')}`);
  print(`${pad('both sets', 16)} ${columns(total)}`);
  // The pooled sample over-weights small repositories (all of basejump's findings are drawn);
  // what a user meets is each repository's precision weighted by how many findings it has.
  const weighted = rows.filter((r) => r.judged.counted.length > 0);
  const volume = (r) => r.findings.filter((f) => !TEST_LIKE.test(f.file)).length;
  const mass = weighted.reduce((n, r) => n + volume(r), 0);
  const precision = weighted.reduce((n, r) => n + (volume(r) * r.judged.correct.length) / r.judged.counted.length, 0) / Math.max(1, mass);
  print(`judged precision weighted by each repository's findings: ${precision.toFixed(3)}`);
  print('\nrecall, prec., categ.: lines of the labelled files (a line with a finding is found); judged: a');
  print('hash-drawn sample of all findings outside tests, each with a verdict (unjudged: drawn, no verdict yet).');
  print(`names (not lines) found on the labelled files: ${total.namesFound} of ${total.names} (${ratio(total.namesFound, total.names)})`);

  print('\nMisses by construct (labelled files, both sets):');
  for (const [k, n] of groupBy(total.misses, (m) => [...new Set(m.uses.map((u) => u.construct ?? 'unspecified'))].join(', ')))
    print(`  ${padl(n, 4)}  ${k}`);
  print('\nFalse alarms by cause (judged sample; then labelled files, by what matched):');
  for (const [k, n] of groupBy(judgedAll.falseAlarms, (f) => f.cause ?? 'no cause given')) print(`  ${padl(n, 4)}  judged: ${k}`);
  for (const [k, n] of groupBy(total.falseAlarms, (f) => `${f.found[0].categories.join('|')} (${f.found[0].term ?? f.found[0].name})`))
    print(`  ${padl(n, 4)}  labelled file: ${k}`);
  print('\nWrong category (labelled files):');
  for (const [k, n] of groupBy(
    total.hits.filter((h) => !h.found.some((f) => f.categories.some((c) => h.uses.some((u) => u.categories.includes(c))))),
    (h) => `${h.found[0].categories.join('|')} for ${h.uses[0].categories.join('|')}`,
  ))
    print(`  ${padl(n, 4)}  ${k}`);

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
  const pendingFile = option('--pending');
  if (pendingFile) {
    writeFileSync(
      pendingFile,
      JSON.stringify(
        judgedAll.pending.map(({ repo, file, line, column, name, categories }) => ({ repo, file, line, column, name, categories })),
        null,
        1,
      ) + '\n',
    );
    print(`\n${judgedAll.pending.length} drawn findings to judge: ${pendingFile}`);
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
    const summary = rows.map(({ entry, sets: own, judged }) => ({
      repo: entry.id,
      dev: count(own.dev),
      holdout: count(own.holdout),
      judged: judged.counted.length,
      judgedCorrect: judged.correct.length,
      judgedRightCategory: judged.rightCategory.length,
      unjudged: judged.pending.length,
    }));
    writeFileSync(saveFile, JSON.stringify(summary, null, 1) + '\n');
  }
}

main();
if (option('--write')) writeResults(option('--write'));
