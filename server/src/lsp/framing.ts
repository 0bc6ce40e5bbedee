/**
 * Checks the LSP base protocol's framing on stdio before vscode-jsonrpc reads it.
 *
 * The library's reader accepts a negative Content-Length (and then reads garbage), and waits
 * forever for the rest of a body the client will never send: in both cases the server is alive
 * and deaf, and the editor never restarts it. A frame that cannot be read leaves no way to find
 * where the next one starts, so the only safe answer is to say why and exit.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Past this, a header is not a header (real ones are under 100 bytes). */
const MAX_HEADER_BYTES = 8 * 1024;
/** Past this, a message cannot become a JavaScript string anyway. */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

export type FrameError = (reason: string) => void;

/**
 * A pass-through that follows the frames: a header up to its blank line, then exactly
 * Content-Length bytes of body. It calls `onError` (once) on a header it cannot read, and when a
 * started message stays incomplete for `stallMs` (a client writes a message whole; one that
 * stops half-way will not resume).
 */
export class FrameGuard extends Transform {
  /** The start of a header that a chunk ended in the middle of. */
  private held: Buffer | undefined;
  private bodyLeft = 0;
  private failed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onError: FrameError,
    private readonly stallMs: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.failed) return done();
    let at = 0;
    while (at < chunk.length && !this.failed) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - at);
        this.bodyLeft -= take;
        at += take;
        continue;
      }
      at = this.readHeader(chunk, at);
    }
    this.armStallTimer();
    if (this.failed) return done();
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    clearTimeout(this.timer);
    done();
  }

  /** Reads header bytes from `at`; returns where the body (or the rest of the header) starts. */
  private readHeader(chunk: Buffer, at: number): number {
    // Usually the whole header is in this chunk; only a header split between chunks is copied.
    const held = this.held?.length ?? 0;
    const text = held > 0 ? Buffer.concat([this.held!, chunk.subarray(at)]) : chunk;
    const from = held > 0 ? 0 : at;
    const end = text.indexOf('\r\n\r\n', from);
    if (end < 0 || end - from > MAX_HEADER_BYTES) {
      this.held = text.subarray(from);
      if (this.held.length > MAX_HEADER_BYTES) this.fail(`a header longer than ${MAX_HEADER_BYTES} bytes`);
      return chunk.length;
    }
    this.held = undefined;
    const reason = this.startBody(text.subarray(from, end).toString('latin1'));
    if (reason) this.fail(reason);
    // `end` is in `text`; in the chunk, the held bytes came before `at`.
    return held === 0 ? end + 4 : at + (end + 4 - held);
  }

  /** Takes the Content-Length from a complete header; returns what is wrong with it, if anything. */
  private startBody(header: string): string | undefined {
    let length: string | undefined;
    for (const line of header.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) return 'a header line that is no "key: value"';
      if (line.slice(0, colon).trim().toLowerCase() === 'content-length') length = line.slice(colon + 1).trim();
    }
    if (length === undefined) return 'a header with no Content-Length';
    if (!/^\d+$/.test(length)) return `a Content-Length that is not a whole number of bytes (${length.slice(0, 20)})`;
    const n = Number(length);
    if (n > MAX_BODY_BYTES) return `a Content-Length of ${length.slice(0, 20)} bytes, over the ${MAX_BODY_BYTES} the server reads`;
    this.bodyLeft = n;
    return undefined;
  }

  private armStallTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.failed || (this.bodyLeft === 0 && this.held === undefined)) return;
    const left = this.bodyLeft;
    this.timer = setTimeout(() => {
      const what = left > 0 ? `a message ${left} bytes short of its Content-Length` : 'a header with no end';
      this.fail(`${what}, and nothing more for ${this.stallMs / 1000} s`);
    }, this.stallMs);
    // A stalled frame alone must not keep a server alive that has nothing else to do.
    this.timer.unref();
  }

  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    clearTimeout(this.timer);
    this.onError(reason);
  }
}
