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

/** Runs the CLI as a user would, from the repository's root; returns its data findings. */
function lintRepo(entry) {
  const dir = fetchRepo(entry);
  const out = join(accuracyDir, 'reports', `${entry.id}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const r = spawnSync(process.execPath, [cliBin, '.', '--format', 'json', '--output-file', out], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${entry.id}: catalint exited ${r.status}\n${r.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  return report.findings.filter((f) => DATA_RULES.has(f.rule));
}

const inSample = (entry, f) =>
  seedFrom(`verdict:${entry.id}:${keyOf(f.file, f.line, f.name)}`) / 2 ** 32 < entry.verdictRate;

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

function main() {
  const rows = [];
  const all = { names: 0, namesFound: 0, hits: [], misses: [], falseAlarms: [], rightCategory: 0, counted: [], correct: [], verdictRight: [], pending: [] };
  for (const entry of REPOS) {
    const findings = lintRepo(entry);
    const labels = readJson(join(here, 'labels', `${entry.id}.files.json`), { files: {} });
    const verdicts = readJson(join(here, 'labels', `${entry.id}.verdicts.json`), { verdicts: [] }).verdicts;
    const files = scoreFiles(labels, findings);
    const judged = scoreVerdicts(entry, findings, verdicts);
    rows.push({ entry, findings, files, judged, labelledFiles: Object.keys(labels.files).length });
    all.hits.push(...files.hits);
    all.misses.push(...files.misses.map((m) => ({ ...m, repo: entry.id })));
    all.falseAlarms.push(...files.falseAlarms.map((m) => ({ ...m, repo: entry.id })));
    all.names += files.names;
    all.namesFound += files.namesFound;
    all.rightCategory += files.rightCategory;
    all.counted.push(...judged.counted);
    all.correct.push(...judged.correct);
    all.verdictRight.push(...judged.rightCategory);
    all.pending.push(...judged.pending.map((f) => ({ repo: entry.id, ...f })));
    for (const j of judged.counted) if (j.verdict.verdict === 'false') all.falseAlarms.push({ repo: entry.id, judged: true, finding: j.finding, cause: j.verdict.cause });
  }

  const head = `${pad('repository', 16)} ${padl('files', 5)} ${padl('labels', 6)} ${padl('recall', 6)} ${padl('prec.', 6)} ${padl('categ.', 6)} | ${padl('judged', 6)} ${padl('prec.', 6)} ${padl('categ.', 6)} ${padl('unjudged', 8)} | ${padl('findings', 8)}`;
  console.log(head);
  console.log('-'.repeat(head.length));
  for (const { entry, findings, files, judged, labelledFiles } of rows) {
    const labels = files.hits.length + files.misses.length;
    const found = files.hits.length + files.falseAlarms.length;
    console.log(
      `${pad(entry.id, 16)} ${padl(labelledFiles, 5)} ${padl(labels, 6)} ${padl(ratio(files.hits.length, labels), 6)} ${padl(ratio(files.hits.length, found), 6)} ${padl(ratio(files.rightCategory, files.hits.length), 6)} | ${padl(judged.counted.length, 6)} ${padl(ratio(judged.correct.length, judged.counted.length), 6)} ${padl(ratio(judged.rightCategory.length, judged.correct.length), 6)} ${padl(judged.pending.length, 8)} | ${padl(findings.filter((f) => !TEST_LIKE.test(f.file)).length, 8)}`,
    );
  }
  const labels = all.hits.length + all.misses.length;
  const fileFalse = all.falseAlarms.filter((f) => !f.judged).length;
  console.log('-'.repeat(head.length));
  console.log(
    `${pad('total', 16)} ${padl(rows.reduce((s, r) => s + r.labelledFiles, 0), 5)} ${padl(labels, 6)} ${padl(ratio(all.hits.length, labels), 6)} ${padl(ratio(all.hits.length, all.hits.length + fileFalse), 6)} ${padl(ratio(all.rightCategory, all.hits.length), 6)} | ${padl(all.counted.length, 6)} ${padl(ratio(all.correct.length, all.counted.length), 6)} ${padl(ratio(all.verdictRight.length, all.correct.length), 6)} ${padl(all.pending.length, 8)} |`,
  );
  console.log(
    '\nrecall, prec., categ. (left): lines of the labelled files; judged (right): a stable sample of all findings outside tests.',
  );
  console.log(`names (not lines) found on the labelled files: ${all.namesFound} of ${all.names} (${ratio(all.namesFound, all.names)})`);

  console.log('\nMisses by construct (labelled files):');
  for (const [k, n] of groupBy(all.misses, (m) => [...new Set(m.uses.map((u) => u.construct ?? 'unspecified'))].join(', '))) console.log(`  ${padl(n, 4)}  ${k}`);
  console.log('\nFalse alarms by cause:');
  for (const [k, n] of groupBy(all.falseAlarms, (f) => (f.judged ? `judged: ${f.cause ?? 'no cause given'}` : `labelled file: ${f.found[0].categories.join('|')} (${f.found[0].term ?? f.found[0].name})`))) console.log(`  ${padl(n, 4)}  ${k}`);
  console.log('\nWrong category (labelled files):');
  for (const [k, n] of groupBy(
    all.hits.filter((h) => !h.found.some((f) => f.categories.some((c) => h.uses.some((u) => u.categories.includes(c))))),
    (h) => `${h.found[0].categories.join('|')} for ${h.uses[0].categories.join('|')}`,
  ))
    console.log(`  ${padl(n, 4)}  ${k}`);

  if (details) {
    console.log('\nMisses:');
    for (const m of all.misses) console.log(`  ${m.repo}/${m.file}:${m.line}  ${m.uses.map((u) => `${u.name} ${u.categories.join('|')} ${u.construct}`).join('; ')}`);
    console.log('\nFalse alarms:');
    for (const f of all.falseAlarms)
      console.log(
        f.judged
          ? `  ${f.repo}/${f.finding.file}:${f.finding.line}  ${f.finding.name}  ${f.finding.categories.join('|')}  judged: ${f.cause ?? ''}`
          : `  ${f.repo}/${f.file}:${f.line}  ${f.found.map((g) => `${g.name} ${g.categories.join('|')}`).join('; ')}  labelled file`,
      );
  }
  const pendingFile = option('--pending');
  if (pendingFile) {
    writeFileSync(pendingFile, JSON.stringify(all.pending.map(({ repo, file, line, column, name, categories }) => ({ repo, file, line, column, name, categories })), null, 1) + '\n');
    console.log(`\n${all.pending.length} drawn findings to judge: ${pendingFile}`);
  }
  const saveFile = option('--save');
  if (saveFile) {
    const summary = rows.map(({ entry, files, judged }) => ({
      repo: entry.id,
      hits: files.hits.length,
      names: files.names,
      namesFound: files.namesFound,
      misses: files.misses.length,
      falseAlarms: files.falseAlarms.length,
      rightCategory: files.rightCategory,
      judged: judged.counted.length,
      judgedCorrect: judged.correct.length,
      judgedRightCategory: judged.rightCategory.length,
      unjudged: judged.pending.length,
    }));
    writeFileSync(saveFile, JSON.stringify(summary, null, 1) + '\n');
  }
}

main();
