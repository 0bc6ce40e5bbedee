import ts from 'typescript';
import type { Scan } from '../../scan';

const { createSourceFile, createTextChangeRange, createTextSpan, updateSourceFile } = ts;

/**
 * What the engine keeps of one document between two analyses of it, so that a keystroke costs
 * what it changed rather than what the file holds: the last syntax tree, which the compiler
 * updates incrementally (its unchanged statements stay the same objects), and what each
 * top-level statement yielded, replayed when the statement and everything it read are
 * unchanged. One per open document, owned by the caller; dropping it only costs speed.
 */
export class DocumentMemory {
  /** @internal */ text: string | undefined;
  /** @internal */ sourceFile: ts.SourceFile | undefined;
  /** @internal */ key: readonly unknown[] = [];
  /** @internal */ statements = new WeakMap<ts.Node, StatementScan>();
  /**
   * SQL inside the document's literals, by dialect and literal text, relative to the literal's
   * start and line: what the last analysis found, and what this one has used so far.
   */
  /** @internal */ sql = new Map<string, RememberedSql>();
  /** @internal */ sqlUsed = new Map<string, RememberedSql>();
  /** Top-level statements the last analysis replayed rather than walked (for tests and benchmarks). */
  replayed = 0;

  /** Forgets everything, as after an analysis that did not finish or a file that changed kind. */
  clear(): void {
    this.text = undefined;
    this.sourceFile = undefined;
    this.key = [];
    this.statements = new WeakMap();
    this.sql = new Map();
    this.sqlUsed = new Map();
  }

  /** Keeps only the SQL the analysis that just ended used, so the memory never outgrows the document. */
  settleSql(): void {
    this.sql = this.sqlUsed;
    this.sqlUsed = new Map();
  }
}

export interface RememberedSql {
  readonly scan: Scan;
  /** The line of the literal's start when it was scanned. */
  readonly line: number;
}

/**
 * What the walk of one top-level statement produced, with every offset relative to the
 * statement's `pos`, and what it depended on outside itself.
 */
export interface StatementScan {
  /** The text between the start of the statement's first line and the statement: a comment's "after code" test reads it. */
  readonly linePrefix: string;
  /** Module-scope names it looked up, with what they meant then (undefined: not declared). */
  readonly reads: ReadonlyMap<string, readonly string[] | undefined>;
  /** Module-scope names it declared, with their context. */
  readonly declares: readonly (readonly [string, readonly string[]])[];
  /** What it yielded. */
  readonly scan: Scan;
  /** The line of the statement's `pos` when it was walked: suppression lines move with it. */
  readonly line: number;
}

/**
 * The syntax tree of `text`: updated from the remembered one when there is one for the same key
 * (file kind and options), parsed afresh otherwise. The remembered tree is replaced at once, as
 * the compiler may reuse its nodes and an updated tree's predecessor must not be read again.
 */
export function parseWithMemory(
  text: string,
  fileName: string,
  kind: ts.ScriptKind,
  key: readonly unknown[],
  options: ts.CreateSourceFileOptions,
  memory: DocumentMemory | undefined,
): ts.SourceFile {
  if (!memory) return createSourceFile(fileName, text, options, false, kind);
  const sameKey = memory.key.length === key.length && key.every((k, i) => memory.key[i] === k);
  if (!sameKey || !memory.sourceFile || memory.text === undefined) {
    memory.clear();
    memory.key = key;
    memory.sourceFile = createSourceFile(fileName, text, options, false, kind);
    memory.text = text;
    return memory.sourceFile;
  }
  const old = memory.text;
  const previous = memory.sourceFile;
  // Forget first: if the update throws, nothing half-updated is remembered.
  memory.sourceFile = undefined;
  memory.text = undefined;
  const sf = old === text ? previous : updateSourceFile(previous, text, changeRange(old, text), false);
  memory.sourceFile = sf;
  memory.text = text;
  return sf;
}

const BLOCK = 256;

/** The one range that differs between two texts (common prefix and suffix removed). */
function changeRange(before: string, after: string): ts.TextChangeRange {
  const shorter = Math.min(before.length, after.length);
  // Whole blocks first: comparing slices runs natively, a character loop over 200 KB did not.
  let head = 0;
  while (head + BLOCK <= shorter && before.slice(head, head + BLOCK) === after.slice(head, head + BLOCK)) head += BLOCK;
  while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  const room = shorter - head;
  while (
    tail + BLOCK <= room &&
    before.slice(before.length - tail - BLOCK, before.length - tail) === after.slice(after.length - tail - BLOCK, after.length - tail)
  )
    tail += BLOCK;
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return createTextChangeRange(createTextSpan(head, before.length - tail - head), after.length - tail - head);
}

export function sameContext(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
