/**
 * Exit codes of the real process: 0 clean, 1 problems, 2 when Catalint could not do its job
 * (usage, configuration, catalog, unreadable file), each with its near-miss.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalint, jsonReport, repoRoot, SOURCES, workspace } from './helpers';

describe('cli exit codes', function () {
  // Each case starts real processes, on a machine that may be busy.
  this.timeout(60_000);

  describe('0 and 1', () => {
    it('0 when nothing is reported', () => {
      const ws = workspace({ 'a.ts': SOURCES.clean, 'b.ts': SOURCES.personalConsented });
      assert.equal(catalint([], { cwd: ws }).status, 0);
    });

    it('0 with warnings only: warnings do not fail a run unless --max-warnings says so', () => {
      const ws = workspace({ 'a.ts': SOURCES.personalUnconsented });
      const r = catalint([], { cwd: ws });
      assert.equal(r.status, 0, r.stdout);
      assert.match(r.stdout, /1 warning/);
    });

    it('1 on an error', () => {
      const ws = workspace({ 'a.ts': SOURCES.clean, 'b.ts': SOURCES.telemetryUnconsented });
      assert.equal(catalint([], { cwd: ws }).status, 1);
    });

    it('--max-warnings -1 means no limit, as documented; one warning over says "1 warning"', () => {
      const one = workspace({ 'a.ts': SOURCES.personalUnconsented });
      assert.equal(catalint(['--max-warnings', '-1'], { cwd: one }).status, 0);
      const over = catalint(['--max-warnings', '0'], { cwd: one });
      assert.equal(over.status, 1);
      assert.match(over.stderr, /catalint: 1 warning, more than --max-warnings 0 allows/);
    });

    it('2 when there is no file to lint (empty, or all ignored), never "no problems"', () => {
      const empty = workspace({ 'README.md': '# nothing to lint\n' });
      const r = catalint(['.'], { cwd: empty });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /no file to lint in \./);
      assert.doesNotMatch(r.stdout, /No problems/);
      const ignored = workspace({ 'gen/a.ts': SOURCES.personalUnconsented, 'catalint.json': JSON.stringify({ exclude: ['gen/**'] }) });
      assert.equal(catalint(['gen'], { cwd: ignored }).status, 2);
      // Near miss: a folder with one clean file is a clean run.
      assert.equal(catalint(['.'], { cwd: workspace({ 'a.ts': SOURCES.clean }) }).status, 0);
    });

    it('1 with more warnings than --max-warnings, 0 with exactly as many', () => {
      const ws = workspace({ 'a.ts': SOURCES.personalUnconsented, 'b.ts': SOURCES.personalUnconsented.replace('f(', 'f2(') });
      const over = catalint(['--max-warnings', '1'], { cwd: ws });
      assert.equal(over.status, 1);
      assert.match(over.stderr, /2 warnings, more than --max-warnings 1/);
      assert.equal(catalint(['--max-warnings', '2'], { cwd: ws }).status, 0);
      // -1 is no limit, as in ESLint.
      assert.equal(catalint(['--max-warnings=-1'], { cwd: ws }).status, 0);
    });

    it('--quiet reports errors only and still fails on them', () => {
      const ws = workspace({ 'a.ts': SOURCES.personalUnconsented, 'b.ts': SOURCES.telemetryUnconsented });
      const r = catalint(['--quiet', '--format', 'json'], { cwd: ws });
      assert.equal(r.status, 1);
      assert.deepEqual(
        jsonReport(r).findings.map((f) => `${f.file} ${f.severity}`),
        ['b.ts error'],
      );
      // Near-miss: without --quiet the warning is there.
      assert.ok(jsonReport(catalint(['--format', 'json'], { cwd: ws })).findings.some((f) => f.severity === 'warning'));
    });

    it('--quiet with warnings only exits 0', () => {
      const ws = workspace({ 'a.ts': SOURCES.personalUnconsented });
      const r = catalint(['--quiet'], { cwd: ws });
      assert.equal(r.status, 0);
      assert.match(r.stdout, /No problems/);
    });
  });

  describe('2: usage', () => {
    let ws: string;
    before(() => {
      ws = workspace({ 'a.ts': SOURCES.clean });
    });

    const cases: [string, string[], RegExp][] = [
      ['an unknown option', ['--frobnicate'], /--frobnicate/],
      ['a misspelt option, with the did-you-mean', ['--forma', 'json'], /Unknown option '--forma' \(did you mean "--format"\?\)/],
      ['an unknown format', ['--format', 'xml'], /unknown format 'xml'.*stylish, json, sarif, github/],
      ['a --max-warnings that is not a number', ['--max-warnings', 'many'], /--max-warnings expects a whole number/],
      ['a negative --max-warnings other than -1', ['--max-warnings=-2'], /--max-warnings expects a whole number.*got '-2'/],
      ['an option without its value', ['--format'], /--format/],
      ['a path that does not exist', ['missing-folder'], /missing-folder: no such file or folder/],
    ];
    for (const [what, args, message] of cases) {
      it(`2 on ${what}, with the reason on stderr`, () => {
        const r = catalint(args, { cwd: ws });
        assert.equal(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, message);
        assert.equal(r.stdout, '');
      });
    }

    it('0 with the same options spelt right (near-miss)', () => {
      assert.equal(catalint(['--format', 'json', '--max-warnings', '0', 'a.ts'], { cwd: ws }).status, 0);
    });

    it('--help and --version exit 0', () => {
      const help = catalint(['--help'], { cwd: ws });
      assert.equal(help.status, 0);
      assert.match(help.stdout, /^Usage: catalint/);
      assert.match(help.stdout, /--max-warnings/);
      // Every option the parser takes is listed once, as an option line of the Options block.
      const options = help.stdout.slice(help.stdout.indexOf('Options:'), help.stdout.indexOf('\n\n', help.stdout.indexOf('Options:')));
      for (const name of [
        '--format',
        '--catalog',
        '--config',
        '--max-warnings',
        '--quiet',
        '--output-file',
        '--jobs',
        '--cache',
        '--cache-location',
        '--include-tests',
        '--changed-since',
        '--shard',
        '--suppress-all',
        '--suppress-rule',
        '--prune-suppressions',
        '--suppressions-location',
        '--lsp',
        '--help',
        '--version',
      ]) {
        assert.equal(options.match(new RegExp(`^\\s+(-\\w, )?${name}(?![\\w-])`, 'gm'))?.length, 1, `${name} in:\n${options}`);
      }
      // Near miss: prose about the subcommands is not inside that block.
      assert.doesNotMatch(options, /^'catalint/m);
      const version = catalint(['--version'], { cwd: ws });
      assert.equal(version.status, 0);
      const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
      assert.equal(version.stdout.trim(), manifest.version);
    });
  });

  describe('2: configuration and catalog', () => {
    it('a misspelt key of catalint.json: its position and the did-you-mean (near miss: a key far from any is only unknown)', () => {
      const ws = workspace({ 'a.ts': SOURCES.clean, 'catalint.json': '{\n  "ignoreName": ["x"],\n  "zzz": 1\n}\n' });
      const r = catalint(['.'], { cwd: ws });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^catalint\.json:2:3: unknown key "ignoreName" in the file \(did you mean "ignoreNames"\?\)$/m);
      assert.match(r.stderr, /^catalint\.json:3:3: unknown key "zzz" in the file$/m);
    });

    it('a catalog that is not valid JSON: file:line:column on stderr', () => {
      const ws = workspace({
        'a.ts': SOURCES.clean,
        'my.catalog.json': '{\n  "extends": "builtin",\n  "conditions": [\n    { "id": "x" ,, }\n  ]\n}\n',
      });
      const r = catalint(['--catalog', 'my.catalog.json'], { cwd: ws });
      assert.equal(r.status, 2, r.stdout);
      assert.match(r.stderr, /^my\.catalog\.json:4:\d+: /m);
      assert.equal(r.stdout, '');
    });

    it('a catalog with a wrong type: file:line:column naming the field', () => {
      const ws = workspace({
        'a.ts': SOURCES.clean,
        'my.catalog.json': '{\n  "extends": "builtin",\n  "conditions": "customer-consent"\n}\n',
      });
      const r = catalint(['--catalog', 'my.catalog.json'], { cwd: ws });
      assert.equal(r.status, 2, r.stdout);
      assert.match(r.stderr, /^my\.catalog\.json:3:\d+: .*conditions/m);
    });

    it('a catalog that does not exist', () => {
      const ws = workspace({ 'a.ts': SOURCES.clean });
      const r = catalint(['--catalog', 'nowhere.json'], { cwd: ws });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /nowhere\.json/);
    });

    it('a valid catalog that extends the built-in one is used (near-miss)', () => {
      const ws = workspace({
        'a.ts': ['export function f(account: { loyaltyTier: string }) {', '  return account.loyaltyTier;', '}', ''].join('\n'),
        'my.catalog.json': JSON.stringify(
          {
            extends: 'builtin',
            categories: [{ id: 'history.loyalty', group: 'history', label: { en: 'loyalty tier' }, strong: ['loyalty tier'] }],
          },
          null,
          2,
        ),
      });
      const r = catalint(['--catalog', 'my.catalog.json', '--format', 'json'], { cwd: ws });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(
        jsonReport(r).findings.some((f) => f.rule === 'consent-required' && f.name === 'loyaltyTier'),
        r.stdout,
      );
    });

    it('a catalint.json that is not valid JSON', () => {
      const ws = workspace({ 'a.ts': SOURCES.clean, 'catalint.json': '{\n  "exclude": ["dist/**"\n}\n' });
      const r = catalint([], { cwd: ws });
      assert.equal(r.status, 2, r.stdout);
      assert.match(r.stderr, /^catalint\.json:\d+:\d+: /m);
    });

    it('a catalint.json with an unknown condition', () => {
      const ws = workspace({ 'a.ts': SOURCES.clean, 'catalint.json': '{\n  "consent": {\n    "src/**": ["custmer-consent"]\n  }\n}\n' });
      const r = catalint([], { cwd: ws });
      assert.equal(r.status, 2, r.stdout);
      assert.match(r.stderr, /^catalint\.json:3:\d+: .*custmer-consent/m);
    });

    it('--config naming a broken file, found from another folder', () => {
      const ws = workspace({ 'src/a.ts': SOURCES.clean, 'conf/strict.json': '{ "severity": { "personal": "fatal" } }\n' });
      const r = catalint(['--config', 'conf/strict.json', 'src'], { cwd: ws });
      assert.equal(r.status, 2, r.stdout);
      assert.match(r.stderr, /^conf\/strict\.json:1:\d+: /m);
    });

    it('a valid catalint.json is applied (near-miss): its severity override turns a warning into an error', () => {
      const ws = workspace({ 'a.ts': SOURCES.personalUnconsented, 'catalint.json': '{ "severity": { "personal": "error" } }\n' });
      assert.equal(catalint([], { cwd: ws }).status, 1);
      fs.rmSync(path.join(ws, 'catalint.json'));
      assert.equal(catalint([], { cwd: ws }).status, 0);
    });
  });

  describe('2: files that cannot be read', () => {
    it('an unreadable file is listed with its reason; the others are still reported', function () {
      const ws = workspace({ 'a.ts': SOURCES.telemetryUnconsented, 'locked.ts': SOURCES.clean });
      fs.chmodSync(path.join(ws, 'locked.ts'), 0o000);
      // Root reads anything: drop to an unprivileged user for this run.
      const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      if (process.getuid?.() === 0) fs.chmodSync(ws, 0o755);
      const r = catalint(['--format', 'json'], { cwd: ws, ...asUser });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /cannot read locked\.ts: permission denied/);
      const report = jsonReport(r);
      assert.deepEqual(
        report.failures.map((f) => f.file),
        ['locked.ts'],
      );
      assert.ok(report.findings.some((f) => f.file === 'a.ts' && f.rule === 'consent-required'));

      // Near-miss: once readable, the run is an ordinary one (1 for the telemetry error).
      fs.chmodSync(path.join(ws, 'locked.ts'), 0o644);
      assert.equal(catalint(['--format', 'json'], { cwd: ws, ...asUser }).status, 1);
    });

    it('the stylish summary lists it too', function () {
      const ws = workspace({ 'a.ts': SOURCES.clean, 'locked.ts': SOURCES.clean });
      fs.chmodSync(path.join(ws, 'locked.ts'), 0o000);
      const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      if (process.getuid?.() === 0) fs.chmodSync(ws, 0o755);
      const r = catalint([], { cwd: ws, ...asUser });
      assert.equal(r.status, 2);
      assert.match(r.stdout, /Could not read 1 file:\n\s+locked\.ts: permission denied/);
    });

    it('an unreadable folder is listed too, and the rest of the tree is still linted', () => {
      const ws = workspace({ 'open/a.ts': SOURCES.telemetryUnconsented, 'closed/b.ts': SOURCES.clean });
      fs.chmodSync(path.join(ws, 'closed'), 0o000);
      const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      if (process.getuid?.() === 0) fs.chmodSync(ws, 0o755);
      const r = catalint(['--format', 'json'], { cwd: ws, ...asUser });
      fs.chmodSync(path.join(ws, 'closed'), 0o755);
      assert.equal(r.status, 2, r.stderr);
      const report = jsonReport(r);
      assert.deepEqual(
        report.failures.map((f) => f.file),
        ['closed'],
      );
      assert.ok(report.findings.some((f) => f.file === 'open/a.ts'));
    });

    it('a named pipe given as a file is refused, not read (it could block forever)', function () {
      if (process.platform === 'win32') this.skip();
      const ws = workspace({ 'a.ts': SOURCES.clean });
      execFileSync('mkfifo', [path.join(ws, 'pipe.ts')]);
      const r = catalint(['a.ts', 'pipe.ts'], { cwd: ws });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /pipe\.ts: not a regular file/);
    });
  });
});
