/**
 * The one entry point every front end calls: text in, findings out. Nothing here knows of LSP
 * or the terminal, so the editor and CI always agree.
 */
import type { Config } from './config/model';
import type { Finding } from './finding';

export type Language = 'typescript' | 'sql';

export interface LintInput {
  readonly text: string;
  /** Absolute path, or relative to `config.root`; decides the language and the path globs. */
  readonly path: string;
  /** An editor's language id, when it knows better than the file extension. */
  readonly languageId?: string;
}

export interface LintResult {
  /** Undefined when the file is not a language Catalint reads; findings are then empty. */
  readonly language: Language | undefined;
  /** Sorted by position. */
  readonly findings: readonly Finding[];
}
