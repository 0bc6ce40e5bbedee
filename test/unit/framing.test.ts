/**
 * The stdio frame guard, chunk by chunk: a header or its blank line split at any byte must pass
 * through unchanged, and the first bad frame after good ones must be named. The real server over
 * real stdio is in robustness/lsp-framing.test.ts.
 */
import * as assert from 'node:assert/strict';
import { FrameGuard } from '../../server/src/lsp/framing';

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Feeds `chunks` to a guard; returns what it let through and the reasons it gave. */
function feed(chunks: readonly string[]): { out: string; errors: string[] } {
  const errors: string[] = [];
  const guard = new FrameGuard((r) => errors.push(r), 60_000);
  let out = '';
  guard.on('data', (d: Buffer) => (out += d.toString('utf8')));
  for (const c of chunks) guard.write(Buffer.from(c, 'utf8'));
  guard.end();
  return { out, errors };
}

describe('unit: LSP frame guard', () => {
  const two = frame('{"jsonrpc":"2.0","method":"a"}') + frame('{"jsonrpc":"2.0","method":"é"}');

  it('passes two frames through unchanged, split at every byte', () => {
    const bytes = Buffer.from(two, 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const errors: string[] = [];
      const guard = new FrameGuard((r) => errors.push(r), 60_000);
      const parts: Buffer[] = [];
      guard.on('data', (d: Buffer) => parts.push(d));
      guard.write(bytes.subarray(0, cut));
      guard.write(bytes.subarray(cut));
      guard.end();
      assert.deepEqual(errors, [], `cut at ${cut}`);
      assert.equal(Buffer.concat(parts).toString('utf8'), two, `cut at ${cut}`);
    }
  });

  it('passes frames fed one byte at a time', () => {
    assert.deepEqual(feed([...two]), { out: two, errors: [] });
  });

  it('accepts other header fields, in any case (near miss of a header without Content-Length)', () => {
    const f = 'content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}';
    assert.deepEqual(feed([f]).errors, []);
  });

  it('names the first bad frame after good ones, and lets nothing after it through', () => {
    const r = feed([frame('{}') + 'Content-Length: -1\r\n\r\n{}' + frame('{}')]);
    assert.deepEqual(r.errors, ['a Content-Length that is not a whole number of bytes (-1)']);
    assert.equal(r.out, '');
  });

  it('counts the body in bytes, not characters: a body of multi-byte characters ends where its length says', () => {
    const body = '{"x":"ééé"}';
    assert.deepEqual(feed([frame(body) + frame('{}')]).errors, []);
    // The same body announced in characters is short: its end is read as the next header.
    const wrong = `Content-Length: ${body.length}\r\n\r\n${body}` + frame('{}');
    assert.equal(feed([wrong]).errors.length, 1);
  });
});
