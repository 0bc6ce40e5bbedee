/**
 * Which files Catalint reads, and as what. Kept apart from lint() so that finding the files of
 * a workspace (and a run whose every file comes from the cache) does not load the TypeScript
 * compiler that lint() needs.
 */
import * as path from 'node:path';

export type Language = 'typescript' | 'sql';

const EXTENSIONS: Readonly<Record<string, Language>> = { '.ts': 'typescript', '.tsx': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.sql': 'sql' };
const LANGUAGE_IDS: Readonly<Record<string, Language>> = { typescript: 'typescript', typescriptreact: 'typescript', sql: 'sql' };

/**
 * The language Catalint reads a file as, or undefined when it does not read it. Declaration
 * files (`.d.ts`) are read too: a generated client's types declare where data lives.
 */
export function languageOf(file: string, languageId?: string): Language | undefined {
  if (languageId && LANGUAGE_IDS[languageId]) return LANGUAGE_IDS[languageId];
  return EXTENSIONS[path.extname(file).toLowerCase()];
}

/** Larger files are skipped with a note (UTF-16 code units). */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/**
 * A UTF-16 code unit takes at most 3 bytes of UTF-8, so a source file of more bytes than this
 * has more characters than the engine analyses: it is not read into memory at all.
 */
export const MAX_SOURCE_BYTES = 3 * DEFAULT_MAX_FILE_SIZE;
