import type { Occurrence, Span } from '../occurrence';
import { type Scan, ScanBuilder } from '../scan';
import { attachDirectives } from './attach';

/**
 * A token pass's names and comments as a scan. It cannot tell what code follows a comment, so
 * only file directives and disable directives count; nothing is called stray.
 */
export function withDirectives(text: string, occurrences: Occurrence[], comments: readonly Span[]): Scan {
  const out = new ScanBuilder();
  for (const o of occurrences) out.occurrences.push(o);
  // The comments before any code may hold the file header; the rest go as one run.
  const code = firstCode(text, comments);
  const leading = comments.filter((c) => c.end <= code);
  const rest = comments.filter((c) => c.end > code);
  if (leading.length > 0) attachDirectives(text, { comments: leading, target: { kind: 'unknown' }, beforeAnyCode: true }, out);
  if (rest.length > 0) attachDirectives(text, { comments: rest, target: { kind: 'unknown' }, beforeAnyCode: false }, out);
  return out;
}

/** The offset of the first character that is neither white space nor inside a comment. */
function firstCode(text: string, comments: readonly Span[]): number {
  let i = 0;
  for (const c of comments) {
    if (text.slice(i, c.start).trim() !== '') break;
    i = c.end;
  }
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}
