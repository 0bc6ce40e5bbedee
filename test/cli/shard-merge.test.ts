/**
 * `--shard k/n` and `catalint merge`, through the real CLI: the shares split the files once
 * each, balanced by size, and their merged reports are byte for byte what one run over all the
 * files prints, in JSON, SARIF (suppressed results included) and stylish, on the example and on
 * a generated workspace.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { shareOf } from '../../server/src/cli/shard';
import { catalint, EXAMPLE, SOURCES, workspace, writeFiles } from './helpers';

/** A workspace of `n` files of varied kinds and sizes, the same for the same seed. */
function generated(n: number, seed: number): string {
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const kinds = [SOURCES.personalUnconsented, SOURCES.telemetryUnconsented, SOURCES.personalConsented, SOURCES.clean];
  const files: Record<string, string> = {
    '.gitignore': 'ignored/\n',
    'ignored/x.ts': SOURCES.personalUnconsented,
    'catalint.json': JSON.stringify({ consent: { 'src/m1/**': ['connected-drive'] } }),
  };
  for (let i = 0; i < n; i++) {
    const repeat = 1 + Math.floor(next() * 12);
    if (i % 7 === 3) files[`db/q${i}.sql`] = `SELECT email, phone FROM customers WHERE id = ${i};\n`.repeat(repeat);
    else
      files[`src/m${i % 5}/f${i}.ts`] = Array.from({ length: repeat }, (_, k) =>
        kinds[(i + k) % kinds.length].replace(/\b([fg])\(/g, `$1${k}(`),
      ).join('\n');
  }
  // A minified file: skipped, with its reason, in exactly one share.
  files['src/vendor.min.ts'] = 'var a=' + '1+'.repeat(5000) + '1;\n';
  return workspace(files);
}

function run(dir: string, args: string[]): string {
  const r = catalint(args, { cwd: dir });
  assert.ok(r.status !== null && r.status <= 1, `catalint ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Each share's report in `format`, written to files in the workspace; their paths. */
function shares(dir: string, n: number, format: 'json' | 'sarif', extra: string[] = []): string[] {
  return Array.from({ length: n }, (_, i) => {
    const out = path.join(dir, `.share-${i + 1}-of-${n}.${format}`);
    run(dir, ['-f', format, '--shard', `${i + 1}/${n}`, '-o', out, ...extra, '.']);
    return out;
  });
}

function assertMergesToWhole(dir: string, n: number, extra: string[] = []): void {
  const jsonShares = shares(dir, n, 'json', extra);
  const sarifShares = shares(dir, n, 'sarif', extra);
  assert.equal(run(dir, ['merge', ...jsonShares]), run(dir, ['-f', 'json', ...extra, '.']), `json, ${n} shares`);
  assert.equal(run(dir, ['merge', ...sarifShares]), run(dir, ['-f', 'sarif', ...extra, '.']), `sarif, ${n} shares`);
  assert.equal(run(dir, ['merge', '-f', 'stylish', ...jsonShares]), run(dir, [...extra, '.']), `stylish, ${n} shares`);
  for (const f of [...jsonShares, ...sarifShares]) fs.rmSync(f);
}

describe('CLI: --shard and merge', function () {
  this.timeout(180_000);

  it('on the example, 2 and 3 shares merge into the report of one run, in every format', () => {
    const dir = workspace({});
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    assertMergesToWhole(dir, 2);
    assertMergesToWhole(dir, 3);
  });

  it('on a generated workspace, 4 shares split the files once each, balanced by size, and merge into one run (near miss: one share alone is not the whole)', () => {
    const dir = generated(120, 7);
    const files = (k: number): string[] => {
      const report = JSON.parse(run(dir, ['-f', 'json', '--include-tests', '--shard', `${k}/4`, '.'])) as { fileCount: number };
      return Array(report.fileCount).fill(k);
    };
    const counts = [1, 2, 3, 4].map((k) => files(k).length);
    const whole = (JSON.parse(run(dir, ['-f', 'json', '.'])) as { fileCount: number }).fileCount;
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      whole,
      `shares ${counts.join('+')} against ${whole}`,
    );
    assert.ok(Math.min(...counts) > 0);
    assertMergesToWhole(dir, 4);
    assert.notEqual(run(dir, ['-f', 'json', '--shard', '1/4', '.']), run(dir, ['-f', 'json', '.']));
  });

  it('a suppressions file applies in each share, and SARIF keeps the suppressed results through the merge', () => {
    const dir = generated(40, 3);
    assert.equal(catalint(['--suppress-all', '.'], { cwd: dir }).status, 0);
    writeFiles(dir, { 'src/new.ts': SOURCES.telemetryUnconsented });
    assertMergesToWhole(dir, 3);
    const merged = JSON.parse(run(dir, ['merge', ...shares(dir, 3, 'sarif')])) as { runs: { results: { suppressions?: unknown[] }[] }[] };
    assert.ok(merged.runs[0].results.some((r) => r.suppressions));
  });

  it('more shares than files: the empty ones exit 0, and the merge is still the whole', () => {
    const dir = workspace({ 'a.ts': SOURCES.personalUnconsented, 'b.ts': SOURCES.clean });
    const r = catalint(['-f', 'json', '--shard', '5/5', '.'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assertMergesToWhole(dir, 5);
  });

  it('splits by size: each file in one share, no share over the mean by more than the largest file, the same on every call', () => {
    let state = 11;
    const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const files = Array.from({ length: 500 }, (_, i) => ({ shown: `f${i}.ts`, bytes: Math.floor(next() ** 3 * 200_000) }));
    for (const n of [2, 3, 4, 7]) {
      const split = Array.from({ length: n }, (_, k) => shareOf(files, { index: k + 1, count: n }));
      assert.deepEqual(
        split
          .flat()
          .map((f) => f.shown)
          .sort(),
        files.map((f) => f.shown).sort(),
      );
      const loads = split.map((share) => share.reduce((sum, f) => sum + f.bytes, 0));
      const total = files.reduce((sum, f) => sum + f.bytes, 0);
      const largest = Math.max(...files.map((f) => f.bytes));
      assert.ok(Math.max(...loads) <= total / n + largest, `${n} shares: ${loads.join(', ')}`);
      assert.deepEqual(shareOf(files, { index: 1, count: n }), split[0]);
    }
  });

  it('inventories of shares merge into the inventory of one run, in JSON, Markdown and Fides (near miss: one share alone is not)', () => {
    const example = workspace({});
    fs.cpSync(EXAMPLE, example, { recursive: true });
    for (const dir of [example, generated(60, 5)]) {
      const parts = [1, 2, 3].map((k) => {
        const out = path.join(dir, `.inventory-${k}.json`);
        run(dir, ['inventory', '--shard', `${k}/3`, '-o', out, '.']);
        return out;
      });
      const whole = run(dir, ['inventory', '.']);
      assert.equal(run(dir, ['merge', ...parts]), whole);
      assert.equal(run(dir, ['merge', '-f', 'markdown', ...parts]), run(dir, ['inventory', '-f', 'markdown', '.']));
      assert.equal(run(dir, ['merge', '-f', 'fides', ...parts]), run(dir, ['inventory', '-f', 'fides', '.']));
      assert.notEqual(fs.readFileSync(parts[0], 'utf8'), whole);
      const sarifInto = catalint(['merge', '-f', 'sarif', ...parts], { cwd: dir });
      assert.equal(sarifInto.status, 2);
      assert.match(sarifInto.stderr, /inventories merge into json, markdown, html, fides, not sarif/);
    }
  });

  it('refuses what it cannot do, saying why', () => {
    const dir = workspace({ 'a.ts': SOURCES.personalUnconsented });
    for (const [args, why] of [
      [['--shard', '0/2', '.'], /--shard expects k\/n/],
      [['--shard', '3/2', '.'], /--shard expects k\/n/],
      [['--shard', '1/2', '--suppress-all', '.'], /run them without --shard/],
      [['merge'], /name the reports to merge/],
    ] as const) {
      const r = catalint(args, { cwd: dir });
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, why);
    }
    writeFiles(dir, { 'r.json': run(dir, ['-f', 'json', '.']), 'r.sarif': run(dir, ['-f', 'sarif', '.']), 'x.json': '{"a": 1}' });
    for (const [args, why] of [
      [['merge', 'r.json', 'r.sarif'], /different formats/],
      [['merge', '-f', 'json', 'r.sarif'], /SARIF reports merge into SARIF/],
      [['merge', 'x.json'], /x\.json: not a report/],
      [['merge', 'missing.json'], /missing\.json: cannot read it/],
    ] as const) {
      const r = catalint(args, { cwd: dir });
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, why);
    }
  });
});
