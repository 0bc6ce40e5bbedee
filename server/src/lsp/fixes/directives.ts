/**
 * Edits that write Catalint's comment directives: `@consent` above a function or statement,
 * a file header, and `catalint-disable-next-line`. They extend what is already there (an
 * existing `@consent` list or disable directive) rather than stacking a second comment.
 */
import {
  appendToConsentList,
  commentsAbove,
  type CommentStyle,
  type Edit,
  eolOf,
  insertLineAbove,
  lineEndOf,
  lineStartOf,
  linePrefix,
  previousLineStart,
  indentationAt,
} from '../../engine/text/edit';
import { consentIds } from '../../engine/consent/directives';
import { suggestCondition } from '../../engine/lint';

/** The catalog's condition ids, to tell a misspelt id from a real one. */
export interface KnownConditions {
  has(id: string): boolean;
  keys(): Iterable<string>;
}

/**
 * Declares `ids` for the code starting at `anchor` (a function, class or statement).
 * `jsdoc`: when the code already has a JSDoc block without `@consent`, the tag goes into it.
 */
export function declareAbove(
  text: string,
  anchor: number,
  ids: readonly string[],
  style: CommentStyle,
  jsdoc: boolean,
  known?: KnownConditions,
): Edit[] {
  const runs = commentsAbove(text, anchor, style);
  const fixed = fixMisspelt(text, runs, ids, known);
  if (fixed.edits.length > 0) ids = fixed.rest;
  for (let i = runs.length - 1; i >= 0; i--) {
    const appended = appendToConsentList(text, runs[i], ids);
    if (appended) return [...fixed.edits, ...appended];
  }
  if (ids.length === 0) return fixed.edits;
  const nearest = runs[runs.length - 1];
  if (jsdoc && nearest && text.startsWith('/**', nearest.start) && text.endsWith('*/', nearest.end) && nearest.end - nearest.start > 4) {
    return [jsdocTag(text, nearest.start, nearest.end, ids)];
  }
  return [insertLineAbove(text, anchor, `${linePrefix(style)} @consent ${ids.join(', ')}`)];
}

/**
 * Where the comments above the code already name an unknown condition whose did-you-mean is one
 * of `ids`, the fix is to correct that typo, not to declare the right id next to it. Returns the
 * corrections, and the ids still to declare.
 */
function fixMisspelt(
  text: string,
  runs: readonly { start: number; end: number }[],
  ids: readonly string[],
  known: KnownConditions | undefined,
): { edits: Edit[]; rest: readonly string[] } {
  if (!known || ids.length === 0) return { edits: [], rest: ids };
  const written = runs.flatMap((r) => consentIds(text.slice(r.start, r.end), r.start) ?? []);
  const present = new Set(written.map((w) => w.id));
  const edits: Edit[] = [];
  const done = new Set<string>();
  for (const w of written) {
    if (known.has(w.id)) continue;
    const meant = suggestCondition(w.id, known.keys());
    if (!meant || done.has(meant) || present.has(meant) || !ids.includes(meant)) continue;
    edits.push({ start: w.span.start, end: w.span.end, newText: meant });
    done.add(meant);
  }
  return { edits, rest: ids.filter((id) => !done.has(id)) };
}

/** Adds a `@consent` tag line to a JSDoc block, before its closing `*\/`. */
function jsdocTag(text: string, start: number, end: number, ids: readonly string[]): Edit {
  const eol = eolOf(text);
  const close = end - 2;
  const closeLine = lineStartOf(text, close);
  const before = text.slice(closeLine, close);
  const tag = `@consent ${ids.join(', ')}`;
  if (closeLine > start && /^[ \t]*$/.test(before)) {
    // `*/` alone on its line: a new ` * @consent` line above it, aligned with it.
    return { start: closeLine, end: closeLine, newText: `${before}* ${tag}${eol}` };
  }
  const indent = indentationAt(text, lineStartOf(text, start));
  const trimmedEnd = text.slice(0, close).trimEnd().length;
  return { start: trimmedEnd, end: close, newText: `${eol}${indent} * ${tag}${eol}${indent} ` };
}

/**
 * Declares `ids` for the whole file: extends a header comment that already declares consent,
 * or writes one (after a shebang or BOM) followed by the blank line that makes it a header.
 */
export function declareForFile(text: string, ids: readonly string[], style: CommentStyle, known?: KnownConditions): Edit[] {
  const eol = eolOf(text);
  let start = text.startsWith('\uFEFF') ? 1 : 0;
  if (text.startsWith('#!', start)) {
    const end = lineEndOf(text, start);
    start = end + (text.startsWith('\r\n', end) ? 2 : end < text.length ? 1 : 0);
    if (end === text.length) return [{ start: end, end, newText: `${eol}${linePrefix(style)} @consent ${ids.join(', ')}${eol}` }];
  }
  const header = headerComment(text, start, style);
  if (header) {
    const fixed = fixMisspelt(text, [header], ids, known);
    if (fixed.edits.length > 0 && fixed.rest.length === 0) return fixed.edits;
    const appended = appendToConsentList(text, header, fixed.rest);
    if (appended) return [...fixed.edits, ...appended];
  }
  return [{ start, end: start, newText: `${linePrefix(style)} @consent ${ids.join(', ')}${eol}${eol}` }];
}

/** The comments at `start` of the file, when a blank line follows them. */
function headerComment(text: string, start: number, style: CommentStyle): { start: number; end: number } | undefined {
  let i = start;
  let end = start;
  for (;;) {
    while (i < text.length && /[ \t]/.test(text[i])) i++;
    if (text.startsWith(linePrefix(style), i)) {
      end = lineEndOf(text, i);
    } else if (style.block && text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return undefined;
      end = close + 2;
      if (text.slice(end, lineEndOf(text, end)).trim() !== '') return undefined;
      end = lineEndOf(text, end);
    } else {
      break;
    }
    i = end + (text.startsWith('\r\n', end) ? 2 : 1);
  }
  if (end === start) return undefined;
  // A blank line (or the end of the file) must follow the comments.
  const next = text.slice(i, lineEndOf(text, i));
  return next.trim() === '' ? { start, end } : undefined;
}

const DISABLE = /^([ \t]*)(\/\/|--)[ \t]*catalint-disable-next-line\b(.*)$/;

/**
 * `catalint-disable-next-line <rule>` for the line of `offset`: appended to a directive on the
 * line above when there is one. Undefined when that directive already covers the rule.
 */
export function suppressLine(text: string, offset: number, rule: string, style: CommentStyle): Edit[] | undefined {
  const line = lineStartOf(text, offset);
  const prev = previousLineStart(text, line);
  if (prev !== undefined) {
    const prevEnd = lineEndOf(text, prev);
    const m = DISABLE.exec(text.slice(prev, prevEnd));
    if (m && m[2] === linePrefix(style)) {
      const rest = m[3];
      const reasonAt = rest.search(/(^|[ \t])--([ \t]|$)/);
      const rulesPart = reasonAt >= 0 ? rest.slice(0, reasonAt) : rest;
      const rules = rulesPart.split(/[\s,]+/).filter(Boolean);
      if (rules.length === 0 || rules.includes(rule)) return undefined;
      const restStart = prevEnd - rest.length;
      const at = restStart + rulesPart.trimEnd().length;
      return [{ start: at, end: at, newText: `, ${rule}` }];
    }
  }
  const first = line + indentationAt(text, line).length;
  return [insertLineAbove(text, first, `${linePrefix(style)} catalint-disable-next-line ${rule}`)];
}
