/**
 * The SQL scanner: text in, occurrences and consent directives out, in document offsets.
 * Statements are analysed one by one, so a statement that does not parse costs only itself,
 * and even that one still yields its names through the tolerant pass.
 */
import type { SqlDialect } from '../config/model';
import type { ConditionReference, ConsentRegion, Suppression } from '../consent/model';
import { consentIds, disableDirective } from '../consent/directives';
import type { Occurrence, Span } from '../occurrence';
import { LineMap } from '../text/positions';
import { StatementAnalyzer, type Note } from './analyze';
import { lex, type Token } from './lexer';
import { splitStatements, type Statement } from './statements';

export interface SqlScan {
  readonly occurrences: Occurrence[];
  readonly regions: ConsentRegion[];
  readonly suppressions: Suppression[];
  readonly conditionRefs: ConditionReference[];
  /** Informational: statements read by the tolerant pass, unterminated strings. */
  readonly notes: Note[];
  /** `@consent` comments that cover nothing (not above a statement, not a file directive). */
  readonly strayDirectives: Span[];
}

export interface SqlScanOptions {
  readonly dialect: SqlDialect;
  /** Called between statements; throws to stop an analysis over its time budget. */
  readonly checkpoint?: () => void;
}

export function scanSql(text: string, options: SqlScanOptions): SqlScan {
  const lexed = lex(text, options.dialect);
  const statements = splitStatements(lexed.tokens);
  const occurrences: Occurrence[] = [];
  const notes: Note[] = [...lexed.notes];
  for (const st of statements) {
    options.checkpoint?.();
    const r = new StatementAnalyzer(options.dialect).analyze(st);
    occurrences.push(...r.occurrences);
    notes.push(...r.notes);
  }
  occurrences.sort((a, b) => a.span.start - b.span.start);
  return { occurrences, notes, ...directives(text, lexed.tokens, statements) };
}

type Directives = Pick<SqlScan, 'regions' | 'suppressions' | 'conditionRefs' | 'strayDirectives'>;

/**
 * `@consent` comments directly above a statement cover it; one before any statement and
 * followed by a blank line covers the file. Comments between the directive and the statement
 * are allowed, blank lines are not.
 */
function directives(text: string, tokens: readonly Token[], statements: readonly Statement[]): Directives {
  const regions: ConsentRegion[] = [];
  const suppressions: Suppression[] = [];
  const conditionRefs: ConditionReference[] = [];
  const strayDirectives: Span[] = [];
  let lineMap: LineMap | undefined;
  const lines = () => (lineMap ??= new LineMap(text));
  const firstStatement = statements[0]?.span.start ?? text.length;
  let s = 0;
  tokens.forEach((t, k) => {
    if (t.kind !== 'comment') return;
    const body = text.slice(t.start, t.end);
    const disable = disableDirective(body, t.start);
    if (disable) {
      suppressions.push({
        span: disable.span,
        line: lines().position(t.end).line + 1,
        rules: disable.rules,
        ...(disable.reason !== undefined ? { reason: disable.reason } : {}),
      });
    }
    const ids = consentIds(body, t.start);
    if (!ids) return;
    conditionRefs.push(...ids);
    const stray = () => void strayDirectives.push(span(t));
    if (ids.length === 0 || !startsLine(text, t.start)) return stray();
    const conditions = ids.map((r) => r.id);
    // The comment run this directive belongs to, and what follows it.
    let j = k + 1;
    let blank = blankBetween(text, t.end, tokens[j]?.start ?? text.length);
    while (!blank && tokens[j]?.kind === 'comment') {
      blank = blankBetween(text, tokens[j]!.end, tokens[j + 1]?.start ?? text.length);
      j++;
    }
    if (t.end <= firstStatement && (blank || j >= tokens.length)) {
      regions.push({ span: { start: 0, end: text.length }, conditions, origin: 'file-directive', declaredAt: span(t) });
      return;
    }
    if (blank) return stray();
    const next = tokens[j];
    while (s < statements.length && statements[s]!.span.start < t.end) s++;
    const st = statements[s];
    if (next && st && next.start === st.span.start) {
      regions.push({ span: st.span, conditions, origin: 'statement-directive', declaredAt: span(t) });
    } else stray();
  });
  return { regions, suppressions, conditionRefs, strayDirectives };
}

function span(t: Token): Span {
  return { start: t.start, end: t.end };
}

function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r') return true;
    if (c !== ' ' && c !== '\t' && c !== '\uFEFF') return false;
  }
  return true;
}

/** True when the text between two offsets holds an empty line. */
function blankBetween(text: string, from: number, to: number): boolean {
  return /\r?\n[ \t]*\r?\n|\r[ \t]*\r/.test(text.slice(from, to));
}
