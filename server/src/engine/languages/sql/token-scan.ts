import type { SqlDialect } from '../../config/model';
import type { Occurrence, Span } from '../../occurrence';
import type { Scan } from '../../scan';
import { withDirectives } from '../../consent/token-directives';
import { RESERVED } from './keywords';
import { lex } from './lexer';

/** The name-by-name pass for SQL too deep to parse: every name that is not a keyword, with its qualifier as context. */
export function tokenScanSql(text: string, dialect: SqlDialect): Scan {
  const { tokens } = lex(text, dialect);
  const occurrences: Occurrence[] = [];
  const comments: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'comment') comments.push({ start: t.start, end: t.end });
    const isName = t.kind === 'quoted' || (t.kind === 'word' && !RESERVED.has(t.value.toUpperCase()));
    if (!isName) continue;
    const qualifier = tokens[i - 1]?.value === '.' ? tokens[i - 2] : undefined;
    occurrences.push({
      name: t.value,
      span: { start: t.valueStart, end: t.valueEnd },
      role: 'use',
      syntax: 'sql-column',
      context: qualifier ? [qualifier.value] : [],
    });
  }
  return withDirectives(text, occurrences, comments);
}
