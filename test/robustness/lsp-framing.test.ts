/**
 * Frames the server cannot read, over real stdio: it must not stay alive and deaf (the editor
 * would never restart it). It says why on stderr and exits; a well-formed frame is answered
 * (and a well-framed body that is not JSON is skipped: robustness/lsp-protocol.test.ts).
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { ensureServerBuilt } from '../lsp/client';

function frameOutcome(frame: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
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
  child.stdin.write(frame);
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
    ['no Content-Length', 'Foo: bar\r\n\r\n{}', /must provide a Content-Length/],
    ['a non-numeric Content-Length', 'Content-Length: abc\r\n\r\n{}', /must be a number/],
    // Found by test/fuzz/hostile.test.ts: a header line that is no `key: value` left it deaf.
    ['a header line without a colon', `foo\r\nContent-Length: ${Buffer.byteLength(INITIALIZE)}\r\n\r\n${INITIALIZE}`, /key and value/],
  ] as const) {
    it(`exits with the reason on ${what}`, async () => {
      const r = await frameOutcome(frame);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Catalint: the client sent a message that cannot be read/);
      assert.match(r.stderr, why);
    });
  }

  it('answers a well-formed frame (near miss)', async () => {
    const r = await frameOutcome(`Content-Length: ${Buffer.byteLength(INITIALIZE)}\r\n\r\n${INITIALIZE}`);
    assert.match(r.stdout, /"result"/);
    assert.doesNotMatch(r.stderr, /cannot be read/);
  });
});
