/**
 * Type-aware analysis through the real CLI: `--project tsconfig.json` over a multi-file project
 * (test/fixtures/typed-project). Every line of its uses.ts that reads data says which analysis
 * must report it (`// expect: both | type-aware | syntactic | neither`); the near misses are the
 * `neither` and `syntactic` lines: a `Product.name`, a renamed field of a non-catalog type, a
 * field of a type tagged `@catalog none`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalint, jsonReport, type JsonFinding, repoRoot, workspace, writeFiles } from './helpers';

const FIXTURE = path.join(repoRoot(), 'test', 'fixtures', 'typed-project');

type Expectation = 'both' | 'type-aware' | 'syntactic' | 'neither';

/** A copy of the fixture in a folder of its own: its files are not test files there. */
function project(extra: Record<string, string> = {}): string {
  const dir = workspace({});
  fs.cpSync(FIXTURE, dir, { recursive: true });
  writeFiles(dir, extra);
  return dir;
}

/** `file:line` → what each analysis must report there, from the markers of every file of src/. */
function expectations(): Map<string, Expectation> {
  const out = new Map<string, Expectation>();
  for (const name of fs.readdirSync(path.join(FIXTURE, 'src')).sort()) {
    const lines = fs.readFileSync(path.join(FIXTURE, 'src', name), 'utf8').split('\n');
    lines.forEach((l, i) => {
      const m = /\/\/ expect: (both|type-aware|syntactic|neither)$/.exec(l);
      if (m) out.set(`src/${name}:${i + 1}`, m[1] as Expectation);
    });
  }
  return out;
}

/** `file:line` of each use reported (consent-required). */
function usesIn(findings: readonly JsonFinding[]): Set<string> {
  return new Set(findings.filter((f) => f.rule === 'consent-required').map((f) => `${f.file}:${f.line}`));
}

describe('CLI: type-aware analysis (--project)', function () {
  this.timeout(60_000);

  it('finds what the types say and stays silent where they say no, line by line', () => {
    const dir = project();
    const typed = catalint(['--project', 'tsconfig.json', '-f', 'json'], { cwd: dir });
    const plain = catalint(['-f', 'json'], { cwd: dir });
    const byTypes = usesIn(jsonReport(typed).findings);
    const bySpelling = usesIn(jsonReport(plain).findings);
    const expected = expectations();
    assert.ok(expected.size >= 20, 'the fixture states its expectations');
    for (const [line, want] of expected) {
      assert.equal(byTypes.has(line), want === 'both' || want === 'type-aware', `type-aware, ${line} (${want})`);
      assert.equal(bySpelling.has(line), want === 'both' || want === 'syntactic', `syntactic, ${line} (${want})`);
    }
    // Nothing is reported on a line that states no expectation.
    for (const line of [...byTypes, ...bySpelling]) assert.ok(expected.has(line), `unexpected finding at ${line}`);
    assert.match(typed.stderr, /type-aware analysis of 4 files in 1 project\n/);
    assert.doesNotMatch(plain.stderr, /type-aware/);
  });

  it('says how it knew: the declaration a renamed field reads, with its file and line', () => {
    const dir = project();
    const report = jsonReport(catalint(['-p', 'tsconfig.json', '-f', 'json'], { cwd: dir }));
    const renamed = report.findings.find((f) => f.file === 'src/uses.ts' && f.line === 40);
    assert.ok(renamed, 'the renamed destructuring of a Pick<Customer> is found');
    assert.match(renamed.message, /"name" is Customer\.name, declared in src\/model\.ts:4\./);
    const tagged = report.findings.find((f) => f.file === 'src/uses.ts' && f.name === 'm');
    assert.ok(tagged);
    assert.deepEqual(tagged.categories, ['vehicle.mileage']);
    assert.match(tagged.message, /"m" is Vehicle\.m, declared in src\/model\.ts:16, tagged @catalog vehicle\.mileage\./);
  });

  it('moves a finding inside a helper to the call that has no consent, and names what the helper reads', () => {
    const dir = project();
    const report = jsonReport(catalint(['-p', 'tsconfig.json', '-f', 'json'], { cwd: dir }));
    const call = report.findings.find((f) => f.file === 'src/calls.ts' && f.line === 23);
    assert.ok(call);
    assert.equal(call.name, 'mailingLabel');
    assert.deepEqual(call.categories, ['contact.email']);
    assert.match(
      call.message,
      /^"mailingLabel" reads "email" \(line 14\), personal data \(contact\.email: [^)]*\), and is called here without consent: requires customer-consent; no consent declared in scope\.$/,
    );
  });

  it("does not let a library's generic record type stand for whose data it is", () => {
    const dir = project({
      'node_modules/record-lib/index.d.ts': 'export interface LibRecord {\n  id: string;\n  name: string;\n}\n',
      'src/library.ts': [
        "import type { LibRecord } from 'record-lib';",
        '',
        'export function show(contact: LibRecord): string {',
        '  return contact.name;',
        '}',
        '',
        'export function label(thing: LibRecord): string {',
        '  return thing.name;',
        '}',
        '',
      ].join('\n'),
    });
    const report = jsonReport(catalint(['-p', 'tsconfig.json', '-f', 'json'], { cwd: dir }));
    const lines = [...usesIn(report.findings)].filter((l) => l.startsWith('src/library.ts'));
    assert.deepEqual(lines, ['src/library.ts:4'], 'the receiver names a person; the near miss names a thing');
    const f = report.findings.find((x) => x.file === 'src/library.ts');
    assert.match(f?.message ?? '', /"name" is LibRecord\.name, declared in node_modules\/record-lib\/index\.d\.ts:3\./);
  });

  it('reports an unknown @catalog id where it is written, with the id it probably meant', () => {
    const dir = project();
    for (const args of [
      ['-f', 'json'],
      ['-p', 'tsconfig.json', '-f', 'json'],
    ]) {
      const result = catalint(args, { cwd: dir });
      const unknown = jsonReport(result).findings.filter((f) => f.rule === 'unknown-category');
      assert.deepEqual(
        unknown.map((f) => `${f.file}:${f.line}:${f.column} ${f.name}`),
        ['src/model.ts:17:16 vehicel.mileage'],
      );
      assert.match(unknown[0].message, /did you mean "vehicle\.mileage"\?/);
      assert.equal(unknown[0].severity, 'error');
      assert.equal(result.status, 1);
    }
  });

  it('reads "project" from catalint.json, and judges files outside the project by spelling', () => {
    const dir = project({
      'catalint.json': JSON.stringify({ project: 'tsconfig.json' }),
      'scripts/outside.ts': 'export function f(p: { name: string }) {\n  return p.name;\n}\n',
    });
    const result = catalint(['-f', 'json'], { cwd: dir });
    const lines = usesIn(jsonReport(result).findings);
    assert.ok(lines.has('src/uses.ts:12'), 'the inferred Customer is found through the configured project');
    assert.match(result.stderr, /type-aware analysis of 4 files in 1 project; 1 file outside any project was judged by spelling alone/);
  });

  it('keeps the syntactic result when the tsconfig is broken or missing, and says which and why', () => {
    const dir = project({ 'broken.json': '{ "compilerOptions": { "strict": "yes" } }' });
    const plain = jsonReport(catalint(['-f', 'json'], { cwd: dir }));
    for (const [file, why] of [
      ['broken.json', /broken\.json:1: Compiler option 'strict' requires a value of type boolean/],
      ['missing.json', /missing\.json: .*(not found|cannot be read|Cannot read)/i],
    ] as const) {
      const result = catalint(['-p', file, '-f', 'json'], { cwd: dir });
      assert.match(result.stderr, why);
      assert.match(result.stderr, /its files are judged by their spelling alone/);
      assert.deepEqual(jsonReport(result).findings, plain.findings, `${file}: the syntactic result, whole`);
      assert.equal(result.status, 1, 'the findings decide the exit code, as without --project');
    }
  });

  it('never reads a FIFO the project includes: it is a missing file to the compiler', function () {
    if (process.platform === 'win32') this.skip();
    const dir = project();
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    execFileSync('mkfifo', [path.join(dir, 'src', 'pipe.ts')]);
    const result = catalint(['-p', 'tsconfig.json', '-f', 'json'], { cwd: dir });
    const report = jsonReport(result);
    assert.ok(usesIn(report.findings).has('src/uses.ts:12'), 'the rest of the project is analysed type-aware');
    const note = report.findings.find((f) => f.file === 'src/pipe.ts');
    assert.equal(note?.rule, 'skipped-file', 'the FIFO is named, with why it was not read');
    assert.match(note.reason ?? '', /FIFO/);
  });
});
