/**
 * Frames the server cannot read, over real stdio: it must not stay alive and deaf (the editor
 * would never restart it). It says why on stderr and exits; a well-formed frame is answered
 * (and a well-framed body that is not JSON is skipped: robustness/lsp-protocol.test.ts).
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { ensureServerBuilt } from '../lsp/client';

function frameOutcome(frame: string | readonly string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [ensureServerBuilt(), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  child.stdout.on('data', (d) => {
    stdout += String(d);
    // A well-formed request was answered: done, without waiting for an exit that must not come.
    if (stdout.includes('"result"')) child.kill();
  });
  // stdin stays open: the server must act on the frame, not on the end of its input.
  // Pieces are written one after another, each after the previous one was flushed to the pipe.
  const pieces = typeof frame === 'string' ? [frame] : frame;
  const writeFrom = (i: number): void => {
    if (i < pieces.length) child.stdin.write(pieces[i], () => setImmediate(() => writeFrom(i + 1)));
  };
  writeFrom(0);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr, stdout })));
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { processId: null, rootUri: null, capabilities: {} },
});

describe('robustness: LSP framing', function () {
  this.timeout(30_000);

  for (const [what, frame, why] of [
    ['no Content-Length', 'Foo: bar\r\n\r\n{}', /a header with no Content-Length/],
    ['a non-numeric Content-Length', 'Content-Length: abc\r\n\r\n{}', /not a whole number of bytes \(abc\)/],
    // Found by test/fuzz/hostile.test.ts: a header line that is no `key: value` left it deaf.
    ['a header line without a colon', `foo\r\nContent-Length: ${Buffer.byteLength(INITIALIZE)}\r\n\r\n${INITIALIZE}`, /key: value/],
    // The library read a negative length as a body of garbage, and then waited.
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}', /not a whole number of bytes \(-5\)/],
    ['a Content-Length no string could hold', 'Content-Length: 99999999999\r\n\r\n{}', /over the \d+ the server reads/],
    ['a header with no end', `Content-Length: 2\r\n${'X-Pad: y\r\n'.repeat(1000)}`, /header longer than/],
    // Shorter than its body: the rest of the body is read as the next frame's header.
    [
      'a Content-Length shorter than its body',
      `Content-Length: 10\r\n\r\n${INITIALIZE}Content-Length: ${Buffer.byteLength(INITIALIZE)}\r\n\r\n${INITIALIZE}`,
      /a header line that is no "key: value"/,
    ],
  ] as const) {
    it(`exits with the reason on ${what}`, async () => {
      const r = await frameOutcome(frame);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Catalint: the client sent a message that cannot be read/);
      assert.match(r.stderr, why);
    });
  }

  it('exits when a message stops short of its Content-Length, once the client stays silent', async function () {
    // The server cannot tell a slow client from a broken one at once; it waits its stall time (10 s).
    this.timeout(60_000);
    const r = await frameOutcome(`Content-Length: ${Buffer.byteLength(INITIALIZE) + 50}\r\n\r\n${INITIALIZE}`);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /a message 50 bytes short of its Content-Length, and nothing more for 10 s/);
  });

  it('answers a frame whose header and body arrive in pieces (near miss)', async () => {
    const frame = `Content-Length: ${Buffer.byteLength(INITIALIZE)}\r\n\r\n${INITIALIZE}`;
    const r = await frameOutcome([frame.slice(0, 9), frame.slice(9, 19), frame.slice(19, 21), frame.slice(21, 60), frame.slice(60)]);
    assert.match(r.stdout, /"result"/);
    assert.doesNotMatch(r.stderr, /cannot be read/);
  });

  it('answers a well-formed frame (near miss)', async () => {
    const r = await frameOutcome(`Content-Length: ${Buffer.byteLength(INITIALIZE)}\r\n\r\n${INITIALIZE}`);
    assert.match(r.stdout, /"result"/);
    assert.doesNotMatch(r.stderr, /cannot be read/);
  });
});
