import type { Span } from '../occurrence';
import type { ConditionReference } from './model';

/**
 * The directive syntax inside comments, shared by every language: `@consent id[, id...]` and
 * `catalint-disable-next-line [rule...] [-- reason]`. Callers find the comments; this reads them.
 */

const CONSENT = /@consent\b[ \t]*/g;

/**
 * Whether a document may hold a directive at all: one substring test each, so the comments of a
 * file without any need not be read.
 */
export function mayHoldDirectives(text: string): boolean {
  return text.includes('@consent') || text.includes('catalint-disable');
}
/**
 * A condition id as written: anything up to a space, a comma or the comment's end. Wider than a
 * real id on purpose, so that `сustomer-consent` (a Cyrillic с) is read, and reported as unknown,
 * rather than skipped as if nothing were written.
 */
const ID = /[^\s,*/]+/y;

/**
 * The condition ids of every `@consent` tag in a comment, with their spans in the document.
 * `comment` is the comment's text as written, `offset` where it starts in the document.
 */
export function consentIds(comment: string, offset: number): ConditionReference[] | undefined {
  if (!comment.includes('@consent')) return undefined;
  const out: ConditionReference[] = [];
  let found = false;
  CONSENT.lastIndex = 0;
  for (let m = CONSENT.exec(comment); m; m = CONSENT.exec(comment)) {
    if (!atLineStart(comment, m.index)) continue;
    found = true;
    let i = m.index + m[0].length;
    // ids separated by commas and/or spaces, to the end of the line.
    for (;;) {
      ID.lastIndex = i;
      const id = ID.exec(comment);
      if (!id) break;
      out.push({ id: id[0], span: { start: offset + i, end: offset + i + id[0].length } });
      i += id[0].length;
      const sep = /^[ \t]*,[ \t]*/.exec(comment.slice(i, i + 40));
      if (!sep) break;
      i += sep[0].length;
    }
  }
  return found ? out : undefined;
}

export interface DisableDirective {
  readonly span: Span;
  readonly rules: readonly string[];
  readonly reason?: string;
}

const DISABLE = /catalint-disable-next-line\b([^\n\r]*)/g;

export function disableDirective(comment: string, offset: number): DisableDirective | undefined {
  DISABLE.lastIndex = 0;
  let m = DISABLE.exec(comment);
  while (m && !atLineStart(comment, m.index)) m = DISABLE.exec(comment);
  if (!m) return undefined;
  // Trailing `*/` of a block comment is not part of the directive.
  let rest = m[1].replace(/\*\/\s*$/, '');
  let reason: string | undefined;
  const dash = rest.indexOf('--');
  if (dash >= 0) {
    reason = rest.slice(dash + 2).trim() || undefined;
    rest = rest.slice(0, dash);
  }
  const rules = rest
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter((r) => r.length > 0);
  return { span: { start: offset, end: offset + comment.length }, rules, reason };
}

/**
 * A directive starts its comment line (after `//`, `/*`, `--`, `#` or a JSDoc `*`), as ESLint's
 * do: prose that mentions `@consent` or a disable directive mid-sentence declares nothing.
 */
function atLineStart(comment: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = comment[i];
    if (c === '\n' || c === '\r') return true;
    if (c !== ' ' && c !== '\t' && c !== '/' && c !== '*' && c !== '-' && c !== '#') return false;
  }
  return true;
}
