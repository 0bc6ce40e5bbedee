/**
 * Where a consent fix goes in TypeScript, found with the compiler's parser: the function (or
 * class) whose directive would cover a name, the statement around it, whether the statement
 * can be wrapped in a guard without changing what compiles, and whether a line lies inside a
 * multi-line string (no comment can go there).
 */
import ts from 'typescript';
import { type Edit, eolOf, indentUnitOf, indentationAt, lineStartOf } from '../../text/edit';
import { scriptKindOf } from './scanner';

export function parseTypeScript(text: string, fileName: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
}

/** The nodes containing `offset`, outermost first (trivia excluded). */
function pathTo(sf: ts.SourceFile, offset: number): ts.Node[] {
  const path: ts.Node[] = [sf];
  let node: ts.Node = sf;
  for (;;) {
    let next: ts.Node | undefined;
    node.forEachChild((child) => {
      if (!next && child.getStart(sf) <= offset && offset < child.end) next = child;
    });
    if (!next) return path;
    path.push(next);
    node = next;
  }
}

/** Code a `@consent` directive can sit above, covering a function or class. */
export interface FunctionHost {
  /** Where the directive goes: the start of the declaration (or of the statement holding it). */
  readonly anchor: number;
  /** For the action title: `save`, `class Customer`, `arrow function`. */
  readonly label: string;
}

/**
 * The nearest function, method, arrow function, class or object method around `offset` that a
 * directive line can be put above. An arrow passed as an argument has no line of its own, so
 * the search goes on outwards from it.
 */
export function functionHost(sf: ts.SourceFile, offset: number): FunctionHost | undefined {
  const path = pathTo(sf, offset);
  for (let i = path.length - 1; i > 0; i--) {
    const host = hostOf(path[i], sf);
    if (host) return host;
  }
  return undefined;
}

function hostOf(node: ts.Node, sf: ts.SourceFile): FunctionHost | undefined {
  const named = (n: ts.Node & { name?: ts.Node }, fallback: string): string =>
    n.name && (ts.isIdentifier(n.name) || ts.isPrivateIdentifier(n.name) || ts.isStringLiteral(n.name)) ? n.name.text : fallback;
  if (ts.isFunctionDeclaration(node)) return { anchor: node.getStart(sf), label: `function ${named(node, 'default')}` };
  if (ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
    return { anchor: node.getStart(sf), label: `method ${named(node, '')}`.trimEnd() };
  }
  if (ts.isConstructorDeclaration(node)) return { anchor: node.getStart(sf), label: 'constructor' };
  if (ts.isClassDeclaration(node)) return { anchor: node.getStart(sf), label: `class ${named(node, 'default')}` };
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) {
    const what = ts.isClassExpression(node) ? 'class' : 'function';
    const parent = node.parent;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
      const list = parent.parent;
      if (ts.isVariableDeclarationList(list) && list.declarations.length === 1 && ts.isVariableStatement(list.parent)) {
        return { anchor: list.parent.getStart(sf), label: `${what} ${parent.name.text}` };
      }
    }
    if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === node) {
      return { anchor: parent.getStart(sf), label: `${what} ${named(parent, '')}`.trimEnd() };
    }
    if (ts.isExportAssignment(parent)) return { anchor: parent.getStart(sf), label: `default ${what}` };
  }
  return undefined;
}

function isStatementList(node: ts.Node): boolean {
  return ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node);
}

/** The innermost statement around `offset` that stands in a statement list (so a line can go above it). */
export function statementAt(sf: ts.SourceFile, offset: number): ts.Statement | undefined {
  const path = pathTo(sf, offset);
  for (let i = path.length - 1; i > 0; i--) {
    const node = path[i];
    if (isStatementList(path[i - 1]) && ts.isStatement(node)) return node;
  }
  return undefined;
}

/**
 * Statements that can move into an `if` block without changing what compiles: they declare
 * nothing the code after them could use, and do not leave the function.
 */
function wrappable(stmt: ts.Statement): boolean {
  return (
    ts.isExpressionStatement(stmt) ||
    ts.isIfStatement(stmt) ||
    ts.isForStatement(stmt) ||
    ts.isForOfStatement(stmt) ||
    ts.isForInStatement(stmt) ||
    ts.isWhileStatement(stmt) ||
    ts.isDoStatement(stmt) ||
    ts.isSwitchStatement(stmt) ||
    ts.isTryStatement(stmt) ||
    ts.isBlock(stmt)
  );
}

/**
 * Wraps the statement around `offset` in `if (guard(ctx, "id") && ...) { ... }`, quoted as the
 * file's strings are, only where that compiles: the file already uses one of the check guards
 * (so it is imported), and a context is in scope — a parameter the file's guard calls already
 * pass, or one named `ctx` or `context`. The first check guard the file uses is the one written.
 */
export function wrapInGuard(
  sf: ts.SourceFile,
  offset: number,
  ids: readonly string[],
  checkGuards: readonly string[],
  allGuards: readonly string[],
): { edit: Edit; guard: string } | undefined {
  const stmt = statementAt(sf, offset);
  if (!stmt || !wrappable(stmt)) return undefined;
  const used = identifiersIn(sf);
  const guard = checkGuards.find((g) => used.has(g));
  const ctx = guard && contextArgument(sf, offset, allGuards);
  if (!guard || !ctx) return undefined;
  const text = sf.text;
  const eol = eolOf(text);
  const unit = indentUnitOf(text);
  const start = stmt.getStart(sf);
  const indent = indentationAt(text, lineStartOf(text, start));
  const quote = quoteOf(sf);
  const condition = ids.map((id) => `${guard}(${ctx}, ${stringLiteral(id, quote)})`).join(' && ');
  const protectedLines = multilineStringLineStarts(sf, start, stmt.end);
  const body = text.slice(start, stmt.end).replace(/\r\n|\n|\r/g, (br, at: number) => {
    const lineStart = start + at + br.length;
    return protectedLines.has(lineStart) ? br : br + unit;
  });
  return { edit: { start, end: stmt.end, newText: `if (${condition}) {${eol}${indent}${unit}${body}${eol}${indent}}` }, guard };
}

/**
 * The quote the file's string literals mostly use (imports included, JSX attributes not: those
 * follow JSX's own convention), double on a tie or when the file has none. A fix that writes
 * `"id"` into a single-quoted file is a diff the formatter, or the reviewer, must undo.
 */
function quoteOf(sf: ts.SourceFile): '"' | "'" {
  let single = 0;
  let double = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) && !ts.isJsxAttribute(node.parent)) {
      const q = sf.text[node.getStart(sf)];
      if (q === "'") single++;
      else if (q === '"') double++;
      return;
    }
    node.forEachChild(visit);
  };
  visit(sf);
  return single > double ? "'" : '"';
}

/** `text` as a string literal in `quote`s. */
function stringLiteral(text: string, quote: '"' | "'"): string {
  const json = JSON.stringify(text);
  if (quote === '"') return json;
  // JSON's escapes are JavaScript's: only the escaped `"` and the bare `'` change.
  const body = json
    .slice(1, -1)
    .replace(/\\(.)|'/g, (m: string, escaped: string | undefined) => (escaped === undefined ? "\\'" : escaped === '"' ? '"' : m));
  return `'${body}'`;
}

function identifiersIn(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    node.forEachChild(visit);
  };
  visit(sf);
  return names;
}

function contextArgument(sf: ts.SourceFile, offset: number, knownGuards: readonly string[]): string | undefined {
  const inScope = new Set<string>();
  for (const node of pathTo(sf, offset)) {
    if (ts.isFunctionLike(node)) {
      for (const p of node.parameters) if (ts.isIdentifier(p.name)) inScope.add(p.name.text);
    }
  }
  const used: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length >= 2 && ts.isIdentifier(node.arguments[0])) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (knownGuards.includes(name)) used.push((node.arguments[0] as ts.Identifier).text);
    }
    node.forEachChild(visit);
  };
  visit(sf);
  return used.find((n) => inScope.has(n)) ?? [...inScope].find((n) => /^(ctx|context)$/i.test(n));
}

/** Starts of lines that lie inside a string or template spanning lines: re-indenting them would change data. */
function multilineStringLineStarts(sf: ts.SourceFile, from: number, to: number): Set<number> {
  const starts = new Set<number>();
  const text = sf.text;
  const visit = (node: ts.Node): void => {
    if (node.end <= from || node.getStart(sf) >= to) return;
    if (ts.isTemplateLiteral(node) || ts.isStringLiteral(node) || ts.isJsxText(node)) {
      const s = node.getStart(sf);
      for (let i = s; i < node.end; i++) {
        const c = text[i];
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) starts.add(i + 1);
      }
      if (!ts.isTemplateExpression(node)) return;
    }
    node.forEachChild(visit);
  };
  visit(sf);
  return starts;
}

/** True when the line holding `offset` starts inside a string or template opened on an earlier line. */
export function lineInsideString(sf: ts.SourceFile, offset: number): boolean {
  const lineStart = lineStartOf(sf.text, offset);
  return multilineStringLineStarts(sf, lineStart, lineStart + 1).has(lineStart);
}
