/**
 * System errors in words, for the messages the CLI prints.
 */
import { RefusedFile } from '../engine/text/read-file';

/** A system error as a reader wants it: "permission denied (EACCES)". */
export function reasonOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException | undefined;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'no such file',
    EISDIR: 'is a folder',
    EMFILE: 'too many open files',
    EIO: 'input/output error',
  };
  if (e instanceof RefusedFile) return e.message;
  if (err?.code && known[err.code]) return `${known[err.code]} (${err.code})`;
  return err?.message ?? String(e);
}
