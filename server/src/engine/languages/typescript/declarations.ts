/**
 * Type-aware analysis: what the TypeScript checker says a name reads. Given a program, the
 * scanner asks here which declaration a property access, a destructured key or an object key
 * resolves to (through aliases, `Pick`/`Omit`/`Partial`, intersections, generics and inferred
 * return types across files), and which `@catalog` tag that declaration carries. It knows
 * nothing of the catalog: the matcher judges the declared name and owner as it judges a
 * spelling.
 */
import ts from 'typescript';
import type { CatalogTag, DeclaredAs, Syntax } from '../../occurrence';
import { catalogTagIn } from './tags';

/** One file of a program, with what the scanner needs to ask about its names. */
export interface TypedFile {
  /** The program's tree of the file: the scanner walks it, so the checker knows its nodes. */
  readonly sourceFile: ts.SourceFile;
  readonly oracle: DeclarationOracle;
}

export interface DeclarationOracle {
  /** The declaration `name` (an identifier or quoted key at a use) resolves to, if the checker knows one. */
  declarationOf(name: ts.Node, syntax: Syntax): DeclaredAs | undefined;
  /**
   * Names declared with a `@catalog` tag anywhere in the program: a scanner that skips names no
   * catalog term can match must still look at these (`m`, `odo`).
   */
  readonly taggedNames: ReadonlySet<string>;
  /**
   * The function `id` names when it is one of its own file's and no other file can call it (not
   * exported, in a module): its node (a declaration, or the arrow function or function expression
   * a variable holds). Consent at all its call sites is then consent inside it.
   */
  localFunctionOf(id: ts.Identifier): ts.FunctionLikeDeclaration | undefined;
}

/** How far up from a declaration its owners are looked for. */
const MAX_OWNERS = 4;

/**
 * The oracle for a program. `shown` turns a declaring file's path into what a finding shows
 * (relative to the workspace). Answers are remembered per symbol: a field read a thousand times
 * is resolved once.
 */
export function declarationOracle(program: ts.Program, shown: (file: string) => string): DeclarationOracle {
  const checker = program.getTypeChecker();
  const bySymbol = new Map<ts.Symbol, DeclaredAs | null>();
  let tagged: Set<string> | undefined;
  const exportedBy = new WeakMap<ts.SourceFile, Set<ts.Symbol>>();

  const describe = (symbol: ts.Symbol): DeclaredAs | undefined => {
    const known = bySymbol.get(symbol);
    if (known !== undefined) return known ?? undefined;
    const found = describeSymbol(symbol, checker, shown, program);
    bySymbol.set(symbol, found ?? null);
    return found;
  };

  return {
    declarationOf(name, syntax) {
      try {
        const symbol = propertySymbol(name, syntax, checker);
        const found = symbol ? describe(symbol) : undefined;
        // A local read by name (`email`, `to`) keeps what the scanner knew of it, unless the
        // checker adds something: a tag, or the property it was destructured from.
        if (syntax === 'reference' && found && !found.tag && !isMember(symbol!)) return undefined;
        return found;
      } catch {
        // The checker on code it cannot type (a syntax error mid-edit): the spelling decides.
        return undefined;
      }
    },
    get taggedNames() {
      return (tagged ??= taggedNamesOf(program));
    },
    localFunctionOf(id) {
      try {
        const symbol = checker.getSymbolAtLocation(id);
        const d = symbol?.valueDeclaration;
        const sf = id.getSourceFile();
        if (!symbol || !d || d.getSourceFile() !== sf || !ts.isExternalModule(sf)) return undefined;
        let fn: ts.FunctionLikeDeclaration | undefined;
        if (ts.isFunctionDeclaration(d)) fn = d;
        else if (
          ts.isVariableDeclaration(d) &&
          d.initializer &&
          (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))
        )
          fn = d.initializer;
        if (!fn || ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Export) return undefined;
        return exportedOf(sf).has(symbol) ? undefined : fn;
      } catch {
        return undefined;
      }
    },
  };

  /** What a module exports by name (`export { f }`, `export default f`), as the local symbols. */
  function exportedOf(sf: ts.SourceFile): ReadonlySet<ts.Symbol> {
    let set = exportedBy.get(sf);
    if (!set) {
      set = new Set();
      const moduleSymbol = checker.getSymbolAtLocation(sf);
      for (const e of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
        set.add(e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e);
        set.add(checker.getExportSymbolOfSymbol(e));
      }
      exportedBy.set(sf, set);
    }
    return set;
  }
}

/** The property symbol a name at a use reads, or for a reference the variable or parameter. */
function propertySymbol(name: ts.Node, syntax: Syntax, checker: ts.TypeChecker): ts.Symbol | undefined {
  const parent = name.parent;
  switch (syntax) {
    case 'property-access':
    case 'element-access':
      return resolveAlias(checker.getSymbolAtLocation(name), checker);
    case 'reference': {
      const local = resolveAlias(checker.getSymbolAtLocation(name), checker);
      // `const { email: to } = customer; send(to)`: `to` is the property it was taken from.
      const binding = local?.declarations?.find(ts.isBindingElement);
      if (binding && ts.isObjectBindingPattern(binding.parent)) {
        const key = binding.propertyName ?? binding.name;
        const text = ts.isIdentifier(key) || ts.isStringLiteralLike(key) ? key.text : undefined;
        const prop = text === undefined ? undefined : checker.getTypeAtLocation(binding.parent).getProperty(text);
        if (prop) return prop;
      }
      return local;
    }
    case 'destructuring': {
      // `{ email: to }` and `{ email }`: the key is a property of the destructured value's type.
      if (!parent || !ts.isBindingElement(parent)) return undefined;
      const pattern = parent.parent;
      const text = ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : undefined;
      if (text === undefined) return undefined;
      return checker.getTypeAtLocation(pattern).getProperty(text);
    }
    case 'object-key':
    case 'shorthand-property': {
      // `const c: Customer = { email }`: the key is the contextual type's property, not the literal's own.
      const literal = parent?.parent;
      if (!literal || !ts.isObjectLiteralExpression(literal) || isCallArgument(literal)) return undefined;
      const text = ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : undefined;
      if (text === undefined) return undefined;
      return checker.getContextualType(literal)?.getProperty(text);
    }
    default:
      return undefined;
  }
}

/**
 * An object literal that is (inside) an argument of a call. Its contextual type comes from
 * resolving the call (overloads, inference, the callback bodies): on a generic framework that
 * was two thirds of the type-aware run's time (bench/typed-cost.mjs), for keys the spelling
 * already judges. Such keys are left to the spelling.
 */
function isCallArgument(literal: ts.Node): boolean {
  let n: ts.Node = literal;
  for (let depth = 0; depth < 16 && n.parent; depth++) {
    const p: ts.Node = n.parent;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(n as ts.Expression)) return true;
    if (
      ts.isPropertyAssignment(p) ||
      ts.isObjectLiteralExpression(p) ||
      ts.isArrayLiteralExpression(p) ||
      ts.isParenthesizedExpression(p) ||
      ts.isAsExpression(p) ||
      ts.isSatisfiesExpression(p)
    )
      n = p;
    else return false;
  }
  return false;
}

/** A property of a type, not a local variable or parameter. */
function isMember(symbol: ts.Symbol): boolean {
  return (symbol.flags & (ts.SymbolFlags.Property | ts.SymbolFlags.GetAccessor)) !== 0;
}

function resolveAlias(symbol: ts.Symbol | undefined, checker: ts.TypeChecker): ts.Symbol | undefined {
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) return checker.getAliasedSymbol(symbol);
  return symbol;
}

/** What a symbol is declared as: the first declaration that is a member, parameter or variable. */
function describeSymbol(
  symbol: ts.Symbol,
  checker: ts.TypeChecker,
  shown: (file: string) => string,
  program: ts.Program,
): DeclaredAs | undefined {
  // `Pick`, `Partial` and instantiated generics keep the original member's declarations.
  const decl = symbol.declarations?.find(isDataDeclaration);
  if (!decl || !decl.name) return undefined;
  const name = nameText(decl.name);
  if (name === undefined) return undefined;
  const sf = decl.getSourceFile();
  const line = sf.getLineAndCharacterOfPosition(decl.name.getStart(sf)).line + 1;
  const tag = tagOf(decl, checker);
  const external =
    program.isSourceFileFromExternalLibrary(sf) || program.isSourceFileDefaultLibrary(sf) || /[\\/]node_modules[\\/]/.test(sf.fileName);
  return {
    name,
    owner: ownersOf(decl),
    file: shown(sf.fileName),
    line,
    ...(tag ? { tag } : {}),
    ...(external ? { external: true as const } : {}),
  };
}

type DataDeclaration =
  | ts.PropertySignature
  | ts.PropertyDeclaration
  | ts.PropertyAssignment
  | ts.ShorthandPropertyAssignment
  | ts.ParameterDeclaration
  | ts.VariableDeclaration
  | ts.BindingElement
  | ts.GetAccessorDeclaration;

function isDataDeclaration(d: ts.Declaration): d is DataDeclaration {
  switch (d.kind) {
    case ts.SyntaxKind.PropertySignature:
    case ts.SyntaxKind.PropertyDeclaration:
    case ts.SyntaxKind.PropertyAssignment:
    case ts.SyntaxKind.ShorthandPropertyAssignment:
    case ts.SyntaxKind.Parameter:
    case ts.SyntaxKind.VariableDeclaration:
    case ts.SyntaxKind.BindingElement:
    case ts.SyntaxKind.GetAccessor:
      return true;
    default:
      return false;
  }
}

function nameText(n: ts.Node): string | undefined {
  if (ts.isIdentifier(n) || ts.isStringLiteralLike(n) || ts.isPrivateIdentifier(n)) return n.text;
  return undefined;
}

/**
 * The named things that hold a declaration, nearest first: the interface, class or type alias,
 * the property whose inline type it is in, the variable or parameter an object literal or
 * inline type belongs to. `customer` in `(customer: { name: string })` is an owner too.
 */
function ownersOf(decl: ts.Node): string[] {
  const out: string[] = [];
  for (let n = decl.parent; n && out.length < MAX_OWNERS; n = n.parent) {
    switch (n.kind) {
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression:
      case ts.SyntaxKind.TypeAliasDeclaration:
      case ts.SyntaxKind.PropertySignature:
      case ts.SyntaxKind.PropertyDeclaration:
      case ts.SyntaxKind.PropertyAssignment:
      case ts.SyntaxKind.VariableDeclaration:
      case ts.SyntaxKind.Parameter: {
        const name = (n as ts.NamedDeclaration).name;
        const text = name && nameText(name);
        if (text) out.push(text);
        break;
      }
      case ts.SyntaxKind.SourceFile:
        return out;
    }
    // A function's own parameters and locals are owned by it alone: their owners stop there.
    if (ts.isFunctionLike(n) || ts.isBlock(n)) break;
  }
  return out;
}

/**
 * The tag that decides a declaration: its own, else that of the type or class it is declared
 * in (`@catalog none` on `Product` declassifies its fields), else that of the named type it is
 * declared with (`odometer: Mileage` where `Mileage` is tagged).
 */
function tagOf(decl: DataDeclaration, checker: ts.TypeChecker): CatalogTag | undefined {
  const own = catalogTagIn(decl);
  if (own) return { id: own.id };
  for (let n: ts.Node | undefined = decl.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isInterfaceDeclaration(n) || ts.isClassLike(n) || ts.isTypeAliasDeclaration(n)) {
      const t = catalogTagIn(n);
      if (t) return { id: t.id };
      break;
    }
    if (ts.isFunctionLike(n)) break;
  }
  const typeNode = 'type' in decl ? decl.type : undefined;
  if (typeNode && ts.isTypeReferenceNode(typeNode)) {
    const symbol = resolveAlias(checker.getSymbolAtLocation(typeNode.typeName), checker);
    const alias = symbol?.declarations?.find(ts.isTypeAliasDeclaration);
    const t = alias && catalogTagIn(alias);
    if (t) return { id: t.id };
  }
  return undefined;
}

/**
 * Every name declared with a tag of its own, in a tagged type, or with a tagged type alias as
 * its type (`odometer: Mileage`), over the program's files that mention a tag.
 */
function taggedNamesOf(program: ts.Program): Set<string> {
  const out = new Set<string>();
  const aliases = new Set<string>();
  const files = program.getSourceFiles().filter((sf) => sf.text.includes('@catalog'));
  const walk = (visit: (n: ts.Node) => void): void => {
    const go = (n: ts.Node): void => {
      visit(n);
      ts.forEachChild(n, go);
    };
    for (const sf of files) go(sf);
  };
  walk((n) => {
    if (ts.isTypeAliasDeclaration(n) && catalogTagIn(n)) aliases.add(n.name.text);
    if ((ts.isInterfaceDeclaration(n) || ts.isClassLike(n)) && catalogTagIn(n)) {
      for (const m of n.members) {
        const name = m.name && nameText(m.name);
        if (name) out.add(name);
      }
    }
    if (isDataDeclaration(n as ts.Declaration) && (n as DataDeclaration).name && catalogTagIn(n)) {
      const name = nameText((n as DataDeclaration).name);
      if (name) out.add(name);
    }
  });
  if (aliases.size === 0) return out;
  // A second pass over every file: a field typed with a tagged alias may be declared anywhere.
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile && program.isSourceFileDefaultLibrary(sf)) continue;
    const go = (n: ts.Node): void => {
      if (isDataDeclaration(n as ts.Declaration)) {
        const d = n as DataDeclaration;
        const type = 'type' in d ? d.type : undefined;
        if (type && ts.isTypeReferenceNode(type) && aliases.has(lastName(type.typeName))) {
          const name = d.name && nameText(d.name);
          if (name) out.add(name);
        }
      }
      ts.forEachChild(n, go);
    };
    go(sf);
  }
  return out;
}

function lastName(n: ts.EntityName): string {
  return ts.isIdentifier(n) ? n.text : n.right.text;
}
