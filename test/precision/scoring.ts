/**
 * Precision and recall on labelled fixtures, shared by the TypeScript and SQL corpora. A fixture
 * line may end with a label comment:
 *   `expect: <rule> <category>[, <rule> <category>...]`  findings expected on that line, or
 *   `trap`                                               looks like data, must stay silent.
 * A finding of a scored rule is a true positive when its line expects that rule with one of the
 * finding's categories; any other finding of that rule is a false positive; an expected label no
 * finding meets is a false negative. Every FP and FN is kept as file:line for the report.
 */
import * as assert from 'node:assert';
import { LineMap, type Catalog, type DataFinding, type Finding } from '../../server/src/engine';

export const SCORED = ['consent-required', 'catalog-field'] as const;
export type ScoredRule = (typeof SCORED)[number];

/** The bar every rule must clear; the team aims at 0.95. */
export const MIN_PRECISION = 0.9;
export const MIN_RECALL = 0.9;

export interface Expectation {
  readonly rule: ScoredRule;
  readonly category: string;
}

/** Expectations per 1-based line; an empty list is a trap. */
export type Labels = Map<number, readonly Expectation[]>;

export interface Score {
  /** Expected labels: recall counts labels, not findings (one line may yield several). */
  expected: number;
  tp: number;
  fp: string[];
  fn: string[];
}

/**
 * Reads the labels of a fixture. `pattern`'s group 1 is `trap` or `expect: ...`, group 2 the list.
 * A malformed label, or one naming a category the catalog lacks, fails loudly rather than
 * scoring as a miss.
 */
export function readLabels(file: string, text: string, pattern: RegExp, catalog: Catalog): Labels {
  const out: Labels = new Map();
  text.split(/\r\n|\r|\n/).forEach((content, i) => {
    const m = pattern.exec(content);
    if (!m) return;
    const line = i + 1;
    if (m[1] === 'trap') {
      out.set(line, []);
      return;
    }
    out.set(
      line,
      m[2].split(',').map((part) => {
        const [rule, category, ...rest] = part.trim().split(/\s+/);
        if (!SCORED.includes(rule as ScoredRule) || !category || rest.length > 0) {
          throw new Error(`${file}:${line}: malformed label "${part.trim()}" (want "<consent-required|catalog-field> <category>")`);
        }
        if (!catalog.categories.has(category)) throw new Error(`${file}:${line}: unknown category "${category}" in label`);
        return { rule: rule as ScoredRule, category };
      }),
    );
  });
  return out;
}

export class Scoreboard {
  readonly scores: Record<ScoredRule, Score> = {
    'consent-required': { expected: 0, tp: 0, fp: [], fn: [] },
    'catalog-field': { expected: 0, tp: 0, fp: [], fn: [] },
  };

  /** Scores one fixture's findings against its labels. */
  add(file: string, text: string, labels: Labels, findings: readonly Finding[]): void {
    const lines = new LineMap(text);
    const met = new Set<string>();
    for (const f of findings) {
      if (f.rule !== 'consent-required' && f.rule !== 'catalog-field') continue;
      const d: DataFinding = f;
      const line = lines.position(d.span.start).line + 1;
      const wanted = labels.get(line)?.filter((e) => e.rule === d.rule && d.match.categories.includes(e.category)) ?? [];
      if (wanted.length > 0) {
        this.scores[d.rule].tp++;
        wanted.forEach((e) => met.add(`${line} ${e.rule} ${e.category}`));
      } else {
        this.scores[d.rule].fp.push(
          `${file}:${line}: ${d.rule} "${d.name}" [${d.match.categories.join(' ')}] via "${d.match.term}" context [${d.context.join(', ')}]`,
        );
      }
    }
    for (const [line, list] of labels) {
      for (const e of list) {
        this.scores[e.rule].expected++;
        if (!met.has(`${line} ${e.rule} ${e.category}`)) this.scores[e.rule].fn.push(`${file}:${line}: ${e.rule} ${e.category}`);
      }
    }
  }

  /** Prints the figures with every FP and FN, then asserts the bar. */
  check(rule: ScoredRule): void {
    const s = this.scores[rule];
    const precision = s.tp / Math.max(1, s.tp + s.fp.length);
    const recall = s.expected === 0 ? 0 : (s.expected - s.fn.length) / s.expected;
    console.log(
      `      ${rule}: precision ${precision.toFixed(3)} (${s.tp} TP, ${s.fp.length} FP), recall ${recall.toFixed(3)} (${s.fn.length} FN of ${s.expected})`,
    );
    for (const fp of s.fp) console.log(`        FP ${fp}`);
    for (const fn of s.fn) console.log(`        FN ${fn}`);
    assert.ok(precision >= MIN_PRECISION, `${rule} precision ${precision.toFixed(3)} < ${MIN_PRECISION}`);
    assert.ok(recall >= MIN_RECALL, `${rule} recall ${recall.toFixed(3)} < ${MIN_RECALL}`);
  }
}
