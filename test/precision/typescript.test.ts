/**
 * Precision and recall of `consent-required` and `catalog-field` on the labelled TypeScript
 * corpus in test/fixtures/typescript: labels as `// expect: ...` or `// trap` at the end of a
 * line (in JSX text, the same inside `{/* ... *\/}`); scoring in ./scoring.ts.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, loadConfig, packageRoot } from '../../server/src/engine';
import { readLabels, Scoreboard, SCORED, MIN_PRECISION, MIN_RECALL } from './scoring';

const LABEL = /(?:\/\/|\{\/\*)\s*(expect:\s*(.+?)|trap)\s*(?:\*\/\})?\s*$/;

function fixtureFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? fixtureFiles(path.join(dir, e.name)) : /\.(ts|tsx|mts|cts)$/.test(e.name) ? [path.join(dir, e.name)] : [],
    )
    .sort();
}

describe('precision and recall on the labelled TypeScript corpus', function () {
  // The repository is the package: found by walking up, whatever outDir the test was compiled to.
  const root = packageRoot();
  const corpus = path.join(root, 'test', 'fixtures', 'typescript');
  const board = new Scoreboard();
  let labelled = 0;
  let traps = 0;

  before(function () {
    // Parses and lints the whole corpus once; generous for a loaded CI machine.
    this.timeout(60_000);
    const config = loadConfig({ root: corpus });
    for (const file of fixtureFiles(corpus)) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(root, file).split(path.sep).join('/');
      const labels = readLabels(rel, text, LABEL, config.catalog);
      labelled += labels.size;
      traps += [...labels.values()].filter((l) => l.length === 0).length;
      board.add(rel, text, labels, lint({ text, path: file }, config).findings);
    }
  });

  it('has a corpus of at least 200 labelled lines, 60 of them traps', function () {
    assert.ok(labelled >= 200, `only ${labelled} labelled lines`);
    assert.ok(traps >= 60, `only ${traps} traps`);
  });

  for (const rule of SCORED) {
    it(`scores ${rule} at precision >= ${MIN_PRECISION} and recall >= ${MIN_RECALL}`, () => board.check(rule));
  }
});
