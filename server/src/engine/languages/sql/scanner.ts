/**
 * The SQL scanner: text in, occurrences and consent directives out, in document offsets.
 * Statements are analysed one by one, so a statement that does not parse costs only itself,
 * and even that one still yields its names through the tolerant pass.
 */
import { attachDirectives, type Target } from '../../consent/attach';
import type { SqlDialect } from '../../config/model';
import { ScanBuilder, type Scan } from '../../scan';
import type { Span } from '../../occurrence';
import { LineMap } from '../../text/positions';
import { StatementAnalyzer } from './analyze';
import { lex, type Token } from './lexer';
import { splitStatements, type Statement } from './statements';

export interface SqlScanOptions {
  readonly dialect: SqlDialect;
  /**
   * Called between statements and every few hundred steps inside one; throws to stop an analysis
   * over its time budget, or cancelled.
   */
  readonly checkpoint?: () => void;
}

export function scanSql(text: string, options: SqlScanOptions): Scan {
  const lexed = lex(text, options.dialect);
  const statements = splitStatements(lexed.tokens);
  const out = new ScanBuilder();
  for (const n of lexed.notes) out.notes.push(n);
  for (const st of statements) {
    options.checkpoint?.();
    const r = new StatementAnalyzer(options.dialect, options.checkpoint).analyze(st);
    const label = statementLabel(st);
    // Not `push(...r.occurrences)`: one statement can hold more names than a call has arguments.
    for (const o of r.occurrences) out.occurrences.push(label && o.container === undefined ? { ...o, container: label } : o);
    for (const n of r.notes) out.notes.push(n);
  }
  out.occurrences.sort((a, b) => a.span.start - b.span.start);
  directives(text, lexed.tokens, statements, out);
  return out;
}

/** Keywords after which the statement names its object: `CREATE TABLE customers`, `INSERT INTO orders`. */
const NAMES_OBJECT = new Set(['TABLE', 'VIEW', 'FUNCTION', 'PROCEDURE', 'TRIGGER', 'INDEX', 'INTO', 'UPDATE', 'FROM', 'EXISTS']);
const LEADING = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'ALTER',
  'DROP',
  'WITH',
  'MERGE',
  'REPLACE',
  'UPSERT',
  'COPY',
  'OR',
  'TEMP',
  'TEMPORARY',
  'UNIQUE',
  'MATERIALIZED',
  'INTO',
  'FROM',
  'TABLE',
  'VIEW',
  'FUNCTION',
  'PROCEDURE',
  'TRIGGER',
  'INDEX',
  'IF',
  'NOT',
  'EXISTS',
]);

/**
 * What a statement is, in a few words: its leading keywords and the object it names
 * (`CREATE TABLE customers`, `SELECT`). Keywords and one identifier only, never a literal.
 */
function statementLabel(st: Statement): string | undefined {
  const words: string[] = [];
  for (const t of st.tokens) {
    if (words.length >= 6) break;
    const upper = t.kind === 'word' ? t.value.toUpperCase() : undefined;
    if (
      upper !== undefined &&
      LEADING.has(upper) &&
      !(words.length > 0 && NAMES_OBJECT.has(words[words.length - 1]) && upper !== 'IF' && upper !== 'NOT' && upper !== 'EXISTS')
    ) {
      words.push(upper);
      continue;
    }
    if (
      words.length > 0 &&
      NAMES_OBJECT.has(words[words.length - 1]) &&
      (t.kind === 'word' || t.kind === 'quoted') &&
      /^[\p{L}_][\p{L}\p{N}_$.]*$/u.test(t.value)
    ) {
      words.push(t.value);
    }
    break;
  }
  return words.length > 0 ? words.join(' ') : undefined;
}

/**
 * Hands each run of comments to the one place that decides what directives cover, with what
 * follows the run: the statement it comes directly before, or nothing (a comment inside a
 * statement, or at the end).
 */
function directives(text: string, tokens: readonly Token[], statements: readonly Statement[], out: ScanBuilder): void {
  let lineMap: LineMap | undefined;
  const lines = () => (lineMap ??= new LineMap(text));
  let s = 0;
  let seenCode = false;
  for (let k = 0; k < tokens.length;) {
    if (tokens[k].kind !== 'comment') {
      seenCode = true;
      k++;
      continue;
    }
    const comments: Span[] = [];
    while (k < tokens.length && tokens[k].kind === 'comment') {
      comments.push({ start: tokens[k].start, end: tokens[k].end });
      k++;
    }
    const next = tokens[k];
    while (s < statements.length && statements[s].span.start < comments[0].start) s++;
    const st = statements[s];
    const target: Target =
      next && st && next.start === st.span.start ? { kind: 'code', span: st.span, origin: 'statement-directive' } : { kind: 'nothing' };
    attachDirectives(text, { comments, target, beforeAnyCode: !seenCode }, out, lines);
  }
}
