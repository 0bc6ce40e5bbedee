/**
 * Issue 12, item 1, through the real program: a 1.2 MB SQL file of 32,000 chained CTEs (one
 * statement) used to run the CLI out of heap after 8 minutes, with an empty report. Now it gives
 * a report: the file analysed, or named as skipped with its reason; never a crash.
 */
import * as assert from 'node:assert/strict';
import { catalint, jsonReport, workspace } from '../cli/helpers';

function chainedCtes(n: number): string {
  const parts: string[] = [];
  for (let k = 1; k <= n; k++) parts.push(`a${k} AS (SELECT email FROM a${k - 1})`);
  return `WITH ${parts.join(',\n')}\nSELECT email FROM a${n};\n`;
}

describe('robustness: one huge SQL statement through the CLI', function () {
  this.timeout(120_000);

  it('32,000 chained CTEs (1.2 MB): a JSON report that holds the file, analysed or skipped with its reason', () => {
    const ws = workspace({ 'db/big.sql': chainedCtes(32_000), 'db/small.sql': 'SELECT email FROM customers;\n' });
    const r = catalint(['--format', 'json'], { cwd: ws });
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr.slice(0, 2000)}`);
    const report = jsonReport(r);
    assert.deepEqual(report.failures, []);
    const big = report.findings.filter((f) => f.file === 'db/big.sql');
    assert.ok(big.length > 0, 'no finding for db/big.sql');
    for (const f of big) {
      if (f.rule === 'skipped-file') assert.ok(f.reason, JSON.stringify(f));
      else assert.deepEqual([f.rule, f.name], ['consent-required', 'email']);
    }
    // Near-miss: the small file beside it is reported as ever.
    assert.deepEqual(
      report.findings.filter((f) => f.file === 'db/small.sql').map((f) => [f.rule, f.name, f.line]),
      [['consent-required', 'email', 1]],
    );
  });
});
