/**
 * The clause-aware pass: walks one statement's tree, knows which clause each name stands in,
 * binds tables and aliases (joins, subqueries, CTEs) and emits column occurrences with their
 * table context. Statements it does not recognise, or that do not hold together, go through
 * the tolerant pass at the bottom of this file, which still yields their names.
 */
import type { SqlDialect } from '../../config/model';
import type { Occurrence } from '../../occurrence';
import { lex, valueSpan, type Token } from './lexer';
import {
  CLAUSE_WORDS,
  FRAME_WORDS,
  JOIN_WORDS,
  NOT_AN_ALIAS,
  NO_DATA_STATEMENTS,
  PROCEDURAL_STATEMENTS,
  RESERVED,
  SET_OPERATORS,
  TIME_UNITS,
  TYPE_CONTINUATION,
} from './keywords';
import {
  buildTree,
  isGroup,
  isNameToken,
  isPunct,
  isToken,
  isWord,
  readChain,
  splitCommas,
  splitStatements,
  upper,
  type Chain,
  type Group,
  type SqlNode,
  type Statement,
} from './statements';

import type { Note } from '../../scan';

export interface StatementResult {
  readonly occurrences: Occurrence[];
  readonly notes: Note[];
}

/** What a name in a FROM clause (or a DML target) stands for. */
interface Binding {
  readonly alias?: string;
  /** Context names, nearest first: the table, or a CTE then its tables, or a subquery's tables. */
  readonly names: readonly string[];
}

/**
 * The most names a context holds, nearest first. Real queries need a handful (the longest in the
 * benchmark corpora is 7); a chain of CTEs each built on the last, or a FROM list of thousands of
 * tables, would otherwise give every column a context as long as the chain: quadratic time and
 * memory in one statement (8,000 chained CTEs: 68 s and 1.4 GB). Names further out than this say
 * nothing the nearer ones do not, and the matcher reads contexts nearest first.
 */
export const MAX_CONTEXT = 16;

/** How many steps of the clause-aware pass run between two calls of the checkpoint. */
const STEPS_PER_CHECKPOINT = 256;

/** Pseudo-tables that stand for a DML target: `EXCLUDED.x` (a trigger's `NEW`/`OLD` are apart). */
const TARGET_ALIASES = new Set(['EXCLUDED', 'INSERTED', 'DELETED']);

class Scope {
  private readonly list: Binding[] = [];
  /** Lower-cased alias (or table name when unaliased) to its binding; first binding wins. */
  private readonly byName = new Map<string, Binding>();
  /** Lower-cased table name to its binding, for `table.col` written although the table is aliased. */
  private readonly byTable = new Map<string, Binding>();
  /**
   * The names of the tables bound here, deduplicated and capped at MAX_CONTEXT, kept as they
   * are bound rather than rebuilt from every binding on each read. Handed out as a context once
   * `tableNames()` is read, so a later bind copies it first (contexts are read-only).
   */
  private tables: string[] = [];
  private readonly tableKeys = new Set<string>();
  private tablesShared = false;
  readonly ctes = new Map<string, readonly string[]>();
  target: Binding | undefined;
  /** The table of the trigger whose body this is: what `NEW` and `OLD` stand for. */
  trigger: Binding | undefined;

  constructor(readonly parent: Scope | undefined) {}

  get bindings(): readonly Binding[] {
    return this.list;
  }

  bind(b: Binding): void {
    this.list.push(b);
    this.addTables(b.names);
    const table = b.names[0]?.toLowerCase();
    const key = b.alias !== undefined ? b.alias.toLowerCase() : table;
    if (key !== undefined && !this.byName.has(key)) this.byName.set(key, b);
    if (table !== undefined && !this.byTable.has(table)) this.byTable.set(table, b);
  }

  resolveQualifier(q: string): readonly string[] | undefined {
    const key = q.toLowerCase();
    const u = q.toUpperCase();
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.byName.get(key) ?? s.byTable.get(key);
      if (b) return b.names;
      if (s.trigger && (u === 'NEW' || u === 'OLD')) return s.trigger.names;
      if (s.target && TARGET_ALIASES.has(u)) return s.target.names;
    }
    return undefined;
  }

  /** The tables an unqualified column may come from: the nearest scope that has any. */
  unqualified(): readonly string[] {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const names = s.tableNames();
      if (names.length > 0) return names;
    }
    return [];
  }

  tableNames(): readonly string[] {
    this.tablesShared = true;
    return this.tables;
  }

  private addTables(names: readonly string[]): void {
    for (const n of names) {
      if (this.tables.length >= MAX_CONTEXT) return;
      const k = n.toLowerCase();
      if (this.tableKeys.has(k)) continue;
      if (this.tablesShared) {
        this.tables = this.tables.slice();
        this.tablesShared = false;
      }
      this.tableKeys.add(k);
      this.tables.push(n);
    }
  }

  resolveTable(name: string): readonly string[] {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const cte = s.ctes.get(name.toLowerCase());
      if (cte) return dedupe([name, ...cte]);
    }
    return [name];
  }
}

/** A context: the names once each (case aside), nearest first, at most MAX_CONTEXT of them. */
function dedupe(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    const k = n.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(n);
      if (out.length >= MAX_CONTEXT) break;
    }
  }
  return out;
}

/** Thrown when a statement's shape defeats the clause-aware pass; the tolerant pass takes over. */
class Unparsable extends Error {}

interface ExprOptions {
  /** Select lists and RETURNING: a bare word after a complete value is an alias. */
  readonly selectList?: boolean;
  /** Inside `OVER (...)`: frame words are not columns. */
  readonly windowSpec?: boolean;
}

export class StatementAnalyzer {
  private readonly occurrences: Occurrence[] = [];
  private readonly notes: Note[] = [];
  private deferred: (() => void)[] = [];
  private steps = 0;

  /**
   * `checkpoint` is called every few hundred steps inside the statement and throws to stop an
   * analysis over its time budget, or cancelled: one statement can be the whole file.
   */
  constructor(
    private readonly dialect: SqlDialect,
    private readonly checkpoint?: () => void,
  ) {}

  /** One unit of work: a node read, a CTE bound, an occurrence pushed. */
  private step(): void {
    if (this.checkpoint !== undefined && ++this.steps % STEPS_PER_CHECKPOINT === 0) this.checkpoint();
  }

  analyze(statement: Statement): StatementResult {
    const tree = buildTree(statement.tokens);
    if (!tree.balanced) {
      this.tolerant(statement, 'unbalanced parentheses');
    } else {
      try {
        this.statement(tree.nodes, new Scope(undefined), false);
      } catch (e) {
        // RangeError: parentheses nested deeper than the stack; the tolerant pass is flat.
        if (!(e instanceof Unparsable) && !(e instanceof RangeError)) throw e;
        this.occurrences.length = 0;
        this.deferred = [];
        this.tolerant(statement, e instanceof Unparsable ? e.message : 'nested too deeply');
      }
    }
    return { occurrences: this.occurrences, notes: this.notes };
  }

  // ---------------------------------------------------------------- dispatch

  private statement(nodes: readonly SqlNode[], scope: Scope, body: boolean): void {
    const head = upper(nodes[0]);
    if (isGroup(nodes[0]) && isQueryGroup(nodes[0])) return void this.query(nodes, scope);
    switch (head) {
      case 'WITH':
        return void this.withClause(nodes, scope);
      case 'SELECT':
      case 'VALUES':
      case 'TABLE':
        return void this.query(nodes, scope);
      case 'INSERT':
      case 'REPLACE':
      case 'UPSERT':
        return this.insert(nodes, scope);
      case 'UPDATE':
        return this.update(nodes, scope);
      case 'DELETE':
        return this.delete(nodes, scope);
      case 'MERGE':
        return this.merge(nodes, scope);
      case 'CREATE':
        return this.create(nodes, scope);
      case 'ALTER':
        return this.alter(nodes);
      case 'COPY':
        return this.copy(nodes, scope);
      case 'EXPLAIN':
        return this.statement(skipExplain(nodes), scope, body);
      case 'DO':
        return this.routineBodies(nodes, scope);
      case undefined:
        break;
      default:
        if (body || PROCEDURAL_STATEMENTS.has(head)) return this.bodyStatement(nodes, scope);
        if (NO_DATA_STATEMENTS.has(head)) return;
    }
    if (body) return;
    if (nodes.length === 1 && !isGroup(nodes[0])) return;
    throw new Unparsable(head === undefined ? 'statement not recognised' : `statement not recognised: ${head}`);
  }

  /**
   * Inside a routine body: the SQL in `RETURN QUERY SELECT ...` or `IF ... THEN UPDATE ...`, and
   * PL/pgSQL's own statements, whose variables hold data as columns do: `v_email := NEW.email`,
   * `DECLARE v_phone text := ...`, `IF p_email IS NULL THEN`, `RETURN v_name`.
   */
  private bodyStatement(nodes: readonly SqlNode[], scope: Scope): void {
    const i = nodes.findIndex((n) => isWord(n, 'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'WITH'));
    const head = upper(nodes[0]);
    if (head !== undefined && !PROCEDURAL_STATEMENTS.has(head) && !NO_DATA_STATEMENTS.has(head)) {
      const chain = readChain(nodes, 0);
      const target = chain.parts[chain.parts.length - 1];
      const at = chain.next;
      const assigns = isPunct(nodes[at], ':') && isPunct(nodes[at + 1], '=');
      if (target && (assigns || isPunct(nodes[at], '='))) {
        // `NEW.email := ...` is the trigger table's column; a plain name is a variable.
        const owner = chain.parts.length > 1 ? chain.parts[chain.parts.length - 2] : undefined;
        this.push(target, 'use', owner ? this.qualified(owner.value, scope) : []);
        const value = nodes.slice(at + (assigns ? 2 : 1));
        if (i > 0) this.statement(nodes.slice(i), scope, true);
        else this.expr(value, scope);
        return;
      }
      if (chain.parts.length === 1 && target && nodes.length >= 2 && !isPunct(nodes[1], '(')) {
        // A declaration: `v_email text [NOT NULL] [:= | DEFAULT expr]`.
        this.push(target, 'use', []);
        const init = nodes.findIndex((n, k) => (isPunct(n, '=') && isPunct(nodes[k - 1], ':')) || isWord(n, 'DEFAULT'));
        if (i > 0) this.statement(nodes.slice(i), scope, true);
        else if (init > 0) this.expr(nodes.slice(init + 1), scope);
        return;
      }
    }
    const then = nodes.findIndex((n, k) => k > 0 && isWord(n, 'THEN', 'LOOP'));
    if (
      (head === 'IF' || head === 'ELSIF' || head === 'ELSEIF' || head === 'WHEN' || head === 'WHILE') &&
      then > 0 &&
      then < nodes.length - 1
    ) {
      // `IF TG_OP = 'INSERT' THEN NEW.created_by = auth.uid()`: the condition, then the
      // statement that starts on its line.
      this.expr(nodes.slice(1, then), scope);
      const rest = nodes.slice(then + 1);
      if (rest.length > 0) this.statement(rest, scope, true);
      return;
    }
    if (i > 0) {
      // `IF v_email IS NULL THEN ... SELECT`: the condition before the SQL is read too.
      if (head === 'IF' || head === 'ELSIF' || head === 'WHILE') this.expr(nodes.slice(1, i), scope);
      this.statement(nodes.slice(i), scope, true);
      return;
    }
    if (
      head === 'IF' ||
      head === 'ELSIF' ||
      head === 'ELSEIF' ||
      head === 'WHILE' ||
      head === 'RETURN' ||
      head === 'PERFORM' ||
      head === 'WHEN'
    ) {
      const stop = nodes.findIndex((n, k) => k > 0 && isWord(n, 'THEN', 'LOOP'));
      this.expr(nodes.slice(isWord(nodes[1], 'NEXT') ? 2 : 1, stop < 0 ? undefined : stop), scope);
    }
  }

  /** What `q` in `q.col` is inside a body: the trigger's table for NEW/OLD, else the name itself. */
  private qualified(q: string, scope: Scope): readonly string[] {
    const u = q.toUpperCase();
    if ((u === 'NEW' || u === 'OLD') && scope.trigger) return scope.trigger.names;
    return [q];
  }

  // ---------------------------------------------------------------- queries

  private withClause(nodes: readonly SqlNode[], parent: Scope): readonly string[] {
    const scope = new Scope(parent);
    let i = 1;
    const recursive = isWord(nodes[i], 'RECURSIVE');
    if (recursive) i++;
    for (;;) {
      this.step();
      const name = nodes[i];
      if (!isNameToken(name)) throw new Unparsable('WITH without a name');
      i++;
      if (isGroup(nodes[i])) i++; // column names of the CTE
      if (!isWord(nodes[i], 'AS')) throw new Unparsable('WITH name without AS');
      i++;
      while (isWord(nodes[i], 'NOT', 'MATERIALIZED')) i++;
      const body = nodes[i];
      if (!isGroup(body)) throw new Unparsable('WITH name AS without a query');
      if (recursive) scope.ctes.set(name.value.toLowerCase(), []);
      const tables = this.statementReturningTables(body.items, scope);
      scope.ctes.set(name.value.toLowerCase(), tables);
      i++;
      // `SEARCH DEPTH FIRST BY id SET ord`, `CYCLE id SET is_cycle USING path` (PostgreSQL)
      if (isWord(nodes[i], 'SEARCH', 'CYCLE')) {
        while (
          i < nodes.length &&
          !isPunct(nodes[i], ',') &&
          !startsQuery(nodes, i) &&
          !isWord(nodes[i], 'INSERT', 'UPDATE', 'DELETE', 'MERGE')
        )
          i++;
      }
      if (isPunct(nodes[i], ',')) {
        i++;
        continue;
      }
      break;
    }
    const rest = nodes.slice(i);
    return this.statementReturningTables(rest, scope);
  }

  private statementReturningTables(nodes: readonly SqlNode[], scope: Scope): readonly string[] {
    const head = upper(nodes[0]);
    if (head === 'SELECT' || head === 'VALUES' || head === 'WITH' || head === 'TABLE' || isGroup(nodes[0])) return this.query(nodes, scope);
    this.statement(nodes, scope, false);
    return [];
  }

  /** A query with set operators; returns the tables of its first block. */
  private query(nodes: readonly SqlNode[], parent: Scope): readonly string[] {
    if (isWord(nodes[0], 'WITH')) return this.withClause(nodes, parent);
    const blocks: SqlNode[][] = [[]];
    nodes.forEach((n, i) => {
      const u = upper(n);
      if (
        u !== undefined &&
        SET_OPERATORS.has(u) &&
        !(u === 'EXCEPT' && (isPunct(nodes[i - 1], '*') || (isGroup(nodes[i + 1]) && !isQueryGroup(nodes[i + 1] as Group))))
      ) {
        blocks.push([]);
        return;
      }
      if (blocks[blocks.length - 1]!.length === 0 && (u === 'ALL' || u === 'DISTINCT') && blocks.length > 1) return;
      blocks[blocks.length - 1]!.push(n);
    });
    let tables: readonly string[] | undefined;
    for (const block of blocks) {
      if (block.length === 0) continue;
      let t: readonly string[];
      const only = block[0];
      if (isGroup(only) && isQueryGroup(only)) {
        t = this.query(only.items, parent);
        if (block.length > 1) this.selectBlock(block.slice(1), parent);
      } else t = this.selectBlock(block, parent);
      tables ??= t;
    }
    return tables ?? [];
  }

  private selectBlock(nodes: readonly SqlNode[], parent: Scope): readonly string[] {
    const scope = new Scope(parent);
    const segments = segment(nodes, SELECT_CLAUSES);
    const outer = this.deferred;
    this.deferred = [];
    for (const s of segments) if (s.clause === 'FROM') this.from(s.nodes, scope);
    for (const s of segments) {
      switch (s.clause) {
        case 'SELECT':
          this.expr(s.nodes, scope, { selectList: true });
          break;
        case '':
        case 'VALUES':
        case 'WHERE':
        case 'GROUP':
        case 'HAVING':
        case 'QUALIFY':
        case 'ORDER':
        case 'LIMIT':
        case 'OFFSET':
          this.expr(s.nodes, scope);
          break;
        case 'WINDOW':
          this.windowClause(s.nodes, scope);
          break;
        default:
          break; // FROM (done), INTO (variables), FETCH, FOR UPDATE
      }
    }
    this.runDeferred();
    this.deferred = outer;
    return scope.tableNames();
  }

  private runDeferred(): void {
    const work = this.deferred;
    this.deferred = [];
    for (const w of work) w();
  }

  private windowClause(nodes: readonly SqlNode[], scope: Scope): void {
    for (const item of splitCommas(nodes)) {
      const spec = item.find(isGroup);
      if (spec) this.expr(spec.items, scope, { windowSpec: true });
    }
  }

  // ---------------------------------------------------------------- FROM

  /** Binds the table references of a FROM list (or a DML target) into `scope`. */
  private from(nodes: readonly SqlNode[], scope: Scope): void {
    let i = 0;
    let expectTable = true;
    while (i < nodes.length) {
      this.step();
      const n = nodes[i]!;
      const u = upper(n);
      if (isPunct(n, ',')) {
        expectTable = true;
        i++;
        continue;
      }
      if (u !== undefined && JOIN_WORDS.has(u)) {
        if (u === 'JOIN' || u === 'STRAIGHT_JOIN' || u === 'APPLY') expectTable = true;
        i++;
        continue;
      }
      if (u === 'ON') {
        let j = i + 1;
        while (j < nodes.length && !isPunct(nodes[j], ',') && !JOIN_WORDS.has(upper(nodes[j]) ?? '') && !isWord(nodes[j], 'USING', 'WHERE'))
          j++;
        const cond = nodes.slice(i + 1, j);
        this.deferred.push(() => this.expr(cond, scope));
        i = j;
        continue;
      }
      if (u === 'USING') {
        const g = nodes[i + 1];
        if (isGroup(g)) {
          this.deferred.push(() => this.columnList(g.items, scope.unqualified(), 'use'));
          i += 2;
        } else {
          expectTable = true;
          i++;
        }
        continue;
      }
      if (u === 'LATERAL' || u === 'ONLY') {
        i++;
        continue;
      }
      if (!expectTable) {
        i++;
        continue;
      }
      let names: readonly string[] | undefined;
      if (isGroup(n)) {
        if (isQueryGroup(n)) names = this.query(n.items, scope);
        else this.from(n.items, scope);
        i++;
      } else if (isNameToken(n)) {
        const chain = readChain(nodes, i);
        i = chain.next;
        const call = nodes[i];
        if (isGroup(call) && chain.parts.length > 0) {
          // a table function: `unnest(x.arr) AS a`, `generate_series(...)`, `json_table(...)`
          this.deferred.push(() => this.expr(call.items, scope));
          names = [];
          i++;
        } else if (chain.parts.some((p) => p.kind === 'placeholder')) {
          names = [];
        } else {
          const last = chain.parts[chain.parts.length - 1]!;
          names = scope.resolveTable(last.value);
        }
      } else {
        i++;
        continue;
      }
      if (isWord(nodes[i], 'AS')) i++;
      let alias: string | undefined;
      const a = nodes[i];
      if (
        isToken(a) &&
        (a.kind === 'quoted' || (a.kind === 'word' && !RESERVED.has(a.value.toUpperCase()) && !NOT_AN_ALIAS.has(a.value.toUpperCase())))
      ) {
        alias = a.value;
        i++;
        if (isGroup(nodes[i])) i++; // column aliases
      }
      if (names !== undefined) scope.bind(alias !== undefined ? { alias, names } : { names });
      expectTable = false;
    }
  }

  // ---------------------------------------------------------------- expressions

  private expr(nodes: readonly SqlNode[], scope: Scope, opts: ExprOptions = {}): void {
    let inType = false;
    let afterInterval = false;
    for (let i = 0; i < nodes.length; i++) {
      this.step();
      const n = nodes[i]!;
      const prev = nodes[i - 1];
      if (isGroup(n)) {
        this.group(n, prev, nodes[i - 2], scope);
        continue;
      }
      if (n.kind === 'punct') {
        inType = n.value === '::';
        continue;
      }
      if (n.kind === 'string' && isJsonKey(n, prev, nodes[i - 2])) {
        // `meta->>'email'`: the key names what the JSON column holds (only a name-shaped key).
        this.push(n, 'use', jsonOwner(nodes, i));
        continue;
      }
      if (!isNameToken(n)) {
        continue;
      }
      const chain = readChain(nodes, i);
      i = chain.next - 1;
      const next = nodes[chain.next];
      const single = chain.parts.length === 1 ? chain.parts[0] : undefined;
      if (single?.kind === 'word') {
        const u = single.value.toUpperCase();
        if (inType && TYPE_CONTINUATION.has(u)) continue;
        if (u === 'AS') {
          // `expr AS alias` or `CAST(x AS type)`: the next name is not a column. In a select list
          // it names what the query hands on: `c.phone AS contact_phone` passes the phone on.
          if (isNameToken(nodes[i + 1])) {
            i++;
            if (opts.selectList) this.push(nodes[i] as Token, 'use', []);
          }
          continue;
        }
        if (opts.windowSpec && FRAME_WORDS.has(u)) continue;
        if (u === 'INTERVAL') {
          afterInterval = true;
          continue;
        }
        if (RESERVED.has(u)) continue;
        if ((u === 'FIRST' || u === 'LAST') && isWord(prev, 'NULLS', 'FETCH')) continue;
        if (
          TIME_UNITS.has(u) &&
          (afterInterval ||
            (isToken(prev) && (prev.kind === 'number' || prev.kind === 'string' || prev.kind === 'param' || prev.kind === 'placeholder')))
        ) {
          afterInterval = false;
          continue;
        }
      }
      afterInterval = false;
      if (isPunct(prev, '::') || (inType && isWord(prev))) {
        inType = true;
        continue;
      }
      inType = false;
      if (chain.star) continue;
      if (isGroup(next)) continue; // a function call
      if (single && isToken(next) && next.kind === 'string') continue; // DATE '2024-01-01'
      if (chain.parts.some((p) => p.kind === 'placeholder')) continue;
      if (opts.selectList && single && completesOperand(prev, nodes[i - 2])) {
        this.push(single, 'use', []); // a bare alias, as `AS alias`
        continue;
      }
      this.emitUse(chain, scope);
    }
  }

  /** A parenthesised group inside an expression: subquery, call arguments, or plain grouping. */
  private group(g: Group, prev: SqlNode | undefined, beforePrev: SqlNode | undefined, scope: Scope): void {
    if (isQueryGroup(g)) {
      this.query(g.items, scope);
      return;
    }
    const fn = upper(prev);
    if (fn === 'CAST' || fn === 'TRY_CAST' || fn === 'SAFE_CAST') {
      const as = g.items.findIndex((n) => isWord(n, 'AS'));
      this.expr(as < 0 ? g.items : g.items.slice(0, as), scope);
      return;
    }
    if (fn === 'CONVERT') {
      this.expr(splitCommas(g.items)[0] ?? [], scope);
      return;
    }
    if (fn === 'EXTRACT') {
      const from = g.items.findIndex((n) => isWord(n, 'FROM'));
      this.expr(from < 0 ? g.items : g.items.slice(from + 1), scope);
      return;
    }
    if (fn === 'OVER') {
      this.expr(g.items, scope, { windowSpec: true });
      return;
    }
    if ((fn === 'EXCEPT' || fn === 'REPLACE') && isPunct(beforePrev, '*')) return; // BigQuery `* EXCEPT (a, b)`
    if (isPunct(prev, '::') || (fn !== undefined && isPunct(beforePrev, '::'))) return; // varchar(20)
    if (fn === 'OPERATOR') return; // OPERATOR(pg_catalog.||)
    if (fn !== undefined && JSON_BUILDERS.has(fn)) {
      // `json_build_object('billing_email', c.email, ...)`: each key names the value after it.
      splitCommas(g.items).forEach((arg, k) => {
        const key = arg[0];
        if (k % 2 === 0 && arg.length === 1 && isToken(key) && key.kind === 'string' && key.value !== '') this.push(key, 'use', []);
        else this.expr(arg, scope);
      });
      return;
    }
    this.expr(g.items, scope);
  }

  private emitUse(chain: Chain, scope: Scope): void {
    const parts = chain.parts;
    const name = parts[parts.length - 1]!;
    let context: string[];
    if (parts.length === 1) {
      this.push(name, 'use', scope.unqualified()); // shared and cached: contexts are read-only
      return;
    } else {
      context = [];
      for (let k = parts.length - 2; k >= 0; k--) {
        const q = parts[k]!.value;
        context.push(q);
        const resolved = scope.resolveQualifier(q);
        if (resolved) {
          context.push(...resolved);
          break;
        }
      }
    }
    this.push(name, 'use', dedupe(context));
  }

  private push(name: Token, role: 'use' | 'declaration', context: readonly string[]): void {
    this.step();
    if (name.kind === 'placeholder' || name.value.length === 0) return;
    this.occurrences.push({
      name: name.value,
      span: valueSpan(name),
      role,
      syntax: role === 'declaration' ? 'sql-column-definition' : 'sql-column',
      context,
    });
  }

  /** `(a, b, t.c)`: INSERT column lists, `USING (id)`, `ON CONFLICT (email)`, COPY columns. */
  private columnList(nodes: readonly SqlNode[], context: readonly string[], role: 'use' | 'declaration'): void {
    for (const item of splitCommas(nodes)) {
      const chain = readChain(item, 0);
      const name = chain.parts[chain.parts.length - 1];
      if (name && !chain.star) this.push(name, role, context);
    }
  }

  /** `a = expr, (b, c) = (...)`: targets take the target table as context. */
  private assignments(nodes: readonly SqlNode[], scope: Scope, target: readonly string[]): void {
    for (const item of splitCommas(nodes)) {
      const eq = item.findIndex((n) => isPunct(n, '='));
      const lhs = eq < 0 ? [] : item.slice(0, eq);
      const rhs = eq < 0 ? item : item.slice(eq + 1);
      const targets = lhs.length === 1 && isGroup(lhs[0]) ? splitCommas(lhs[0].items) : [lhs];
      for (const t of targets) {
        const chain = readChain(t, 0);
        const name = chain.parts[chain.parts.length - 1];
        if (!name) continue;
        if (chain.parts.length === 1) this.push(name, 'use', target);
        else this.emitUse(chain, scope);
      }
      this.expr(rhs, scope);
    }
  }

  // ---------------------------------------------------------------- DML

  private insert(nodes: readonly SqlNode[], parent: Scope): void {
    const scope = new Scope(parent);
    let i = 1;
    while (isWord(nodes[i], 'OR', 'LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE', 'INTO', 'OVERWRITE', 'TABLE')) {
      i += isWord(nodes[i], 'OR') ? 2 : 1;
    }
    const chain = readChain(nodes, i);
    if (chain.parts.length === 0) throw new Unparsable('INSERT without a table');
    i = chain.next;
    const tableName = chain.parts[chain.parts.length - 1]!;
    const names = tableName.kind === 'placeholder' ? [] : scope.resolveTable(tableName.value);
    let alias: string | undefined;
    if (isWord(nodes[i], 'AS') && isNameToken(nodes[i + 1])) {
      alias = (nodes[i + 1] as Token).value;
      i += 2;
    }
    const target: Binding = alias !== undefined ? { alias, names } : { names };
    scope.bind(target);
    scope.target = target;
    const cols = nodes[i];
    if (isGroup(cols) && !isQueryGroup(cols)) {
      this.columnList(cols.items, names, 'use');
      i++;
    }
    const rest = nodes.slice(i);
    const cut = rest.findIndex((n, k) => (isWord(n, 'ON') && isWord(rest[k + 1], 'CONFLICT', 'DUPLICATE')) || isWord(n, 'RETURNING'));
    const source = cut < 0 ? rest : rest.slice(0, cut);
    const head = upper(source[0]);
    if (head === 'VALUES' || head === 'VALUE') this.expr(source.slice(1), scope);
    else if (head === 'SET') this.assignments(source.slice(1), scope, names);
    else if (head === 'SELECT' || head === 'WITH' || head === 'TABLE' || (isGroup(source[0]) && isQueryGroup(source[0])))
      this.query(source, parent);
    if (cut < 0) return;
    for (const s of segment(rest.slice(cut), INSERT_TAIL)) {
      if (s.clause === 'CONFLICT') {
        const g = s.nodes.find(isGroup);
        if (g) this.columnList(g.items, names, 'use');
        const where = s.nodes.findIndex((n) => isWord(n, 'WHERE'));
        if (where >= 0) this.expr(s.nodes.slice(where + 1), scope);
      } else if (s.clause === 'SET' || s.clause === 'DUPLICATE') this.assignments(s.nodes, scope, names);
      else if (s.clause === 'WHERE') this.expr(s.nodes, scope);
      else if (s.clause === 'RETURNING') this.expr(s.nodes, scope, { selectList: true });
    }
  }

  private update(nodes: readonly SqlNode[], parent: Scope): void {
    const scope = new Scope(parent);
    const segments = segment(nodes.slice(1), UPDATE_CLAUSES);
    const outer = this.deferred;
    this.deferred = [];
    let targetNames: readonly string[] = [];
    for (const s of segments) {
      if (s.clause === '') {
        let k = 0;
        while (isWord(s.nodes[k], 'ONLY', 'LOW_PRIORITY', 'IGNORE', 'OR')) k += isWord(s.nodes[k], 'OR') ? 2 : 1;
        this.from(s.nodes.slice(k), scope);
        scope.target = scope.bindings[0];
        targetNames = scope.bindings[0]?.names ?? [];
      } else if (s.clause === 'FROM') this.from(s.nodes, scope);
    }
    for (const s of segments) {
      if (s.clause === 'SET') this.assignments(s.nodes, scope, targetNames);
      else if (s.clause === 'WHERE' || s.clause === 'ORDER' || s.clause === 'LIMIT') this.expr(s.nodes, scope);
      else if (s.clause === 'RETURNING') this.expr(s.nodes, scope, { selectList: true });
    }
    this.runDeferred();
    this.deferred = outer;
  }

  private delete(nodes: readonly SqlNode[], parent: Scope): void {
    const scope = new Scope(parent);
    const segments = segment(nodes.slice(1), DELETE_CLAUSES);
    const outer = this.deferred;
    this.deferred = [];
    for (const s of segments) if (s.clause === 'FROM' || s.clause === 'USING') this.from(s.nodes, scope);
    scope.target = scope.bindings[0];
    for (const s of segments) {
      if (s.clause === 'WHERE' || s.clause === 'ORDER' || s.clause === 'LIMIT') this.expr(s.nodes, scope);
      else if (s.clause === 'RETURNING') this.expr(s.nodes, scope, { selectList: true });
    }
    this.runDeferred();
    this.deferred = outer;
  }

  /** `MERGE INTO t USING s ON ... WHEN [NOT] MATCHED [AND ...] THEN UPDATE SET | INSERT | DELETE`. */
  private merge(nodes: readonly SqlNode[], parent: Scope): void {
    const scope = new Scope(parent);
    const outer = this.deferred;
    this.deferred = [];
    const at = (word: string, from: number) => nodes.findIndex((n, k) => k >= from && isWord(n, word));
    const using = at('USING', 1);
    const on = at('ON', using + 1);
    if (using < 0 || on < 0) throw new Unparsable('MERGE without USING ... ON');
    this.from(nodes.slice(isWord(nodes[1], 'INTO') ? 2 : 1, using), scope);
    const target = scope.bindings[0]?.names ?? [];
    scope.target = scope.bindings[0];
    this.from(nodes.slice(using + 1, on), scope);
    let when = at('WHEN', on + 1);
    this.expr(nodes.slice(on + 1, when < 0 ? undefined : when), scope);
    while (when >= 0) {
      const next = at('WHEN', when + 1);
      const clause = nodes.slice(when + 1, next < 0 ? undefined : next);
      const then = clause.findIndex((n) => isWord(n, 'THEN'));
      const and = clause.findIndex((n) => isWord(n, 'AND'));
      if (and >= 0 && (then < 0 || and < then)) this.expr(clause.slice(and + 1, then < 0 ? undefined : then), scope);
      const action = then < 0 ? [] : clause.slice(then + 1);
      if (isWord(action[0], 'UPDATE') && isWord(action[1], 'SET')) this.assignments(action.slice(2), scope, target);
      else if (isWord(action[0], 'INSERT')) {
        let k = 1;
        const cols = action[k];
        if (isGroup(cols)) {
          this.columnList(cols.items, target, 'use');
          k++;
        }
        this.expr(action.slice(k), scope);
      }
      when = next;
    }
    this.runDeferred();
    this.deferred = outer;
  }

  private copy(nodes: readonly SqlNode[], scope: Scope): void {
    const src = nodes[1];
    if (isGroup(src)) {
      this.query(src.items, scope);
      return;
    }
    const chain = readChain(nodes, 1);
    const table = chain.parts[chain.parts.length - 1];
    const cols = nodes[chain.next];
    if (table && isGroup(cols)) this.columnList(cols.items, [table.value], 'use');
  }

  // ---------------------------------------------------------------- DDL

  private create(nodes: readonly SqlNode[], scope: Scope): void {
    let kindAt = 1;
    while (kindAt < nodes.length) {
      if (isWord(nodes[kindAt], ...CREATE_MODIFIERS)) kindAt++;
      else if (isPunct(nodes[kindAt + 1], '=') && isWord(nodes[kindAt], 'DEFINER', 'ALGORITHM', 'SQL'))
        kindAt += 3; // MySQL view options
      else break;
    }
    const kind = upper(nodes[kindAt]);
    if (kind === undefined) return;
    let i = kindAt + 1;
    if (isWord(nodes[i], 'IF')) i += isWord(nodes[i + 1], 'NOT') ? 3 : 2;
    switch (kind) {
      case 'TABLE':
        return this.createTable(nodes, i, scope);
      case 'VIEW': {
        const as = nodes.findIndex((n, k) => k > i && isWord(n, 'AS') && startsQuery(nodes, k + 1));
        if (as >= 0) this.query(nodes.slice(as + 1), scope);
        return;
      }
      case 'TYPE': {
        const chain = readChain(nodes, i);
        const name = chain.parts[chain.parts.length - 1];
        const g = nodes[chain.next + 1];
        if (name && isWord(nodes[chain.next], 'AS') && isGroup(g)) this.columnDefinitions(g.items, [name.value]);
        return;
      }
      case 'FUNCTION':
      case 'PROCEDURE':
        this.routineParameters(nodes, i);
        return this.routineBodies(nodes, scope);
      case 'TRIGGER':
      case 'EVENT':
        return this.routineBodies(nodes, scope, kind === 'TRIGGER' ? triggerTable(nodes) : undefined);
      case 'INDEX':
        return this.createIndex(nodes, i);
      default:
        return;
    }
  }

  private createTable(nodes: readonly SqlNode[], i: number, scope: Scope): void {
    const chain = readChain(nodes, i);
    const name = chain.parts[chain.parts.length - 1];
    if (!name) throw new Unparsable('CREATE TABLE without a name');
    let k = chain.next;
    const defs = nodes[k];
    if (isGroup(defs) && !isQueryGroup(defs)) {
      this.columnDefinitions(defs.items, [name.value]);
      k++;
    }
    const as = nodes.findIndex((n, j) => j >= k && isWord(n, 'AS') && startsQuery(nodes, j + 1));
    if (as >= 0) this.query(nodes.slice(as + 1), scope);
    else {
      const q = nodes.findIndex((n, j) => j >= k && (isWord(n, 'SELECT') || startsQuery(nodes, j)));
      if (q >= 0) this.query(nodes.slice(q), scope);
    }
  }

  /** `f(p_email text, IN user_id uuid DEFAULT NULL)`: named parameters hold what they are named for. */
  private routineParameters(nodes: readonly SqlNode[], i: number): void {
    const chain = readChain(nodes, i);
    const params = nodes[chain.next];
    if (!isGroup(params)) return;
    for (const item of splitCommas(params.items)) {
      let k = 0;
      while (isWord(item[k], 'IN', 'OUT', 'INOUT', 'VARIADIC')) k++;
      // An unnamed parameter is a type alone: `(text, uuid)`.
      if (isNameToken(item[k]) && item.length > k + 1 && !isPunct(item[k + 1], '(') && !isPunct(item[k + 1], '.'))
        this.push(item[k] as Token, 'use', []);
    }
  }

  /**
   * `CREATE INDEX name ON t (a, lower(b))`: the indexed columns say where data lives, as a
   * column definition does; an index processes nothing, so it needs no consent.
   */
  private createIndex(nodes: readonly SqlNode[], i: number): void {
    const on = nodes.findIndex((n, k) => k >= i && isWord(n, 'ON'));
    if (on < 0) return;
    let k = on + 1;
    if (isWord(nodes[k], 'ONLY')) k++;
    const chain = readChain(nodes, k);
    const table = chain.parts[chain.parts.length - 1];
    const cols = nodes.slice(chain.next).find(isGroup);
    if (table && cols) this.keyColumns(cols.items, [table.value]);
  }

  /** Index and key columns: a name, or the names inside an expression (`lower(email)`). */
  private keyColumns(items: readonly SqlNode[], context: readonly string[]): void {
    for (const item of splitCommas(items)) {
      for (const n of item) {
        if (isGroup(n)) this.keyColumns(n.items, context);
        else if (isNameToken(n) && !isWord(n, ...KEY_OPTIONS) && !isGroup(item[item.indexOf(n) + 1])) this.push(n, 'declaration', context);
      }
    }
  }

  /**
   * `PRIMARY KEY (id)`, `UNIQUE (email)`, `FOREIGN KEY (user_id) REFERENCES users (id)`, or a
   * column's own `REFERENCES users (id)`: the key's columns are this table's, the referenced ones
   * the other table's. Inside CREATE TABLE (`ownKeys` false) this table's columns are declared
   * already; an ALTER TABLE names them for the first time in its statement.
   */
  private constraintColumns(item: readonly SqlNode[], context: readonly string[], ownKeys: boolean): void {
    const refs = item.findIndex((n) => isWord(n, 'REFERENCES'));
    const own = refs < 0 ? item : item.slice(0, refs);
    const keyAt = own.findIndex((n) => isWord(n, 'KEY', 'UNIQUE'));
    const keys = keyAt >= 0 ? own.slice(keyAt + 1).find(isGroup) : undefined;
    if (keys && ownKeys) this.keyColumns(keys.items, context);
    if (refs < 0) return;
    const chain = readChain(item, refs + 1);
    const table = chain.parts[chain.parts.length - 1];
    const cols = item[chain.next];
    if (table && isGroup(cols)) this.keyColumns(cols.items, [table.value]);
  }

  private columnDefinitions(items: readonly SqlNode[], context: readonly string[]): void {
    for (const item of splitCommas(items)) {
      const first = item[0];
      if (!isNameToken(first)) continue;
      if (first.kind === 'word' && isConstraint(item)) {
        this.constraintColumns(item, context, false);
        continue;
      }
      this.push(first, 'declaration', context);
      if (item.some((n) => isWord(n, 'REFERENCES'))) this.constraintColumns(item.slice(1), context, false);
    }
  }

  private alter(nodes: readonly SqlNode[]): void {
    if (!isWord(nodes[1], 'TABLE')) return;
    let i = 2;
    if (isWord(nodes[i], 'IF')) i += 2;
    if (isWord(nodes[i], 'ONLY')) i++;
    const chain = readChain(nodes, i);
    const table = chain.parts[chain.parts.length - 1];
    if (!table) throw new Unparsable('ALTER TABLE without a name');
    const context = [table.value];
    for (const action of splitCommas(nodes.slice(chain.next))) {
      const verb = upper(action[0]);
      let k = 1;
      if (verb === 'ADD') {
        if (isGroup(action[1])) {
          this.columnDefinitions(action[1].items, context);
          continue;
        }
        if (isWord(action[k], 'COLUMN')) k++;
        else if (isConstraint(action.slice(k))) {
          this.constraintColumns(action.slice(k), context, true);
          continue;
        }
        if (isWord(action[k], 'IF')) k += 3;
        if (isNameToken(action[k]) && !isWord(action[k], 'CONSTRAINT', 'PARTITION')) this.push(action[k] as Token, 'declaration', context);
      } else if (verb === 'RENAME') {
        if (isWord(action[k], 'COLUMN')) k++;
        if (isWord(action[k], 'TO', 'AS')) continue; // renames the table
        const to = action.findIndex((n) => isWord(n, 'TO'));
        if (to > 0 && isNameToken(action[to + 1])) this.push(action[to + 1] as Token, 'declaration', context);
      } else if (verb === 'CHANGE' || verb === 'MODIFY') {
        if (isWord(action[k], 'COLUMN')) k++;
        if (verb === 'CHANGE') k++;
        if (isNameToken(action[k])) this.push(action[k] as Token, 'declaration', context);
      }
    }
  }

  /**
   * Routine bodies are SQL too: a dollar-quoted body (PostgreSQL functions, `DO`) is lexed
   * again; a `BEGIN ... END` body (SQLite triggers, MySQL procedures) is cut at its `;`.
   */
  private routineBodies(nodes: readonly SqlNode[], parent: Scope, table?: string): void {
    const scope = new Scope(parent);
    if (table !== undefined) {
      scope.trigger = { names: [table] };
      const when = nodes.findIndex((n) => isWord(n, 'WHEN'));
      const begin = nodes.findIndex((n) => isWord(n, 'BEGIN'));
      if (when >= 0 && (begin < 0 || when < begin)) this.expr(nodes.slice(when + 1, begin < 0 ? undefined : begin), scope);
    }
    for (const n of nodes) {
      if (isToken(n) && n.kind === 'string' && n.dollar) this.dollarBody(n, scope);
    }
    const begin = nodes.findIndex((n) => isWord(n, 'BEGIN'));
    if (begin < 0) return;
    let current: SqlNode[] = [];
    for (const n of nodes.slice(begin + 1)) {
      if (isToken(n) && (n.kind === 'end' || (n.kind === 'punct' && n.value === ';'))) {
        if (current.length > 0) this.statement(stripBlockWords(current), scope, true);
        current = [];
      } else current.push(n);
    }
    if (current.length > 0) this.statement(stripBlockWords(current), scope, true);
  }

  private dollarBody(body: Token, scope: Scope): void {
    const base = body.valueStart;
    const lexed = lex(body.value, this.dialect);
    const shift = (t: Token): Token => ({
      ...t,
      start: t.start + base,
      end: t.end + base,
      valueStart: t.valueStart + base,
      valueEnd: t.valueEnd + base,
    });
    for (const st of splitStatements(lexed.tokens.map(shift))) {
      const tree = buildTree(st.tokens);
      if (!tree.balanced) continue;
      try {
        this.statement(stripBlockWords(tree.nodes), scope, true);
      } catch (e) {
        if (!(e instanceof Unparsable)) throw e;
      }
    }
  }

  // ---------------------------------------------------------------- tolerant pass

  /**
   * For a statement the clause-aware pass cannot follow: every name that is not a keyword, a
   * function, a table or an alias is a column use, with the statement's tables as context.
   */
  private tolerant(statement: Statement, why: string): void {
    this.notes.push({ span: statement.span, message: `could not parse this statement (${why}); its names were read by the tolerant pass` });
    const tokens = statement.tokens.filter((t) => t.kind !== 'end');
    const nodes: SqlNode[] = tokens;
    const skip = new Set<number>();
    const tables: string[] = [];
    const aliases = new Map<string, string>();
    for (let i = 0; i < tokens.length; i++) {
      this.step();
      if (!isWord(tokens[i], 'FROM', 'JOIN', 'INTO', 'UPDATE', 'TABLE')) continue;
      const chain = readChain(nodes, i + 1);
      const last = chain.parts[chain.parts.length - 1];
      if (!last) continue;
      for (let k = i + 1; k < chain.next; k++) skip.add(k);
      tables.push(last.value);
      let j = chain.next;
      if (isWord(tokens[j], 'AS')) j++;
      const a = tokens[j];
      if (
        a &&
        isNameToken(a) &&
        (a.kind === 'quoted' || (!RESERVED.has(a.value.toUpperCase()) && !NOT_AN_ALIAS.has(a.value.toUpperCase())))
      ) {
        aliases.set(a.value.toLowerCase(), last.value);
        skip.add(j);
      }
    }
    const allTables = dedupe(tables);
    for (let i = 0; i < tokens.length; i++) {
      this.step();
      if (skip.has(i) || !isNameToken(tokens[i])) continue;
      const chain = readChain(nodes, i);
      const prev = tokens[i - 1];
      i = chain.next - 1;
      const single = chain.parts.length === 1 ? chain.parts[0] : undefined;
      if (single?.kind === 'word' && RESERVED.has(single.value.toUpperCase())) {
        if (isWord(single, 'AS')) i++;
        continue;
      }
      if (chain.star || isPunct(tokens[chain.next], '(') || isPunct(prev, '::')) continue;
      if (single && i === 0) continue; // the unknown leading word
      const name = chain.parts[chain.parts.length - 1]!;
      let context: readonly string[];
      if (chain.parts.length > 1) {
        const q = chain.parts[chain.parts.length - 2]!.value;
        const t = aliases.get(q.toLowerCase());
        context = t !== undefined ? dedupe([q, t]) : [q];
      } else context = allTables; // shared: contexts are read-only
      this.push(name, 'use', context);
    }
  }
}

// ------------------------------------------------------------------ helpers

interface Segment {
  readonly clause: string;
  readonly nodes: SqlNode[];
}

type ClauseMatcher = (nodes: readonly SqlNode[], i: number) => { clause: string; width: number } | undefined;

function clauses(words: readonly string[]): ClauseMatcher {
  const set = new Set(words);
  return (nodes, i) => {
    const u = upper(nodes[i]);
    if (u === undefined || !set.has(u)) return undefined;
    if ((u === 'GROUP' || u === 'ORDER') && !isWord(nodes[i + 1], 'BY')) return undefined;
    if (u === 'GROUP' || u === 'ORDER') return { clause: u, width: 2 };
    if (u === 'FROM' && isWord(nodes[i - 1], 'DISTINCT') && isWord(nodes[i - 2], 'IS', 'NOT')) return undefined;
    if (u === 'FOR' && !isWord(nodes[i + 1], 'UPDATE', 'SHARE', 'NO', 'KEY')) return undefined;
    if (u === 'USING' && isGroup(nodes[i + 1])) return undefined;
    if (u === 'SET' && isWord(nodes[i - 1], 'CHARACTER')) return undefined;
    return { clause: u, width: 1 };
  };
}

const SELECT_CLAUSES = clauses(
  [...CLAUSE_WORDS].filter((w) => w !== 'SET' && w !== 'UPDATE' && w !== 'DELETE' && w !== 'USING' && w !== 'RETURNING'),
);
const UPDATE_CLAUSES = clauses(['SET', 'FROM', 'WHERE', 'RETURNING', 'ORDER', 'LIMIT']);
const DELETE_CLAUSES = clauses(['FROM', 'USING', 'WHERE', 'RETURNING', 'ORDER', 'LIMIT']);
const INSERT_TAIL: ClauseMatcher = (nodes, i) => {
  if (isWord(nodes[i], 'ON') && isWord(nodes[i + 1], 'CONFLICT')) return { clause: 'CONFLICT', width: 2 };
  if (isWord(nodes[i], 'ON') && isWord(nodes[i + 1], 'DUPLICATE'))
    return { clause: 'DUPLICATE', width: isWord(nodes[i + 3], 'UPDATE') ? 4 : 3 };
  if (isWord(nodes[i], 'DO') && isWord(nodes[i + 1], 'UPDATE') && isWord(nodes[i + 2], 'SET')) return { clause: 'SET', width: 3 };
  if (isWord(nodes[i], 'DO') && isWord(nodes[i + 1], 'NOTHING')) return { clause: 'NOTHING', width: 2 };
  if (isWord(nodes[i], 'WHERE', 'RETURNING')) return { clause: upper(nodes[i])!, width: 1 };
  return undefined;
};

function segment(nodes: readonly SqlNode[], match: ClauseMatcher): Segment[] {
  const out: Segment[] = [{ clause: '', nodes: [] }];
  for (let i = 0; i < nodes.length; i++) {
    const m = match(nodes, i);
    if (m) {
      out.push({ clause: m.clause, nodes: [] });
      i += m.width - 1;
      continue;
    }
    out[out.length - 1]!.nodes.push(nodes[i]!);
  }
  return out;
}

/** Words between CREATE and the kind of object it creates. */
/** Functions whose arguments alternate a key string and its value. */
const JSON_BUILDERS = new Set(['JSON_BUILD_OBJECT', 'JSONB_BUILD_OBJECT', 'JSON_OBJECT']);

/** A string right after `->` or `->>` (PostgreSQL JSON access) whose value is shaped like a name. */
function isJsonKey(n: Token, prev: SqlNode | undefined, beforePrev: SqlNode | undefined): boolean {
  if (!isPunct(prev, '>') || !(isPunct(beforePrev, '-') || isPunct(beforePrev, '>'))) return false;
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(n.value);
}

/** The column a JSON key is read from (`raw_user_meta_data` in `NEW.raw_user_meta_data->>'email'`). */
function jsonOwner(nodes: readonly SqlNode[], at: number): readonly string[] {
  let k = at - 1;
  while (k >= 0 && isToken(nodes[k]) && (nodes[k] as Token).kind === 'punct') k--;
  const owner = nodes[k];
  return owner !== undefined && isToken(owner) && isNameToken(owner) ? [owner.value] : [];
}

/** Words of an index column's options, not columns: `email DESC NULLS LAST`, `name COLLATE "C"`. */
const KEY_OPTIONS = [
  'ASC',
  'DESC',
  'NULLS',
  'FIRST',
  'LAST',
  'COLLATE',
  'USING',
  'INCLUDE',
  'WITH',
  'WHERE',
  'ON',
  'DELETE',
  'UPDATE',
  'CASCADE',
  'SET',
  'NULL',
  'RESTRICT',
  'NO',
  'ACTION',
  'DEFAULT',
  'DEFERRABLE',
  'INITIALLY',
  'DEFERRED',
  'IMMEDIATE',
  'MATCH',
  'FULL',
  'SIMPLE',
  'PARTIAL',
];

const CREATE_MODIFIERS = [
  'OR',
  'REPLACE',
  'TEMP',
  'TEMPORARY',
  'UNLOGGED',
  'GLOBAL',
  'LOCAL',
  'MATERIALIZED',
  'EXTERNAL',
  'FOREIGN',
  'VIRTUAL',
  'UNIQUE',
  'RECURSIVE',
  'SECURE',
  'TRANSIENT',
  'VOLATILE',
  'SNAPSHOT',
  'CONSTRAINT',
  'ALTER',
  'SECURITY',
  'INVOKER',
  'DEFINER',
  'CONCURRENTLY',
  'AGGREGATE',
  'TABLE_FUNCTION',
];

function isQueryGroup(g: Group): boolean {
  const first = g.items[0];
  if (isWord(first, 'SELECT', 'WITH', 'VALUES', 'TABLE')) return true;
  return isGroup(first) && isQueryGroup(first) && (g.items.length === 1 || SET_OPERATORS.has(upper(g.items[1]) ?? ''));
}

function startsQuery(nodes: readonly SqlNode[], i: number): boolean {
  const n = nodes[i];
  if (isWord(n, 'WITH')) return startsWithClause(nodes, i);
  return isWord(n, 'SELECT', 'VALUES', 'TABLE') || (isGroup(n) && isQueryGroup(n));
}

/** `WITH [RECURSIVE] name [(cols)] AS`: a CTE, not `WITH (storage options)` or `WITH CONNECTION`. */
function startsWithClause(nodes: readonly SqlNode[], i: number): boolean {
  let k = i + 1;
  if (isWord(nodes[k], 'RECURSIVE')) k++;
  if (!isNameToken(nodes[k])) return false;
  k++;
  if (isGroup(nodes[k])) k++;
  return isWord(nodes[k], 'AS');
}

/** `value AS`-less alias test: the previous node ends a value, so a bare word names it. */
function completesOperand(prev: SqlNode | undefined, beforePrev: SqlNode | undefined): boolean {
  if (prev === undefined) return false;
  if (isGroup(prev)) return !isWord(beforePrev, 'ON', 'DISTINCT');
  switch (prev.kind) {
    case 'quoted':
    case 'string':
    case 'number':
    case 'param':
    case 'placeholder':
      return true;
    case 'word': {
      const u = prev.value.toUpperCase();
      return !RESERVED.has(u) || u === 'END' || u === 'NULL' || u === 'TRUE' || u === 'FALSE' || u.startsWith('CURRENT_');
    }
    case 'punct':
      return prev.value === '*' && !isGroup(beforePrev) && beforePrev !== undefined && !isPunct(beforePrev, ',') && !isWord(beforePrev);
    default:
      return false;
  }
}

/** Table constraints in a column list: `PRIMARY KEY (...)`, `KEY idx (col)`, `CONSTRAINT ...`. */
function isConstraint(item: readonly SqlNode[]): boolean {
  const u = upper(item[0]);
  const next = item[1];
  switch (u) {
    case 'CONSTRAINT':
    case 'LIKE':
    case 'PERIOD':
      return true;
    case 'PRIMARY':
    case 'FOREIGN':
      return isWord(next, 'KEY');
    case 'CHECK':
    case 'EXCLUDE':
      return isGroup(next) || isWord(next, 'USING');
    case 'UNIQUE':
    case 'KEY':
    case 'INDEX':
    case 'FULLTEXT':
    case 'SPATIAL':
      return isGroup(next) || isWord(next, 'KEY', 'INDEX') || (isNameToken(next) && isGroup(item[2]));
    default:
      return false;
  }
}

function skipExplain(nodes: readonly SqlNode[]): readonly SqlNode[] {
  let i = 1;
  while (
    i < nodes.length &&
    (isGroup(nodes[i]) ||
      isWord(nodes[i], 'ANALYZE', 'ANALYSE', 'VERBOSE', 'QUERY', 'PLAN', 'EXTENDED', 'FORMAT', 'JSON', 'TEXT', 'TREE', 'TRADITIONAL', '='))
  )
    i++;
  return nodes.slice(i);
}

function triggerTable(nodes: readonly SqlNode[]): string | undefined {
  const on = nodes.findIndex((n) => isWord(n, 'ON'));
  if (on < 0) return undefined;
  const chain = readChain(nodes, on + 1);
  return chain.parts[chain.parts.length - 1]?.value;
}

/** Drops PL/pgSQL block words so that `BEGIN SELECT ...` and `END IF` leave the SQL visible. */
function stripBlockWords(nodes: readonly SqlNode[]): readonly SqlNode[] {
  let i = 0;
  while (isWord(nodes[i], 'BEGIN', 'DECLARE', 'ATOMIC', 'THEN', 'ELSE', 'LOOP')) i++;
  return nodes.slice(i);
}
