import ts from 'typescript';
import { consentIds, disableDirective } from './consent/directives';
import type { ConditionReference, ConsentRegion, Suppression } from './consent/model';
import type { Scan } from './lint';
import type { Occurrence } from './occurrence';
import type { SqlDialect } from './config/model';
import { RESERVED } from './sql/keywords';
import { lex } from './sql/lexer';
import { LineMap } from './text/positions';

/**
 * The name-by-name pass for files a parser cannot hold (nesting deeper than the call stack):
 * token scanners are loops, so they never overflow. They still find every property access,
 * string-keyed element access and SQL column, with the receiver as context; only directives on
 * functions and statements and guards, which need the tree, are not seen. Nothing is dropped.
 */

export function tokenScanTypeScript(text: string): Scan {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const occurrences: Occurrence[] = [];
  const comments: { pos: number; end: number }[] = [];
  let prev: ts.SyntaxKind = ts.SyntaxKind.Unknown;
  let prevIdent: string | undefined;
  let lastIdent: string | undefined;
  let pendingBracket = false;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const start = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      comments.push({ pos: start, end });
      continue;
    }
    if (kind === ts.SyntaxKind.WhitespaceTrivia || kind === ts.SyntaxKind.NewLineTrivia) continue;
    if (kind === ts.SyntaxKind.Identifier && prev === ts.SyntaxKind.DotToken) {
      occurrences.push({ name: scanner.getTokenValue(), span: { start, end }, role: 'use', syntax: 'property-access', context: prevIdent ? [prevIdent] : [] });
    } else if (kind === ts.SyntaxKind.StringLiteral && pendingBracket) {
      occurrences.push({ name: scanner.getTokenValue(), span: { start: start + 1, end: end - 1 }, role: 'use', syntax: 'element-access', context: lastIdent ? [lastIdent] : [] });
    }
    pendingBracket = kind === ts.SyntaxKind.OpenBracketToken && (prev === ts.SyntaxKind.Identifier || prev === ts.SyntaxKind.CloseParenToken);
    if (kind === ts.SyntaxKind.Identifier) {
      if (prev !== ts.SyntaxKind.DotToken) prevIdent = scanner.getTokenValue();
      lastIdent = scanner.getTokenValue();
    } else if (kind !== ts.SyntaxKind.DotToken && kind !== ts.SyntaxKind.QuestionDotToken) {
      prevIdent = kind === ts.SyntaxKind.CloseParenToken || kind === ts.SyntaxKind.CloseBracketToken ? prevIdent : undefined;
    }
    prev = kind === ts.SyntaxKind.QuestionDotToken ? ts.SyntaxKind.DotToken : kind;
  }
  return { occurrences, ...commentDirectives(text, comments), strayDirectives: [] };
}

export function tokenScanSql(text: string, dialect: SqlDialect): Scan {
  const { tokens } = lex(text, dialect);
  const occurrences: Occurrence[] = [];
  const comments: { pos: number; end: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'comment') comments.push({ pos: t.start, end: t.end });
    const isName = t.kind === 'quoted' || (t.kind === 'word' && !RESERVED.has(t.value.toUpperCase()));
    if (!isName) continue;
    const qualifier = tokens[i - 1]?.value === '.' ? tokens[i - 2] : undefined;
    occurrences.push({ name: t.value, span: { start: t.valueStart, end: t.valueEnd }, role: 'use', syntax: 'sql-column', context: qualifier ? [qualifier.value] : [] });
  }
  return { occurrences, ...commentDirectives(text, comments), strayDirectives: [] };
}

/** File-level `@consent` (before any code, then a blank line) and disable directives. */
function commentDirectives(text: string, comments: readonly { pos: number; end: number }[]): Pick<Scan, 'regions' | 'suppressions' | 'conditionRefs'> {
  const regions: ConsentRegion[] = [];
  const suppressions: Suppression[] = [];
  const conditionRefs: ConditionReference[] = [];
  const lines = new LineMap(text);
  let header = true;
  let prevEnd = 0;
  for (const c of comments) {
    if (text.slice(prevEnd, c.pos).trim() !== '') header = false;
    prevEnd = c.end;
    const body = text.slice(c.pos, c.end);
    const disable = disableDirective(body, c.pos);
    if (disable) suppressions.push({ span: disable.span, line: lines.position(c.end).line + 1, rules: disable.rules, reason: disable.reason });
    const ids = consentIds(body, c.pos);
    if (!ids) continue;
    conditionRefs.push(...ids);
    if (header && /^[ \t]*(\r\n|\r|\n)[ \t]*(\r\n|\r|\n)/.test(text.slice(c.end, c.end + 100))) {
      regions.push({ span: { start: 0, end: text.length }, conditions: ids.map((i) => i.id), origin: 'file-directive', declaredAt: { start: c.pos, end: c.end } });
    }
  }
  return { regions, suppressions, conditionRefs };
}
