/**
 * What changed since a git ref (`--changed-since`): the merge base with that ref, and for each
 * file of the working tree, whether it is new or which of its lines were added or changed.
 *
 * Git is asked only what reads the object store (the merge base, the base's file list and blobs,
 * and renames between two commits), never anything that reads the working tree or the index:
 * those run the repository's own clean filters and fsmonitor command, and a repository is
 * hostile input (nothing from the workspace executes). The working tree's lines are compared
 * with the base's here, with jsdiff, so uncommitted edits count too.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { diffLines } from 'diff';
import { decodeSource } from '../engine/text/decode';

export class ChangesError extends Error {
  override readonly name = 'ChangesError';
}

/** How one file of the working tree differs from the merge base. */
export type FileChange =
  | { readonly kind: 'new' }
  | {
      readonly kind: 'changed';
      /** The file's text at the merge base (under its old name, when it was renamed). */
      readonly baseText: string;
      /** 1-based line numbers of the working tree's text that are added or changed. */
      readonly lines: ReadonlySet<number>;
    };

export interface Changes {
  readonly ref: string;
  /** The merge base's commit id. */
  readonly base: string;
  /** How the file, with these bytes in the working tree, differs from the base; undefined: it does not. */
  change(file: string, bytes: Uint8Array): FileChange | undefined;
}

/** Past this, a line diff is not worth its time: the whole file counts as changed (all its findings are kept). */
const DIFF_TIMEOUT_MS = 200;
const MAX_BLOB_BYTES = 64 * 1024 * 1024;

/** Runs git with no pager, prompt, lock or repository hook in play. */
function git(cwd: string, args: readonly string[]): string {
  return gitBytes(cwd, args).toString('utf8');
}

function gitBytes(cwd: string, args: readonly string[]): Buffer {
  try {
    return execFileSync(
      'git',
      ['--no-pager', '-c', 'core.fsmonitor=false', '-c', 'core.untrackedCache=false', '-c', 'diff.external=', ...args],
      {
        cwd,
        encoding: 'buffer',
        maxBuffer: MAX_BLOB_BYTES,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat' },
      },
    );
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { status?: number; stderr?: string };
    if (err.code === 'ENOENT') throw new ChangesError('--changed-since needs git, which was not found on the PATH');
    throw Object.assign(new ChangesError((err.stderr ?? err.message).trim().split('\n')[0]), { status: err.status });
  }
}

/** The changes of the repository that holds `cwd` since `ref`; a ChangesError says why they cannot be known. */
export function changesSince(ref: string, cwd: string): Changes {
  let root: string;
  try {
    root = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch (e) {
    throw new ChangesError(`--changed-since needs a git repository: ${(e as Error).message}`);
  }
  try {
    git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new ChangesError(
      `--changed-since: '${ref}' is not a commit of this clone. A CI checkout often fetches the tip only: fetch the ref (git fetch origin ${ref}, or actions/checkout with fetch-depth: 0)`,
    );
  }
  let base: string;
  try {
    base = git(root, ['merge-base', '--end-of-options', ref, 'HEAD']).trim();
  } catch {
    const shallow = git(root, ['rev-parse', '--is-shallow-repository']).trim() === 'true';
    throw new ChangesError(
      shallow
        ? `--changed-since: '${ref}' and HEAD have no common ancestor in this clone, which is shallow: fetch more history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)`
        : `--changed-since: '${ref}' and HEAD have no common ancestor`,
    );
  }

  // The base's files and their blob ids, by path from the root.
  const blobs = new Map<string, string>();
  for (const line of git(root, ['ls-tree', '-r', '-z', '--full-tree', base]).split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(line);
    if (m) blobs.set(m[2], m[1]);
  }
  // Renames committed since the base: the new name's base is the old name's blob.
  const renamedFrom = new Map<string, string>();
  const status = git(root, ['diff', '--no-ext-diff', '--no-textconv', '-M', '--name-status', '-z', base, 'HEAD']).split('\0');
  for (let i = 0; i < status.length; i++) {
    if (/^R\d*$/.test(status[i])) {
      renamedFrom.set(status[i + 2], status[i + 1]);
      i += 2;
    } else if (/^[ACDMTU]$/.test(status[i])) {
      i += 1;
    }
  }

  const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  const baseName = (file: string): string | undefined => {
    const rel = relative(file);
    const old = renamedFrom.get(rel) ?? rel;
    return blobs.has(old) ? old : undefined;
  };
  return {
    ref,
    base,
    change(file, bytes) {
      const old = baseName(file);
      if (old === undefined) return { kind: 'new' };
      const id = blobs.get(old)!;
      if (blobId(bytes) === id) return undefined;
      const text = decodeSource(bytes);
      const baseText = decodeSource(gitBytes(root, ['cat-file', 'blob', id]));
      // Line endings converted on checkout (core.autocrlf) are no change.
      if (baseText.replace(/\r\n/g, '\n') === text.replace(/\r\n/g, '\n')) return undefined;
      return { kind: 'changed', baseText, lines: changedLines(baseText, text) };
    },
  };
}

/** Git's id of a blob with these bytes. */
function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * The 1-based lines of `now` that are not in `before`, line by line. A diff that would take
 * too long (two unrelated texts, crafted or not) counts every line as changed: the run then
 * keeps every finding of the file, never fewer.
 */
export function changedLines(before: string, now: string): Set<number> {
  const lines = new Set<number>();
  const parts = diffLines(before, now, { stripTrailingCr: true, timeout: DIFF_TIMEOUT_MS });
  if (!parts) {
    const count = now.split('\n').length;
    for (let n = 1; n <= count; n++) lines.add(n);
    return lines;
  }
  let line = 1;
  for (const part of parts) {
    if (part.removed) continue;
    const count = part.count ?? part.value.split('\n').length - (part.value.endsWith('\n') ? 1 : 0);
    if (part.added) for (let n = line; n < line + count; n++) lines.add(n);
    line += count;
  }
  return lines;
}
