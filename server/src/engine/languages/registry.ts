/**
 * Every language Catalint reads: one line each. Kept apart from lint() and free of parsers, so
 * that finding the files of a workspace, a run whose every file comes from the cache, and the
 * VS Code client (its document selector) never load the TypeScript compiler.
 */
import * as path from 'node:path';
import type { LanguageDescriptor, LanguageId } from './language';
import { javascript } from './javascript';
import { prisma } from './prisma';
import { sql } from './sql';
import { typescript } from './typescript';

export type { LanguageDescriptor, LanguageId } from './language';

export const LANGUAGES: readonly LanguageDescriptor[] = [typescript, javascript, sql, prisma];

const byExtension = new Map(LANGUAGES.flatMap((l) => l.extensions.map((e) => [e, l] as const)));
const byEditorId = new Map(LANGUAGES.flatMap((l) => l.editorLanguageIds.map((e) => [e, l] as const)));
const byId = new Map(LANGUAGES.map((l) => [l.id, l] as const));

/**
 * The language Catalint reads a file as, or undefined when it does not read it. An editor's
 * language id wins over the extension. Declaration files (`.d.ts`) are read too: a generated
 * client's types declare where data lives.
 */
export function languageOf(file: string, editorLanguageId?: string): LanguageId | undefined {
  return descriptorOf(file, editorLanguageId)?.id;
}

export function descriptorOf(file: string, editorLanguageId?: string): LanguageDescriptor | undefined {
  const fromEditor = editorLanguageId === undefined ? undefined : byEditorId.get(editorLanguageId);
  return fromEditor ?? byExtension.get(path.extname(file).toLowerCase());
}

export function language(id: LanguageId): LanguageDescriptor {
  return byId.get(id)!;
}

/** Larger files are skipped with a note (UTF-16 code units). */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/**
 * A UTF-16 code unit takes at most 3 bytes of UTF-8, so a source file of more bytes than this
 * has more characters than the engine analyses: it is not read into memory at all.
 */
export const MAX_SOURCE_BYTES = 3 * DEFAULT_MAX_FILE_SIZE;

/** "TypeScript, JavaScript, SQL or Prisma schema": for messages that say what Catalint reads. */
export function languageNames(): string {
  const names = LANGUAGES.map((l) => l.name);
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
