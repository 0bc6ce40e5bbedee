/**
 * "Not personal data": adds a name to `ignoreNames` in the workspace's `catalint.json`,
 * editing the JSON in place or writing a new file.
 *
 * The edit is the smallest one: a comma and the new name beside the list's last item (or a
 * new `ignoreNames` beside the last key), in the file's indentation and line breaks. Every
 * other byte stays as the user wrote it: comments, spacing, keys on one line. jsonc-parser's
 * `modify` re-formats every line its edit touches, so adding a name to `["a",   "b"]` also
 * re-wrapped the keys beside it, and a comment after the last item moved to the new one.
 */
import { createScanner, findNodeAtLocation, parseTree, SyntaxKind, type Node } from 'jsonc-parser';
import { tooDeepAt } from '../../engine/config/json-document';
import { type Edit, eolOf, indentationAt, indentUnitOf, lineStartOf, startsLine } from '../../engine/text/edit';

export type IgnoreNameEdit =
  | { readonly kind: 'edit'; readonly edits: readonly Edit[] }
  | { readonly kind: 'create'; readonly content: string }
  /** Nothing to add: the name is listed already, or the file has no object to add it to. */
  | { readonly kind: 'present' };

/** `current` is the file's text, or undefined when there is no `catalint.json` yet. */
export function addIgnoreName(current: string | undefined, name: string): IgnoreNameEdit {
  if (current === undefined || current.trim() === '') {
    const content = `${JSON.stringify({ ignoreNames: [name] }, null, 2)}\n`;
    return current === undefined
      ? { kind: 'create', content }
      : { kind: 'edit', edits: [{ start: 0, end: current.length, newText: content }] };
  }
  // jsonc-parser builds its tree by recursion: a file nested that deep is refused by the
  // engine (with its position) and is not one to edit.
  if (tooDeepAt(current) !== undefined) return { kind: 'present' };
  // A BOM is not JSON to jsonc-parser: a space of the same length keeps every offset.
  const text = current.charCodeAt(0) === 0xfeff ? ' ' + current.slice(1) : current;
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (root?.type !== 'object') return { kind: 'present' };
  const style = styleOf(text);
  const item = JSON.stringify(name);
  const list = findNodeAtLocation(root, ['ignoreNames']);
  if (!list) return { kind: 'edit', edits: append(text, root, style, (indent) => property(item, indent, style)) };
  if (list.type !== 'array') {
    // Not a list (the schema says so too): make it one, keeping a name that was written alone.
    const kept = list.type === 'string' && list.value !== name ? `${text.slice(list.offset, list.offset + list.length)}, ` : '';
    return { kind: 'edit', edits: [{ start: list.offset, end: list.offset + list.length, newText: `[${kept}${item}]` }] };
  }
  if (list.children?.some((c) => c.value === name)) return { kind: 'present' };
  return { kind: 'edit', edits: append(text, list, style, () => item) };
}

interface Style {
  readonly eol: string;
  readonly unit: string;
}

function styleOf(text: string): Style {
  return { eol: eolOf(text), unit: indentUnitOf(text) };
}

/** `"ignoreNames": [ name ]`, on lines of its own at `indent` when the object is written one key a line. */
function property(item: string, indent: string | undefined, style: Style): string {
  return indent === undefined
    ? `"ignoreNames": [${item}]`
    : `"ignoreNames": [${style.eol}${indent}${style.unit}${item}${style.eol}${indent}]`;
}

/**
 * Edits that add an entry after the last one of `container` (an object or an array).
 * `render(indent)` writes the entry: `indent` is the indentation of the entry's line, or
 * undefined when it goes on the line of the others.
 */
function append(text: string, container: Node, style: Style, render: (indent: string | undefined) => string): Edit[] {
  const open = container.offset;
  const close = container.offset + container.length - 1;
  const last = container.children?.[container.children.length - 1];
  const closeIndent = startsLine(text, close) ? indentationAt(text, lineStartOf(text, close)) : undefined;

  if (!last) {
    const inside = text.slice(open + 1, close);
    // `{}` of a whole file: the new key on a line of its own, like every catalint.json written for it.
    const ownLines = container.parent === undefined || /[\r\n]/.test(inside);
    if (/^\s*$/.test(inside)) {
      if (!ownLines) return [{ start: open + 1, end: close, newText: render(undefined) }];
      const outer = closeIndent ?? indentationAt(text, lineStartOf(text, open));
      return [
        { start: open + 1, end: close, newText: `${style.eol}${outer}${style.unit}${render(outer + style.unit)}${style.eol}${outer}` },
      ];
    }
    // Only comments inside: the entry goes on a line after theirs.
    const at = trailing(text, open + 1, close);
    const outer = closeIndent ?? indentationAt(text, lineStartOf(text, open));
    if (at.lastLineBreak === undefined) {
      const spaced = /\s/.test(text[close - 1]);
      return [{ start: close, end: close, newText: spaced ? `${render(undefined)} ` : ` ${render(undefined)}` }];
    }
    return [{ start: at.lastLineBreak, end: at.lastLineBreak, newText: `${style.eol}${outer}${style.unit}${render(outer + style.unit)}` }];
  }

  const lastEnd = endOf(last);
  const after = trailing(text, lastEnd, close);
  // A trailing comma stays a trailing comma.
  const trailingComma = after.comma === undefined ? '' : ',';
  if (after.lineBreak === undefined) {
    // One line: `, name` with the spacing the entries already use.
    const at = after.comma === undefined ? lastEnd : after.comma + 1;
    const newText = `${after.comma === undefined ? ',' : ''}${separatorOf(text, container)}${render(undefined)}${trailingComma}`;
    return [{ start: at, end: at, newText }];
  }
  // One entry a line: a new line after the last entry's, comments on that line kept with it.
  const indent = startsLine(text, last.offset)
    ? indentationAt(text, lineStartOf(text, last.offset))
    : (closeIndent ?? indentationAt(text, lineStartOf(text, open))) + style.unit;
  const entry = `${style.eol}${indent}${render(indent)}${trailingComma}`;
  if (after.comma !== undefined) return [{ start: after.lineBreak, end: after.lineBreak, newText: entry }];
  // Two inserts at one offset would leave their order to the client: one edit then.
  if (after.lineBreak === lastEnd) return [{ start: lastEnd, end: lastEnd, newText: `,${entry}` }];
  return [
    { start: lastEnd, end: lastEnd, newText: ',' },
    { start: after.lineBreak, end: after.lineBreak, newText: entry },
  ];
}

/**
 * What follows `from` up to `close`: a comma, if there is one; the first line break after the
 * entry and its comma (the end of its line, after any comment on it) and the last one, if
 * `close` is on a later line.
 */
function trailing(text: string, from: number, close: number): { comma?: number; lineBreak?: number; lastLineBreak?: number } {
  const scanner = createScanner(text, false);
  scanner.setPosition(from);
  let comma: number | undefined;
  let lineBreak: number | undefined;
  let lastLineBreak: number | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF && scanner.getTokenOffset() < close; token = scanner.scan()) {
    if (token === SyntaxKind.CommaToken && comma === undefined) {
      comma = scanner.getTokenOffset();
      lineBreak = undefined; // a comma on a line of its own: the entry's line is that one
    }
    const breaks =
      token === SyntaxKind.LineBreakTrivia || (token === SyntaxKind.BlockCommentTrivia && /[\r\n]/.test(scanner.getTokenValue()));
    if (breaks) {
      lineBreak ??= scanner.getTokenOffset();
      lastLineBreak = token === SyntaxKind.LineBreakTrivia ? scanner.getTokenOffset() : undefined;
    }
  }
  return { comma, lineBreak, lastLineBreak };
}

/** Where an entry ends: a property's value, not the spacing and comma jsonc-parser counts in the property. */
function endOf(entry: Node): number {
  const value = entry.type === 'property' ? (entry.children?.[1] ?? entry.children?.[0]) : entry;
  return value ? value.offset + value.length : entry.offset + entry.length;
}

/** The spacing after the first comma between two entries (`, ` unless the file says otherwise). */
function separatorOf(text: string, container: Node): string {
  const [a, b] = container.children ?? [];
  if (!a || !b) return ' ';
  const between = text.slice(endOf(a), b.offset);
  const m = /^\s*,([ \t]*)$/.exec(between);
  return m ? m[1] : ' ';
}
