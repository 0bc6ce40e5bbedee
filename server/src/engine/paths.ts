/**
 * Path questions asked of every file of a workspace (discovery, configuration, test files).
 * They are answered by string comparison when the answer is plain (a path under its folder, as
 * discovery builds them) and by `path.relative` otherwise: on 7,000 files, `path.relative`'s
 * normalising was a tenth of the walk.
 */
import * as path from 'node:path';

/** Whether `p` is `folder` or inside it (both absolute). */
export function isInside(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

/** A segment to resolve: `.`, `..` or an empty one (`a//b`, a leading or trailing separator). */
const DOT_SEGMENT = /(^|[\\/])(\.\.?)?([\\/]|$)/;

/**
 * `p` relative to `base` with `/` separators, as globs and .gitignore patterns are written; ''
 * for `base` itself. Paths outside `base` start with `../` (or are absolute on another drive).
 */
export function slashRelative(base: string, p: string): string {
  const prefix = base.endsWith(path.sep) ? base : base + path.sep;
  // Discovery's paths are joins of normalised parts: a prefix is the whole answer, unless what
  // follows it has a segment to resolve.
  const tail = p.startsWith(prefix) ? p.slice(prefix.length) : undefined;
  const rel = tail !== undefined && !DOT_SEGMENT.test(tail) ? tail : path.relative(base, p);
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}
