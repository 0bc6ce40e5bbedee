/**
 * Where a statement starts in SQL text, for `-- @consent` above it. A small scanner, not a
 * parser: it only needs to know which `;` end statements, so it skips strings, quoted
 * identifiers, comments and dollar-quoted bodies.
 */

/** Offset of the first token of the statement holding `offset` (comments before it excluded). */
export function sqlStatementStart(text: string, offset: number): number {
  let start: number | undefined;
  let i = 0;
  const n = text.length;
  while (i < n && i <= offset) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\uFEFF') {
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (c === ';') {
      start = undefined;
      i++;
      continue;
    }
    if (start === undefined) start = i;
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(text, i, c);
      continue;
    }
    if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64));
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
        continue;
      }
    }
    i++;
  }
  return start ?? Math.min(offset, n);
}

function skipQuoted(text: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === quote) {
      if (text[j + 1] === quote) {
        j += 2; // doubled quote escapes itself
        continue;
      }
      return j + 1;
    }
    if (text[j] === '\\' && quote === "'") j++;
    j++;
  }
  return text.length;
}
