/**
 * TypeScript (and JavaScript, read by the same parser) behind the language interface: the
 * syntax-tree scan, the token pass for what the parser cannot hold, and where fixes go.
 */
import type ts from 'typescript';
import { mayHoldDirectives } from '../../consent/directives';
import type { Config } from '../../config/model';
import type { FixSupport, LanguageSupport, ScanContext } from '../language';
import { configuredDialect } from '../../config/paths';
import { type Scan, ScanBuilder } from '../../scan';
import { scanEmbedded } from '../sql/embedded';
import { functionHost, lineInsideString, parseTypeScript, statementAt, wrapInGuard } from './fixes';
import { scanTypeScript } from './scanner';
import { tokenScanTypeScript } from './token-scan';

export const support: LanguageSupport = {
  mayHaveFindings,
  scan(text: string, { file, config, checkpoint, memory, typed }: ScanContext): Scan {
    const host = scanTypeScript(text, file, {
      guards: config.guards,
      sql: config.sql,
      accept: config.matcher.mayMatch,
      checkpoint,
      memory,
      typed,
    });
    if (host.embedded.length === 0) return host;
    // SQL inside the file: its names join the file's, and the code around it gives the consent.
    const out = new ScanBuilder().merge(host);
    scanEmbedded(text, host.embedded, configuredDialect(config, file), out, memory, checkpoint);
    return out;
  },
  tokenScan: (text) => tokenScanTypeScript(text),
  fixes: fixSupport(),
};

/**
 * Whether parsing a file can yield any finding. Most files of a large workspace mention no
 * catalog term at all; they skip the parser (the bulk of the cost) when they also hold no
 * directive, no guard call (its condition id may be unknown) and no SQL tag or function (the
 * SQL inside may name data). Each test is a plain substring or word check, so it errs towards
 * parsing.
 */
function mayHaveFindings(text: string, config: Config): boolean {
  // Most files mention a term early: that answer first, the rest only for files that do not.
  if (config.matcher.mayMatchText(text)) return true;
  if (mayHoldDirectives(text)) return true;
  const { guards, sql } = config;
  for (const names of [guards.check, guards.require, sql.tags, sql.functions]) {
    for (const name of names) if (mentionsWord(text, name.slice(name.lastIndexOf('.') + 1))) return true;
  }
  return false;
}

/** `word` somewhere in the text as a whole identifier (`raw`, not `drawer`). */
function mentionsWord(text: string, word: string): boolean {
  if (word.length === 0) return true;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isIdentifierChar(text.charCodeAt(at - 1)) && !isIdentifierChar(text.charCodeAt(at + word.length))) return true;
  }
  return false;
}

/** NaN (outside the text) is not. Any non-ASCII character may be part of an identifier. */
function isIdentifierChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 128;
}

/**
 * The fixes parse the document with parent links (the scan's tree has none); one code-action
 * request asks several questions of the same text, so the last tree is kept.
 */
function fixSupport(): FixSupport {
  let last: { text: string; file: string; sf: ts.SourceFile } | undefined;
  const tree = (text: string, file: string): ts.SourceFile => {
    if (last?.text !== text || last.file !== file) last = { text, file, sf: parseTypeScript(text, file) };
    return last.sf;
  };
  return {
    level: 'function',
    placesAt(text, file, offset) {
      const sf = tree(text, file);
      const fn = functionHost(sf, offset);
      return { function: fn, statement: statementAt(sf, offset)?.getStart(sf) };
    },
    insideString: (text, file, offset) => lineInsideString(tree(text, file), offset),
    wrapInGuard: (text, file, offset, ids, checkGuards, allGuards) => wrapInGuard(tree(text, file), offset, ids, checkGuards, allGuards),
  };
}
