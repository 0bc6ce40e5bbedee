/**
 * The seam for a language: what every language Catalint reads provides, behind one interface.
 * A language is one folder under `languages/` and one line of `registry.ts`; `lint()`, file
 * discovery, the server's fixes and the client read the registry and never switch on names.
 */
import type { Config } from '../config/model';
import type { Scan } from '../scan';
import type { CommentStyle, Edit } from '../text/edit';
import type { TypedFile } from './typescript/declarations';
import type { DocumentMemory } from './typescript/memory';

export type LanguageId = 'typescript' | 'javascript' | 'sql' | 'prisma';

/** What is known of a language without loading its parser: enough for discovery and the client. */
export interface LanguageDescriptor {
  readonly id: LanguageId;
  /** For people: "TypeScript". */
  readonly name: string;
  /** Lower-case, with the dot: `.ts`. */
  readonly extensions: readonly string[];
  /** VS Code's language ids for it (`typescriptreact`); an editor's id wins over the extension. */
  readonly editorLanguageIds: readonly string[];
  /** How directive comments are written, for the fixes that write them. */
  readonly comments: CommentStyle;
  /** The scanner and what the fixes need, loaded on first use (the compiler is large). */
  readonly load: () => LanguageSupport;
}

/** What a scan needs to know beyond the text. */
export interface ScanContext {
  /** The document's path: decides parsing variants (`.tsx`) and per-path settings. */
  readonly file: string;
  readonly config: Config;
  /** Called often; throws to stop an analysis over its time budget or cancelled. */
  readonly checkpoint: () => void;
  /** The open document's memory of its last analysis (editors), when the language has one. */
  readonly memory?: DocumentMemory;
  /** The file as a TypeScript program holds it, for type-aware analysis (TypeScript and JavaScript only). */
  readonly typed?: TypedFile;
}

export interface LanguageSupport {
  /**
   * Whether the text can yield any finding at all: a few substring tests that let most files of
   * a workspace skip the parse. Errs towards true.
   */
  mayHaveFindings(text: string, config: Config): boolean;
  /** Names, directives and embedded literals of the document, in document offsets. */
  scan(text: string, context: ScanContext): Scan;
  /**
   * The name-by-name pass for a document nested deeper than the parser's stack: loops only, so
   * it never overflows. File directives and disable directives still count.
   */
  tokenScan(text: string, context: ScanContext): Scan;
  readonly fixes: FixSupport;
}

/** Where a quick fix puts a directive or a guard, in the language's own structure. */
export interface FixSupport {
  /** Whether fix-all declares consent per function (a host language) or per statement (SQL). */
  readonly level: 'function' | 'statement';
  /** Where a directive that covers `offset` can go: the enclosing function, the statement. */
  placesAt(text: string, file: string, offset: number): DirectivePlaces;
  /** `offset` is on a line inside a multi-line string: no comment line can go above it. */
  insideString(text: string, file: string, offset: number): boolean;
  /** Wraps the statement at `offset` in a guard call, where the language has guards and it compiles. */
  wrapInGuard?(
    text: string,
    file: string,
    offset: number,
    ids: readonly string[],
    checkGuards: readonly string[],
    allGuards: readonly string[],
  ): { readonly edit: Edit; readonly guard: string } | undefined;
}

export interface DirectivePlaces {
  /** A function, method or class around `offset`: a doc comment above it covers all of it. */
  readonly function?: { readonly anchor: number; readonly label: string };
  /** The start of the statement holding `offset`. */
  readonly statement?: number;
}
