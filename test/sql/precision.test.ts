/**
 * Precision and recall of `consent-required` and `catalog-field` on the labelled SQL corpus in
 * test/fixtures/sql/<dialect>/ and of SQL inside TypeScript in test/fixtures/sql/typescript/:
 * labels as `-- expect: ...` or `-- trap` at the end of a line (`// ...` after TypeScript);
 * scoring shared with the TypeScript corpus in test/precision/scoring.ts.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, loadConfig } from '../../server/src/engine';
import { readLabels, Scoreboard, SCORED, MIN_PRECISION, MIN_RECALL } from '../precision/scoring';
import { repoRoot, sqlFixtures } from './harness';

/** `-- expect:` in SQL (also inside a multi-line template), `// expect:` after TypeScript. */
const LABEL = /(?:--|\/\/)\s*(expect:\s*(.+?)|trap)\s*$/;

describe('precision and recall on the labelled SQL corpus', function () {
  const root = repoRoot();
  const corpus = path.join(root, 'test', 'fixtures', 'sql');
  const board = new Scoreboard();
  const perDialect = new Map<string, number>();
  let traps = 0;

  before(function () {
    this.timeout(60_000); // the whole corpus through lint(), on a machine that may be busy
    const config = loadConfig({ root: corpus });
    for (const file of sqlFixtures(corpus)) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(root, file).split(path.sep).join('/');
      const dialect = path.basename(path.dirname(file));
      const labels = readLabels(rel, text, LABEL, config.catalog);
      perDialect.set(dialect, (perDialect.get(dialect) ?? 0) + labels.size);
      traps += [...labels.values()].filter((e) => e.length === 0).length;
      const linted = lint({ text, path: file }, config);
      assert.strictEqual(linted.language, file.endsWith('.sql') ? 'sql' : 'typescript', `${rel} was not read as SQL/TypeScript`);
      board.add(rel, text, labels, linted.findings);
    }
  });

  it('has at least 120 labelled lines over postgresql, mysql, sqlite, bigquery and SQL in TypeScript, traps included', function () {
    const total = [...perDialect.values()].reduce((a, b) => a + b, 0);
    console.log(
      `      ${total} labelled lines (${[...perDialect].map(([d, n]) => `${d} ${n}`).join(', ')}), ${traps} traps, scored through lint()`,
    );
    assert.ok(total >= 120, `only ${total} labelled lines`);
    assert.ok(traps >= 40, `only ${traps} traps`);
    for (const d of ['postgresql', 'mysql', 'sqlite', 'bigquery', 'typescript'])
      assert.ok((perDialect.get(d) ?? 0) >= 10, `too few ${d} lines`);
  });

  for (const rule of SCORED) {
    it(`scores ${rule} at precision >= ${MIN_PRECISION} and recall >= ${MIN_RECALL}`, () => board.check(rule));
  }
});
