import ts from 'typescript';
import type { Occurrence, Span } from '../../occurrence';
import type { Scan } from '../../scan';
import { withDirectives } from '../../consent/token-directives';

/**
 * The name-by-name pass for files a parser cannot hold (nesting deeper than the call stack):
 * a loop over tokens, so it never overflows. It still finds every property access and
 * string-keyed element access, with the receiver as context; only directives on functions and
 * statements and guards, which need the tree, are not seen. Nothing is dropped.
 */
export function tokenScanTypeScript(text: string): Scan {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const occurrences: Occurrence[] = [];
  const comments: Span[] = [];
  let prev: ts.SyntaxKind = ts.SyntaxKind.Unknown;
  let prevIdent: string | undefined;
  let lastIdent: string | undefined;
  let pendingBracket = false;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const start = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      comments.push({ start, end });
      continue;
    }
    if (kind === ts.SyntaxKind.WhitespaceTrivia || kind === ts.SyntaxKind.NewLineTrivia) continue;
    if (kind === ts.SyntaxKind.Identifier && prev === ts.SyntaxKind.DotToken) {
      occurrences.push({
        name: scanner.getTokenValue(),
        span: { start, end },
        role: 'use',
        syntax: 'property-access',
        context: prevIdent ? [prevIdent] : [],
      });
    } else if (kind === ts.SyntaxKind.StringLiteral && pendingBracket) {
      occurrences.push({
        name: scanner.getTokenValue(),
        span: { start: start + 1, end: end - 1 },
        role: 'use',
        syntax: 'element-access',
        context: lastIdent ? [lastIdent] : [],
      });
    }
    pendingBracket =
      kind === ts.SyntaxKind.OpenBracketToken && (prev === ts.SyntaxKind.Identifier || prev === ts.SyntaxKind.CloseParenToken);
    if (kind === ts.SyntaxKind.Identifier) {
      if (prev !== ts.SyntaxKind.DotToken) prevIdent = scanner.getTokenValue();
      lastIdent = scanner.getTokenValue();
    } else if (kind !== ts.SyntaxKind.DotToken && kind !== ts.SyntaxKind.QuestionDotToken) {
      prevIdent = kind === ts.SyntaxKind.CloseParenToken || kind === ts.SyntaxKind.CloseBracketToken ? prevIdent : undefined;
    }
    prev = kind === ts.SyntaxKind.QuestionDotToken ? ts.SyntaxKind.DotToken : kind;
  }
  return withDirectives(text, occurrences, comments);
}
