/**
 * examples/connected-car is what the README's first command shows a new user: it must keep
 * showing a meaningful mix, every reported line deliberate, every trap silent.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { catalint, EXAMPLE, jsonReport, repoRoot } from './helpers';

const PREFIX = 'examples/connected-car/';

describe('cli on examples/connected-car', function () {
  // Each case starts real processes, on a machine that may be busy.
  this.timeout(60_000);

  it('reports exactly the deliberate problems, from the checkout root as the README runs it', () => {
    const r = catalint(['--format', 'json', 'examples/connected-car'], { cwd: repoRoot() });
    assert.equal(r.status, 1, r.stderr);
    const report = jsonReport(r);
    assert.deepEqual(report.failures, []);
    const problems = report.findings
      .filter((f) => f.severity === 'error' || f.severity === 'warning')
      .map((f) => `${f.file.slice(PREFIX.length)}:${f.line} ${f.severity} ${f.rule} ${f.name}`);
    assert.deepEqual(problems, [
      // A function without its directive (its neighbour has one).
      'src/crm/crm-sync.ts:23 warning consent-required lastName',
      'src/crm/crm-sync.ts:23 warning consent-required postalCode',
      // A suppression that suppresses nothing; catalint.json raises it from hint to warning.
      'src/crm/crm-sync.ts:32 warning unused-directive catalint-disable-next-line',
      // Used before the early-return guard; the use after it is covered.
      'src/marketing/mailer.ts:14 warning consent-required email',
      // A handler without requireConsent: telemetry is an error.
      'src/telemetry/ingest.ts:18 error consent-required latitude',
      'src/telemetry/ingest.ts:18 error consent-required longitude',
      'src/telemetry/ingest.ts:18 error consent-required mileage',
      // The statement directive covers line 10 only: line 12 reads the speed it took, and the trip's.
      'src/telemetry/trip-analytics.ts:12 error consent-required speed',
      'src/telemetry/trip-analytics.ts:12 error consent-required averageSpeed',
      'src/telemetry/trip-analytics.ts:15 error unknown-condition conected-drive',
      'src/telemetry/trip-analytics.ts:17 error consent-required averageSpeed',
      // Cookies need cookie-consent as well as registered-user.
      'src/web/session-tracking.ts:20 error consent-required cookies',
    ]);
  });

  it('stays silent on consented code and on the traps', () => {
    const report = jsonReport(catalint(['--format', 'json', '.'], { cwd: EXAMPLE }));
    const flagged = new Set(report.findings.filter((f) => f.rule === 'consent-required').map((f) => f.file));
    for (const file of [
      'src/customer/customer-service.ts', // file-level directive
      'src/billing/invoice.ts', // consent glob in catalint.json
      'src/dashboard/trip-chart.ts', // chart range, animation speed
      'src/ui/styles.ts', // style position and title
      'src/assistant/llm-helper.ts', // an LLM's temperature
      'src/consent.ts',
    ]) {
      assert.ok(!flagged.has(file), `${file} should be silent`);
    }
    // Near-miss: the files beside them are not.
    assert.ok(flagged.has('src/crm/crm-sync.ts') && flagged.has('src/telemetry/ingest.ts'));
  });

  it('classifies declared fields, and skips the generated folder catalint.json excludes', () => {
    const report = jsonReport(catalint(['--format', 'json', '.'], { cwd: EXAMPLE }));
    const fields = report.findings.filter((f) => f.rule === 'catalog-field');
    assert.ok(fields.some((f) => f.file === 'src/customer/customer.model.ts' && f.name === 'dateOfBirth'));
    assert.ok(!fields.some((f) => f.file === 'src/customer/customer.model.ts' && (f.name === 'fileName' || f.name === 'title')));
    assert.ok(!report.findings.some((f) => f.file.startsWith('src/generated/')));
    // Near-miss: named on the command line, the generated file is linted.
    const named = jsonReport(catalint(['--format', 'json', path.join('src', 'generated', 'crm-client.ts')], { cwd: EXAMPLE }));
    assert.ok(named.findings.some((f) => f.rule === 'consent-required' && f.name === 'email'));
  });

  it('never prints the sample data values', () => {
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const r = catalint(['--format', format, '.'], { cwd: EXAMPLE });
      assert.ok(!r.stdout.includes('news@connected-car.example'), format);
      assert.ok(!r.stdout.includes('spring-offers-2026'), format);
    }
  });
});
