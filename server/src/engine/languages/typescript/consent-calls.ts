/**
 * Calls that name a consent condition, whatever the function is called: `canTrack(user,
 * 'connected-drive')`. `catalint init` reads a codebase's own guard functions from them, so its
 * `guards` configuration names what the code already does. A call in a condition (`if`, `&&`,
 * `?:`, `!`) checks consent; one that stands as a statement (awaited or not) requires it.
 */
import ts from 'typescript';
import { scriptKindOf } from './scanner';

export interface ConsentCall {
  /** The callee's last name (`canTrack` for `consent.canTrack(...)`). */
  readonly name: string;
  readonly role: 'check' | 'require' | 'other';
  /** 1-based. */
  readonly line: number;
  /** The condition id it names. */
  readonly condition: string;
}

export function consentCalls(text: string, fileName: string, conditions: ReadonlySet<string>): ConsentCall[] {
  // Cheap first: no condition id in the text, no call to find.
  if (![...conditions].some((id) => text.includes(id))) return [];
  const sf = ts.createSourceFile(
    fileName,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true,
    scriptKindOf(fileName),
  );
  const out: ConsentCall[] = [];
  // Iterative: a deeply nested file must not overflow the stack.
  const stack: ts.Node[] = [sf];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isCallExpression(node)) {
      const condition = node.arguments.find((a) => ts.isStringLiteralLike(a) && conditions.has(a.text)) as ts.StringLiteralLike | undefined;
      const name = calleeName(node.expression);
      if (condition && name) {
        out.push({
          name,
          role: roleOf(node),
          line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
          condition: condition.text,
        });
      }
    }
    node.forEachChild((child) => {
      stack.push(child);
    });
  }
  return out.sort((a, b) => a.line - b.line);
}

function calleeName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** Where the call stands, through parentheses, `await` and `!`. */
function roleOf(call: ts.CallExpression): ConsentCall['role'] {
  let node: ts.Node = call;
  let parent = node.parent;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isAwaitExpression(parent) || isNot(parent))) {
    node = parent;
    parent = node.parent;
  }
  if (!parent) return 'other';
  if (ts.isExpressionStatement(parent)) return 'require';
  if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent)) && parent.expression === node) return 'check';
  if (ts.isConditionalExpression(parent) && parent.condition === node) return 'check';
  if (
    ts.isBinaryExpression(parent) &&
    (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  )
    return 'check';
  return 'other';
}

function isNot(node: ts.Node): boolean {
  return ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken;
}
