/**
 * From tokens to statements, and from a statement's tokens to a tree of parenthesised groups:
 * the shape every clause-aware rule works on.
 */
import type { Span } from '../../occurrence';
import type { Token } from './lexer';

export interface Group {
  readonly kind: 'group';
  readonly open: Token;
  /** Missing when the statement ends before the group closes. */
  readonly close: Token | undefined;
  readonly items: readonly SqlNode[];
  readonly start: number;
  readonly end: number;
}

export type SqlNode = Token | Group;

export interface Statement {
  /** Significant tokens (no comments), including inner `;` of trigger and procedure bodies. */
  readonly tokens: readonly Token[];
  /** From the first token to the terminator included. */
  readonly span: Span;
}

export function isGroup(n: SqlNode | undefined): n is Group {
  return n !== undefined && n.kind === 'group';
}

export function isToken(n: SqlNode | undefined): n is Token {
  return n !== undefined && n.kind !== 'group';
}

export function upper(n: SqlNode | undefined): string | undefined {
  return n !== undefined && n.kind === 'word' ? n.value.toUpperCase() : undefined;
}

export function isWord(n: SqlNode | undefined, ...words: string[]): boolean {
  const u = upper(n);
  return u !== undefined && (words.length === 0 || words.includes(u));
}

export function isPunct(n: SqlNode | undefined, p: string): boolean {
  return n !== undefined && n.kind === 'punct' && n.value === p;
}

/**
 * Cuts the token stream at `;` (or a client delimiter), psql meta-commands and COPY data.
 * A `CREATE TRIGGER/FUNCTION/PROCEDURE ... BEGIN ... END` keeps its inner `;` (SQLite triggers,
 * `BEGIN ATOMIC`). Parentheses are not counted, so an unbalanced one cannot swallow the file.
 */
export function splitStatements(tokens: readonly Token[]): Statement[] {
  const out: Statement[] = [];
  let current: Token[] = [];
  let blockDepth = 0;
  let routine = false;
  const flush = (terminator?: Token) => {
    if (current.length > 0) {
      const first = current[0]!;
      const last = terminator ?? current[current.length - 1]!;
      out.push({ tokens: current, span: { start: first.start, end: last.end } });
    }
    current = [];
    blockDepth = 0;
    routine = false;
  };
  for (const t of tokens) {
    if (t.kind === 'comment') continue;
    if (t.kind === 'meta' || t.kind === 'data') {
      flush();
      continue;
    }
    if (t.kind === 'end') {
      if (blockDepth > 0) {
        current.push(t);
        continue;
      }
      flush(t);
      continue;
    }
    if (t.kind === 'word') {
      const u = t.value.toUpperCase();
      if (current.length === 0) routine = false;
      if (
        current.length > 0 &&
        upper(current[0]) === 'CREATE' &&
        (u === 'TRIGGER' || u === 'FUNCTION' || u === 'PROCEDURE' || u === 'EVENT')
      )
        routine = true;
      if (routine && u === 'BEGIN') blockDepth++;
      else if (blockDepth > 0 && u === 'CASE') blockDepth++;
      else if (blockDepth > 0 && u === 'END') blockDepth--;
    }
    current.push(t);
  }
  flush();
  return out;
}

export interface Tree {
  readonly nodes: readonly SqlNode[];
  /** False when a parenthesis has no partner. */
  readonly balanced: boolean;
}

export function buildTree(tokens: readonly Token[]): Tree {
  let balanced = true;
  const root: SqlNode[] = [];
  const stack: { open: Token; items: SqlNode[] }[] = [];
  const top = () => (stack.length > 0 ? stack[stack.length - 1]!.items : root);
  for (const t of tokens) {
    if (t.kind === 'punct' && t.value === '(') {
      stack.push({ open: t, items: [] });
    } else if (t.kind === 'punct' && t.value === ')') {
      const g = stack.pop();
      if (!g) {
        balanced = false;
        continue;
      }
      top().push({ kind: 'group', open: g.open, close: t, items: g.items, start: g.open.start, end: t.end });
    } else {
      top().push(t);
    }
  }
  while (stack.length > 0) {
    balanced = false;
    const g = stack.pop()!;
    const last = g.items[g.items.length - 1];
    top().push({ kind: 'group', open: g.open, close: undefined, items: g.items, start: g.open.start, end: last ? last.end : g.open.end });
  }
  return { nodes: root, balanced };
}

/** Splits a node list at top-level commas. */
export function splitCommas(nodes: readonly SqlNode[]): SqlNode[][] {
  const parts: SqlNode[][] = [[]];
  for (const n of nodes) {
    if (isPunct(n, ',')) parts.push([]);
    else parts[parts.length - 1]!.push(n);
  }
  return parts.filter((p) => p.length > 0);
}

/** `a.b.c`, `"A"."b"`, `t.*`: the names of a dotted reference starting at `i`. */
export interface Chain {
  readonly parts: readonly Token[];
  readonly star: boolean;
  /** Index of the node after the chain. */
  readonly next: number;
}

export function isNameToken(n: SqlNode | undefined): n is Token {
  return n !== undefined && (n.kind === 'word' || n.kind === 'quoted' || n.kind === 'placeholder');
}

export function readChain(nodes: readonly SqlNode[], i: number): Chain {
  const parts: Token[] = [];
  let j = i;
  let star = false;
  const first = nodes[j];
  if (!isNameToken(first)) return { parts, star, next: i };
  parts.push(first);
  j++;
  while (isPunct(nodes[j], '.')) {
    const n = nodes[j + 1];
    if (isNameToken(n)) {
      parts.push(n);
      j += 2;
    } else if (isPunct(n, '*')) {
      star = true;
      j += 2;
      break;
    } else break;
  }
  return { parts, star, next: j };
}
