import ts from 'typescript';
import type { Occurrence, Role, Span, Syntax } from '../../occurrence';
import type { Scan } from '../../scan';
import { NAME_MAPS, QUOTED_NAME, SCHEMA_BUILDERS } from './scanner';
import { withDirectives } from '../../consent/token-directives';

/**
 * The name-by-name pass for files a parser cannot hold (nesting deeper than the call stack):
 * one loop over tokens with a stack of brackets (an array, never recursion), so it never
 * overflows and stays linear. Without a tree it guesses, from the tokens around a name, what the
 * main scanner would have called it:
 *
 * - property accesses (`a.b`) and string-keyed element accesses (`a['b']`), the receiver as context;
 * - keys and shorthand properties of object literals (`{ email: x }`, `{ email }`), and of
 *   destructuring patterns (`const { email } = c`, `({ email }) => ...`);
 * - members of interfaces, type literals and classes, with the type's name as context;
 * - variables (`const email = ...`, with the initialiser as `derivedFrom`) and parameters;
 * - later reads of a name declared as a variable or parameter anywhere in the file (no scopes).
 *
 * Directives on functions and statements and guards, which need the tree, are not seen.
 */
export function tokenScanTypeScript(text: string): Scan {
  return new TokenPass(text).run();
}

const K = ts.SyntaxKind;

type FrameKind =
  /** A block of statements. */
  | 'block'
  /** An object literal. */
  | 'object'
  /** An object destructuring pattern. */
  | 'pattern'
  /** `[a, b]` after const/let/var. */
  | 'array-pattern'
  /** An interface body or type literal: names are its enclosing types, nearest first. */
  | 'type'
  /** A class body. */
  | 'class'
  /** Parentheses known to hold parameters (`function f(`). */
  | 'params'
  /** Parentheses that hold parameters if `=>` or a body follows them, a call's arguments otherwise. */
  | 'maybe'
  /** Anything else: calls' arguments of control statements, arrays, index signatures, imports. */
  | 'other'
  /** `${` of a template literal. */
  | 'template';

interface Frame {
  readonly open: ts.SyntaxKind;
  readonly kind: FrameKind;
  /** Context of the names inside: the type's names, the class name, the variable an object goes to. */
  readonly names: readonly string[];
  /** For objects in undecided parentheses: those parentheses. */
  readonly decider?: Frame;
  /** A schema builder's object (`z.object({ email: ... })`): its keys declare fields. */
  readonly schema?: boolean;
  /** The name before `(`, if any. */
  readonly callee?: string;
  /** The token before the opening bracket. */
  readonly before: ts.SyntaxKind;
  /** For parameters: the enclosing class's name (`constructor(private email: string)`). */
  readonly className?: string;
  /** For `maybe`: what is decided once the closing parenthesis is followed by `=>` or not. */
  tentative?: Tentative[];
  /** Inside a type annotation's parentheses (`f: (email: string) => void`): never parameters of code. */
  readonly inType?: boolean;
}

interface Tentative {
  /** Added when the parentheses hold parameters. */
  readonly asParams?: Occurrence;
  /** Added when they are a call's arguments. */
  readonly asCall?: Occurrence;
  /** Declared when they hold parameters. */
  readonly declare?: string;
  readonly declareContext?: readonly string[];
  /** A read recorded for the call reading, dropped when they hold parameters. */
  readonly ref?: number;
}

interface Pending {
  readonly kind: ts.SyntaxKind;
  readonly name: string;
  readonly span: Span;
  readonly prev: ts.SyntaxKind;
  readonly prev2: ts.SyntaxKind;
  readonly newline: boolean;
  readonly frame: Frame;
}

interface PendingVariable {
  readonly name: string;
  readonly span: Span;
  readonly depth: number;
  awaitInit: boolean;
  init?: { start: number; end: number };
  /** `const x = a.b.c`: the names of the chain, nearest first; undefined once anything else is seen. */
  chain?: string[];
  lastWasDot: boolean;
  skip: boolean;
  readonly constant: boolean;
}

/** Keywords that open a control statement's parentheses: never parameters. */
const CONTROL = new Set<ts.SyntaxKind>([K.IfKeyword, K.WhileKeyword, K.ForKeyword, K.SwitchKeyword, K.CatchKeyword, K.WithKeyword]);

/** Tokens after which `{` opens an object literal rather than a block. */
const OBJECT_AFTER = new Set<ts.SyntaxKind>([
  K.EqualsToken,
  K.OpenParenToken,
  K.CommaToken,
  K.OpenBracketToken,
  K.QuestionToken,
  K.QuestionQuestionToken,
  K.BarBarToken,
  K.AmpersandAmpersandToken,
  K.DotDotDotToken,
  K.ReturnKeyword,
  K.YieldKeyword,
  K.AwaitKeyword,
  K.TypeOfKeyword,
  K.ExclamationToken,
  K.InKeyword,
  K.OfKeyword,
  K.ThrowKeyword,
  K.VoidKeyword,
  K.CaseKeyword,
  K.PlusEqualsToken,
  K.BarBarEqualsToken,
  K.QuestionQuestionEqualsToken,
  K.AmpersandAmpersandEqualsToken,
  K.TemplateHead,
  K.TemplateMiddle,
  K.SatisfiesKeyword,
  K.DefaultKeyword,
]);

const ACCESS_MODIFIERS = new Set<ts.SyntaxKind>([K.PublicKeyword, K.PrivateKeyword, K.ProtectedKeyword, K.ReadonlyKeyword]);

const CLASS_MEMBER_PREFIX = new Set<ts.SyntaxKind>([
  K.OpenBraceToken,
  K.SemicolonToken,
  K.CloseBraceToken,
  K.PublicKeyword,
  K.PrivateKeyword,
  K.ProtectedKeyword,
  K.ReadonlyKeyword,
  K.StaticKeyword,
  K.DeclareKeyword,
  K.AccessorKeyword,
  K.OverrideKeyword,
  K.AbstractKeyword,
]);

/** Tokens that end an expression: a newline after one may end a statement. */
const ENDS_EXPRESSION = new Set<ts.SyntaxKind>([
  K.Identifier,
  K.StringLiteral,
  K.NumericLiteral,
  K.BigIntLiteral,
  K.NoSubstitutionTemplateLiteral,
  K.TemplateTail,
  K.RegularExpressionLiteral,
  K.CloseParenToken,
  K.CloseBracketToken,
  K.CloseBraceToken,
  K.TrueKeyword,
  K.FalseKeyword,
  K.NullKeyword,
  K.ThisKeyword,
  K.PlusPlusToken,
  K.MinusMinusToken,
]);

function isConstantName(name: string): boolean {
  return /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(name) && /[A-Z]{2}/.test(name);
}

function isKeyword(kind: ts.SyntaxKind): boolean {
  return kind >= K.FirstKeyword && kind <= K.LastKeyword;
}

class TokenPass {
  private readonly scanner: ts.Scanner;
  private readonly occurrences: Occurrence[] = [];
  private readonly comments: Span[] = [];
  private readonly frames: Frame[] = [];
  private readonly top: Frame = { open: K.Unknown, kind: 'block', names: [], before: K.Unknown };
  /** Reads of names, kept until the end: those of declared names become references. */
  private readonly reads: { name: string; span: Span; dead: boolean }[] = [];
  private readonly declared = new Map<string, readonly string[]>();

  private prev: ts.SyntaxKind = K.Unknown;
  private prev2: ts.SyntaxKind = K.Unknown;
  private prevValue = '';
  private prevIdent: string | undefined;
  private lastIdent: string | undefined;
  private pendingBracket = false;
  private pending: Pending | undefined;
  private pendingKey: { occ: Occurrence; frame: Frame; constant: boolean } | undefined;
  private resolve: Frame | undefined;
  private variable: PendingVariable | undefined;
  /** `const`/`let`/`var` seen at this depth and no `;` since: a `,` there starts another variable. */
  private declListDepth = -1;
  private caseOpen = false;
  private colon: { kind: 'case' | 'annotation' | 'return' | 'other'; owner?: string } = { kind: 'other' };
  private pendingInterface: { name: string; depth: number } | undefined;
  private pendingAlias: { name: string; depth: number } | undefined;
  private pendingClass: { name: string; depth: number } | undefined;
  /** The last name classified as a variable or parameter being declared (for `: {` annotations). */
  private lastDeclared: string | undefined;

  constructor(private readonly text: string) {
    this.scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  }

  private frame(): Frame {
    return this.frames.length > 0 ? this.frames[this.frames.length - 1] : this.top;
  }

  run(): Scan {
    const scanner = this.scanner;
    let newline = false;
    for (let kind = scanner.scan(); kind !== K.EndOfFileToken; kind = scanner.scan()) {
      if (kind === K.SingleLineCommentTrivia || kind === K.MultiLineCommentTrivia) {
        this.comments.push({ start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
        continue;
      }
      if (kind === K.NewLineTrivia) {
        newline = true;
        continue;
      }
      if (kind === K.WhitespaceTrivia || kind === K.ShebangTrivia || kind === K.ConflictMarkerTrivia) continue;
      // A `/` where no value ends is a regular expression's start; `}` in a template continues it.
      if ((kind === K.SlashToken || kind === K.SlashEqualsToken) && !ENDS_EXPRESSION.has(this.prev)) kind = scanner.reScanSlashToken();
      if (kind === K.CloseBraceToken && this.frame().kind === 'template') {
        this.beforeToken(kind, newline);
        kind = scanner.reScanTemplateToken(false);
        if (kind === K.TemplateTail) this.frames.pop();
        if (this.variable?.init) this.variable.init.end = scanner.getTokenEnd();
        this.shift(kind, '');
        newline = false;
        continue;
      }
      this.token(kind, newline);
      newline = false;
    }
    this.beforeToken(K.EndOfFileToken, true);
    this.endVariable();
    for (const r of this.reads) {
      if (r.dead) continue;
      const context = this.declared.get(r.name);
      if (context !== undefined) this.add(r.name, r.span, 'use', 'reference', context);
    }
    this.occurrences.sort((a, b) => a.span.start - b.span.start);
    return withDirectives(this.text, this.occurrences, this.comments);
  }

  /** What the token after a name, a key or a closing parenthesis decides. */
  private beforeToken(kind: ts.SyntaxKind, newline: boolean): void {
    if (this.pendingKey) {
      const k = this.pendingKey;
      this.pendingKey = undefined;
      const functionLike = kind === K.FunctionKeyword || kind === K.AsyncKeyword || kind === K.ClassKeyword;
      const translation = k.constant && (kind === K.StringLiteral || kind === K.NoSubstitutionTemplateLiteral);
      if (!functionLike && !translation) this.emitIn(k.frame, { asParams: destructuring(k.occ), asCall: k.occ });
    }
    if (this.resolve) {
      const f = this.resolve;
      this.resolve = undefined;
      this.decide(f, kind);
    }
    if (this.pending) {
      const p = this.pending;
      this.pending = undefined;
      this.classify(p, kind);
    }
    const v = this.variable;
    if (v) {
      const depth = this.frames.length;
      const closes = kind === K.CloseBraceToken || kind === K.CloseParenToken || kind === K.CloseBracketToken;
      if (
        depth < v.depth ||
        kind === K.EndOfFileToken ||
        (depth === v.depth &&
          (kind === K.SemicolonToken ||
            kind === K.CommaToken ||
            kind === K.OfKeyword ||
            kind === K.InKeyword ||
            closes ||
            (newline && ENDS_EXPRESSION.has(this.prev) && v.init !== undefined && (kind === K.Identifier || isKeyword(kind)))))
      ) {
        this.endVariable();
      } else if (depth === v.depth && kind === K.EqualsGreaterThanToken) {
        v.skip = true; // `const onEmail = (x) => ...`: a function, as the main scanner leaves out
      }
    }
  }

  private token(kind: ts.SyntaxKind, newline: boolean): void {
    const scanner = this.scanner;
    const start = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    const value =
      kind === K.Identifier || kind === K.PrivateIdentifier || kind === K.StringLiteral
        ? scanner.getTokenValue()
        : isKeyword(kind)
          ? scanner.getTokenText()
          : '';
    this.beforeToken(kind, newline);
    const v = this.variable;
    if (v && !v.skip) {
      if (v.awaitInit) {
        v.awaitInit = false;
        v.init = { start, end };
        const literal =
          kind === K.StringLiteral ||
          kind === K.NumericLiteral ||
          kind === K.NoSubstitutionTemplateLiteral ||
          kind === K.TemplateHead ||
          kind === K.OpenBraceToken ||
          kind === K.OpenBracketToken ||
          kind === K.MinusToken;
        if (kind === K.FunctionKeyword || kind === K.ClassKeyword || kind === K.AsyncKeyword || (v.constant && literal)) v.skip = true;
        if (kind === K.Identifier && value === 'require') v.skip = true;
        v.chain = kind === K.Identifier || kind === K.ThisKeyword ? [value] : undefined;
        v.lastWasDot = false;
      } else if (v.init) {
        v.init.end = end;
        if (v.chain) {
          if ((kind === K.DotToken || kind === K.QuestionDotToken) && !v.lastWasDot) v.lastWasDot = true;
          else if (kind === K.Identifier && v.lastWasDot) {
            v.chain.unshift(value);
            v.lastWasDot = false;
          } else v.chain = undefined;
        }
      } else if (kind === K.EqualsToken && this.frames.length === v.depth) {
        v.awaitInit = true;
      }
    }

    // Property and element accesses, as before.
    // After a dot a keyword is a name too: `z.object`, `field.type`.
    if ((kind === K.Identifier || kind === K.PrivateIdentifier || isKeyword(kind)) && this.prev === K.DotToken) {
      const name = kind === K.PrivateIdentifier ? value.slice(1) : value;
      this.add(name, { start, end }, 'use', 'property-access', this.prevIdent ? [this.prevIdent] : []);
    } else if (kind === K.StringLiteral && this.pendingBracket) {
      this.add(value, { start: start + 1, end: end - 1 }, 'use', 'element-access', this.lastIdent ? [this.lastIdent] : []);
    }
    this.pendingBracket = kind === K.OpenBracketToken && (this.prev === K.Identifier || this.prev === K.CloseParenToken);

    switch (kind) {
      case K.OpenBraceToken:
        this.openBrace();
        break;
      case K.OpenParenToken:
        this.openParen();
        break;
      case K.OpenBracketToken:
        this.push({
          open: kind,
          kind: this.prev === K.ConstKeyword || this.prev === K.LetKeyword || this.prev === K.VarKeyword ? 'array-pattern' : 'other',
          names: [],
          before: this.prev,
        });
        break;
      case K.TemplateHead:
        this.push({ open: kind, kind: 'template', names: [], before: this.prev });
        break;
      case K.CloseBraceToken:
      case K.CloseParenToken:
      case K.CloseBracketToken: {
        const f = this.frame();
        const opener = kind === K.CloseBraceToken ? K.OpenBraceToken : kind === K.CloseParenToken ? K.OpenParenToken : K.OpenBracketToken;
        // An unmatched closer (broken or random input) is passed over rather than searched for.
        if (this.frames.length > 0 && f.open === opener) {
          this.frames.pop();
          if (f.kind === 'maybe') this.resolve = f;
        }
        if (this.declListDepth > this.frames.length) this.declListDepth = -1;
        break;
      }
      case K.ConstKeyword:
      case K.LetKeyword:
      case K.VarKeyword:
        this.declListDepth = this.frames.length;
        this.pendingAlias = undefined;
        break;
      case K.SemicolonToken:
        if (this.declListDepth === this.frames.length) this.declListDepth = -1;
        if (this.pendingAlias?.depth === this.frames.length) this.pendingAlias = undefined;
        break;
      case K.CaseKeyword:
        this.caseOpen = true;
        break;
      case K.DefaultKeyword:
        if (this.prev !== K.ExportKeyword) this.caseOpen = true;
        break;
      case K.ColonToken:
        if (this.caseOpen && this.frame().kind === 'block') {
          this.colon = { kind: 'case' };
          this.caseOpen = false;
        } else if (this.prev === K.CloseParenToken) {
          this.colon = { kind: 'return' };
        } else if (
          (this.prev === K.Identifier || this.prev === K.QuestionToken) &&
          this.lastDeclared !== undefined &&
          this.lastDeclared === this.prevValueOrOptional()
        ) {
          this.colon = { kind: 'annotation', owner: this.lastDeclared };
        } else {
          this.colon = { kind: 'other', owner: this.prev === K.Identifier || this.prev === K.StringLiteral ? this.prevValue : undefined };
        }
        break;
      case K.InterfaceKeyword:
      case K.TypeKeyword:
      case K.ClassKeyword:
        break;
      case K.Identifier:
        if (this.prev === K.InterfaceKeyword) this.pendingInterface = { name: value, depth: this.frames.length };
        else if (this.prev === K.TypeKeyword && this.prev2 !== K.ImportKeyword)
          this.pendingAlias = { name: value, depth: this.frames.length };
        else if (this.prev === K.ClassKeyword) this.pendingClass = { name: value, depth: this.frames.length };
        break;
    }
    if (kind === K.ClassKeyword) this.pendingClass = { name: '', depth: this.frames.length };

    if (kind === K.Identifier || kind === K.PrivateIdentifier || kind === K.StringLiteral) {
      this.pending = {
        kind,
        name: kind === K.PrivateIdentifier ? value.slice(1) : value,
        span: kind === K.StringLiteral ? { start: start + 1, end: end - 1 } : { start, end },
        prev: this.prev,
        prev2: this.prev2,
        newline,
        frame: this.frame(),
      };
    }
    this.shift(kind, value);
  }

  /** The name before `:`, through an optional `?`. */
  private prevValueOrOptional(): string {
    return this.prevValue;
  }

  private shift(kind: ts.SyntaxKind, value: string): void {
    if (kind === K.Identifier) {
      if (this.prev !== K.DotToken) this.prevIdent = value;
      this.lastIdent = value;
    } else if (kind !== K.DotToken && kind !== K.QuestionDotToken) {
      this.prevIdent = kind === K.CloseParenToken || kind === K.CloseBracketToken ? this.prevIdent : undefined;
    }
    this.prev2 = this.prev;
    this.prev = kind === K.QuestionDotToken ? K.DotToken : kind;
    // After `email?` the name stays the one a `:` annotates.
    if (kind !== K.QuestionToken) this.prevValue = value;
  }

  private push(f: Frame): void {
    this.frames.push(f);
  }

  private openBrace(): void {
    const prev = this.prev;
    this.caseOpen = false;
    const depth = this.frames.length;
    const f = this.frame();
    const before = prev;
    if (prev === K.ImportKeyword || prev === K.ExportKeyword || prev === K.TypeKeyword) {
      this.push({ open: K.OpenBraceToken, kind: 'other', names: [], before });
      return;
    }
    if (this.pendingInterface && this.pendingInterface.depth === depth) {
      const name = this.pendingInterface.name;
      this.pendingInterface = undefined;
      this.push({ open: K.OpenBraceToken, kind: 'type', names: [name], before });
      return;
    }
    if (
      this.pendingAlias &&
      this.pendingAlias.depth === depth &&
      (prev === K.EqualsToken || prev === K.BarToken || prev === K.AmpersandToken)
    ) {
      this.push({ open: K.OpenBraceToken, kind: 'type', names: [this.pendingAlias.name], before });
      return;
    }
    if (this.pendingClass && this.pendingClass.depth === depth && !OBJECT_AFTER.has(prev) && prev !== K.ColonToken) {
      const name = this.pendingClass.name;
      this.pendingClass = undefined;
      this.push({ open: K.OpenBraceToken, kind: 'class', names: name ? [name] : [], before });
      return;
    }
    if (f.kind === 'type' && prev !== K.ColonToken) {
      // `{ a: B | { c: string } }`, `{ [k: string]: { ... } }`
      this.push({ open: K.OpenBraceToken, kind: 'type', names: f.names, before });
      return;
    }
    if (prev === K.LessThanToken || ((prev === K.BarToken || prev === K.AmpersandToken) && this.pendingAlias)) {
      this.push({ open: K.OpenBraceToken, kind: 'type', names: [], before });
      return;
    }
    if (prev === K.ConstKeyword || prev === K.LetKeyword || prev === K.VarKeyword) {
      this.push({ open: K.OpenBraceToken, kind: 'pattern', names: [], before });
      return;
    }
    if (prev === K.ColonToken) {
      const c = this.colon;
      const owner = c.owner;
      if (f.kind === 'type' || f.kind === 'class') {
        this.push({ open: K.OpenBraceToken, kind: 'type', names: owner ? [owner, ...f.names] : f.names, before });
      } else if (f.kind === 'object') {
        this.push({ open: K.OpenBraceToken, kind: 'object', names: owner ? [owner, ...f.names] : f.names, decider: f.decider, before });
      } else if (f.kind === 'pattern') {
        this.push({ open: K.OpenBraceToken, kind: 'pattern', names: [], before });
      } else if (c.kind === 'case') {
        this.push({ open: K.OpenBraceToken, kind: 'block', names: [], before });
      } else if (c.kind === 'annotation') {
        this.push({ open: K.OpenBraceToken, kind: 'type', names: owner ? [owner] : [], before });
      } else if (c.kind === 'return') {
        this.push({ open: K.OpenBraceToken, kind: 'type', names: [], before });
      } else {
        this.push({ open: K.OpenBraceToken, kind: 'object', names: [], before });
      }
      return;
    }
    if (prev === K.CommaToken && this.declListDepth === depth && f.kind !== 'maybe' && f.kind !== 'params') {
      this.push({ open: K.OpenBraceToken, kind: 'pattern', names: [], before });
      return;
    }
    if ((prev === K.OpenParenToken || prev === K.CommaToken) && f.kind === 'params') {
      this.push({ open: K.OpenBraceToken, kind: 'pattern', names: [], before });
      return;
    }
    if ((prev === K.OpenParenToken || prev === K.CommaToken) && f.kind === 'maybe') {
      const schema = prev === K.OpenParenToken && f.callee !== undefined && SCHEMA_BUILDERS.has(f.callee);
      this.push({ open: K.OpenBraceToken, kind: 'object', names: [], decider: f, schema, before });
      return;
    }
    if (prev === K.OpenBracketToken || prev === K.CommaToken) {
      const kind: FrameKind = f.kind === 'array-pattern' ? 'pattern' : f.kind === 'pattern' ? 'pattern' : 'object';
      this.push({ open: K.OpenBraceToken, kind, names: [], decider: f.decider, before });
      return;
    }
    if (OBJECT_AFTER.has(prev)) {
      // `const customer = { ... }`: the keys belong to the variable, as the main scanner says.
      const v = this.variable;
      const names = prev === K.EqualsToken && v && v.init && v.init.start === this.scanner.getTokenStart() ? [v.name] : [];
      this.push({ open: K.OpenBraceToken, kind: 'object', names, decider: f.kind === 'object' ? f.decider : undefined, before });
      return;
    }
    this.push({ open: K.OpenBraceToken, kind: 'block', names: [], before });
  }

  private openParen(): void {
    const prev = this.prev;
    const f = this.frame();
    const before = prev;
    const callee = prev === K.Identifier || isKeyword(prev) ? this.prevValue : undefined;
    const className = f.kind === 'class' ? f.names[0] : undefined;
    if (CONTROL.has(prev)) {
      this.push({ open: K.OpenParenToken, kind: 'other', names: [], before });
    } else if (f.kind === 'type' || f.inType) {
      this.push({ open: K.OpenParenToken, kind: 'other', names: [], before, inType: true });
    } else if (
      prev === K.FunctionKeyword ||
      (prev === K.AsteriskToken && this.prev2 === K.FunctionKeyword) ||
      (prev === K.Identifier && (this.prev2 === K.FunctionKeyword || this.prev2 === K.AsteriskToken))
    ) {
      this.push({ open: K.OpenParenToken, kind: 'params', names: [], before, callee, className });
    } else {
      this.push({ open: K.OpenParenToken, kind: 'maybe', names: [], before, callee, className, tentative: [] });
    }
  }

  /** Undecided parentheses, once the token after them is known: `=>` or a body makes them parameters. */
  private decide(f: Frame, next: ts.SyntaxKind): void {
    const afterName = f.before === K.Identifier || f.before === K.StringLiteral || f.before === K.PrivateIdentifier;
    let params = next === K.EqualsGreaterThanToken;
    if (next === K.OpenBraceToken && f.before !== K.QuestionToken) params = true;
    if (next === K.ColonToken && f.before !== K.QuestionToken && (!afterName || f.className !== undefined)) params = true;
    for (const t of f.tentative ?? []) {
      if (params) {
        if (t.asParams) this.occurrences.push(t.asParams);
        if (t.declare !== undefined) this.declare(t.declare, t.declareContext ?? []);
        if (t.ref !== undefined) this.reads[t.ref].dead = true;
      } else if (t.asCall) {
        this.occurrences.push(t.asCall);
      }
    }
    f.tentative = undefined;
  }

  /** A name (or quoted key), once the token after it is known. */
  private classify(p: Pending, next: ts.SyntaxKind): void {
    const f = p.frame;
    const { prev } = p;
    if (prev === K.DotToken) return;
    const quoted = p.kind === K.StringLiteral;
    if (quoted && !QUOTED_NAME.test(p.name)) return;
    const afterSeparator = prev === K.OpenBraceToken || prev === K.CommaToken;

    if (f.kind === 'object' || f.kind === 'pattern') {
      const pattern = f.kind === 'pattern';
      if (afterSeparator && next === K.ColonToken) {
        const occ = this.occ(p, f.schema ? 'declaration' : 'use', pattern ? 'destructuring' : 'object-key', f.names);
        if (pattern) this.emitIn(f, { asParams: occ, asCall: occ });
        else this.pendingKey = { occ, frame: f, constant: isConstantName(p.name) };
        this.lastDeclared = undefined;
        return;
      }
      if (quoted) return;
      if (afterSeparator && (next === K.CommaToken || next === K.CloseBraceToken || next === K.EqualsToken)) {
        // `{ email }`: a shorthand property, or in a pattern a destructured name.
        const asCall = this.occ(p, 'use', pattern ? 'destructuring' : 'shorthand-property', f.names);
        const asParams = this.occ(p, 'use', 'destructuring', []);
        if (pattern || f.decider === undefined || f.decider.tentative === undefined) {
          if (pattern) {
            this.occurrences.push(asParams);
            this.declare(p.name, []);
          } else this.occurrences.push(asCall);
        } else {
          f.decider.tentative.push({ asParams, asCall, declare: p.name });
        }
        return;
      }
      if (prev === K.ColonToken && (next === K.CommaToken || next === K.CloseBraceToken || next === K.EqualsToken)) {
        // `{ email: e }`: in a pattern `e` is declared and holds the email; in a literal it is read.
        const key = this.colon.owner;
        const context = key ? [key] : [];
        if (pattern) {
          this.declare(p.name, context);
          return;
        }
        const ref = this.read(p);
        if (f.decider?.tentative !== undefined) f.decider.tentative.push({ declare: p.name, declareContext: context, ref });
        return;
      }
    }

    if (f.kind === 'type') {
      if ((next === K.ColonToken || next === K.QuestionToken) && prev !== K.ColonToken && prev !== K.QuestionToken && !isOperator(prev)) {
        if (!f.names.some((n) => NAME_MAPS.test(n))) this.add(p.name, p.span, 'declaration', 'property-signature', f.names);
      }
      return;
    }

    if (f.kind === 'class') {
      const member = CLASS_MEMBER_PREFIX.has(prev) || (p.newline && ENDS_EXPRESSION.has(prev));
      if (
        member &&
        (next === K.ColonToken ||
          next === K.EqualsToken ||
          next === K.SemicolonToken ||
          next === K.QuestionToken ||
          next === K.ExclamationToken ||
          next === K.CloseBraceToken)
      ) {
        this.add(p.name, p.span, 'declaration', 'property-declaration', f.names);
        this.lastDeclared = p.name;
        return;
      }
      if (quoted) return;
    }

    if (quoted) return;

    if (p.kind === K.Identifier && next === K.EqualsGreaterThanToken && !f.inType) {
      // `email => ...`
      this.add(p.name, p.span, 'use', 'parameter', []);
      this.declare(p.name, []);
      return;
    }

    if ((f.kind === 'params' || f.kind === 'maybe') && p.kind === K.Identifier) {
      const slot = prev === K.OpenParenToken || prev === K.CommaToken || prev === K.DotDotDotToken || ACCESS_MODIFIERS.has(prev);
      if (
        slot &&
        (next === K.ColonToken || next === K.CommaToken || next === K.CloseParenToken || next === K.EqualsToken || next === K.QuestionToken)
      ) {
        const field = ACCESS_MODIFIERS.has(prev);
        const occ = field
          ? this.occ(p, 'declaration', 'property-declaration', f.className ? [f.className] : [])
          : this.occ(p, 'use', 'parameter', []);
        this.lastDeclared = p.name;
        if (f.kind === 'params') {
          this.occurrences.push(occ);
          this.declare(p.name, []);
        } else {
          const ref = field ? undefined : this.read(p);
          f.tentative?.push({ asParams: occ, declare: p.name, ref });
        }
        return;
      }
    }

    if (f.kind === 'array-pattern' && p.kind === K.Identifier) {
      if (
        (prev === K.OpenBracketToken || prev === K.CommaToken) &&
        (next === K.CommaToken || next === K.CloseBracketToken || next === K.EqualsToken)
      ) {
        // `const [email, setEmail] = useState('')`: the setter is a function.
        if (prev === K.CommaToken && /^set[A-Z]/.test(p.name)) return;
        this.add(p.name, p.span, 'use', 'variable', []);
        this.declare(p.name, []);
        return;
      }
    }

    if (
      p.kind === K.Identifier &&
      (prev === K.ConstKeyword ||
        prev === K.LetKeyword ||
        prev === K.VarKeyword ||
        (prev === K.CommaToken && this.declListDepth === this.frames.length))
    ) {
      this.endVariable();
      this.variable = {
        name: p.name,
        span: p.span,
        depth: this.frames.length,
        awaitInit: false,
        lastWasDot: false,
        skip: false,
        constant: isConstantName(p.name),
      };
      this.lastDeclared = p.name;
      return;
    }

    if (p.kind !== K.Identifier) return;
    // Not a read: a declared name, a callee, a label or key, a type.
    if (
      next === K.OpenParenToken ||
      next === K.NoSubstitutionTemplateLiteral ||
      next === K.TemplateHead ||
      prev === K.FunctionKeyword ||
      prev === K.ClassKeyword ||
      prev === K.InterfaceKeyword ||
      prev === K.TypeKeyword ||
      prev === K.EnumKeyword ||
      prev === K.NamespaceKeyword ||
      prev === K.ModuleKeyword ||
      prev === K.ImportKeyword ||
      prev === K.AsKeyword ||
      prev === K.LessThanToken ||
      prev === K.ExtendsKeyword ||
      prev === K.ImplementsKeyword ||
      (prev === K.ColonToken && this.colon.kind !== 'other') ||
      (f.kind === 'other' && f.before === K.ImportKeyword) ||
      f.inType === true
    )
      return;
    this.read(p);
  }

  private read(p: Pending): number {
    this.reads.push({ name: p.name, span: p.span, dead: false });
    return this.reads.length - 1;
  }

  private declare(name: string, context: readonly string[]): void {
    const had = this.declared.get(name);
    if (had === undefined || had.length === 0) this.declared.set(name, context);
  }

  /** Adds an occurrence, or leaves it to the undecided parentheses around its object. */
  private emitIn(f: Frame, t: Tentative): void {
    if (f.decider?.tentative !== undefined) f.decider.tentative.push(t);
    else if (f.kind === 'pattern' ? t.asParams : t.asCall) this.occurrences.push((f.kind === 'pattern' ? t.asParams : t.asCall)!);
  }

  private endVariable(): void {
    const v = this.variable;
    if (!v) return;
    this.variable = undefined;
    if (v.skip) return;
    const context = v.chain ?? [];
    this.add(v.name, v.span, 'use', 'variable', context, v.init);
    this.declare(v.name, context);
  }

  private occ(p: Pending, role: Role, syntax: Syntax, context: readonly string[]): Occurrence {
    return { name: p.name, span: p.span, role, syntax, context };
  }

  private add(name: string, span: Span, role: Role, syntax: Syntax, context: readonly string[], derivedFrom?: Span): void {
    if (name.length === 0) return;
    this.occurrences.push(derivedFrom ? { name, span, role, syntax, context, derivedFrom } : { name, span, role, syntax, context });
  }
}

function destructuring(o: Occurrence): Occurrence {
  return { ...o, syntax: 'destructuring' };
}

/** Tokens after which a name in a type is a type, not a member: `a | b`, `a & b`, `keyof a`. */
function isOperator(kind: ts.SyntaxKind): boolean {
  return (
    kind === K.BarToken ||
    kind === K.AmpersandToken ||
    kind === K.KeyOfKeyword ||
    kind === K.LessThanToken ||
    kind === K.EqualsToken ||
    kind === K.ExtendsKeyword ||
    kind === K.TypeOfKeyword ||
    kind === K.InKeyword ||
    kind === K.DotToken
  );
}
