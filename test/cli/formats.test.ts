/**
 * Each output format, from the real process: the JSON contract, SARIF's structure, GitHub's
 * workflow commands, the stylish layout; and no format ever prints a string literal's value.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, catalint, jsonReport, SOURCES, workspace, type JsonFinding } from './helpers';

const files = {
  'src/a.ts': SOURCES.personalUnconsented,
  'src/b.ts': SOURCES.telemetryUnconsented,
  'src/c.ts': SOURCES.clean,
  // The wrong condition in scope: the finding says what is declared and what is required.
  'src/d.ts': ['// @consent registered-user', 'export function h(customer: { email: string }) {', '  return customer.email;', '}', ''].join(
    '\n',
  ),
  'src/e.ts': SOURCES.personalConsented,
};

describe('cli formats', function () {
  // Each case starts real processes, on a machine that may be busy.
  this.timeout(60_000);

  let ws: string;
  before(() => {
    ws = workspace(files);
  });

  describe('json', () => {
    it('is one object whose findings carry every field of the contract', () => {
      const r = catalint(['--format', 'json', 'src'], { cwd: ws });
      assert.equal(r.status, 1, r.stderr);
      const report = jsonReport(r);
      assert.deepEqual(Object.keys(report).slice(0, 1), ['findings']);
      assert.ok(report.findings.length > 0);
      for (const f of report.findings) {
        for (const key of ['file', 'rule', 'severity', 'name', 'message'] as const) assert.equal(typeof f[key], 'string', key);
        for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) assert.ok(Number.isInteger(f[key]) && f[key] >= 1, key);
        assert.ok(['error', 'warning', 'information', 'hint'].includes(f.severity));
        for (const key of ['categories', 'required', 'declared'] as const)
          assert.ok(Array.isArray(f[key]) && f[key].every((x) => typeof x === 'string'), key);
        assert.ok(f.kind === null || f.kind === 'personal' || f.kind === 'telemetry');
      }
    });

    it('reports a personal use as a warning with 1-based positions of the name', () => {
      const report = jsonReport(catalint(['--format', 'json', 'src'], { cwd: ws }));
      const use = only(report.findings, (f) => f.file === 'src/a.ts' && f.rule === 'consent-required');
      // `  return customer.email;`: email starts at column 19 and ends before column 24.
      assert.deepEqual(
        { line: use.line, column: use.column, endLine: use.endLine, endColumn: use.endColumn },
        { line: 2, column: 19, endLine: 2, endColumn: 24 },
      );
      assert.equal(use.severity, 'warning');
      assert.equal(use.kind, 'personal');
      assert.equal(use.name, 'email');
      assert.deepEqual(use.categories, ['contact.email']);
      assert.deepEqual(use.required, ['customer-consent']);
      assert.deepEqual(use.declared, []);
    });

    it('reports telemetry as an error, and a wrong condition as declared but not required', () => {
      const report = jsonReport(catalint(['--format', 'json', 'src'], { cwd: ws }));
      const telemetry = only(report.findings, (f) => f.file === 'src/b.ts' && f.rule === 'consent-required');
      assert.equal(telemetry.severity, 'error');
      assert.equal(telemetry.kind, 'telemetry');
      assert.deepEqual(telemetry.required, ['connected-drive']);

      const wrong = only(report.findings, (f) => f.file === 'src/d.ts' && f.rule === 'consent-required');
      assert.deepEqual(wrong.declared, ['registered-user']);
      assert.deepEqual(wrong.required, ['customer-consent']);
    });

    it('leaves consented uses and plain code out (near-miss)', () => {
      const report = jsonReport(catalint(['--format', 'json', 'src'], { cwd: ws }));
      assert.deepEqual(
        report.findings.filter((f) => f.file === 'src/e.ts' && f.rule === 'consent-required'),
        [],
      );
      assert.deepEqual(
        report.findings.filter((f) => f.file === 'src/c.ts'),
        [],
      );
    });

    it('gives file paths relative to the working directory, with forward slashes', () => {
      const name = path.basename(ws);
      const fromParent = jsonReport(catalint(['--format', 'json', path.join(name, 'src')], { cwd: path.dirname(ws) }));
      const files = new Set(fromParent.findings.map((f) => f.file));
      assert.ok(files.has(`${name}/src/a.ts`), [...files].join(', '));
      const fromInside = jsonReport(catalint(['--format', 'json'], { cwd: path.join(ws, 'src') }));
      assert.ok(fromInside.findings.some((f) => f.file === 'a.ts'));
    });

    it('lists findings sorted by file and position, the same on every run', () => {
      const first = catalint(['--format', 'json', 'src'], { cwd: ws }).stdout;
      const report = JSON.parse(first) as { findings: JsonFinding[] };
      const keys = report.findings.map((f) => [f.file, f.line, f.column] as const);
      const sorted = [...keys].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1] || x[2] - y[2]));
      assert.deepEqual(keys, sorted);
      assert.equal(catalint(['--format', 'json', 'src'], { cwd: ws }).stdout, first);
    });
  });

  describe('sarif', () => {
    it('is SARIF 2.1.0 with a rule table and located results', () => {
      const r = catalint(['--format', 'sarif', 'src'], { cwd: ws });
      assert.equal(r.status, 1, r.stderr);
      const log = JSON.parse(r.stdout) as Sarif;
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      assert.equal(log.runs.length, 1);
      const run = log.runs[0];
      const driver = run.tool.driver;
      assert.equal(driver.name, 'Catalint');
      assert.match(driver.version, /^\d+\.\d+\.\d+/);
      assert.match(driver.informationUri, /^https:\/\//);
      assert.equal(run.columnKind, 'utf16CodeUnits');
      for (const rule of driver.rules) {
        assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text, rule.id);
        // The same page the editor links each diagnostic to.
        assert.equal(rule.helpUri, `https://github.com/catalint/catalint/blob/main/README.md#rule-${rule.id}`);
      }
      assert.equal(new Set(driver.rules.map((x) => x.id)).size, driver.rules.length, 'one rule per id');

      const json = jsonReport(catalint(['--format', 'json', 'src'], { cwd: ws }));
      assert.equal(run.results.length, json.findings.length);
      run.results.forEach((result, i) => {
        const f = json.findings[i];
        assert.equal(result.ruleId, f.rule);
        assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
        assert.ok(['error', 'warning', 'note'].includes(result.level));
        assert.equal(result.message.text, f.message);
        const loc = result.locations[0].physicalLocation;
        assert.equal(loc.artifactLocation.uri, f.file);
        assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
        assert.deepEqual(loc.region, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
        assert.deepEqual(result.properties.categories, f.categories);
        assert.deepEqual(result.properties.required, f.required);
        assert.deepEqual(result.properties.declared, f.declared);
      });
      const fingerprints = run.results.map((x) => x.partialFingerprints['catalintFinding/v1']);
      assert.equal(new Set(fingerprints).size, fingerprints.length, 'fingerprints are unique');
      assert.ok(run.originalUriBaseIds['%SRCROOT%'].uri.startsWith('file://'));
      assert.equal(run.invocations[0].executionSuccessful, true);
    });

    it('maps severities to SARIF levels', () => {
      const log = JSON.parse(catalint(['--format', 'sarif', 'src'], { cwd: ws }).stdout) as Sarif;
      const levels = new Map(
        log.runs[0].results.map((x) => [`${x.locations[0].physicalLocation.artifactLocation.uri}:${x.ruleId}`, x.level]),
      );
      assert.equal(levels.get('src/a.ts:consent-required'), 'warning');
      assert.equal(levels.get('src/b.ts:consent-required'), 'error');
      assert.equal(levels.get('src/a.ts:catalog-field'), 'note');
    });

    it("keeps a finding's fingerprint when lines are added above it (near-miss: a different name changes it)", () => {
      const shifted = workspace({ 'src/a.ts': '\n\n' + SOURCES.personalUnconsented, 'src/b.ts': SOURCES.telemetryUnconsented });
      const print = (dir: string, file: string) =>
        (JSON.parse(catalint(['--format', 'sarif', 'src'], { cwd: dir }).stdout) as Sarif).runs[0].results
          .filter((x) => x.ruleId === 'consent-required' && x.locations[0].physicalLocation.artifactLocation.uri === file)
          .map((x) => x.partialFingerprints['catalintFinding/v1']);
      assert.deepEqual(print(shifted, 'src/a.ts'), print(ws, 'src/a.ts'));
      assert.notDeepEqual(print(ws, 'src/b.ts'), print(ws, 'src/a.ts'));
    });
  });

  describe('github', () => {
    const COMMAND = /^::(error|warning|notice) file=([^,]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^,:]*)::(.*)$/;

    it('prints one workflow command per problem', () => {
      const r = catalint(['--format', 'github', 'src'], { cwd: ws });
      assert.equal(r.status, 1, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      const parsed = lines.map((l) => {
        const m = COMMAND.exec(l);
        assert.ok(m, `not a workflow command: ${l}`);
        return { level: m[1], file: m[2], line: Number(m[3]), col: Number(m[4]), message: m[8] };
      });
      assert.deepEqual(
        parsed.map((p) => `${p.level} ${p.file}:${p.line}:${p.col}`),
        ['warning src/a.ts:2:19', 'error src/b.ts:2:18', 'warning src/d.ts:3:19'],
      );
      assert.ok(parsed.every((p) => p.message.length > 0));
    });

    it('escapes commas and colons in file names (near-miss: a plain name is left as is)', () => {
      const odd = workspace({ 'we,ird:name.ts': SOURCES.telemetryUnconsented, 'plain.ts': SOURCES.telemetryUnconsented });
      const out = catalint(['--format', 'github'], { cwd: odd }).stdout;
      assert.match(out, /^::error file=we%2Cird%3Aname\.ts,line=2,/m);
      assert.match(out, /^::error file=plain\.ts,line=2,/m);
    });
  });

  describe('stylish', () => {
    it('groups problems under their file and ends with a summary', () => {
      const r = catalint(['src'], { cwd: ws });
      assert.equal(r.status, 1, r.stderr);
      const lines = r.stdout.split('\n');
      const header = lines.indexOf('src/a.ts');
      assert.ok(header >= 0, r.stdout);
      assert.match(lines[header + 1], /^\s+2:19\s+warning\s+.+\s+consent-required$/);
      assert.match(r.stdout, /✖ 3 problems \(1 error, 2 warnings\) in \d+ files? of 5 analysed/);
      assert.match(r.stdout, /^  Top categories: .+\(\d+\)/m);
      assert.match(r.stdout, /^  Top folders: +src \(\d+\)/m);
      // Classifications are counted, not listed.
      assert.match(r.stdout, /Not listed: \d+ information findings?/);
      assert.doesNotMatch(r.stdout, /catalog-field/);
    });

    it('says so when there is nothing to report (near-miss of the above)', () => {
      const clean = workspace({ 'a.ts': SOURCES.clean, 'b.ts': SOURCES.personalConsented });
      const r = catalint([], { cwd: clean });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /✔ No problems in 2 files/);
    });

    it('never sends control characters from names or paths, nor starts a line a CI reads as a command', () => {
      const hostile = workspace({
        // A quoted SQL name may hold ESC: the name is still an e-mail column, shown escaped.
        'q.sql': 'SELECT "email\u001b" FROM customers;\n',
        '::error file=a.ts::pwned.ts': SOURCES.personalUnconsented,
      });
      const r = catalint(['.'], { cwd: hostile });
      assert.ok(r.stdout.includes('email\\u001b'), r.stdout);
      assert.doesNotMatch(r.stdout, /\u001b/);
      assert.doesNotMatch(r.stdout, /^::/m);
      assert.match(r.stdout, /^ ::error file=a\.ts::pwned\.ts$/m, 'the file is still named');
      // Near miss: --format github escapes in its own way and must keep its commands.
      assert.match(catalint(['--format', 'github', '.'], { cwd: hostile }).stdout, /^::warning file=/m);
    });

    it('has no colour codes when stdout is not a terminal, even without NO_COLOR', () => {
      const r = catalint(['src'], { cwd: ws, env: { NO_COLOR: '' } });
      assert.doesNotMatch(r.stdout, /\u001b\[/);
    });

    it('colours a terminal, unless NO_COLOR is set', function () {
      // `script` gives the program a pseudo-terminal as stdout.
      if (spawnSync('script', ['--version']).status !== 0) this.skip();
      const inTerminal = (env: NodeJS.ProcessEnv) =>
        spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} src`, '/dev/null'], {
          cwd: ws,
          encoding: 'utf8',
          env,
        }).stdout;
      const { NO_COLOR: _, ...withoutNoColor } = process.env;
      assert.match(inTerminal(withoutNoColor), /\u001b\[31merror/);
      const plain = inTerminal({ ...withoutNoColor, NO_COLOR: '1' });
      assert.match(plain, /2:18 +error/);
      assert.doesNotMatch(plain, /\u001b\[/);
    });
  });

  describe('every format', () => {
    for (const format of ['json', 'sarif']) {
      it(`${format} is exactly JSON.stringify of its value, indented by 2, though written in parts`, () => {
        const r = catalint(['--format', format, 'src'], { cwd: ws });
        assert.equal(r.stdout, JSON.stringify(JSON.parse(r.stdout), null, 2) + '\n');
        // Near-miss: no findings at all, where the parts around them meet.
        const none = catalint(['--format', format, 'src/c.ts'], { cwd: ws });
        assert.equal(none.status, 0, none.stderr);
        assert.equal(none.stdout, JSON.stringify(JSON.parse(none.stdout), null, 2) + '\n');
      });
    }

    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      it(`${format} writes the same bytes to a file as to stdout`, () => {
        const out = path.join(ws, `out.${format}`);
        try {
          const toFile = catalint(['--format', format, '-o', out, 'src'], { cwd: ws });
          assert.equal(toFile.status, 1, toFile.stderr);
          assert.equal(fs.readFileSync(out, 'utf8'), catalint(['--format', format, 'src'], { cwd: ws }).stdout);
        } finally {
          fs.rmSync(out, { force: true });
        }
      });
    }
  });

  describe('data values', () => {
    let secret: string;
    before(() => {
      secret = workspace({
        'src/contact.ts': [
          "export const contact = { email: 'anna@example.com', phone: '+33 6 12 34 56 78' };",
          'export const query = "SELECT email FROM customers WHERE email = \'anna@example.com\'";',
          'export function send(customer: { email: string }) {',
          '  return customer.email === `anna@example.com` ? 1 : 0;',
          '}',
          // Keys and guard arguments that are not names: described, never repeated.
          "export const leaked = (row: Record<string, string>) => row['sk_live_51H confirm your email'];",
          "export const keyed = { 'email me at anna@example.com': 1, 'first-name': 2 };",
          "export const guarded = (ctx: unknown) => hasConsent(ctx, 'SECRET-TOKEN abc123');",
          '',
        ].join('\n'),
      });
    });

    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      it(`${format} reports the names but never a string literal's contents`, () => {
        const r = catalint(['--format', format], { cwd: secret });
        assert.ok(r.stdout.includes('email'), `the findings are reported at all:\n${r.stdout}`);
        for (const value of ['anna@example.com', 'anna', '12 34 56', 'sk_live', 'confirm your', 'SECRET-TOKEN', 'abc123', 'email me']) {
          assert.ok(!r.stdout.includes(value) && !r.stderr.includes(value), `${format} output contains ${value}`);
        }
      });
    }
  });
});

function only(findings: readonly JsonFinding[], predicate: (f: JsonFinding) => boolean): JsonFinding {
  const matching = findings.filter(predicate);
  assert.equal(matching.length, 1, JSON.stringify(findings, null, 1));
  return matching[0];
}

interface Sarif {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: {
          id: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          help: { text: string };
          helpUri: string;
        }[];
      };
    };
    columnKind: string;
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
      partialFingerprints: Record<string, string>;
      properties: { categories: string[]; required: string[]; declared: string[] };
    }[];
  }[];
}
