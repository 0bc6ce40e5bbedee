/**
 * What a directive comment covers, decided once for every language. Scanners only find their
 * comments and say what code follows them (a function, a statement, nothing); this module turns
 * them into consent regions, suppressions and directives that cover nothing, with one
 * definition of a file header and of "directly above".
 */
import type { Span } from '../occurrence';
import type { ScanBuilder } from '../scan';
import { LineMap } from '../text/positions';
import { consentIds, disableDirective } from './directives';

/** What follows a run of comments. */
export type Target =
  /** Code a directive directly above it covers: a function (or class), or a statement. */
  | { readonly kind: 'code'; readonly span: Span; readonly origin: 'function-directive' | 'statement-directive' }
  /** Nothing a directive could cover: the end of the file, or the middle of an expression. */
  | { readonly kind: 'nothing' }
  /** A pass that cannot tell (the name-by-name fallback): only file directives count, nothing is stray. */
  | { readonly kind: 'unknown' };

export interface CommentRun {
  /** The comments, in document order, each as its span in the document (delimiters included). */
  readonly comments: readonly Span[];
  readonly target: Target;
  /** No code comes before these comments: the first of them may be a file header. */
  readonly beforeAnyCode: boolean;
}

/** Adds what the directives of `run` declare to `out`. */
export function attachDirectives(text: string, run: CommentRun, out: ScanBuilder, lines: () => LineMap = () => LineMap.of(text)): void {
  const { comments, target } = run;
  let blank: boolean[] | undefined;
  let endsFile: boolean | undefined;
  const codeStart = target.kind === 'code' ? target.span.start : text.length;
  for (let i = 0; i < comments.length; i++) {
    const c = comments[i];
    const body = text.slice(c.start, c.end);
    const disable = disableDirective(body, c.start);
    if (disable) {
      const line = lines().position(c.end).line + 1;
      out.suppressions.push({
        span: disable.span,
        line,
        rules: disable.rules,
        ...(disable.reason !== undefined ? { reason: disable.reason } : {}),
      });
    }
    const ids = consentIds(body, c.start);
    if (!ids) continue;
    for (const id of ids) out.conditionRefs.push(id);
    const declaredAt = { start: c.start, end: c.end };
    const conditions = ids.map((r) => r.id);
    // Whether a blank line follows comment k anywhere before the code, for every k at once: a run
    // of thousands of directives would otherwise be read again for each of them.
    blank ??= blankLinesAfter(text, comments, codeStart);
    if (ids.length > 0 && run.beforeAnyCode && (blank[i] || (endsFile ??= onlySpaceAfter(text, comments[comments.length - 1].end)))) {
      out.regions.push({ span: { start: 0, end: text.length }, conditions, origin: 'file-directive', declaredAt });
    } else if (target.kind === 'unknown') {
      continue;
    } else if (ids.length > 0 && target.kind === 'code' && startsLine(text, c.start) && !blank[i]) {
      out.regions.push({ span: target.span, conditions, origin: target.origin, declaredAt });
    } else {
      out.strayDirectives.push(declaredAt);
    }
  }
}

/**
 * For each comment, whether a blank line separates it (or a later comment of the run) from
 * what follows. A file header is a comment block ended by a blank line or the end of the file,
 * not by code: `// @consent x` may be followed by comment lines that explain it. A directive
 * above code must have no blank line between it and the code.
 */
function blankLinesAfter(text: string, comments: readonly Span[], codeStart: number): boolean[] {
  const out = new Array<boolean>(comments.length);
  let later = false;
  for (let k = comments.length - 1; k >= 0; k--) {
    later = later || isBlankGap(text, comments[k].end, k + 1 < comments.length ? comments[k + 1].start : codeStart);
    out[k] = later;
  }
  return out;
}

function onlySpaceAfter(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 11 && c !== 12) return false;
  }
  return true;
}

/** Two line breaks after `from` before anything but white space (or `to`). */
function isBlankGap(text: string, from: number, to: number): boolean {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      if (++breaks >= 2) return true;
    } else if (c !== 32 && c !== 9 && c !== 13 && c !== 11 && c !== 12 && c !== 0xfeff) {
      return false;
    }
  }
  return false;
}

/** A comment with code before it on its line is a trailing comment of that code. */
function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r') return true;
    if (c !== ' ' && c !== '\t' && c !== '\uFEFF') return false;
  }
  return true;
}
