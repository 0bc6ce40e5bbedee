/**
 * The structure of a Prisma schema as far as Catalint needs it: its blocks, the fields of its
 * models, the `@map` / `@@map` names, and its runs of comments with what each run comes
 * directly before. One loop over the tokens, no recursion, no backtracking: any text, however
 * broken, is read in linear time. A block left open ends where the next block keyword starts,
 * and `}` always closes the block it is in, so a stray character costs only its own line.
 */
import type { Span } from '../../occurrence';
import { Lexer, type TokenKind } from './lexer';

export type BlockKeyword = 'model' | 'view' | 'type' | 'enum' | 'datasource' | 'generator';

const BLOCK_KEYWORDS: ReadonlySet<string> = new Set<BlockKeyword>(['model', 'view', 'type', 'enum', 'datasource', 'generator']);

/** Blocks whose lines are fields holding data; an enum's lines are tags, a datasource's settings. */
const FIELD_BLOCKS: ReadonlySet<BlockKeyword> = new Set<BlockKeyword>(['model', 'view', 'type']);

/** Blocks a directive comment directly above covers. */
const DIRECTIVE_BLOCKS: ReadonlySet<BlockKeyword> = new Set<BlockKeyword>(['model', 'view', 'type', 'enum']);

/** Spans are filled in as the parse goes: a block's end is known at its `}`. */
interface OpenSpan {
  start: number;
  end: number;
}

export interface Field {
  readonly name: Span;
  /** The column name of `@map("...")`, inside the quotes. */
  readonly mapped?: Span;
  /** From the name to the last token of the field (a trailing comment left out). */
  readonly line: Span;
}

export interface Block {
  readonly keyword: BlockKeyword;
  readonly name: Span;
  /** From the keyword to the closing brace (or to the last token read, for a block left open). */
  readonly span: Span;
  /** The table name of `@@map("...")`, inside the quotes. */
  readonly table?: Span;
  readonly fields: readonly Field[];
}

export interface CommentRun {
  readonly comments: readonly Span[];
  /** No code comes before the run. */
  readonly beforeAnyCode: boolean;
  /** The block or field the run comes directly before; undefined when it comes before anything else. */
  readonly target: Span | undefined;
}

export interface Schema {
  readonly blocks: readonly Block[];
  readonly runs: readonly CommentRun[];
}

interface MutableBlock {
  readonly keyword: BlockKeyword;
  readonly name: Span;
  readonly span: OpenSpan;
  table?: Span;
  readonly fields: Field[];
}

interface MutableRun {
  readonly comments: Span[];
  readonly beforeAnyCode: boolean;
  /** Where the code after the run starts. */
  readonly codeStart: number;
  target: Span | undefined;
}

export function parsePrisma(text: string, checkpoint: () => void = () => {}): Schema {
  return new Parser(text, checkpoint).parse();
}

/**
 * A line that starts with two words (`email String`) is a field even inside parentheses left
 * open above it: an attribute being typed (`@default(`) does not swallow the fields below it.
 */
const FIELD_START = /[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]+[A-Za-z_]/y;

class Parser {
  private readonly lx: Lexer;
  private readonly blocks: MutableBlock[] = [];
  private readonly runs: MutableRun[] = [];
  private pending: Span[] = [];
  /** The last run recorded: it comes directly before the current token. */
  private lastRun: MutableRun | undefined;
  private seenCode = false;
  /** The end of the last token that was neither a comment nor a line break. */
  private prevEnd = 0;

  constructor(
    private readonly text: string,
    checkpoint: () => void,
  ) {
    this.lx = new Lexer(text, checkpoint);
  }

  parse(): Schema {
    const { lx } = this;
    this.advance();
    let block: MutableBlock | undefined;
    while (lx.kind !== 'end') {
      if (lx.kind === 'newline') {
        this.advance();
      } else if (lx.kind === '}') {
        // A `}` outside any block is junk; inside one it closes it, whatever came before.
        if (block) block.span.end = lx.end;
        block = undefined;
        this.advance();
      } else {
        block = this.line(block);
      }
    }
    if (block) block.span.end = this.prevEnd;
    if (this.pending.length > 0)
      this.runs.push({ comments: this.pending, beforeAnyCode: !this.seenCode, codeStart: this.text.length, target: undefined });
    return { blocks: this.blocks, runs: this.runs.map(({ comments, beforeAnyCode, target }) => ({ comments, beforeAnyCode, target })) };
  }

  /**
   * Moves to the next token that is not a comment. Comments join the pending run, which is
   * recorded when code follows it; whoever reads that code then says what it is (`aim`).
   */
  private advance(): TokenKind {
    const { lx } = this;
    if (lx.kind !== 'newline' && lx.kind !== 'end' && lx.kind !== 'comment') this.prevEnd = lx.end;
    for (;;) {
      const kind = lx.next();
      if (kind === 'comment') {
        this.pending.push({ start: lx.start, end: lx.end });
        continue;
      }
      if (kind === 'newline' || kind === 'end') return kind;
      if (this.pending.length > 0) {
        this.lastRun = { comments: this.pending, beforeAnyCode: !this.seenCode, codeStart: lx.start, target: undefined };
        this.runs.push(this.lastRun);
        this.pending = [];
      }
      this.seenCode = true;
      return kind;
    }
  }

  /** The comments directly before `span`'s first token cover it. */
  private aim(span: OpenSpan): void {
    if (this.lastRun?.codeStart === span.start) this.lastRun.target = span;
  }

  /** Reads one line (a block's opening, a field, a block attribute, or anything else); returns the block it leaves open. */
  private line(block: MutableBlock | undefined): MutableBlock | undefined {
    const { lx } = this;
    if (lx.kind === '@@') {
      const table = this.restOfLine('@@');
      if (block && FIELD_BLOCKS.has(block.keyword) && table) block.table ??= table;
      return block;
    }
    if (lx.kind !== 'word') {
      this.skipLine();
      return block;
    }
    const before = this.prevEnd;
    const first: Span = { start: lx.start, end: lx.end };
    const word = lx.value();
    // Kinds are taken from advance(): the compiler keeps `lx.kind` narrowed across the call.
    const second = this.advance();
    if (BLOCK_KEYWORDS.has(word) && second === 'word') {
      const name: Span = { start: lx.start, end: lx.end };
      if (this.advance() === '{') {
        // A block left open ends before the next one: `model A {` typed above `model B {`.
        if (block) block.span.end = before;
        return this.open(word as BlockKeyword, first.start, name);
      }
    }
    if (block && FIELD_BLOCKS.has(block.keyword)) this.field(block, first);
    else this.skipLine();
    return block;
  }

  /** At the `{` of a block whose keyword starts at `start`. */
  private open(keyword: BlockKeyword, start: number, name: Span): MutableBlock {
    const block: MutableBlock = { keyword, name, span: { start, end: this.text.length }, fields: [] };
    this.blocks.push(block);
    // A directive above a datasource or generator would cover no data: it is reported as stray.
    if (DIRECTIVE_BLOCKS.has(keyword)) this.aim(block.span);
    this.advance();
    return block;
  }

  /** After the name of a field: its type and attributes, to the end of its line. */
  private field(block: MutableBlock, name: Span): void {
    const line: OpenSpan = { start: name.start, end: name.end };
    this.aim(line);
    const mapped = this.restOfLine('@');
    line.end = Math.max(name.end, this.prevEnd);
    block.fields.push(mapped ? { name, mapped, line } : { name, line });
  }

  /**
   * Reads to the end of a field or block attribute line: parentheses and brackets left open
   * carry it over line breaks (`@@index([a,\n b])`). Returns the string argument of the line's
   * `map` attribute (`@map` after `@`, `@@map` after `@@`), inside its quotes.
   */
  private restOfLine(marker: '@' | '@@'): Span | undefined {
    const { lx } = this;
    let depth = 0;
    let prev: TokenKind = 'newline';
    /** `@map` was just read: its `(` opens the arguments whose first string is the name. */
    let mapWord = false;
    let mapDepth = -1;
    let mapped: Span | undefined;
    for (;;) {
      const kind = lx.kind;
      if (kind === 'end' || kind === '}') break;
      if (kind === 'newline' && (depth === 0 || this.fieldFollows())) break;
      if (kind === '(' || kind === '[') {
        if (mapWord && kind === '(') mapDepth = depth + 1;
        depth++;
      } else if (kind === ')' || kind === ']') {
        if (depth === mapDepth) mapDepth = -1;
        depth = Math.max(0, depth - 1);
      } else if (kind === 'string' && depth === mapDepth && mapped === undefined) {
        mapped = this.insideQuotes();
      }
      mapWord = kind === 'word' && prev === marker && lx.start === this.prevEnd && lx.value() === 'map';
      prev = kind;
      this.advance();
    }
    return mapped;
  }

  /** At a line break: the next line starts like a field. */
  private fieldFollows(): boolean {
    FIELD_START.lastIndex = this.lx.end;
    return FIELD_START.test(this.text);
  }

  /** The current string token's contents; undefined when empty. */
  private insideQuotes(): Span | undefined {
    const { lx, text } = this;
    const closed = lx.end - lx.start >= 2 && text.charCodeAt(lx.end - 1) === 34;
    const span = { start: lx.start + 1, end: closed ? lx.end - 1 : lx.end };
    return span.end > span.start ? span : undefined;
  }

  /** Lines that hold no field: enum values, datasource settings, junk. */
  private skipLine(): void {
    const { lx } = this;
    while (lx.kind !== 'newline' && lx.kind !== 'end' && lx.kind !== '}') this.advance();
  }
}
