import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { guessDialect } from '../../server/src/engine/languages/sql/dialect';
import { repoRoot, sqlFixtures } from './harness';

describe('sql dialect guess', function () {
  it('guesses the dialect of every fixture from its text alone', function () {
    const root = path.join(repoRoot(), 'test', 'fixtures', 'sql');
    const wrong = sqlFixtures(root)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => [path.relative(root, f), path.basename(path.dirname(f)), guessDialect(fs.readFileSync(f, 'utf8'))])
      .filter(([, want, got]) => want !== got);
    assert.deepStrictEqual(wrong, []);
  });

  it('reads signs in code, not in comments, and falls back to generic', function () {
    assert.strictEqual(guessDialect('-- see `users` and ENGINE=InnoDB in the docs\nSELECT 1;'), 'generic');
    assert.strictEqual(guessDialect("SELECT x::text FROM t WHERE a ILIKE 'b%';"), 'postgresql');
    assert.strictEqual(guessDialect('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);'), 'sqlite');
    assert.strictEqual(guessDialect('SELECT * FROM `proj.ds.t` QUALIFY ROW_NUMBER() OVER () = 1'), 'bigquery');
    assert.strictEqual(guessDialect('CREATE TABLE `t` (id int unsigned AUTO_INCREMENT) ENGINE=InnoDB;'), 'mysql');
  });
});
