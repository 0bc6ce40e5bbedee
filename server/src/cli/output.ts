/**
 * `--output-file`: the report is written to a temporary file beside the target and renamed over
 * it, so a reader (or a crash half-way) never sees a truncated report: the previous file stays
 * whole until the new one is complete.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The content, whole or in parts written one after the other (so large parts are not joined first). */
export type Content = string | readonly (string | Uint8Array)[];

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

/** Strings joined and encoded, bytes as they are; a thousand parts per system call. */
function writeAll(fd: number, content: Content): void {
  if (typeof content === 'string') {
    fs.writeFileSync(fd, content);
    return;
  }
  const buffers: Uint8Array[] = [];
  let text = '';
  for (const part of content) {
    if (typeof part === 'string') {
      text += part;
    } else {
      if (text !== '') buffers.push(Buffer.from(text, 'utf8'));
      text = '';
      buffers.push(part);
    }
  }
  if (text !== '') buffers.push(Buffer.from(text, 'utf8'));
  for (let i = 0; i < buffers.length; i += IOV_MAX) writeFully(fd, buffers.slice(i, i + IOV_MAX));
}

/** The most parts one writev takes (POSIX guarantees at least this many). */
const IOV_MAX = 1024;

/** writev may write less than it was given: go on from where it stopped. */
function writeFully(fd: number, buffers: readonly Uint8Array[]): void {
  let pending = buffers;
  while (pending.length > 0) {
    let written = fs.writevSync(fd, pending as Uint8Array[]);
    const rest: Uint8Array[] = [];
    for (const b of pending) {
      if (written >= b.byteLength) {
        written -= b.byteLength;
      } else {
        rest.push(written > 0 ? b.subarray(written) : b);
        written = 0;
      }
    }
    pending = rest;
  }
}
