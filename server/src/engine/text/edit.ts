/**
 * Line-level text surgery shared by the TypeScript and SQL fixes: where lines start, what
 * indentation they use, how to put a comment line above code, and how to add ids to an
 * existing `@consent` list. Offsets are UTF-16 code units, like the engine's spans.
 */

/** An edit in document offsets; the server turns it into an LSP TextEdit. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The comment syntax of the language a new directive line is written in (each language's descriptor has one). */
export interface CommentStyle {
  /** What starts a line comment. */
  readonly line: '//' | '--';
  /** Whether `/* ... *\/` comments (and so JSDoc above a function) exist, and count as directive comments above code. */
  readonly block: boolean;
}

export function linePrefix(style: CommentStyle): string {
  return style.line;
}

export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

export function lineStartOf(text: string, offset: number): number {
  let i = Math.max(0, Math.min(offset, text.length));
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

export function lineEndOf(text: string, offset: number): number {
  let i = Math.max(0, Math.min(offset, text.length));
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The offset where the previous line starts, or undefined on the first line. */
export function previousLineStart(text: string, lineStart: number): number | undefined {
  if (lineStart === 0) return undefined;
  let i = lineStart - 1;
  if (text[i] === '\n' && i > 0 && text[i - 1] === '\r') i--;
  return lineStartOf(text, i);
}

export function indentationAt(text: string, lineStart: number): string {
  let i = lineStart;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(lineStart, i);
}

/** True when only spaces or tabs precede `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  const start = lineStartOf(text, offset);
  return /^[ \t]*$/.test(text.slice(start, offset));
}

/** One level of the file's indentation: a tab, or the smallest space indent seen (2 by default). */
export function indentUnitOf(text: string): string {
  let smallest = Infinity;
  for (const m of text.matchAll(/^([ \t]+)\S/gm)) {
    if (m[1].startsWith('\t')) return '\t';
    smallest = Math.min(smallest, m[1].length);
  }
  return Number.isFinite(smallest) && smallest >= 2 && smallest <= 8 ? ' '.repeat(smallest) : '  ';
}

/**
 * Puts `line` (without indentation or line break) on a line of its own directly above the
 * code at `offset`, indented like it. When code precedes `offset` on the same line, the line
 * is broken there first.
 */
export function insertLineAbove(text: string, offset: number, line: string): Edit {
  const eol = eolOf(text);
  const lineStart = lineStartOf(text, offset);
  const indent = indentationAt(text, lineStart);
  if (startsLine(text, offset)) {
    return { start: lineStart, end: lineStart, newText: `${indent}${line}${eol}` };
  }
  // The spaces left before the break would only trail the line.
  let start = offset;
  while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: offset, newText: `${eol}${indent}${line}${eol}${indent}` };
}

/** A comment directly above code: its range, and whether it is a JSDoc block. */
export interface CommentRun {
  readonly start: number;
  readonly end: number;
}

/**
 * The comments directly above the line of `offset` (no blank line in between): `//` or `--`
 * lines and whole block comments, nearest last. Undefined when `offset` does not start its
 * line or nothing is there.
 */
export function commentsAbove(text: string, offset: number, style: CommentStyle): CommentRun[] {
  if (!startsLine(text, offset)) return [];
  const runs: CommentRun[] = [];
  let line = previousLineStart(text, lineStartOf(text, offset));
  while (line !== undefined) {
    const end = lineEndOf(text, line);
    const trimmed = text.slice(line, end).trim();
    if (trimmed.startsWith(linePrefix(style)) || (style.block && trimmed.startsWith('/*') && trimmed.endsWith('*/'))) {
      runs.unshift({ start: line + text.slice(line, end).indexOf(trimmed), end });
      line = previousLineStart(text, line);
      continue;
    }
    if (style.block && trimmed.endsWith('*/')) {
      // A block comment over several lines: walk up to its opening.
      const open = text.lastIndexOf('/*', end - 2);
      if (open < 0) break;
      const openLine = lineStartOf(text, open);
      if (!/^[ \t]*$/.test(text.slice(openLine, open))) break;
      runs.unshift({ start: open, end });
      line = previousLineStart(text, openLine);
      continue;
    }
    break;
  }
  return runs;
}

const ID = '[A-Za-z0-9_][A-Za-z0-9_.:-]*';
const CONSENT_LIST = new RegExp(`@consent[ \\t]+(${ID}(?:[ \\t]*,[ \\t]*${ID})*)`, 'g');

/** Condition ids listed by the `@consent` tags of a stretch of text. */
export function consentIdsIn(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(CONSENT_LIST)) ids.push(...m[1].split(',').map((s) => s.trim()));
  return ids;
}

/**
 * Adds `ids` to the last `@consent` list inside `run`. Undefined when the run has no
 * `@consent` tag; an empty edit list when every id is already there.
 */
export function appendToConsentList(text: string, run: CommentRun, ids: readonly string[]): Edit[] | undefined {
  const slice = text.slice(run.start, run.end);
  let last: RegExpMatchArray | undefined;
  for (const m of slice.matchAll(CONSENT_LIST)) last = m;
  if (!last || last.index === undefined) return undefined;
  const present = new Set(consentIdsIn(slice));
  const missing = ids.filter((id) => !present.has(id));
  if (missing.length === 0) return [];
  const at = run.start + last.index + last[0].length;
  return [{ start: at, end: at, newText: `, ${missing.join(', ')}` }];
}

/** Several edits at once are only valid when none overlap: merges inserts at the same place. */
export function normalizeEdits(edits: readonly Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Edit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.start === e.start && prev.end === e.start && e.end === e.start) {
      out[out.length - 1] = { start: prev.start, end: prev.end, newText: prev.newText + e.newText };
    } else if (prev && e.start < prev.end) {
      continue; // overlapping: keep the first, the next fix-all run picks the rest up
    } else {
      out.push(e);
    }
  }
  return out;
}
