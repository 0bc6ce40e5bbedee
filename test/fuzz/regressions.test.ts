/**
 * Every input the fuzzers ever broke the engine with, kept as a file in
 * test/fixtures/regressions/ (its first comment says what broke). Each is linted with the fuzz
 * properties, and with what it must still report, so a fix that "works" by reading nothing fails.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintChecked, ROOT } from './harness';

const DIR = path.join(ROOT, 'test', 'fixtures', 'regressions');

/** What each fixture must still yield: names reported by consent-required (or a visible skip note). */
const EXPECTED: Readonly<Record<string, { readonly reported: readonly string[]; readonly mayBeSkippedFor?: RegExp }>> = {
  'deep-sql-parentheses.sql': { reported: ['email'] },
  // Five 20,000-character names: analysed, or stopped by the time budget and said so.
  'long-identifiers.ts': {
    reported: [0, 1, 2, 3, 4].map((i) => `${'customerEmailAddress'.repeat(999)}${i}`),
    mayBeSkippedFor: /time budget/,
  },
};

describe('fuzz regressions', function () {
  this.timeout(120_000);
  const files = fs
    .readdirSync(DIR)
    .filter((f) => /\.(ts|tsx|sql)$/.test(f))
    .sort();

  it('every fixture in the folder has its expectation here (near-miss: none is linted without one)', () => {
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
  });

  for (const file of files) {
    it(file, () => {
      const { reported, mayBeSkippedFor } = EXPECTED[file];
      const findings = lintChecked(fs.readFileSync(path.join(DIR, file), 'utf8'), path.join(DIR, file)).findings;
      const skip = findings.find((f) => f.rule === 'skipped-file' && mayBeSkippedFor?.test(f.message));
      if (skip) return;
      const names = findings.filter((f) => f.rule === 'consent-required').map((f) => f.name);
      for (const name of reported)
        assert.ok(
          names.includes(name),
          `${name.slice(0, 40)}… not reported; got ${JSON.stringify(findings.map((f) => `${f.rule} ${f.name.slice(0, 40)} ${f.message.slice(0, 120)}`))}`,
        );
    });
  }
});
