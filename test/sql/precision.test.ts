/**
 * Precision and recall of `consent-required` and `catalog-field` on the labelled SQL corpus in
 * test/fixtures/sql/<dialect>/ and of SQL inside TypeScript in test/fixtures/sql/typescript/.
 * Each fixture line may end with
 *   `-- expect: <rule> <category>[, <rule> <category>...]`  findings expected on that line, or
 *   `-- trap`                                               looks like data, must stay silent.
 * Scored as for TypeScript: a finding is a true positive when its line expects its rule with one
 * of its categories; every other finding of a scored rule is a false positive; an expected label
 * that no finding meets is a false negative. Every FP and FN is printed as file:line.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineMap, lint, loadConfig, type Config, type DataFinding, type Finding } from '../../server/src/engine';
import { repoRoot, sqlFixtures } from './harness';

const SCORED = ['consent-required', 'catalog-field'] as const;
type ScoredRule = (typeof SCORED)[number];

const MIN_PRECISION = 0.9;
const MIN_RECALL = 0.9;

interface Expectation {
  readonly rule: ScoredRule;
  readonly category: string;
}

interface Score {
  expected: number;
  tp: number;
  fp: string[];
  fn: string[];
}

/** `-- expect:` in SQL (also inside a multi-line template), `// expect:` after TypeScript. */
const LABEL = /(?:--|\/\/)\s*(expect:\s*(.+?)|trap)\s*$/;

function labels(file: string, text: string): Map<number, readonly Expectation[]> {
  const out = new Map<number, readonly Expectation[]>();
  text.split(/\r\n|\r|\n/).forEach((content, i) => {
    const m = LABEL.exec(content);
    if (!m) return;
    const line = i + 1;
    if (m[1] === 'trap') {
      out.set(line, []);
      return;
    }
    out.set(line, m[2]!.split(',').map((part) => {
      const [rule, category, ...rest] = part.trim().split(/\s+/);
      if (!SCORED.includes(rule as ScoredRule) || !category || rest.length > 0) {
        throw new Error(`${file}:${line}: malformed label "${part.trim()}" (want "<consent-required|catalog-field> <category>")`);
      }
      return { rule: rule as ScoredRule, category };
    }));
  });
  return out;
}

describe('precision and recall on the labelled SQL corpus', function () {
  const root = repoRoot();
  const corpus = path.join(root, 'test', 'fixtures', 'sql');
  let config: Config;
  const scores: Record<ScoredRule, Score> = {
    'consent-required': { expected: 0, tp: 0, fp: [], fn: [] },
    'catalog-field': { expected: 0, tp: 0, fp: [], fn: [] },
  };
  const perDialect = new Map<string, number>();
  let traps = 0;

  before(function () {
    this.timeout(60_000); // the whole corpus through lint(), on a machine that may be busy
    config = loadConfig({ root: corpus });
    for (const file of sqlFixtures(corpus)) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(root, file).split(path.sep).join('/');
      const dialect = path.basename(path.dirname(file));
      const expected = labels(rel, text);
      perDialect.set(dialect, (perDialect.get(dialect) ?? 0) + expected.size);
      traps += [...expected.values()].filter((e) => e.length === 0).length;
      const linted = lint({ text, path: file }, config);
      assert.strictEqual(linted.language, file.endsWith('.sql') ? 'sql' : 'typescript', `${rel} was not read as SQL/TypeScript`);
      const found: readonly Finding[] = linted.findings;
      const lines = new LineMap(text);
      const met = new Set<string>();
      for (const f of found) {
        if (f.rule !== 'consent-required' && f.rule !== 'catalog-field') continue;
        const d = f as DataFinding;
        const line = lines.position(d.span.start).line + 1;
        const wanted = expected.get(line)?.filter((e) => e.rule === d.rule && d.match.categories.includes(e.category)) ?? [];
        if (wanted.length > 0) {
          scores[d.rule].tp++;
          wanted.forEach((e) => met.add(`${line} ${e.rule} ${e.category}`));
        } else {
          scores[d.rule].fp.push(`${rel}:${line}: ${d.rule} "${d.name}" [${d.match.categories.join(' ')}] via "${d.match.term}" context [${d.context.join(', ')}]`);
        }
      }
      for (const [line, list] of expected) {
        for (const e of list) {
          scores[e.rule].expected++;
          if (!met.has(`${line} ${e.rule} ${e.category}`)) scores[e.rule].fn.push(`${rel}:${line}: ${e.rule} ${e.category}`);
        }
      }
    }
  });

  it('has at least 120 labelled lines over postgresql, mysql, sqlite, bigquery and SQL in TypeScript, traps included', function () {
    const total = [...perDialect.values()].reduce((a, b) => a + b, 0);
    console.log(`      ${total} labelled lines (${[...perDialect].map(([d, n]) => `${d} ${n}`).join(', ')}), ${traps} traps, scored through lint()`);
    assert.ok(total >= 120, `only ${total} labelled lines`);
    assert.ok(traps >= 40, `only ${traps} traps`);
    for (const d of ['postgresql', 'mysql', 'sqlite', 'bigquery', 'typescript']) assert.ok((perDialect.get(d) ?? 0) >= 10, `too few ${d} lines`);
  });

  for (const rule of SCORED) {
    it(`scores ${rule} at precision >= ${MIN_PRECISION} and recall >= ${MIN_RECALL}`, function () {
      const s = scores[rule];
      const precision = s.tp / Math.max(1, s.tp + s.fp.length);
      const recall = s.expected === 0 ? 0 : (s.expected - s.fn.length) / s.expected;
      console.log(`      ${rule}: precision ${precision.toFixed(3)} (${s.tp} TP, ${s.fp.length} FP), recall ${recall.toFixed(3)} (${s.fn.length} FN of ${s.expected})`);
      for (const fp of s.fp) console.log(`        FP ${fp}`);
      for (const fn of s.fn) console.log(`        FN ${fn}`);
      assert.ok(precision >= MIN_PRECISION, `${rule} precision ${precision.toFixed(3)} < ${MIN_PRECISION}`);
      assert.ok(recall >= MIN_RECALL, `${rule} recall ${recall.toFixed(3)} < ${MIN_RECALL}`);
    });
  }
});
