import ts from 'typescript';
import { attachDirectives } from '../../consent/attach';
import { mayHoldDirectives } from '../../consent/directives';
import type { ConditionReference } from '../../consent/model';
import type { DeclaredAs, Role, Span, Syntax } from '../../occurrence';
import { ScanBuilder, type HostFragment, type Scan, shiftScan } from '../../scan';
import { LineMap } from '../../text/positions';
import type { DeclarationOracle, TypedFile } from './declarations';
import { type DocumentMemory, parseWithMemory, sameContext, type StatementScan } from './memory';
import { catalogTagAt, mayHoldCatalogTags } from './tags';

// In the bundle, every `ts.x` read is a getter call on the compiler's module object; the walk
// reads these per node, so they are read once here (measured: the walk cost as much as the parse).
const {
  JSDocParsingMode,
  ScriptKind,
  ScriptTarget,
  SyntaxKind,
  createSourceFile,
  forEachChild,
  getLeadingCommentRanges,
  getModifiers,
  isArrayLiteralExpression,
  isArrayTypeNode,
  isArrowFunction,
  isAsExpression,
  isArrayBindingPattern,
  isAwaitExpression,
  isBinaryExpression,
  isBindingElement,
  isBlock,
  isBreakStatement,
  isCallExpression,
  isCatchClause,
  isClassDeclaration,
  isClassExpression,
  isComputedPropertyName,
  isConstructorDeclaration,
  isContinueStatement,
  isElementAccessExpression,
  isExportAssignment,
  isExpressionStatement,
  isForInStatement,
  isForOfStatement,
  isForStatement,
  isFunctionDeclaration,
  isFunctionExpression,
  isFunctionLike: isFunctionLikeNode,
  isGetAccessor,
  isIdentifier,
  isIfStatement,
  isIntersectionTypeNode,
  isMethodDeclaration,
  isNewExpression,
  isNonNullExpression,
  isObjectBindingPattern,
  isObjectLiteralExpression,
  isParameter,
  isParenthesizedExpression,
  isParenthesizedTypeNode,
  isPrefixUnaryExpression,
  isPrivateIdentifier,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isReturnStatement,
  isSatisfiesExpression,
  isSetAccessor,
  isStringLiteralLike,
  isTaggedTemplateExpression,
  isTemplateExpression,
  isTemplateTail,
  isThrowStatement,
  isTypeAssertionExpression,
  isTypeReferenceNode,
  isUnionTypeNode,
  isVariableDeclaration,
  isVariableDeclarationList,
  isVariableStatement,
} = ts;

/**
 * The TypeScript scanner: the compiler's parser (no program, no type check), one walk that
 * yields occurrences of names, the consent the code declares (directives and guards) and the
 * literals that hold SQL. It knows nothing of the catalog; `accept` only lets it skip building
 * the context of names that cannot match anything.
 */

export interface TypeScriptScanOptions {
  readonly guards: { readonly check: readonly string[]; readonly require: readonly string[] };
  readonly sql: { readonly tags: readonly string[]; readonly functions: readonly string[] };
  readonly accept?: (name: string) => boolean;
  /** Called every few thousand nodes; throws to stop an analysis over its time budget. */
  readonly checkpoint?: () => void;
  /** The document's previous analysis, to update rather than redo (an editor's keystrokes). */
  readonly memory?: DocumentMemory;
  /**
   * The file as a program holds it (type-aware analysis): its tree is walked instead of a fresh
   * parse, and the checker says what each name reads. Ignored when its text is not this text.
   */
  readonly typed?: TypedFile;
}

/** Calls whose object literal argument describes a record's fields: `z.object`, `t.Object`, `yup.object().shape`. */
export const SCHEMA_BUILDERS = new Set([
  'object',
  'strictObject',
  'looseObject',
  'Object',
  'shape',
  'extend',
  'merge',
  'array',
  'partial',
  'required',
]);

/** A schema builder's call (`z.object(...)`), or with `modifiers` one of its chain (`.optional()`). */
function isSchemaCall(n: ts.Node, modifiers: boolean): n is ts.CallExpression {
  if (!isCallExpression(n)) return false;
  const last = calleeLast(n.expression);
  return SCHEMA_BUILDERS.has(last) || (modifiers && SCHEMA_MODIFIERS.has(last));
}

/** Query-builder and ORM methods whose first argument names a column. */
const COLUMN_METHODS = new Set([
  'select',
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'like',
  'ilike',
  'is',
  'in',
  'contains',
  'containedBy',
  'order',
  'orderBy',
  'groupBy',
  'pluck',
  'where',
  'whereIn',
  'whereNotIn',
  'whereNull',
  'whereNotNull',
  'andWhere',
  'orWhere',
  'distinct',
  'returning',
  'sum',
  'avg',
  'increment',
  'decrement',
  'textSearch',
  'column',
  'sortBy',
]);

/** Calls whose first argument names the table the chain works on. */
const TABLE_METHODS = new Set([
  'from',
  'table',
  'into',
  'knex',
  'db',
  'model',
  'collection',
  'getRepository',
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
]);

/** JSX attributes that name a record's field (react-admin `source`, table libraries' `dataIndex`). */
const COLUMN_ATTRIBUTES = new Set(['source', 'sortBy', 'dataIndex', 'accessorKey', 'field']);

/** Interfaces whose keys name elements or events, never data: `HTMLElementTagNameMap`, `JSX.IntrinsicElements`. */
export const NAME_MAPS = /(TagNameMap|IntrinsicElements|EventMap|ElementMap)$/;

/** JSX attributes that list a record's fields by name. */
const COLUMN_LIST_ATTRIBUTES = new Set(['fields', 'sortFields', 'searchFields', 'filterFields', 'columns', 'omit']);

/** A quoted key shaped like a name (kebab-case allowed): never a value with spaces, dots or `@`. */
export const QUOTED_NAME = /^[A-Za-z_$][\w$-]{0,63}$/;

/** A whole literal shaped like a column name: never a value with spaces, dots or `@`. */
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** What a schema's chain may call on it without changing what it describes: `.optional()`, `.array()`. */
const SCHEMA_MODIFIERS = new Set([
  'optional',
  'nullable',
  'nullish',
  'describe',
  'default',
  'strict',
  'passthrough',
  'readonly',
  'openapi',
  'brand',
  'catch',
  'refine',
  'superRefine',
  'transform',
  'min',
  'max',
  'nonempty',
]);

/** Array methods whose callback's first parameter is an element of the receiver. */
const ELEMENT_CALLBACKS = new Set([
  'map',
  'forEach',
  'filter',
  'find',
  'findLast',
  'some',
  'every',
  'flatMap',
  'sort',
  'findIndex',
  'groupBy',
]);

const MAX_CONTEXT = 8;

export function scanTypeScript(text: string, fileName: string, options: TypeScriptScanOptions): Scan {
  const kind = scriptKindOf(fileName);
  // No JSDoc trees: directives are read from the comment text, and JSDoc parsing was a tenth of the parse.
  const parseOptions = { languageVersion: ScriptTarget.Latest, jsDocParsingMode: JSDocParsingMode.ParseNone };
  const { memory } = options;
  const directives = mayHoldDirectives(text);
  // One U+FFFD (a byte the file's encoding could not give) makes the compiler call the file
  // binary and drop everything after it. Parsed as a space, offsets stay those of the text.
  const source = text.includes('\uFFFD') ? text.replace(/\uFFFD/g, ' ') : text;
  const typed = options.typed;
  if (typed && typed.sourceFile.text === source)
    return new Walker(text, typed.sourceFile, options, directives, undefined, typed.oracle).run();
  if (!memory) return new Walker(text, createSourceFile(fileName, source, parseOptions, false, kind), options, directives).run();
  // What a statement yields depends on these too: a change to any of them starts afresh.
  const key = [kind, options.guards, options.sql, options.accept, directives];
  const sf = parseWithMemory(source, fileName, kind, key, parseOptions, memory);
  const walker = new Walker(text, sf, options, directives, memory.statements);
  const scan = walker.run();
  memory.replayed = walker.replayed;
  return scan;
}

/** Names of the functions a file declares, anywhere in it: `function f`, `const f = () => …`. */
function functionNames(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (isFunctionDeclaration(n) && n.name) out.add(n.name.text);
    else if (isVariableDeclaration(n) && isIdentifier(n.name) && n.initializer) {
      const init = skipOuter(n.initializer);
      if (isArrowFunction(init) || isFunctionExpression(init)) out.add(n.name.text);
    }
    forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Syntaxes of a declaration, where a `@catalog` tag is looked for. */
const TAGGABLE: Partial<Record<Syntax, 1>> = { 'property-signature': 1, 'property-declaration': 1, parameter: 1, variable: 1 };

/** Syntaxes of a use whose declaration the checker can give. */
const RESOLVED: Partial<Record<Syntax, 1>> = {
  'property-access': 1,
  'element-access': 1,
  destructuring: 1,
  'object-key': 1,
  'shorthand-property': 1,
  reference: 1,
};

function declaredAs(oracle: DeclarationOracle, name: ts.Node, syntax: Syntax): { declaredAs?: DeclaredAs } {
  const d = oracle.declarationOf(name, syntax);
  return d ? { declaredAs: d } : {};
}

/** JavaScript is read by the same parser: `.js` and `.jsx` may hold JSX, `.ts` may not (`<T>x` is a cast). */
export function scriptKindOf(fileName: string): ts.ScriptKind {
  const ext = /\.[cm]?[jt]sx?$/i.exec(fileName)?.[0].toLowerCase() ?? '.ts';
  if (ext === '.tsx') return ScriptKind.TSX;
  if (ext === '.jsx') return ScriptKind.JSX;
  if (ext.endsWith('js')) return ScriptKind.JS;
  return ScriptKind.TS;
}

type Scope = Map<string, readonly string[]>;

class Walker {
  private readonly out = new ScanBuilder();
  private readonly stack: ts.Node[] = [];
  private readonly scopes: Scope[] = [new Map()];
  /** Names of the enclosing interface, type alias, class and property signatures, nearest last. */
  private readonly typeContext: string[] = [];
  private readonly seenTrivia = new Set<number>();
  private lines?: LineMap;
  private readonly accept: (name: string) => boolean;
  /** The text mentions `@catalog`: declarations are looked at for a tag. */
  private readonly hasTags: boolean;
  /** The node whose own names are being emitted: a declaration's tag is read from its comments. */
  private current: ts.Node | undefined;
  /** Type-aware: names of the file's own functions, the only identifiers looked at as calls. */
  private readonly localNames?: ReadonlySet<string>;
  private readonly checkpoint?: () => void;
  private visited = 0;
  private readonly checkGuards: ReadonlySet<string>;
  private readonly requireGuards: ReadonlySet<string>;
  private readonly sqlTags: ReadonlySet<string>;
  private readonly sqlFunctions: ReadonlySet<string>;
  /** The last segment of each guard name, per guard set: a call whose last name is not one is no guard. */
  private readonly guardLasts = new Map<ReadonlySet<string>, ReadonlySet<string>>();
  /** The last segment of each SQL function name (`raw` of `knex.raw`). */
  private readonly sqlFunctionLasts: ReadonlySet<string>;
  /** While a top-level statement is walked for the memory: the module-scope names it reads and declares. */
  /** Top-level statements replayed from the memory in this walk. */
  replayed = 0;
  private recording: { reads: Map<string, readonly string[] | undefined>; declares: [string, readonly string[]][] } | undefined;

  constructor(
    private readonly text: string,
    private readonly sf: ts.SourceFile,
    options: TypeScriptScanOptions,
    /** The text may hold directives (mayHoldDirectives): only then are comments read. */
    private readonly hasDirectives: boolean,
    private readonly remembered?: WeakMap<ts.Node, StatementScan>,
    private readonly oracle?: DeclarationOracle,
  ) {
    const accept = options.accept ?? (() => true);
    const tagged = oracle?.taggedNames;
    // A name declared with a tag (`m` for the mileage) is looked at though no term matches it.
    this.accept = tagged && tagged.size > 0 ? (n) => accept(n) || tagged.has(n) : accept;
    this.hasTags = mayHoldCatalogTags(text);
    if (oracle) this.localNames = functionNames(sf);
    this.checkpoint = options.checkpoint;
    this.checkGuards = setOf(options.guards.check);
    this.requireGuards = setOf(options.guards.require);
    this.sqlTags = setOf(options.sql.tags);
    this.sqlFunctions = setOf(options.sql.functions);
    this.sqlFunctionLasts = lastsOf(options.sql.functions);
    this.guardLasts.set(this.checkGuards, lastsOf(options.guards.check));
    this.guardLasts.set(this.requireGuards, lastsOf(options.guards.require));
  }

  run(): Scan {
    this.statements(this.sf.statements, this.sf.end);
    this.stack.push(this.sf);
    const statements = this.sf.statements;
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i];
      // The first statement also carries the file header: it is always walked.
      if (!this.remembered || i === 0) this.visit(s);
      else if (this.replay(s)) this.replayed++;
      else this.record(s);
    }
    if (this.hasDirectives) this.comments(this.sf.endOfFileToken);
    return this.out;
  }

  // ---------------------------------------------------------------- memory of statements

  /** Adds what `s` yielded last time, if nothing it read has changed since; false otherwise. */
  private replay(s: ts.Statement): boolean {
    const m = this.remembered!.get(s);
    if (!m || m.linePrefix !== this.linePrefix(s.pos)) return false;
    const module = this.scopes[0];
    for (const [name, context] of m.reads) if (!sameContext(module.get(name), context)) return false;
    for (const [name, context] of m.declares) module.set(name, context);
    const lines = m.scan.suppressions.length > 0 ? this.lineMap().position(s.pos).line - m.line : 0;
    this.out.merge(m.scan, s.pos, lines);
    return true;
  }

  /** Walks `s` and remembers what it yielded, relative to its position. */
  private record(s: ts.Statement): void {
    const mark = this.out.mark();
    const recording = (this.recording = { reads: new Map(), declares: [] });
    try {
      this.visit(s);
    } finally {
      this.recording = undefined;
    }
    const scan = shiftScan(this.out.since(mark), -s.pos, 0);
    this.remembered!.set(s, {
      linePrefix: this.linePrefix(s.pos),
      reads: recording.reads,
      declares: recording.declares,
      scan,
      line: scan.suppressions.length > 0 ? this.lineMap().position(s.pos).line : 0,
    });
  }

  private linePrefix(pos: number): string {
    let i = pos;
    while (i > 0 && this.text.charCodeAt(i - 1) !== 10 && this.text.charCodeAt(i - 1) !== 13) i--;
    return this.text.slice(i, pos);
  }

  // ---------------------------------------------------------------- the walk

  /**
   * One callback for every node's children rather than a closure per node. Tokens (identifiers,
   * literals, keywords: two in five nodes) have no children and nothing to read on their own;
   * they are visited only for the comments before them.
   */
  private readonly visitChild = (child: ts.Node): void => {
    if (child.kind === SyntaxKind.Identifier) {
      this.reference(child as ts.Identifier);
      if (this.localNames?.has((child as ts.Identifier).text)) this.localCall(child as ts.Identifier);
    }
    if (child.kind < SyntaxKind.FirstNode && !this.hasDirectives) return;
    this.visit(child);
  };

  private readonly findTypeLiterals = (child: ts.Node): void => {
    if (child.kind === SyntaxKind.TypeLiteral) this.visit(child);
    else forEachChild(child, this.findTypeLiterals);
  };

  private visit(node: ts.Node): void {
    if (this.checkpoint && (++this.visited & 2047) === 0) this.checkpoint();
    if (this.hasDirectives) this.comments(node);
    else if (IN_TYPES[node.kind] === 1) {
      // A quarter of the nodes of typed code are types, and in a type only the fields of an
      // inline object type (`{ email: string }`) are read: they are looked for without the walk.
      forEachChild(node, this.findTypeLiterals);
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    let pushedScope = false;
    let pushedType = 0;
    this.current = node;

    switch (node.kind) {
      case SyntaxKind.ImportDeclaration:
      case SyntaxKind.ImportEqualsDeclaration:
      case SyntaxKind.ExportDeclaration:
        return;
      case SyntaxKind.InterfaceDeclaration:
      case SyntaxKind.ClassDeclaration:
      case SyntaxKind.ClassExpression:
      case SyntaxKind.TypeAliasDeclaration: {
        const name = (node as ts.InterfaceDeclaration).name;
        this.typeContext.push(name ? name.text : '');
        pushedType++;
        break;
      }
      case SyntaxKind.PropertySignature: {
        const p = node as ts.PropertySignature;
        // `interface HTMLElementTagNameMap { 'loyalty-card-number': … }`: names of elements and events.
        if (!this.typeContext.some((t) => NAME_MAPS.test(t)))
          this.emit(p.name, 'declaration', 'property-signature', () => this.typeNames());
        const n = propertyNameText(p.name);
        if (n !== undefined) {
          this.typeContext.push(n);
          pushedType++;
        }
        break;
      }
      case SyntaxKind.PropertyDeclaration: {
        const p = node as ts.PropertyDeclaration;
        this.emit(p.name, 'declaration', 'property-declaration', () => this.typeNames());
        break;
      }
      case SyntaxKind.PropertyAccessExpression: {
        const p = node as ts.PropertyAccessExpression;
        // `InputKind.EMAIL`, `Tier.HOBBY`: an enum member or a constant of a type is a tag, not data.
        if (!isCallee(node, parent) && !isTypeTag(p)) this.emit(p.name, 'use', 'property-access', () => this.exprContext(p.expression));
        break;
      }
      case SyntaxKind.ElementAccessExpression: {
        const e = node as ts.ElementAccessExpression;
        if (isStringLiteralLike(e.argumentExpression) && !isCallee(node, parent)) {
          this.emit(e.argumentExpression, 'use', 'element-access', () => this.exprContext(e.expression));
        }
        break;
      }
      case SyntaxKind.PropertyAssignment: {
        const p = node as ts.PropertyAssignment;
        if (parent && isObjectLiteralExpression(parent) && !isFunctionLike(p.initializer) && !this.isTranslation(p)) {
          // A field of a schema (zod, TypeBox, yup, valibot) declares, as an interface's does.
          const call = this.stack[this.stack.length - 2];
          const schema = call !== undefined && isSchemaCall(call, false);
          this.emit(p.name, schema ? 'declaration' : 'use', 'object-key', () => this.objectContext(parent));
        }
        break;
      }
      case SyntaxKind.ShorthandPropertyAssignment: {
        const p = node as ts.ShorthandPropertyAssignment;
        if (parent && isObjectLiteralExpression(parent)) this.emit(p.name, 'use', 'shorthand-property', () => this.objectContext(parent));
        break;
      }
      case SyntaxKind.BindingElement: {
        const b = node as ts.BindingElement;
        if (parent && isObjectBindingPattern(parent)) {
          const key = b.propertyName ?? (isIdentifier(b.name) ? b.name : undefined);
          if (key) this.emit(key, 'use', 'destructuring', () => this.patternContext(parent));
          // `const { name } = customer`: later reads of `name` are the customer's name.
          const keyText = key ? nameNodeText(key) : undefined;
          if (isIdentifier(b.name)) this.declare(b.name.text, keyText ? [keyText, ...this.patternContext(parent)] : []);
        } else if (parent && isArrayBindingPattern(parent) && isIdentifier(b.name) && !this.isHookSetter(parent, b)) {
          // `const [email, setEmail] = useState('')`, `const [lat, lng] = coords`.
          const holder = this.stack[this.stack.length - 2];
          const fn = this.stack[this.stack.length - 3];
          let ctx: readonly string[] = [];
          if (holder && isVariableDeclaration(holder) && holder.initializer) ctx = this.exprContext(holder.initializer);
          // `polygon.map(([lat]) => lat)`: an element of the receiver, as a callback's parameter is.
          else if (holder && isParameter(holder) && fn)
            ctx = [...typeNamesOf(holder.type), ...(this.callbackElementContext(fn, holder, this.stack[this.stack.length - 4]) ?? [])];
          this.emit(b.name, 'use', 'variable', () => ctx);
          this.declare(b.name.text, ctx);
        }
        break;
      }
      case SyntaxKind.FunctionDeclaration: {
        const f = node as ts.FunctionDeclaration;
        if (this.oracle && f.name) this.localFunction(f, f.name);
        break;
      }
      case SyntaxKind.VariableDeclaration: {
        const v = node as ts.VariableDeclaration;
        const init = v.initializer && skipOuter(v.initializer);
        if (this.oracle && isIdentifier(v.name) && init && (isArrowFunction(init) || isFunctionExpression(init)))
          this.localFunction(init, v.name);
        // `const AUTH_STATE_COOKIE = 'auth'`, `const COOKIES = {...} as const`: a constant names
        // something or tabulates settings; it holds nobody's data.
        if (isIdentifier(v.name) && !(isConstantName(v.name.text) && v.initializer && isLiteralValue(v.initializer))) {
          const ctx = [...typeNamesOf(v.type), ...(v.initializer ? this.exprContext(v.initializer) : [])];
          if (!this.redundantVariable(v)) this.emit(v.name, 'use', 'variable', () => ctx, v.initializer && this.spanOf(v.initializer));
          this.declare(v.name.text, this.forOfContext(v, parent) ?? ctx);
          if (v.type) {
            this.typeContext.push(v.name.text);
            pushedType++;
          }
        }
        break;
      }
      case SyntaxKind.Parameter: {
        const p = node as ts.ParameterDeclaration;
        if (isIdentifier(p.name) && parent && hasBody(parent)) {
          const isField = getModifiers?.(p)?.some((m) => isAccessModifier(m.kind)) ?? false;
          const ctx = [...typeNamesOf(p.type), ...(this.callbackElementContext(parent, p) ?? [])];
          if (isField) this.emit(p.name, 'declaration', 'property-declaration', () => this.typeNames());
          else this.emit(p.name, 'use', 'parameter', () => ctx);
          this.declare(p.name.text, ctx);
          // `(vehicle: { model: string })`: the inline type's fields belong to the parameter.
          if (p.type) {
            this.typeContext.push(p.name.text);
            pushedType++;
          }
        }
        break;
      }
      case SyntaxKind.TaggedTemplateExpression: {
        const t = node as ts.TaggedTemplateExpression;
        // `prisma.$queryRaw\`...\``: a configured SQL function used as a tag holds SQL too.
        const tag = calleeText(t.tag);
        const asFunction = tag !== 'String.raw' && this.sqlFunctions.has(tag.slice(tag.lastIndexOf('.') + 1));
        if (this.sqlTags.has(tag) || asFunction) this.fragment(t.template);
        break;
      }
      case SyntaxKind.JsxAttribute: {
        // `<TextField source="birth_date" />`: an admin framework's field, named as a string.
        const a = node as ts.JsxAttribute;
        if (isIdentifier(a.name) && COLUMN_ATTRIBUTES.has(a.name.text) && a.initializer && isStringLiteralLike(a.initializer)) {
          this.stringColumn(a.initializer, () => this.jsxContext());
        }
        // `<SortButton fields={["first_name", "last_name"]} />`: a list of fields.
        const list = a.initializer?.kind === SyntaxKind.JsxExpression ? (a.initializer as ts.JsxExpression).expression : undefined;
        if (isIdentifier(a.name) && COLUMN_LIST_ATTRIBUTES.has(a.name.text) && list && isArrayLiteralExpression(list)) {
          for (const e of list.elements) if (isStringLiteralLike(e)) this.stringColumn(e, () => this.jsxContext());
        }
        break;
      }
      case SyntaxKind.CallExpression: {
        const c = node as ts.CallExpression;
        const callee = c.expression;
        // `.select('email')`, `.eq('email', x)`, `orderBy('last_name')`: a column named as a string.
        const first = c.arguments[0];
        if (first && isStringLiteralLike(first) && isPropertyAccessExpression(callee) && COLUMN_METHODS.has(callee.name.text)) {
          this.stringColumn(first, () => this.exprContext(callee.expression));
        }
        this.guardReferences(c);
        // The last name first: it is read without building the dotted name, and it rules out nearly every call.
        if (!this.sqlFunctionLasts.has(calleeLast(callee))) break;
        const name = calleeText(callee);
        const last = name.slice(name.lastIndexOf('.') + 1);
        if (this.sqlFunctions.has(name) || this.sqlFunctions.has(last)) {
          for (const a of c.arguments) if (isStringLiteralLike(a) || isTemplateExpression(a)) this.fragment(a);
        }
        break;
      }
      case SyntaxKind.IfStatement:
        this.ifGuards(node as ts.IfStatement);
        break;
      case SyntaxKind.ConditionalExpression: {
        const c = node as ts.ConditionalExpression;
        this.guardRegion(this.whenTrue(c.condition), c.whenTrue);
        this.guardRegion(this.whenFalse(c.condition), c.whenFalse);
        break;
      }
      case SyntaxKind.BinaryExpression: {
        const b = node as ts.BinaryExpression;
        if (b.operatorToken.kind === SyntaxKind.AmpersandAmpersandToken) this.guardRegion(this.whenTrue(b.left), b.right);
        if (b.operatorToken.kind === SyntaxKind.BarBarToken) this.guardRegion(this.whenFalse(b.left), b.right);
        break;
      }
      case SyntaxKind.Block:
      case SyntaxKind.ModuleBlock:
        this.statements((node as ts.Block).statements, node.end);
        break;
      case SyntaxKind.CaseClause:
      case SyntaxKind.DefaultClause:
        this.statements((node as ts.CaseClause).statements, node.end);
        break;
    }

    if (SCOPE_BOUNDARY[node.kind] === 1) {
      this.scopes.push(new Map());
      pushedScope = true;
    }
    this.stack.push(node);
    forEachChild(node, this.visitChild);
    this.stack.pop();
    if (pushedScope) this.scopes.pop();
    while (pushedType-- > 0) this.typeContext.pop();
  }

  private emit(name: ts.Node, role: Role, syntax: Syntax, context: () => readonly string[], derivedFrom?: Span): void {
    const text = nameNodeText(name);
    if (text === undefined || text.length === 0) return;
    const tag = this.hasTags && TAGGABLE[syntax] === 1 ? this.tagOf(role) : undefined;
    if (!tag && !this.accept(text)) return;
    const quoted = isStringLiteralLike(name);
    // A quoted key or column is reported only when it is shaped like a name: `'first-name'`,
    // never `'import.meta.env.X'` or a sentence, so no string's contents reach a report.
    if (quoted && !QUOTED_NAME.test(text)) return;
    const start = name.getStart(this.sf);
    const span = quoted ? { start: start + 1, end: name.end - 1 } : { start, end: name.end };
    const container = this.container();
    this.out.occurrences.push({
      name: text,
      span,
      role,
      syntax,
      context: context().slice(0, MAX_CONTEXT),
      derivedFrom,
      ...(container !== undefined ? { container } : {}),
      ...(tag ? { tag } : {}),
      ...(this.oracle && RESOLVED[syntax] === 1 ? declaredAs(this.oracle, name, syntax) : {}),
    });
  }

  /**
   * A use of one of the file's own functions: a call (its consent may be the function's), or
   * a reference that hands the function on (then its callers are unknown).
   */
  private localCall(id: ts.Identifier): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) return;
    const called = isCallExpression(parent) && parent.expression === id;
    if (!called && !isValueReference(id, parent)) return;
    const fn = this.oracle!.localFunctionOf(id);
    if (!fn) return;
    const start = id.getStart(this.sf);
    this.out.localCalls.push({ function: fn.getStart(this.sf), span: { start, end: id.end }, escapes: !called });
  }

  /** Type-aware: a function of this file that no other file can call. */
  private localFunction(fn: ts.FunctionLikeDeclaration, name: ts.Identifier): void {
    if (this.oracle?.localFunctionOf(name) !== fn) return;
    this.out.localFunctions.push({ name: name.text, span: { start: fn.getStart(this.sf), end: fn.end } });
  }

  /**
   * The `@catalog` tag of the declaration `name` names: its own doc comment's, or for a field
   * the one on its interface, class or type alias (`@catalog none` on `Product`).
   */
  private tagOf(role: Role): { id: string; span: Span } | undefined {
    // The tree may have no parent links (a syntactic parse): the declaration is the node being visited.
    const decl = this.current;
    if (!decl) return undefined;
    let holder: ts.Node = decl;
    // `/** @catalog x *\/ const m = …`: the comment is the statement's.
    const list = this.stack[this.stack.length - 1];
    const statement = this.stack[this.stack.length - 2];
    if (
      isVariableDeclaration(decl) &&
      list &&
      isVariableDeclarationList(list) &&
      list.declarations.length === 1 &&
      statement &&
      isVariableStatement(statement)
    )
      holder = statement;
    const own = catalogTagAt(this.text, holder.pos);
    if (own || role !== 'declaration') return own;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const n = this.stack[i];
      if (
        n.kind === SyntaxKind.InterfaceDeclaration ||
        n.kind === SyntaxKind.TypeAliasDeclaration ||
        isClassDeclaration(n) ||
        isClassExpression(n)
      )
        return catalogTagAt(this.text, n.pos);
      if (isFunctionLikeNode(n)) return undefined;
    }
    return undefined;
  }

  /**
   * The named function or method around the node being visited, with its class
   * (`CustomerService.notify`); an arrow function or function expression takes the name of the
   * variable or property it is assigned to. Read for emitted names only, from the ancestors.
   */
  private container(): string | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const n = this.stack[i];
      if (!isFunctionLikeNode(n)) continue;
      const own = (n as ts.FunctionLikeDeclaration).name;
      let name = own && isIdentifier(own) ? own.text : undefined;
      if (!name) {
        const p = this.stack[i - 1];
        if (p && (isVariableDeclaration(p) || isPropertyAssignment(p)) && isIdentifier(p.name)) name = p.name.text;
      }
      if (!name) continue;
      const owner = this.stack[i - 1];
      return owner && (isClassDeclaration(owner) || isClassExpression(owner)) && owner.name ? `${owner.name.text}.${name}` : name;
    }
    return undefined;
  }

  /**
   * A string that is a column's name where an API takes one. Only a whole identifier-shaped
   * literal counts, so a value (an address, a sentence) never becomes a reported name.
   */
  private stringColumn(literal: ts.StringLiteralLike, context: () => readonly string[]): void {
    if (COLUMN_NAME.test(literal.text)) this.emit(literal, 'use', 'string-column', context);
  }

  /** What a JSX element's fields belong to: the nearest enclosing element that names a resource. */
  private jsxContext(): string[] {
    const out: string[] = [];
    for (let i = this.stack.length - 1; i >= 0 && out.length < MAX_CONTEXT; i--) {
      const n = this.stack[i];
      const opening = n.kind === SyntaxKind.JsxElement ? (n as ts.JsxElement).openingElement : n;
      if (opening.kind === SyntaxKind.JsxOpeningElement || opening.kind === SyntaxKind.JsxSelfClosingElement) {
        const el = opening as ts.JsxOpeningElement;
        for (const attr of el.attributes.properties) {
          if (
            attr.kind === SyntaxKind.JsxAttribute &&
            isIdentifier(attr.name) &&
            (attr.name.text === 'reference' || attr.name.text === 'resource')
          ) {
            if (attr.initializer && isStringLiteralLike(attr.initializer)) out.push(attr.initializer.text);
          }
        }
      }
    }
    return out;
  }

  /**
   * A read of a variable or parameter declared in scope (`isAllowed(email)`, `owner: ownerId`,
   * `{fullName}` in JSX): a use of what it was declared to hold. Only value positions count; a
   * name being declared, a property name or a callee is not a read.
   */
  private reference(id: ts.Identifier): void {
    const text = id.text;
    if (!this.accept(text)) return;
    const parent = this.stack[this.stack.length - 1];
    if (!parent || !isValueReference(id, parent)) return;
    const context = this.declaredContext(text);
    if (context === undefined) return;
    this.emit(id, 'use', 'reference', () => context);
  }

  /**
   * `first_name: "Prénom"` in `frenchCrmMessages`: a key of a message catalog names the text
   * shown for a field, it holds no one's data; nor does a constant-cased key of a string.
   */
  private isTranslation(p: ts.PropertyAssignment): boolean {
    if (!isStringLiteralLike(p.initializer)) return false;
    // `COOKIES = { AUTH_STATE_COOKIE: "auth" }`: a constant's name, whatever object holds it.
    const key = propertyNameText(p.name);
    if (key !== undefined && isConstantName(key)) return true;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const n = this.stack[i];
      if (isVariableDeclaration(n)) return isIdentifier(n.name) && MESSAGE_CATALOG.test(n.name.text);
      if (isFunctionLike(n)) return false;
    }
    return false;
  }

  /** `[value, setValue] = useState(...)`: the second name of a React-style hook is a function. */
  private isHookSetter(pattern: ts.ArrayBindingPattern, b: ts.BindingElement): boolean {
    if (pattern.elements.indexOf(b) === 0) return false;
    const holder = this.stack[this.stack.length - 2];
    if (!holder || !isVariableDeclaration(holder) || !holder.initializer) return false;
    const init = skipOuter(holder.initializer);
    return isCallExpression(init) && /^use[A-Z]/.test(calleeLast(init.expression));
  }

  /** The context a name was declared with in scope, or undefined when it was not declared here. */
  private declaredContext(name: string): readonly string[] | undefined {
    for (let i = this.scopes.length - 1; i > 0; i--) {
      const c = this.scopes[i].get(name);
      if (c) return c;
    }
    const c = this.scopes[0].get(name);
    // What a statement read from the module scope decides whether its memory still holds.
    if (this.recording && !this.recording.reads.has(name)) this.recording.reads.set(name, c);
    return c;
  }

  // ---------------------------------------------------------------- context

  private declare(name: string, context: readonly string[]): void {
    this.scopes[this.scopes.length - 1].set(name, context);
    if (this.recording && this.scopes.length === 1) this.recording.declares.push([name, context]);
  }

  private lookup(name: string): readonly string[] {
    return this.declaredContext(name) ?? [];
  }

  /** What an expression is about: its own name, then what it belongs to or comes from. */
  private exprContext(expr: ts.Expression, depth = 0): string[] {
    if (depth > MAX_CONTEXT) return [];
    const e = skipOuter(expr);
    switch (e.kind) {
      case SyntaxKind.Identifier: {
        const name = (e as ts.Identifier).text;
        return [name, ...this.lookup(name)];
      }
      case SyntaxKind.ThisKeyword: {
        const cls = this.enclosingClassName();
        return cls ? [cls] : [];
      }
      case SyntaxKind.PropertyAccessExpression: {
        const p = e as ts.PropertyAccessExpression;
        return [p.name.text, ...this.exprContext(p.expression, depth + 1)];
      }
      case SyntaxKind.ElementAccessExpression: {
        const a = e as ts.ElementAccessExpression;
        const inner = this.exprContext(a.expression, depth + 1);
        return isStringLiteralLike(a.argumentExpression) ? [a.argumentExpression.text, ...inner] : inner;
      }
      case SyntaxKind.CallExpression: {
        // `supabase.from('contacts')`, `knex('users')`: the table a query builder works on.
        const c = e as ts.CallExpression;
        const table = c.arguments[0];
        const named = table && isStringLiteralLike(table) && COLUMN_NAME.test(table.text) && TABLE_METHODS.has(calleeLast(c.expression));
        const inner = this.exprContext(c.expression, depth + 1);
        return named ? [table.text, ...inner] : inner;
      }
      case SyntaxKind.NewExpression:
        return this.exprContext((e as ts.NewExpression).expression, depth + 1);
      default:
        return [];
    }
  }

  /** `for (const c of customers)`: `c` is an element of `customers`. */
  private forOfContext(v: ts.VariableDeclaration, parent: ts.Node | undefined): string[] | undefined {
    const statement = this.stack[this.stack.length - 2];
    if (parent && isVariableDeclarationList(parent) && statement && isForOfStatement(statement) && statement.initializer === parent) {
      return [...typeNamesOf(v.type), ...this.exprContext(statement.expression)];
    }
    return undefined;
  }

  /** `customers.map(c => c.email)`: the callback's first parameter is an element of the receiver. */
  private callbackElementContext(fn: ts.Node, p: ts.ParameterDeclaration, call = this.stack[this.stack.length - 2]): string[] | undefined {
    if (!isArrowFunction(fn) && !isFunctionExpression(fn)) return undefined;
    if (fn.parameters[0] !== p) return undefined;
    if (!call || !isCallExpression(call) || !isPropertyAccessExpression(call.expression)) return undefined;
    if (!ELEMENT_CALLBACKS.has(call.expression.name.text)) return undefined;
    return this.exprContext(call.expression.expression);
  }

  private typeNames(): string[] {
    return [...this.typeContext].reverse().filter((n) => n.length > 0);
  }

  private enclosingClassName(): string | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const n = this.stack[i];
      if ((isClassDeclaration(n) || isClassExpression(n)) && n.name) return n.name.text;
    }
    return undefined;
  }

  /** What an object literal describes: the key it is the value of, the variable, type or call it goes to. */
  private objectContext(obj: ts.ObjectLiteralExpression): string[] {
    const out: string[] = [];
    let child: ts.Node = obj;
    for (let i = this.stack.length - 2; i >= 0 && out.length < MAX_CONTEXT; i--) {
      const n = this.stack[i];
      if (isPropertyAssignment(n)) {
        const k = propertyNameText(n.name);
        if (k) out.push(k);
      } else if (isVariableDeclaration(n)) {
        if (isIdentifier(n.name)) out.push(n.name.text);
        out.push(...typeNamesOf(n.type));
        break;
      } else if (isSchemaCall(n, true)) {
        // `const Customer = z.object({ email: ... })`: the schema is what it is assigned to.
      } else if (isCallExpression(n) || isNewExpression(n)) {
        out.push(...this.exprContext(n.expression));
        break;
      } else if (isAsExpression(n) || isSatisfiesExpression(n)) {
        out.push(...typeNamesOf(n.type));
      } else if (isReturnStatement(n) || isArrowFunction(child)) {
        out.push(...this.enclosingFunctionContext(i));
        break;
      } else if (isBinaryExpression(n) && n.operatorToken.kind === SyntaxKind.EqualsToken) {
        out.push(...this.exprContext(n.left));
        break;
      } else if (isPropertyAccessExpression(n) && isSchemaCall(child, true)) {
        // `z.object({...}).optional()`: chained modifiers of a schema.
      } else if (!isObjectLiteralExpression(n) && !isParenthesizedExpression(n) && !isArrayLiteralExpression(n) && !isAwaitExpression(n)) {
        break;
      }
      child = n;
    }
    return out;
  }

  /** What a returned value is: the function's declared return type, then its name. */
  private enclosingFunctionContext(from: number): string[] {
    for (let i = from; i >= 0; i--) {
      const n = this.stack[i];
      if ((isFunctionDeclaration(n) || isMethodDeclaration(n)) && n.name) {
        const name = propertyNameText(n.name);
        return [...typeNamesOf(n.type), ...(name ? [name] : [])];
      }
      if (isArrowFunction(n) || isFunctionExpression(n)) {
        const holder = i > 0 ? this.stack[i - 1] : undefined;
        const name = holder && isVariableDeclaration(holder) && isIdentifier(holder.name) ? [holder.name.text] : [];
        return [...typeNamesOf(n.type), ...name];
      }
    }
    return [];
  }

  /** `const { email } = customer` or `({ email }: Customer) => ...`. */
  private patternContext(pattern: ts.ObjectBindingPattern): string[] {
    const holder = this.stack[this.stack.length - 2];
    if (!holder) return [];
    if (isVariableDeclaration(holder))
      return [...typeNamesOf(holder.type), ...(holder.initializer ? this.exprContext(holder.initializer) : [])];
    if (isParameter(holder)) return typeNamesOf(holder.type);
    if (isBindingElement(holder)) {
      const key = holder.propertyName ?? holder.name;
      const k = isIdentifier(key) ? key.text : undefined;
      const outer = this.stack[this.stack.length - 3];
      return [...(k ? [k] : []), ...(outer && isObjectBindingPattern(outer) ? this.patternContextAt(outer, this.stack.length - 3) : [])];
    }
    return [];
  }

  private patternContextAt(pattern: ts.ObjectBindingPattern, index: number): string[] {
    const holder = this.stack[index - 1];
    if (holder && isVariableDeclaration(holder))
      return [...typeNamesOf(holder.type), ...(holder.initializer ? this.exprContext(holder.initializer) : [])];
    if (holder && isParameter(holder)) return typeNamesOf(holder.type);
    return [];
  }

  /** `const email = customer.email` says nothing the property access does not already say. */
  private redundantVariable(v: ts.VariableDeclaration): boolean {
    if (!v.initializer || !isIdentifier(v.name)) return isFunctionLike(v.initializer);
    if (isFunctionLike(v.initializer)) return true;
    const init = skipOuter(v.initializer);
    if (isPropertyAccessExpression(init)) return init.name.text === v.name.text;
    if (isElementAccessExpression(init) && isStringLiteralLike(init.argumentExpression))
      return init.argumentExpression.text === v.name.text;
    if (isCallExpression(init) && isIdentifier(init.expression) && init.expression.text === 'require') return true;
    return false;
  }

  // ---------------------------------------------------------------- consent: guards

  private isGuardCall(e: ts.Expression, names: ReadonlySet<string>): ConditionReference[] | undefined {
    const x = skipOuter(e);
    if (!isCallExpression(x)) return undefined;
    if (!this.guardLasts.get(names)?.has(calleeLast(x.expression))) return undefined;
    const name = calleeText(x.expression);
    if (!names.has(name) && !names.has(name.slice(name.lastIndexOf('.') + 1))) return undefined;
    const ids: ConditionReference[] = [];
    for (const a of x.arguments) {
      if (isStringLiteralLike(a)) ids.push({ id: a.text, span: { start: a.getStart(this.sf) + 1, end: a.end - 1 } });
    }
    return ids;
  }

  /**
   * Every guard call names its conditions, wherever it stands: one that decides no region
   * (`hasConsent('x') || fallback`, `const ok = hasConsent('x')`) must still have its ids checked.
   */
  private guardReferences(c: ts.CallExpression): void {
    const refs = this.isGuardCall(c, this.checkGuards) ?? this.isGuardCall(c, this.requireGuards);
    if (refs) for (const r of refs) this.out.conditionRefs.push(r);
  }

  /** Conditions known to hold where `cond` is true: guards joined by `&&`. */
  private whenTrue(cond: ts.Expression): { ids: string[]; at: Span } | undefined {
    const ids: string[] = [];
    const walk = (e: ts.Expression): void => {
      const x = skipOuter(e);
      if (isBinaryExpression(x) && x.operatorToken.kind === SyntaxKind.AmpersandAmpersandToken) {
        walk(x.left);
        walk(x.right);
        return;
      }
      const g = this.isGuardCall(x, this.checkGuards);
      if (g) for (const r of g) ids.push(r.id);
    };
    walk(cond);
    return ids.length ? { ids, at: this.spanOf(cond) } : undefined;
  }

  /** Conditions known to hold where `cond` is false: `!guard`, joined by `||`. */
  private whenFalse(cond: ts.Expression): { ids: string[]; at: Span } | undefined {
    const ids: string[] = [];
    const walk = (e: ts.Expression): void => {
      const x = skipOuter(e);
      if (isBinaryExpression(x) && x.operatorToken.kind === SyntaxKind.BarBarToken) {
        walk(x.left);
        walk(x.right);
        return;
      }
      if (isPrefixUnaryExpression(x) && x.operator === SyntaxKind.ExclamationToken) {
        const g = this.isGuardCall(x.operand, this.checkGuards);
        if (g) for (const r of g) ids.push(r.id);
      }
    };
    walk(cond);
    return ids.length ? { ids, at: this.spanOf(cond) } : undefined;
  }

  private guardRegion(guard: { ids: string[]; at: Span } | undefined, covered: ts.Node | undefined): void {
    if (!guard || !covered) return;
    this.out.regions.push({ span: this.spanOf(covered), conditions: guard.ids, origin: 'guard', declaredAt: guard.at });
  }

  private ifGuards(s: ts.IfStatement): void {
    this.guardRegion(this.whenTrue(s.expression), s.thenStatement);
    // The `else` of `if (!hasConsent(...))` holds the consent; so does the rest of the block
    // when the `then` leaves it (handled in `statements`).
    if (s.elseStatement) this.guardRegion(this.whenFalse(s.expression), s.elseStatement);
  }

  /** Guards that cover the rest of their block: `requireConsent(...)` and `if (!hasConsent(...)) return`. */
  private statements(list: ts.NodeArray<ts.Statement>, end: number): void {
    for (const s of list) {
      let guard: { ids: string[]; at: Span } | undefined;
      if (isExpressionStatement(s)) {
        const refs = this.isGuardCall(s.expression, this.requireGuards);
        if (refs?.length) guard = { ids: refs.map((r) => r.id), at: this.spanOf(s.expression) };
      } else if (isIfStatement(s) && !s.elseStatement && alwaysExits(s.thenStatement)) {
        guard = this.whenFalse(s.expression);
      }
      if (guard) this.out.regions.push({ span: { start: s.end, end }, conditions: guard.ids, origin: 'guard', declaredAt: guard.at });
    }
  }

  // ---------------------------------------------------------------- consent: comments

  private lineMap(): LineMap {
    return (this.lines ??= LineMap.of(this.text));
  }

  /** Directives in the comments right before `node`: those directly above it cover it. */
  private comments(node: ts.Node): void {
    // Most nodes have no comment before them: say so from the first non-blank character rather
    // than asking the compiler for comment ranges (a fifth of the walk in files with directives).
    if (!startsWithComment(this.text, node.pos)) return;
    if (this.seenTrivia.has(node.pos)) return;
    this.seenTrivia.add(node.pos);
    const ranges = getLeadingCommentRanges(this.text, node.pos);
    if (!ranges) return;
    const eof = node.kind === SyntaxKind.EndOfFileToken;
    const start = eof ? node.end : node.getStart(this.sf);
    const comments = ranges.map((r) => ({ start: r.pos, end: r.end }));
    const target = eof
      ? { kind: 'nothing' as const }
      : {
          kind: 'code' as const,
          span: { start, end: node.end },
          origin: coversFunction(node) ? ('function-directive' as const) : ('statement-directive' as const),
        };
    attachDirectives(this.text, { comments, target, beforeAnyCode: node.pos === 0 }, this.out, () => this.lineMap());
  }

  // ---------------------------------------------------------------- embedded SQL

  private fragment(lit: ts.Node): void {
    const parts: HostFragment['parts'][number][] = [];
    const text = (start: number, end: number) => parts.push({ kind: 'text', span: { start, end }, raw: this.text.slice(start, end) });
    if (isStringLiteralLike(lit)) {
      text(lit.getStart(this.sf) + 1, lit.end - 1);
    } else if (isTemplateExpression(lit)) {
      text(lit.head.getStart(this.sf) + 1, lit.head.end - 2);
      for (const span of lit.templateSpans) {
        const e = span.expression;
        parts.push({ kind: 'substitution', span: this.spanOf(e), expression: this.text.slice(e.getStart(this.sf), e.end) });
        const closing = isTemplateTail(span.literal) ? 1 : 2;
        text(span.literal.getStart(this.sf) + 1, span.literal.end - closing);
      }
    } else {
      return;
    }
    const container = this.container();
    this.out.embedded.push({ span: this.spanOf(lit), parts, ...(container !== undefined ? { container } : {}) });
  }

  private spanOf(n: ts.Node): Span {
    return { start: n.getStart(this.sf), end: n.end };
  }
}

// ------------------------------------------------------------------ helpers

/** The configuration's name lists as sets, built once per list rather than once per file. */
const sets = new WeakMap<readonly string[], ReadonlySet<string>>();
const lasts = new WeakMap<readonly string[], ReadonlySet<string>>();

function setOf(names: readonly string[]): ReadonlySet<string> {
  let s = sets.get(names);
  if (!s) sets.set(names, (s = new Set(names)));
  return s;
}

/** The last segment of each dotted name (`raw` of `knex.raw`). */
function lastsOf(names: readonly string[]): ReadonlySet<string> {
  let s = lasts.get(names);
  if (!s) lasts.set(names, (s = new Set(names.map((n) => n.slice(n.lastIndexOf('.') + 1)))));
  return s;
}

function skipOuter(e: ts.Expression): ts.Expression {
  let x = e;
  for (;;) {
    if (
      isParenthesizedExpression(x) ||
      isAwaitExpression(x) ||
      isNonNullExpression(x) ||
      isAsExpression(x) ||
      isSatisfiesExpression(x) ||
      isTypeAssertionExpression(x)
    ) {
      x = x.expression;
    } else {
      return x;
    }
  }
}

/** Names of message catalogs and translation tables (`englishMessages`, `fr`, `i18nStrings`). */
const MESSAGE_CATALOG = /(messages|translations?|i18n|locales?|dictionary|strings|labels|^(en|fr|de|es|it|nl|pt|ja|zh))$/i;

/** A value written out in the code: a string, a number, or an object or array literal. */
function isLiteralValue(e: ts.Expression): boolean {
  const v = skipOuter(e);
  return isStringLiteralLike(v) || v.kind === SyntaxKind.NumericLiteral || isObjectLiteralExpression(v) || isArrayLiteralExpression(v);
}

/** SCREAMING_CASE: a constant's name. */
function isConstantName(name: string): boolean {
  return /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(name) && /[A-Z]{2}/.test(name);
}

/** `FieldType.EMAIL`: a constant-cased member of a PascalCase name (an enum or a constants object). */
function isTypeTag(p: ts.PropertyAccessExpression): boolean {
  if (!isConstantName(p.name.text)) return false;
  const e = p.expression;
  const owner = isIdentifier(e) ? e.text : isPropertyAccessExpression(e) ? e.name.text : undefined;
  return owner !== undefined && (/^[A-Z][a-z]/.test(owner) || isConstantName(owner));
}

/** Parents where an identifier is read only in one slot: the initializer, not the declared name. */
const READ_SLOT: Partial<Record<ts.SyntaxKind, (parent: ts.Node) => ts.Node | undefined>> = {
  [SyntaxKind.PropertyAccessExpression]: (p) => (p as ts.PropertyAccessExpression).expression,
  [SyntaxKind.VariableDeclaration]: (p) => (p as ts.VariableDeclaration).initializer,
  [SyntaxKind.PropertyAssignment]: (p) => (p as ts.PropertyAssignment).initializer,
  [SyntaxKind.ArrowFunction]: (p) => (p as ts.ArrowFunction).body,
  [SyntaxKind.BindingElement]: (p) => (p as ts.BindingElement).initializer,
  [SyntaxKind.Parameter]: (p) => (p as ts.ParameterDeclaration).initializer,
};

/** Parents under which every identifier child is a read. */
const READ_ANYWHERE = new Set<ts.SyntaxKind>([
  SyntaxKind.BinaryExpression,
  SyntaxKind.PrefixUnaryExpression,
  SyntaxKind.PostfixUnaryExpression,
  SyntaxKind.ConditionalExpression,
  SyntaxKind.ParenthesizedExpression,
  SyntaxKind.ReturnStatement,
  SyntaxKind.IfStatement,
  SyntaxKind.WhileStatement,
  SyntaxKind.TemplateSpan,
  SyntaxKind.JsxExpression,
  SyntaxKind.ArrayLiteralExpression,
  SyntaxKind.SpreadElement,
  SyntaxKind.SpreadAssignment,
  SyntaxKind.AwaitExpression,
  SyntaxKind.AsExpression,
  SyntaxKind.SatisfiesExpression,
  SyntaxKind.NonNullExpression,
  SyntaxKind.ElementAccessExpression,
  SyntaxKind.TypeOfExpression,
  SyntaxKind.SwitchStatement,
  SyntaxKind.CaseClause,
  SyntaxKind.ThrowStatement,
]);

/** Is `id` read as a value where it stands under `parent` (not declared, not a property name or callee)? */
function isValueReference(id: ts.Identifier, parent: ts.Node): boolean {
  if (parent.kind === SyntaxKind.CallExpression || parent.kind === SyntaxKind.NewExpression)
    return (parent as ts.CallExpression).expression !== id;
  const slot = READ_SLOT[parent.kind];
  if (slot) return slot(parent) === id;
  return READ_ANYWHERE.has(parent.kind);
}

function isCallee(node: ts.Node, parent: ts.Node | undefined): boolean {
  return (
    !!parent &&
    (isCallExpression(parent) || isNewExpression(parent) || isTaggedTemplateExpression(parent)) &&
    ('tag' in parent ? parent.tag === node : parent.expression === node)
  );
}

function isFunctionLike(e: ts.Node | undefined): boolean {
  if (!e) return false;
  const x = isParenthesizedExpression(e) ? e.expression : e;
  return isArrowFunction(x) || isFunctionExpression(x) || isClassExpression(x);
}

function hasBody(fn: ts.Node): boolean {
  return (
    (isFunctionDeclaration(fn) ||
      isMethodDeclaration(fn) ||
      isConstructorDeclaration(fn) ||
      isArrowFunction(fn) ||
      isFunctionExpression(fn) ||
      isGetAccessor(fn) ||
      isSetAccessor(fn)) &&
    fn.body !== undefined
  );
}

function isAccessModifier(k: ts.SyntaxKind): boolean {
  return (
    k === SyntaxKind.PublicKeyword ||
    k === SyntaxKind.PrivateKeyword ||
    k === SyntaxKind.ProtectedKeyword ||
    k === SyntaxKind.ReadonlyKeyword
  );
}

function isScopeBoundary(n: ts.Node): boolean {
  return isFunctionLikeNode(n) || isBlock(n) || isForOfStatement(n) || isForStatement(n) || isForInStatement(n) || isCatchClause(n);
}

/** isScopeBoundary by kind (it only reads the kind): one array read per node instead of six calls. */
const SCOPE_BOUNDARY = (() => {
  const table = new Uint8Array(SyntaxKind.Count);
  for (let kind = 0; kind < SyntaxKind.Count; kind++) table[kind] = isScopeBoundary({ kind } as ts.Node) ? 1 : 0;
  return table;
})();

/**
 * Type nodes whose subtree yields nothing but through an inline object type: no expression,
 * declaration with a body or guard can sit in a type. (A type literal is walked itself; with
 * directives in the file every node is walked, as comments attach to them.)
 */
const IN_TYPES = (() => {
  const table = new Uint8Array(SyntaxKind.Count);
  for (let kind = SyntaxKind.FirstTypeNode; kind <= SyntaxKind.LastTypeNode; kind++) table[kind] = 1;
  table[SyntaxKind.TypeLiteral] = 0;
  return table;
})();

/** A node a `@consent` directive above covers as a function (its whole body). */
function coversFunction(n: ts.Node): boolean {
  if (
    isFunctionDeclaration(n) ||
    isMethodDeclaration(n) ||
    isConstructorDeclaration(n) ||
    isGetAccessor(n) ||
    isSetAccessor(n) ||
    isClassDeclaration(n) ||
    isArrowFunction(n) ||
    isFunctionExpression(n)
  )
    return true;
  if (isPropertyAssignment(n) || isPropertyDeclaration(n)) return isFunctionLike(n.initializer);
  if (isVariableStatement(n)) return n.declarationList.declarations.some((d) => isFunctionLike(d.initializer));
  if (isExportAssignment(n)) return isFunctionLike(n.expression);
  return false;
}

function alwaysExits(s: ts.Statement): boolean {
  if (isReturnStatement(s) || isThrowStatement(s) || isContinueStatement(s) || isBreakStatement(s)) return true;
  if (isBlock(s)) return s.statements.length > 0 && alwaysExits(s.statements[s.statements.length - 1]);
  if (isIfStatement(s)) return !!s.elseStatement && alwaysExits(s.thenStatement) && alwaysExits(s.elseStatement);
  return false;
}

/** Whether the trivia at `pos` holds a comment: its first non-blank character opens one. */
function startsWithComment(text: string, pos: number): boolean {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12) continue;
    // `#!` only counts at the start of the file; anything beyond ASCII may be Unicode space, so ask.
    return c === 47 /* / */ || c > 127 || (c === 35 && i === 0);
  }
  return false;
}

function nameNodeText(n: ts.Node): string | undefined {
  if (isIdentifier(n) || isPrivateIdentifier(n)) return n.text.replace(/^#/, '');
  if (isStringLiteralLike(n)) return n.text;
  if (isComputedPropertyName(n) && isStringLiteralLike(n.expression)) return undefined;
  return undefined;
}

function propertyNameText(n: ts.PropertyName): string | undefined {
  return nameNodeText(n);
}

/** The last name of calleeText(e), without building the rest. */
function calleeLast(e: ts.Expression): string {
  const x = skipOuter(e);
  if (isIdentifier(x)) return x.text;
  if (isPropertyAccessExpression(x)) return x.name.text;
  if (isCallExpression(x)) return calleeLast(x.expression);
  return '';
}

function calleeText(e: ts.Expression): string {
  const x = skipOuter(e);
  if (isIdentifier(x)) return x.text;
  if (isPropertyAccessExpression(x)) {
    const left = calleeText(x.expression);
    return left ? `${left}.${x.name.text}` : x.name.text;
  }
  if (isCallExpression(x)) return calleeText(x.expression);
  return '';
}

/** The named types of an annotation: `Customer`, `Customer[]`, `Promise<Customer>`, `A | B`. */
function typeNamesOf(t: ts.TypeNode | undefined): string[] {
  if (!t) return [];
  if (isTypeReferenceNode(t)) {
    const name = isIdentifier(t.typeName) ? t.typeName.text : t.typeName.right.text;
    return [name, ...(t.typeArguments ?? []).flatMap(typeNamesOf)];
  }
  if (isArrayTypeNode(t)) return typeNamesOf(t.elementType);
  if (isUnionTypeNode(t) || isIntersectionTypeNode(t)) return t.types.flatMap(typeNamesOf);
  if (isParenthesizedTypeNode(t)) return typeNamesOf(t.type);
  return [];
}
