/**
 * One file of a workspace scan, as it is on disk, to the diagnostics the editor shows. The same
 * function runs on the scan's worker thread and, when there is none, on the server's thread, so
 * the Problems panel cannot depend on which one did the work.
 */
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../engine';
import { MAX_SOURCE_BYTES } from '../engine/languages/registry';
import { decodeSource } from '../engine/text/decode';
import { readRegularFile } from '../engine/text/read-file';
import type { ScopedConfig } from '../workspace/configs';
import { toDiagnostics } from './diagnostics';
import type { Settings } from './settings';

/**
 * The diagnostics of `file`: none when Catalint is off for it or the file is gone, undefined
 * when it is in no language Catalint reads (nothing to publish). Throws when the file cannot be
 * read; the caller names it.
 */
export function diagnosticsOnDisk(file: string, settings: Settings, scoped: ScopedConfig | undefined): Diagnostic[] | undefined {
  if (!settings.enable || !scoped || !fs.existsSync(file)) return [];
  // A FIFO or a device among the files would hang or exhaust the server: regular files only.
  const text = decodeSource(readRegularFile(file, MAX_SOURCE_BYTES));
  const result = lint({ text, path: file }, scoped.config);
  if (result.language === undefined) return undefined;
  const doc = TextDocument.create(pathToFileURL(file).href, result.language, 0, text);
  return toDiagnostics(result.findings, doc, result.language, settings, scoped.config, file);
}
