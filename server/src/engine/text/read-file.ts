/**
 * Reading a file of the workspace, which may be anything: a FIFO (opening it for reading waits
 * for a writer, forever), a device (`/dev/zero` never ends), a file that grows while it is read.
 * Only a regular file is read, and only up to a limit; anything else is refused with a reason
 * a person can act on.
 */
import * as fs from 'node:fs';

/** A file that was not read, and why, in words: "is a FIFO, not a regular file". */
export class RefusedFile extends Error {
  override readonly name = 'RefusedFile';
}

export function readRegularFile(file: string, maxBytes: number): Buffer {
  // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; fstat then says
  // what was opened, so a file swapped for a FIFO after a stat is caught too.
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new RefusedFile('is a folder, not a file');
    if (!stat.isFile()) throw new RefusedFile(`is ${kindOf(stat)}, not a regular file`);
    if (stat.size > maxBytes) throw new RefusedFile(`is larger than ${sizeText(maxBytes)} (${sizeText(stat.size)})`);
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      // It grew past the limit while being read.
      if (length > maxBytes) throw new RefusedFile(`is larger than ${sizeText(maxBytes)}`);
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

/** What a non-regular file is, for the refusal's reason. */
export function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
