/**
 * Precision and recall of `consent-required` and `catalog-field` on the labelled TypeScript
 * corpus in test/fixtures/typescript. Each fixture line may end with
 *   `// expect: <rule> <category>[, <rule> <category>...]`  findings expected on that line, or
 *   `// trap`                                               looks like data, must stay silent
 * (in JSX text, the same inside `{/* ... *\/}`).
 * A finding of a scored rule is a true positive when its line expects that rule with one of the
 * finding's categories; any other finding of that rule is a false positive; an expected label no
 * finding meets is a false negative. Every FP and FN is printed as file:line so tuning the
 * catalog is a matter of reading the list.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineMap, lint, loadConfig, packageRoot, type Config, type DataFinding, type Finding } from '../../server/src/engine';

const SCORED = ['consent-required', 'catalog-field'] as const;
type ScoredRule = (typeof SCORED)[number];

/** The bar every rule must clear; the team aims at 0.95. */
const MIN_PRECISION = 0.9;
const MIN_RECALL = 0.9;

interface Expectation {
  readonly rule: ScoredRule;
  readonly category: string;
}

interface LabelledLine {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly expect: readonly Expectation[];
  readonly trap: boolean;
}

interface Score {
  /** Expected labels: recall counts labels, not findings (one line may yield several). */
  expected: number;
  tp: number;
  fp: string[];
  fn: string[];
}

function fixtureFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? fixtureFiles(path.join(dir, e.name)) : /\.(ts|tsx|mts|cts)$/.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

const LABEL = /(?:\/\/|\{\/\*)\s*(expect:\s*(.+?)|trap)\s*(?:\*\/\})?\s*$/;

/** Reads the labels of a fixture; a malformed label fails loudly rather than scoring nothing. */
function labels(file: string, text: string): Map<number, LabelledLine> {
  const out = new Map<number, LabelledLine>();
  text.split(/\r\n|\r|\n/).forEach((content, i) => {
    const m = LABEL.exec(content);
    if (!m) return;
    const line = i + 1;
    if (m[1] === 'trap') {
      out.set(line, { file, line, expect: [], trap: true });
      return;
    }
    const expect = m[2].split(',').map((part) => {
      const [rule, category, ...rest] = part.trim().split(/\s+/);
      if (!SCORED.includes(rule as ScoredRule) || !category || rest.length > 0) {
        throw new Error(`${file}:${line}: malformed label "${part.trim()}" (want "<consent-required|catalog-field> <category>")`);
      }
      return { rule: rule as ScoredRule, category };
    });
    out.set(line, { file, line, expect, trap: false });
  });
  return out;
}

function isScored(f: Finding): f is DataFinding {
  return f.rule === 'consent-required' || f.rule === 'catalog-field';
}

describe('precision and recall on the labelled TypeScript corpus', function () {
  // The repository is the package: found by walking up, whatever outDir the test was compiled to.
  const root = packageRoot();
  const corpus = path.join(root, 'test', 'fixtures', 'typescript');
  let config: Config;
  const scores: Record<ScoredRule, Score> = {
    'consent-required': { expected: 0, tp: 0, fp: [], fn: [] },
    'catalog-field': { expected: 0, tp: 0, fp: [], fn: [] },
  };
  let labelled = 0;
  let traps = 0;

  before(function () {
    // Parses and lints the whole corpus once; generous for a loaded CI machine.
    this.timeout(60_000);
    config = loadConfig({ root: corpus });
    for (const file of fixtureFiles(corpus)) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(root, file).split(path.sep).join('/');
      const expected = labels(rel, text);
      for (const l of expected.values()) {
        for (const e of l.expect) {
          // A misspelt category would only ever score as a miss; say what is wrong instead.
          if (!config.catalog.categories.has(e.category)) throw new Error(`${rel}:${l.line}: unknown category "${e.category}" in label`);
        }
      }
      labelled += expected.size;
      traps += [...expected.values()].filter((l) => l.trap).length;
      const lines = new LineMap(text);
      const met = new Set<string>();
      for (const f of lint({ text, path: file }, config).findings) {
        if (!isScored(f)) continue;
        const line = lines.position(f.span.start).line + 1;
        const wanted = expected.get(line)?.expect.filter((e) => e.rule === f.rule && f.match.categories.includes(e.category)) ?? [];
        if (wanted.length > 0) {
          scores[f.rule].tp++;
          wanted.forEach((e) => met.add(`${line} ${e.rule} ${e.category}`));
        } else {
          scores[f.rule].fp.push(`${rel}:${line}: ${f.rule} "${f.name}" [${f.match.categories.join(' ')}] via "${f.match.term}"${f.match.context ? ` (context ${f.match.context})` : ''}`);
        }
      }
      for (const l of expected.values()) {
        for (const e of l.expect) {
          scores[e.rule].expected++;
          if (!met.has(`${l.line} ${e.rule} ${e.category}`)) scores[e.rule].fn.push(`${rel}:${l.line}: ${e.rule} ${e.category}`);
        }
      }
    }
  });

  it('has a corpus of at least 200 labelled lines, 60 of them traps', function () {
    assert.ok(labelled >= 200, `only ${labelled} labelled lines`);
    assert.ok(traps >= 60, `only ${traps} traps`);
  });

  for (const rule of SCORED) {
    it(`scores ${rule} at precision >= ${MIN_PRECISION} and recall >= ${MIN_RECALL}`, function () {
      const s = scores[rule];
      const precision = s.tp / Math.max(1, s.tp + s.fp.length);
      const recall = s.expected === 0 ? 0 : (s.expected - s.fn.length) / s.expected;
      console.log(`      ${rule}: precision ${precision.toFixed(3)} (${s.tp} TP, ${s.fp.length} FP), recall ${recall.toFixed(3)} (${s.fn.length} FN)`);
      for (const fp of s.fp) console.log(`        FP ${fp}`);
      for (const fn of s.fn) console.log(`        FN ${fn}`);
      assert.ok(precision >= MIN_PRECISION, `${rule} precision ${precision.toFixed(3)} < ${MIN_PRECISION}`);
      assert.ok(recall >= MIN_RECALL, `${rule} recall ${recall.toFixed(3)} < ${MIN_RECALL}`);
    });
  }

});
