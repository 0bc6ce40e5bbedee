/**
 * Where a report goes, part by part: a format renders it as a sequence of parts (a header, each
 * file's findings, a footer), and nothing here joins them into one string. A report of hundreds
 * of megabytes is longer than the longest string V8 makes (2^29 - 24 code units), and one
 * string of it would be held in memory twice over (the text, then its UTF-8 bytes).
 *
 * `--output-file`: the report is written to a temporary file beside the target and renamed over
 * it, so a reader (or a crash half-way) never sees a truncated report: the previous file stays
 * whole until the new one is complete.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A report as it is written: parts one after the other, produced as they are written. */
export type Content = Iterable<string | Uint8Array>;

/**
 * Writes the report to `target`. A new path or a regular file (through any links) gets the
 * temporary-file-and-rename treatment; a character device (`/dev/null`, `/dev/stdout`) is
 * written to as it is, never replaced by a file (as root, a rename would replace the system's
 * `/dev/null`), and so is a pipe that has a reader; anything else (a pipe nothing reads, a
 * socket, a folder) is refused with the reason.
 */
export function writeReport(target: string, content: Content): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (stat === undefined) return writeFileAtomic(target, content);
  if (stat.isFile()) return writeFileAtomic(fs.realpathSync(target), content);
  if (stat.isFIFO()) {
    // `-o /dev/stdout` in a pipeline is a FIFO with a reader; one with none would block forever.
    try {
      fs.closeSync(fs.openSync(target, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENXIO') throw new Error('it is a FIFO that nothing reads; the report would wait forever');
      throw e;
    }
  }
  if (stat.isCharacterDevice() || stat.isFIFO()) {
    const fd = fs.openSync(target, 'w');
    try {
      writeAll(fd, content);
    } finally {
      fs.closeSync(fd);
    }
    return;
  }
  const what = stat.isDirectory() ? 'a folder' : stat.isSocket() ? 'a socket' : 'not a regular file';
  throw new Error(`it is ${what}; the report is written to a regular file, a new path, a device or a pipe`);
}

export function writeFileAtomic(file: string, content: Content): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx');
    try {
      writeAll(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * Writes the parts to a stream such as stdout, as fast as it takes them: when `write` says the
 * stream's buffer is full (false), the next part waits for `drained`, so a slow reader of a pipe
 * never makes the whole report pile up in memory.
 */
export async function writeToStream(content: Content, write: (bytes: Uint8Array) => boolean, drained: () => Promise<void>): Promise<void> {
  for (const bytes of batches(content)) {
    if (!write(bytes)) await drained();
  }
}

/**
 * Every part written to `fd`, strings encoded into one buffer that is written whenever it is
 * full: memory stays at one buffer however long the report, and no part is joined to another.
 */
function writeAll(fd: number, content: Content): void {
  const buffer = Buffer.allocUnsafe(WRITE_BYTES);
  let used = 0;
  for (const part of content) {
    if (typeof part !== 'string') {
      if (used > 0) writeFully(fd, buffer.subarray(0, used));
      used = 0;
      writeFully(fd, part);
      continue;
    }
    // encodeInto takes whole characters only: it stops before one that does not fit.
    for (let read = 0; read < part.length;) {
      const done = encoder.encodeInto(read === 0 ? part : part.slice(read), buffer.subarray(used));
      read += done.read;
      used += done.written;
      if (read < part.length || used > WRITE_BYTES - 4) {
        writeFully(fd, buffer.subarray(0, used));
        used = 0;
      }
    }
  }
  if (used > 0) writeFully(fd, buffer.subarray(0, used));
}

const encoder = new TextEncoder();

/** What one write to a file or device takes at most. */
const WRITE_BYTES = 1 << 20;

/** About this many UTF-16 code units (so 1 to 3 MiB) go into one write. */
export const BATCH_UNITS = 1 << 20;

/**
 * The parts as UTF-8 bytes, in batches of about `size` code units: small strings are joined
 * (one system call rather than thousands), a long one is encoded piece by piece, cut between
 * characters, never inside a surrogate pair. Bytes are passed on as they are.
 */
export function* batches(content: Content, size = BATCH_UNITS): Generator<Uint8Array> {
  let pending: string[] = [];
  let units = 0;
  const flush = (): Buffer => {
    const bytes = Buffer.from(pending.length === 1 ? pending[0] : pending.join(''), 'utf8');
    pending = [];
    units = 0;
    return bytes;
  };
  for (const part of content) {
    if (typeof part !== 'string') {
      if (units > 0) yield flush();
      if (part.byteLength > 0) yield part;
    } else if (part.length >= size) {
      if (units > 0) yield flush();
      for (let start = 0; start < part.length;) {
        let end = Math.min(start + size, part.length);
        // A high surrogate stays with the low one that follows it.
        if (end < part.length && end - start > 1 && isHighSurrogate(part.charCodeAt(end - 1))) end--;
        yield Buffer.from(part.slice(start, end), 'utf8');
        start = end;
      }
    } else if (part.length > 0) {
      pending.push(part);
      units += part.length;
      if (units >= size) yield flush();
    }
  }
  if (units > 0) yield flush();
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** A write may take less than it was given, or none when a non-blocking pipe is full: go on until all is written. */
function writeFully(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.byteLength) {
    try {
      offset += fs.writeSync(fd, bytes, offset, bytes.byteLength - offset);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      // Whoever reads the pipe has not caught up: give them a moment.
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));
