/**
 * A report longer than the longest string V8 makes (buffer.constants.MAX_STRING_LENGTH, 2^29 - 24
 * code units) is written whole: every format is rendered and written part by part, never joined
 * into one string (issue 12, item 6). Before, `-o` and `--format sarif` failed on such a report
 * with "Invalid string length" and wrote nothing.
 *
 * The workspace is the smallest found to fail that way: 10 files of 1,000 uses each, under 1,000
 * declared (unknown) conditions. Every finding then lists the 1,000 conditions in scope, in its
 * message and in `declared`, so 20,010 findings make a 572 MB JSON report and a 645 MB SARIF
 * log, and the run lints only 3 MB of source.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { batches } from '../../server/src/cli/output';
import { BIN, workspace } from './helpers';

const FILES = 10;
const USES = 1000;
const CONDITIONS = 1000;
/** Per file: a warning per use, an unknown-condition error per condition, the field's classification. */
const FINDINGS = FILES * (USES + CONDITIONS + 1);

describe('cli report longer than a string can be', function () {
  // Each run writes over 500 MB, on a machine that may be busy.
  this.timeout(180_000);

  let ws: string;
  before(() => {
    const ids = Array.from({ length: CONDITIONS }, (_, i) => `condition-number-${String(i).padStart(4, '0')}`);
    const lines: string[] = [];
    // Twenty per line: a file of very long lines would be skipped as minified.
    for (let i = 0; i < ids.length; i += 20) lines.push(`// @consent ${ids.slice(i, i + 20).join(', ')}`);
    lines.push('export function f(c: { email: string }) {', ...Array<string>(USES).fill('  c.email;'), '}', '');
    const files: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) files[`src/f${String(i).padStart(2, '0')}.ts`] = lines.join('\n');
    ws = workspace(files);
  });

  const cases = [
    { format: 'sarif', head: '{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n', key: '"ruleId": ' },
    { format: 'json', head: '{\n  "findings": [\n    {\n', key: '"rule": ' },
  ];
  for (const { format, head, key } of cases) {
    it(`writes --format ${format} -o whole, valid JSON with every finding`, () => {
      const out = path.join(ws, `out.${format}`);
      const r = spawnSync(process.execPath, [BIN, '--format', format, '-o', out, 'src'], {
        cwd: ws,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      try {
        assert.equal(r.stderr, '');
        assert.equal(r.status, 1);
        const scan = scanJson(out, key);
        assert.ok(scan.bytes > constants.MAX_STRING_LENGTH, `${scan.bytes} bytes: longer than any string`);
        assert.equal(scan.keys, FINDINGS);
        assert.ok(scan.head.startsWith(head), scan.head.slice(0, 200));
        if (format === 'sarif') assert.match(scan.tail, /"executionSuccessful": true,\n\s*"toolExecutionNotifications": \[\]\n/);
        else assert.match(scan.tail, /\n {2}\],\n {2}"failures": \[\],\n {2}"fileCount": 10,\n/);
        assert.deepEqual(
          fs.readdirSync(ws).filter((f) => f.endsWith('.tmp')),
          [],
          'no temporary file remains',
        );
      } finally {
        fs.rmSync(out, { force: true });
      }
    });
  }

  it('writes stylish whole to a pipe that is read slowly', async () => {
    const child = spawn(process.execPath, [BIN, 'src'], { cwd: ws, env: { ...process.env, NO_COLOR: '1' } });
    let bytes = 0;
    let lines = 0;
    let tail = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    // A reader that falls behind at the start: the program must wait for it, not give up or pile the report up.
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 2000);
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      tail = (tail + chunk.toString('latin1')).slice(-4000);
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(status, 1);
    assert.ok(bytes > 200_000_000, `${bytes} bytes`);
    // Each file: its name, a row per problem, a blank line; then the summary.
    const problems = FILES * (USES + CONDITIONS);
    assert.ok(lines > problems + 2 * FILES, `${lines} lines`);
    assert.match(
      Buffer.from(tail, 'latin1').toString('utf8'),
      new RegExp(
        `✖ ${problems} problems \\(${FILES * CONDITIONS} errors, ${FILES * USES} warnings\\) in ${FILES} files of ${FILES} analysed\n`,
      ),
    );
  });
});

describe('cli report parts', () => {
  it('are written in batches of bounded size, with the bytes one string would give (near-miss: a surrogate pair at a cut)', () => {
    const parts = ['{', 'a'.repeat(9), 'abc' + '😀'.repeat(7), 'é', Buffer.from('bytes'), '', 'x😀y'.repeat(5), '}'];
    const out = [...batches(parts, 4)];
    const whole = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    assert.deepEqual(Buffer.concat(out), whole);
    assert.ok(out.length > 10, `${out.length} batches`);
    // Four code units of a long string, or small parts joined until they reach four: at most 3 bytes a unit.
    for (const b of out) assert.ok(b.length <= 2 * 4 * 3, `${b.length} bytes`);
    // Each batch decodes on its own: no pair was cut in half (`abc` and the first 😀 would be 4 units).
    for (const b of out) assert.doesNotMatch(Buffer.from(b).toString('utf8'), /\ufffd/);
  });
});

/**
 * Reads a JSON file of any size in pieces: checks that its strings close and its brackets match,
 * with one value and nothing after it but a newline, and counts a key.
 */
function scanJson(file: string, key: string): { bytes: number; keys: number; head: string; tail: string } {
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.alloc(8 << 20);
  const needle = Buffer.from(key);
  const count = (b: Buffer) => {
    let n = 0;
    for (let i = b.indexOf(needle); i >= 0; i = b.indexOf(needle, i + 1)) n++;
    return n;
  };
  const stack: number[] = [];
  let inString = false;
  let escaped = false;
  let closed = false;
  let bytes = 0;
  let keys = 0;
  let head = '';
  let carry = Buffer.alloc(0);
  let last = Buffer.alloc(0);
  try {
    for (let n = fs.readSync(fd, chunk); n > 0; n = fs.readSync(fd, chunk)) {
      const data = chunk.subarray(0, n);
      if (bytes === 0) head = data.subarray(0, 4096).toString('utf8');
      // A key cut between two reads is counted once, from the bytes around the cut.
      keys += count(Buffer.concat([carry, data.subarray(0, needle.length - 1)])) + count(data);
      carry = Buffer.from(data.subarray(Math.max(0, n - needle.length + 1)));
      last = Buffer.from(n >= 4096 ? data.subarray(n - 4096) : Buffer.concat([last, data]).subarray(-4096));
      for (let i = 0; i < n; i++) {
        const c = data[i];
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) inString = false;
          else if (c < 0x20) assert.fail(`a control character in a string at byte ${bytes + i}`);
        } else if (c === 0x22) {
          if (closed) assert.fail(`a second value at byte ${bytes + i}`);
          inString = true;
        } else if (c === 0x7b || c === 0x5b) {
          if (closed) assert.fail(`a second value at byte ${bytes + i}`);
          stack.push(c + 2);
        } else if (c === 0x7d || c === 0x5d) {
          if (stack.pop() !== c) assert.fail(`an unmatched bracket at byte ${bytes + i}`);
          if (stack.length === 0) closed = true;
        } else if (closed && c !== 0x0a) {
          assert.fail(`something after the value at byte ${bytes + i}`);
        }
      }
      bytes += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  assert.ok(closed && !inString, 'the value is complete');
  return { bytes, keys, head, tail: last.toString('utf8') };
}
