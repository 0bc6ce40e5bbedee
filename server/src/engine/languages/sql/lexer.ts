/**
 * A tolerant SQL lexer for every dialect Catalint reads. It never fails: whatever it does not
 * understand becomes an operator token, and an unterminated string or quoted identifier ends at
 * its line so that one stray quote cannot swallow the rest of a file.
 *
 * Offsets are indices into the JavaScript string, hence UTF-16 code units, which is what editors
 * and the engine's `Span` count.
 */
import type { SqlDialect } from '../../config/model';
import type { Span } from '../../occurrence';
import { RESERVED } from './keywords';

/** A string whose whole contents are a name (`'email'`), the only contents a token keeps. */
const NAME_SHAPED = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export type TokenKind =
  /** A bare word: keyword or identifier, decided later by position. */
  | 'word'
  /** `"x"`, `` `x` ``, `[x]`: always an identifier; `value` is the unquoted name. */
  | 'quoted'
  /** Any string literal, including dollar-quoted bodies: never reported. */
  | 'string'
  | 'number'
  /** `?`, `$1`, `:name`, `@name`, `@@name`: values bound at run time. */
  | 'param'
  /** A `${...}` of SQL written in TypeScript: could be a value or an identifier. */
  | 'placeholder'
  | 'comment'
  /** `( ) , . ;` and every operator character (`::` is one token). */
  | 'punct'
  /** End of a statement: `;` or a MySQL client `DELIMITER`. */
  | 'end'
  /** A psql meta-command or MySQL `DELIMITER` line, up to its end. */
  | 'meta'
  /** Inline `COPY ... FROM stdin` data, up to and including `\.`. */
  | 'data';

export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /** Raw text for words and punctuation; the unquoted name for `quoted`; the body of a dollar string. */
  readonly value: string;
  /**
   * Where `value` sits in the text: inside the quotes for `quoted`, the body for a dollar string.
   * Two numbers rather than a Span: one object less per token is a third less garbage.
   */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** True on dollar-quoted strings (`$$...$$`, `$fn$...$fn$`), whose body may itself be SQL. */
  readonly dollar: boolean;
}

export function valueSpan(t: Token): Span {
  return { start: t.valueStart, end: t.valueEnd };
}

export interface LexResult {
  readonly tokens: readonly Token[];
  readonly notes: readonly { span: Span; message: string }[];
}

/**
 * U+E000 (private use) stands for a `${...}` substitution of SQL embedded in TypeScript: the
 * lexer makes it a `placeholder`, which the scanner accepts wherever a value or a name may go.
 */
export const PLACEHOLDER_CHAR = '\uE000';

interface DialectLexing {
  readonly doubleQuoteIsString: boolean;
  readonly backslashEscapes: boolean;
  readonly hashComments: boolean;
  readonly dollarQuotes: boolean;
  readonly bracketIdentifiers: boolean;
  readonly nestedComments: boolean;
  readonly tripleQuotes: boolean;
  readonly psqlMeta: boolean;
  readonly mysqlDelimiter: boolean;
  /** A line `GO` ends a batch (SQL Server scripts, read as generic). */
  readonly batchSeparator: boolean;
}

const LEXING: Record<SqlDialect, DialectLexing> = {
  postgresql: {
    doubleQuoteIsString: false,
    backslashEscapes: false,
    hashComments: false,
    dollarQuotes: true,
    bracketIdentifiers: false,
    nestedComments: true,
    tripleQuotes: false,
    psqlMeta: true,
    mysqlDelimiter: false,
    batchSeparator: false,
  },
  mysql: {
    doubleQuoteIsString: true,
    backslashEscapes: true,
    hashComments: true,
    dollarQuotes: false,
    bracketIdentifiers: false,
    nestedComments: false,
    tripleQuotes: false,
    psqlMeta: false,
    mysqlDelimiter: true,
    batchSeparator: false,
  },
  sqlite: {
    doubleQuoteIsString: false,
    backslashEscapes: false,
    hashComments: false,
    dollarQuotes: false,
    bracketIdentifiers: true,
    nestedComments: false,
    tripleQuotes: false,
    psqlMeta: false,
    mysqlDelimiter: false,
    batchSeparator: false,
  },
  bigquery: {
    doubleQuoteIsString: true,
    backslashEscapes: true,
    hashComments: true,
    dollarQuotes: false,
    bracketIdentifiers: false,
    nestedComments: false,
    tripleQuotes: true,
    psqlMeta: false,
    mysqlDelimiter: false,
    batchSeparator: false,
  },
  generic: {
    doubleQuoteIsString: false,
    backslashEscapes: false,
    hashComments: false,
    dollarQuotes: true,
    bracketIdentifiers: true,
    nestedComments: false,
    tripleQuotes: false,
    psqlMeta: true,
    mysqlDelimiter: true,
    batchSeparator: true,
  },
};

const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}\p{M}_$]/u;
const DIGIT = /[0-9]/;
/** String prefixes written against the quote: `E'..'`, `N'..'`, `X'..'`, `B'..'`, `r'..'`, `rb'..'`. */
const STRING_PREFIX = /^(?:[EeNnXxBbRr]|[Rr][Bb]|[Bb][Rr]|_utf8mb4|_utf8|_latin1|_binary)$/;

export function lex(text: string, dialect: SqlDialect): LexResult {
  return new Lexer(text, LEXING[dialect]).run();
}

class Lexer {
  private pos = 0;
  private readonly tokens: Token[] = [];
  private readonly notes: { span: Span; message: string }[] = [];
  private delimiter = ';';
  /**
   * Quote characters already known to have no partner before the end of the text: later ones are
   * read to their line end at once, so a file full of stray quotes stays linear.
   */
  private readonly unpaired = new Set<string>();
  /** Words of the current statement, to know when `COPY ... FROM stdin;` starts inline data. */
  private statementWords: string[] = [];

  constructor(
    private readonly text: string,
    private readonly d: DialectLexing,
  ) {}

  run(): LexResult {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\uFEFF') {
        this.pos++;
        continue;
      }
      if (this.atLineStart() && this.metaLine()) continue;
      if (this.delimiter !== ';' && t.startsWith(this.delimiter, this.pos)) {
        this.push('end', this.pos, this.pos + this.delimiter.length);
        this.pos += this.delimiter.length;
        this.endStatement();
        continue;
      }
      this.token(c);
    }
    return { tokens: this.tokens, notes: this.notes };
  }

  private token(c: string): void {
    const t = this.text;
    const start = this.pos;
    const code = c.charCodeAt(0);
    // Fast paths for what most of a file is: ASCII letters, digits and single punctuation.
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95) return this.word(start);
    const next = t[start + 1];
    if (c === '-' && next === '-') return this.lineComment(start);
    if (c === '#' && (this.d.hashComments || (this.d.batchSeparator && this.atLineStart()))) return this.lineComment(start);
    if (c === '/' && next === '*') return this.blockComment(start);
    if (c === "'") return this.quotedString(start, start, "'");
    if (c === '"') {
      if (this.d.doubleQuoteIsString) return this.quotedString(start, start, '"');
      return this.quotedIdentifier(start, '"', '"');
    }
    if (c === '`') return this.quotedIdentifier(start, '`', '`');
    if (c === '[' && this.d.bracketIdentifiers && !this.afterOperand() && /[^\]\n]*\]/y.test(t.slice(start + 1, start + 200))) {
      return this.quotedIdentifier(start, '[', ']');
    }
    if (c === '$' && this.d.dollarQuotes && this.dollarString(start)) return;
    if (c === PLACEHOLDER_CHAR) return this.word(start);
    if (WORD_START.test(c)) return this.word(start);
    if (DIGIT.test(c) || (c === '.' && next !== undefined && DIGIT.test(next))) return this.number(start);
    if (c === '$' && next !== undefined && /[0-9]/.test(next)) return this.param(start, 1);
    if (c === '?') return this.param(start, 1);
    if ((c === ':' || c === '@' || c === '$') && next !== undefined && (WORD_START.test(next) || next === '@')) {
      if (c === ':' && t[start - 1] === ':') {
        // second colon of `::` is handled below
      } else {
        return this.param(start, c === '@' && next === '@' ? 2 : 1);
      }
    }
    if (c === ':' && next === ':') {
      this.push('punct', start, start + 2);
      this.pos = start + 2;
      return;
    }
    if (c === ';' && this.delimiter === ';') {
      this.push('end', start, start + 1);
      this.pos = start + 1;
      this.endStatement();
      return;
    }
    this.push('punct', start, start + 1);
    this.pos = start + 1;
  }

  private push(kind: TokenKind, start: number, end: number, value?: string, inner?: Span, dollar?: boolean): void {
    // One object shape for every token keeps the scanner's property reads monomorphic.
    const v = value ?? (end - start === 1 ? this.text[start]! : this.text.slice(start, end));
    this.tokens.push({
      kind,
      start,
      end,
      value: v,
      valueStart: inner ? inner.start : start,
      valueEnd: inner ? inner.end : end,
      dollar: dollar === true,
    });
  }

  private atLineStart(): boolean {
    for (let i = this.pos - 1; i >= 0; i--) {
      const c = this.text[i];
      if (c === '\n' || c === '\r') return true;
      if (c !== ' ' && c !== '\t') return false;
    }
    return true;
  }

  private lineEnd(from: number): number {
    const t = this.text;
    let i = from;
    while (i < t.length && t[i] !== '\n' && t[i] !== '\r') i++;
    return i;
  }

  /** psql `\meta` commands and the MySQL client's `DELIMITER x`, which are not SQL. */
  private metaLine(): boolean {
    const t = this.text;
    const start = this.pos;
    if (this.d.psqlMeta && t[start] === '\\') {
      const end = this.lineEnd(start);
      const line = t.slice(start, end);
      this.push('meta', start, end);
      this.pos = end;
      this.endStatement();
      if (/^\\copy\b[^\n]*\bfrom\s+(?:stdin|pstdin)\b/i.test(line)) this.copyData();
      return true;
    }
    if (
      this.d.batchSeparator &&
      /^go[ \t]*(?:\r|\n|$)/iy.test(t.slice(start, start + 6)) &&
      t.slice(start, start + 3).trim().length === 2
    ) {
      // SQL Server's client batch separator, on a line of its own
      const end = this.lineEnd(start);
      this.push('meta', start, end);
      this.pos = end;
      this.endStatement();
      return true;
    }
    if (this.d.mysqlDelimiter && /^delimiter[ \t]+\S/iy.test(t.slice(start, start + 12)) && this.statementWords.length === 0) {
      const end = this.lineEnd(start);
      const m = /^delimiter[ \t]+(\S+)/i.exec(t.slice(start, end));
      this.push('meta', start, end);
      this.pos = end;
      if (m) this.delimiter = m[1]!;
      return true;
    }
    return false;
  }

  private endStatement(): void {
    const w = this.statementWords;
    this.statementWords = [];
    if (w[0] === 'COPY' && w.includes('FROM') && (w.includes('STDIN') || w.includes('PSTDIN'))) {
      this.pos = this.lineEnd(this.pos);
      this.copyData();
    }
  }

  /** Data rows of `COPY ... FROM stdin`, up to a line that is `\.`: values, never names. */
  private copyData(): void {
    const t = this.text;
    let i = this.pos;
    if (t[i] === '\r') i++;
    if (t[i] === '\n') i++;
    const start = i;
    while (i < t.length) {
      const end = this.lineEnd(i);
      if (t.slice(i, end).trim() === '\\.') {
        i = end;
        break;
      }
      i = end;
      if (t[i] === '\r') i++;
      if (t[i] === '\n') i++;
    }
    if (i > start) this.push('data', start, i, '');
    this.pos = i;
  }

  private lineComment(start: number): void {
    const end = this.lineEnd(start);
    this.push('comment', start, end);
    this.pos = end;
  }

  private blockComment(start: number): void {
    const t = this.text;
    let depth = 0;
    let i = start;
    while (i < t.length) {
      if (t[i] === '/' && t[i + 1] === '*') {
        if (depth === 0 || this.d.nestedComments) depth++;
        i += 2;
      } else if (t[i] === '*' && t[i + 1] === '/') {
        depth--;
        i += 2;
        if (depth === 0) break;
      } else i++;
    }
    if (depth > 0) this.notes.push({ span: { start, end: start + 2 }, message: 'unterminated block comment' });
    this.push('comment', start, i);
    this.pos = i;
  }

  /** `'...'` and, where the dialect says so, `"..."`; `start` includes any prefix letters. */
  private quotedString(start: number, quoteAt: number, q: string): void {
    const t = this.text;
    const prefix = t.slice(start, quoteAt);
    const backslash = this.d.backslashEscapes || /^[Ee]$/.test(prefix);
    if (this.d.tripleQuotes && t.startsWith(q + q + q, quoteAt)) {
      const close = t.indexOf(q + q + q, quoteAt + 3);
      const end = close < 0 ? t.length : close + 3;
      this.push('string', start, end, '');
      this.pos = end;
      return;
    }
    let i = quoteAt + 1;
    const limit = this.unpaired.has(q) ? this.lineEnd(i) : t.length;
    while (i < limit) {
      const c = t[i];
      if (backslash && c === '\\') {
        i += 2;
        continue;
      }
      if (c === q) {
        if (t[i + 1] === q) {
          i += 2;
          continue;
        }
        // A string's contents never leave the lexer, unless the whole string is shaped like a
        // name: a JSON key (`meta->>'email'`) is read as what it names.
        const body = t.slice(quoteAt + 1, i);
        if (NAME_SHAPED.test(body)) this.push('string', start, i + 1, body, { start: quoteAt + 1, end: i });
        else this.push('string', start, i + 1, '');
        this.pos = i + 1;
        return;
      }
      i++;
    }
    this.unpaired.add(q);
    this.unterminated(start, quoteAt, 'string', 'unterminated string literal');
  }

  /** A quote with no partner: end the token at its line so the rest of the file is still read. */
  private unterminated(start: number, quoteAt: number, kind: 'string' | 'quoted', message: string): void {
    const end = this.lineEnd(quoteAt);
    this.notes.push({ span: { start, end }, message });
    if (kind === 'string') this.push('string', start, end, '');
    else this.push('punct', start, quoteAt + 1);
    this.pos = kind === 'string' ? end : quoteAt + 1;
  }

  private quotedIdentifier(start: number, open: string, close: string): void {
    const t = this.text;
    let i = start + 1;
    let value = '';
    const limit = this.unpaired.has(open) ? this.lineEnd(i) : t.length;
    while (i < limit) {
      const c = t[i]!;
      // No quoted name holds a line break: a quote that finds its partner only on a later line
      // is a stray one, and pairing them would read the text between, strings and all, as a name.
      if (c === '\n' || c === '\r') break;
      if (c === close) {
        if (close !== ']' && t[i + 1] === close) {
          value += c;
          i += 2;
          continue;
        }
        this.quotedParts(start, i + 1, value, open);
        this.pos = i + 1;
        return;
      }
      value += c;
      i++;
    }
    if (open !== '[') this.unpaired.add(open);
    this.unterminated(start, start, 'quoted', 'unterminated quoted identifier');
  }

  /**
   * A BigQuery path in one pair of backticks (`` `project.dataset.table` ``) is several names:
   * split it so each part has its own exact range.
   */
  private quotedParts(start: number, end: number, value: string, open: string): void {
    const inner = { start: start + 1, end: end - 1 };
    const raw = this.text.slice(inner.start, inner.end);
    if (open === '`' && this.d.tripleQuotes && raw === value && raw.includes('.')) {
      let offset = inner.start;
      const parts = raw.split('.');
      parts.forEach((part, k) => {
        const s = offset;
        const e = s + part.length;
        this.tokens.push({
          kind: 'quoted',
          start: k === 0 ? start : s,
          end: k === parts.length - 1 ? end : e,
          value: part,
          valueStart: s,
          valueEnd: e,
          dollar: false,
        });
        if (k < parts.length - 1) this.push('punct', e, e + 1);
        offset = e + 1;
      });
      return;
    }
    this.tokens.push({ kind: 'quoted', start, end, value, valueStart: inner.start, valueEnd: inner.end, dollar: false });
  }

  private dollarString(start: number): boolean {
    const t = this.text;
    const prev = t[start - 1];
    if (prev !== undefined && WORD_PART.test(prev)) return false;
    const m = /\$([\p{L}_][\p{L}\p{N}_]*)?\$/uy;
    m.lastIndex = start;
    const open = m.exec(t);
    if (!open) return false;
    const tag = open[0];
    const bodyStart = start + tag.length;
    const close = t.indexOf(tag, bodyStart);
    const bodyEnd = close < 0 ? t.length : close;
    const end = close < 0 ? t.length : close + tag.length;
    if (close < 0) this.notes.push({ span: { start, end: bodyStart }, message: `unterminated dollar-quoted string ${tag}` });
    this.push('string', start, end, t.slice(bodyStart, bodyEnd), { start: bodyStart, end: bodyEnd }, true);
    this.pos = end;
    return true;
  }

  private word(start: number): void {
    const t = this.text;
    let i = start;
    let placeholder = false;
    const custom = this.delimiter !== ';';
    while (i < t.length) {
      const code = t.charCodeAt(i);
      const ascii = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
      if (!ascii) {
        const c = t[i]!;
        if (c === PLACEHOLDER_CHAR) placeholder = true;
        else if (code < 128 || !WORD_PART.test(c)) break;
      } else if (custom && code === 36 && t.startsWith(this.delimiter, i)) break;
      if (custom && !ascii && t.startsWith(this.delimiter, i)) break;
      i++;
    }
    // Surrogate pairs (letters outside the BMP) are tested one half at a time above; accept them.
    while (i < t.length && /[\uD800-\uDFFF]/.test(t[i]!)) {
      i++;
      while (i < t.length && (WORD_PART.test(t[i]!) || t[i] === PLACEHOLDER_CHAR)) i++;
    }
    const value = t.slice(start, i);
    if ((t[i] === "'" || (t[i] === '"' && this.d.doubleQuoteIsString)) && STRING_PREFIX.test(value)) {
      return this.quotedString(start, i, t[i]!);
    }
    if (value.toUpperCase() === 'U' && t[i] === '&' && (t[i + 1] === "'" || t[i + 1] === '"')) {
      if (t[i + 1] === "'") return this.quotedString(start, i + 1, "'");
      this.pos = i + 1;
      return this.quotedIdentifier(i + 1, '"', '"');
    }
    this.push(placeholder ? 'placeholder' : 'word', start, i);
    // Only COPY needs its words remembered (to see `FROM stdin`).
    if (!placeholder && (this.statementWords.length === 0 || this.statementWords[0] === 'COPY'))
      this.statementWords.push(value.toUpperCase());
    this.pos = i;
  }

  private number(start: number): void {
    const m = /0[xX][0-9a-fA-F]+|(?:[0-9][0-9_]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = start;
    const r = m.exec(this.text);
    const end = r ? start + r[0].length : start + 1;
    this.push('number', start, end);
    this.pos = end;
  }

  private param(start: number, skip: number): void {
    const t = this.text;
    let i = start + skip;
    while (i < t.length && WORD_PART.test(t[i]!)) i++;
    this.push('param', start, i);
    this.pos = i;
  }

  /** `[` right after a value is a subscript, elsewhere (SQLite) a quoted name. */
  private afterOperand(): boolean {
    const last = this.tokens[this.tokens.length - 1];
    if (!last) return false;
    if (last.kind === 'quoted' || last.kind === 'number' || last.kind === 'string') return true;
    if (last.kind === 'word') return !RESERVED.has(last.value.toUpperCase());
    if (last.kind === 'punct') return last.value === ')' || last.value === ']';
    return false;
  }
}
