/**
 * The tokens of a Prisma schema, one at a time. Prisma is line-oriented (one field per line),
 * so line breaks are tokens. Every character ends up in some token or in white space: the lexer
 * never fails, whatever the bytes, and it allocates nothing per token.
 */

export type TokenKind =
  | 'word'
  | 'string'
  | 'comment'
  | 'newline'
  | '{'
  | '}'
  | '('
  | ')'
  | '['
  | ']'
  | '@'
  | '@@'
  /** Any other character: `?`, `=`, `.`, `:`, or junk. */
  | 'other'
  | 'end';

/** Tokens between two checkpoints: often enough for a time budget, rare enough to cost nothing. */
const CHECKPOINT_EVERY = 4096;

export class Lexer {
  kind: TokenKind = 'end';
  start = 0;
  end = 0;
  private pos: number;
  private count = 0;

  constructor(
    readonly text: string,
    private readonly checkpoint: () => void,
  ) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** The current token's text. */
  value(): string {
    return this.text.slice(this.start, this.end);
  }

  /** Moves to the next token and returns its kind. */
  next(): TokenKind {
    if (++this.count % CHECKPOINT_EVERY === 0) this.checkpoint();
    const { text } = this;
    let i = this.pos;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    this.start = i;
    if (i >= text.length) return this.set('end', i);
    const c = text.charCodeAt(i);
    if (c === 10) return this.set('newline', i + 1);
    if (c === 13) return this.set('newline', text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1);
    if (isWordChar(c)) return this.set('word', wordEnd(text, i));
    if (c === 34 /* " */) return this.set('string', stringEnd(text, i));
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) return this.set('comment', lineEnd(text, i));
    if (c === 64 /* @ */) return text.charCodeAt(i + 1) === 64 ? this.set('@@', i + 2) : this.set('@', i + 1);
    return this.set(PUNCTUATION.get(c) ?? 'other', i + 1);
  }

  private set(kind: TokenKind, end: number): TokenKind {
    this.kind = kind;
    this.end = end;
    this.pos = end;
    return kind;
  }
}

const PUNCTUATION = new Map<number, TokenKind>([
  [123, '{'],
  [125, '}'],
  [40, '('],
  [41, ')'],
  [91, '['],
  [93, ']'],
]);

/** White space other than line breaks (those are tokens). A BOM anywhere is treated as space. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xfeff || c === 0xa0;
}

/** Prisma identifiers are ASCII; any other letter is taken as part of a word rather than as junk. */
function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    (c >= 128 && c !== 0xfeff && c !== 0xa0 && c !== 0x2028 && c !== 0x2029)
  );
}

function wordEnd(text: string, i: number): number {
  while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
  return i;
}

function lineEnd(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

/**
 * After the closing quote, or at the line's end for a string left open: a quote being typed
 * then costs its own line, not the rest of the file.
 */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 34) return j + 1;
    if (c === 10 || c === 13) return j;
    if (c === 92 /* \ */ && j + 1 < text.length && text.charCodeAt(j + 1) !== 10 && text.charCodeAt(j + 1) !== 13) j++;
  }
  return text.length;
}
