/**
 * The CLI's security promises beyond what test/cli covers: links to the filesystem root and
 * mutual folder links, a failed run leaving the previous --output-file byte for byte, an
 * unreadable folder listed with its reason, and no string literal's value in any format for
 * SQL files, TSX and the report file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalint, jsonReport, workspace } from '../cli/helpers';

const FLAGGED = 'export function f(customer: { email: string }) {\n  return customer.email;\n}\n';

describe('robustness: CLI security', function () {
  this.timeout(60_000);

  describe('symbolic links', () => {
    before(function () {
      if (process.platform === 'win32') this.skip();
    });

    it('a link to the filesystem root inside the tree is not followed; the run ends and says so', () => {
      const ws = workspace({ 'src/a.ts': FLAGGED });
      fs.symlinkSync('/', path.join(ws, 'src', 'root'));
      fs.symlinkSync(path.dirname(ws), path.join(ws, 'src', 'tmp'));
      const r = catalint(['--format', 'json', 'src'], { cwd: ws });
      assert.equal(r.status, 0, r.stderr);
      const report = jsonReport(r);
      assert.deepEqual(
        report.findings.filter((f) => f.rule === 'consent-required').map((f) => f.file),
        ['src/a.ts'],
      );
      assert.deepEqual(
        report.findings.filter((f) => f.rule === 'skipped-file').map((f) => f.file),
        ['src/root', 'src/tmp'],
      );
      assert.equal(report.fileCount, 1);
    });

    it('two folders linking to each other, and a link to the scanned folder itself: each file once', () => {
      const ws = workspace({ 'a/one.ts': FLAGGED, 'b/two.ts': FLAGGED });
      fs.symlinkSync(path.join('..', 'b'), path.join(ws, 'a', 'to-b'));
      fs.symlinkSync(path.join('..', 'a'), path.join(ws, 'b', 'to-a'));
      fs.symlinkSync(ws, path.join(ws, 'a', 'to-root'));
      const r = catalint(['--format', 'json'], { cwd: ws });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(
        jsonReport(r)
          .findings.filter((f) => f.rule === 'consent-required')
          .map((f) => f.file),
        ['a/one.ts', 'b/two.ts'],
      );
    });
  });

  describe('--output-file', () => {
    it('a run that fails on its configuration leaves the previous report byte for byte, and no temporary file', () => {
      const previous = '{"findings":[{"file":"old.ts"}],"failures":[],"fileCount":1}\n';
      const ws = workspace({ 'a.ts': FLAGGED, 'catalint.json': '{ "severity": \n', 'reports/report.json': previous });
      const r = catalint(['--format', 'json', '--output-file', 'reports/report.json'], { cwd: ws });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^catalint\.json:2:1: /);
      assert.equal(fs.readFileSync(path.join(ws, 'reports', 'report.json'), 'utf8'), previous);
      assert.deepEqual(fs.readdirSync(path.join(ws, 'reports')), ['report.json']);
      // Near-miss: with the configuration fixed the report is replaced.
      fs.writeFileSync(path.join(ws, 'catalint.json'), '{}\n');
      assert.equal(catalint(['--format', 'json', '--output-file', 'reports/report.json'], { cwd: ws }).status, 0);
      assert.notEqual(fs.readFileSync(path.join(ws, 'reports', 'report.json'), 'utf8'), previous);
    });
  });

  describe('unreadable input', () => {
    it('an unreadable folder is listed with its reason, exit 2, and the rest is still reported', function () {
      if (process.platform === 'win32') this.skip();
      const ws = workspace({ 'a.ts': FLAGGED, 'locked/b.ts': FLAGGED });
      fs.chmodSync(path.join(ws, 'locked'), 0o000);
      // Root reads anything: run as nobody, who must still reach the workspace itself.
      const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      if (process.getuid?.() === 0) fs.chmodSync(ws, 0o755);
      try {
        const r = catalint(['--format', 'json'], { cwd: ws, ...asUser });
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /cannot read locked: permission denied/);
        const report = jsonReport(r);
        assert.deepEqual(
          report.failures.map((f) => f.file),
          ['locked'],
        );
        assert.deepEqual(
          report.findings.filter((f) => f.rule === 'consent-required').map((f) => f.file),
          ['a.ts'],
        );
      } finally {
        fs.chmodSync(path.join(ws, 'locked'), 0o755);
      }
    });
  });

  describe('data values', () => {
    const VALUES = ['anna@example.com', 'Anna', '+33 6 12', '1984-02-29', 'WBA12345'];
    let ws: string;
    before(() => {
      ws = workspace({
        'db/customers.sql': [
          "SELECT email, phone FROM customers WHERE email = 'anna@example.com' AND first_name = 'Anna';",
          "UPDATE customers SET phone = '+33 6 12 34 56 78', date_of_birth = DATE '1984-02-29' WHERE email = 'anna@example.com';",
          "INSERT INTO vehicles (vin, mileage) VALUES ('WBA12345', 120000);",
          '',
        ].join('\n'),
        'src/card.tsx': [
          'export function Card(props: { customer: { email: string } }) {',
          '  return <a href="mailto:anna@example.com" title={`Anna ${props.customer.email}`}>{props.customer.email}</a>;',
          '}',
          '',
        ].join('\n'),
        'src/repo.ts': [
          "const seed = { 'anna@example.com': 1, dateOfBirth: '1984-02-29', vin: 'WBA12345' };",
          "export const q = (db: Db, customer: Customer) => db.query(`SELECT email FROM customers WHERE email = 'anna@example.com' AND id = ${customer.id}`);",
          '',
        ].join('\n'),
      });
    });

    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      it(`${format}, to stdout and to --output-file, names the columns and fields but never their values`, () => {
        const r = catalint(['--format', format], { cwd: ws });
        assert.ok(/email/.test(r.stdout) && /vin|mileage/.test(r.stdout), `findings are reported at all:\n${r.stdout}`);
        catalint(['--format', format, '--output-file', `report.${format}`], { cwd: ws });
        const written = fs.readFileSync(path.join(ws, `report.${format}`), 'utf8');
        fs.rmSync(path.join(ws, `report.${format}`));
        for (const value of VALUES) {
          for (const [where, text] of [
            ['stdout', r.stdout],
            ['stderr', r.stderr],
            ['the report file', written],
          ]) {
            assert.ok(!text.includes(value), `${format} ${where} contains ${value}`);
          }
        }
      });
    }
  });
});
