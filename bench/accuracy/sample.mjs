#!/usr/bin/env node
// Draws, with a fixed seed, what the labellers label: whole files per repository (some at random,
// some among paths that look like a data layer, so that uses are not too rare to count, and some
// SQL files), and a
// sample of Catalint's findings to judge. The draw depends only on the repositories' files and
// the seed, never on the matcher, so the file sample cannot lean towards what Catalint finds.
//
//   node bench/accuracy/sample.mjs files             the files to label, per repository
//   node bench/accuracy/sample.mjs files holdout     the held-out files, labelled after tuning
//   node bench/accuracy/sample.mjs findings <report> the findings to judge (a --format json report)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { listFiles } from '../lib/files.mjs';
import { createRandom, seedFrom } from '../lib/prng.mjs';
import { sourceDir } from './fetch.mjs';
import { REPOS, TEST_LIKE } from './repos.mjs';

const LINTED = /\.(ts|tsx|mts|cts|sql)$/;
const DATA_LAYER =
  /(model|schema|types?|api|server|service|router|repositor|db|database|migration|prisma|trpc|queries|actions|dataProvider|supabase)/i;
/** How many files each stratum gives: data-layer paths, any path, and SQL (migrations hold functions). */
export const STRATA = { dataLayer: 6, any: 6, sql: 3 };
export const MAX_LINES = 400;
export const FINDINGS_PER_REPO = 40;

const lineCount = (path) => readFileSync(path, 'utf8').split('\n').length;

/** Source files outside tests, of a size a person labels line by line. */
function candidateFiles(entry, maxSqlLines = MAX_LINES) {
  return listFiles(sourceDir(entry.id), (p) => LINTED.test(p) && !/\.d\.[mc]?ts$/.test(p))
    .filter((f) => !TEST_LIKE.test(f.rel))
    .filter((f) => {
      const lines = lineCount(f.path);
      return lines >= 10 && lines <= (f.rel.endsWith('.sql') ? maxSqlLines : MAX_LINES);
    })
    .map((f) => f.rel);
}

function draw(list, count, random) {
  const pool = [...list];
  const out = [];
  while (out.length < count && pool.length) out.push(pool.splice(Math.floor(random.next() * pool.length), 1)[0]);
  return out.sort();
}

/**
 * Held out: drawn after the matcher was tuned on the first set, labelled blind the same way,
 * and never looked at while changing the matcher, so it tells whether the changes generalise.
 */
export const HOLDOUT_STRATA = { dataLayer: 4, any: 3, sql: 1 };

/** The files of one repository to label: paths relative to its root. */
export function sampleFiles(entry, set = 'dev') {
  if (set === 'holdout') return sampleHoldout(entry);
  const random = createRandom(seedFrom(`files:${entry.id}:${entry.commit}`));
  const candidates = candidateFiles(entry);
  const chosen = draw(
    candidates.filter((rel) => DATA_LAYER.test(rel)),
    STRATA.dataLayer,
    random,
  );
  const left = () => candidates.filter((rel) => !chosen.includes(rel));
  chosen.push(...draw(left(), STRATA.any, random));
  chosen.push(
    ...draw(
      left().filter((rel) => rel.endsWith('.sql')),
      STRATA.sql,
      random,
    ),
  );
  return chosen.sort();
}

function sampleHoldout(entry) {
  const taken = new Set(sampleFiles(entry, 'dev'));
  const random = createRandom(seedFrom(`holdout:${entry.id}:${entry.commit}`));
  // Longer SQL files too: the function-heavy migrations are long.
  const candidates = candidateFiles(entry, 2 * MAX_LINES).filter((rel) => !taken.has(rel));
  const chosen = draw(
    candidates.filter((rel) => DATA_LAYER.test(rel)),
    HOLDOUT_STRATA.dataLayer,
    random,
  );
  const left = () => candidates.filter((rel) => !chosen.includes(rel));
  chosen.push(...draw(left(), HOLDOUT_STRATA.any, random));
  chosen.push(
    ...draw(
      left().filter((rel) => rel.endsWith('.sql')),
      HOLDOUT_STRATA.sql,
      random,
    ),
  );
  return chosen.sort();
}

/** A seeded sample of a repository's data findings outside test-like files. */
export function sampleFindings(entry, findings) {
  const random = createRandom(seedFrom(`findings:${entry.id}:${entry.commit}`));
  const data = findings.filter((f) => f.rule === 'consent-required' || f.rule === 'catalog-field');
  return draw(
    data.map((_, i) => i),
    FINDINGS_PER_REPO,
    random,
  ).map((i) => data[i]);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const set = process.argv.includes('holdout') ? 'holdout' : 'dev';
  for (const entry of REPOS) {
    console.log(`# ${entry.id}`);
    for (const rel of sampleFiles(entry, set)) console.log(rel);
  }
}
