/**
 * The one entry point every front end calls: text in, findings out. Nothing here knows of LSP
 * or the terminal, so the editor and CI always agree.
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import { closest } from './catalog/load';
import { isSatisfied } from './catalog/matcher';
import type { Catalog, Requirement } from './catalog/model';
import type { Config, GlobRule, SeveritySetting, SqlDialect } from './config/model';
import type { ConditionReference, ConsentRegion, Suppression } from './consent/model';
import { mayHoldDirectives } from './consent/directives';
import { ObjectMemo } from './memo';
import { ConsentScope } from './consent/scope';
import type { DataFinding, Finding, Match, Severity } from './finding';
import type { Occurrence, Span } from './occurrence';
import { guessDialect } from './sql/dialect';
import { scanEmbeddedSql } from './sql/embedded';
import { DEFAULT_MAX_FILE_SIZE, type Language, languageOf } from './language';
import { scanSql } from './sql/scanner';
import { tokenScanSql, tokenScanTypeScript } from './fallback';
import { LineMap } from './text/positions';
import { type DocumentMemory, shiftScan } from './typescript/memory';
import { type HostFragment, scanTypeScript } from './typescript/scanner';

export { DEFAULT_MAX_FILE_SIZE, type Language, languageOf };

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

/** What a scanner found in a document, in document offsets, whatever the language. */
export interface Scan {
  readonly occurrences: readonly Occurrence[];
  readonly regions: readonly ConsentRegion[];
  readonly suppressions: readonly Suppression[];
  readonly conditionRefs: readonly ConditionReference[];
  readonly strayDirectives: readonly Span[];
}

export interface LintOptions {
  /** Larger files are skipped with a note (UTF-16 code units). */
  readonly maxFileSize?: number;
  /** Analysis that takes longer stops, and the file is reported as skipped. */
  readonly timeBudgetMs?: number;
  /** Polled during analysis: a caller that no longer needs the result stops it. */
  readonly isCancelled?: () => boolean;
  /**
   * The document's memory of its previous analysis (one per open document): an edit then costs
   * what it changed. The findings are the same with or without it.
   */
  readonly memory?: DocumentMemory;
}

export const DEFAULT_TIME_BUDGET_MS = 10_000;

/** Thrown through a scanner by its checkpoint; never escapes `lint`. */
class Stop extends Error {
  constructor(readonly why: 'budget' | 'cancelled') {
    super(why);
  }
}

export class LintCancelled extends Error {
  constructor() {
    super('lint cancelled');
    this.name = 'LintCancelled';
  }
}

/**
 * Lints one document. Never throws for what the document contains: a file too large, minified,
 * generated, too deep for the parser or too slow is reported as a `skipped-file` finding (or read
 * name by name), never dropped. Throws LintCancelled only when the caller cancelled.
 */
export function lint(input: LintInput, config: Config, options: LintOptions = {}): LintResult {
  const language = languageOf(input.path, input.languageId);
  if (!language) return { language, findings: [] };
  const skip = skipReason(input.text, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  if (skip) return { language, findings: skipped(config, skip) };
  const budget = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const deadline = performance.now() + budget;
  const checkpoint = (): void => {
    if (options.isCancelled?.()) throw new Stop('cancelled');
    if (performance.now() > deadline) throw new Stop('budget');
  };
  const stopped = (e: unknown): LintResult | undefined => {
    if (!(e instanceof Stop)) return undefined;
    if (e.why === 'cancelled') throw new LintCancelled();
    return { language, findings: skipped(config, `its analysis took longer than the time budget of ${budget} ms`) };
  };
  try {
    const scan = scanDocument(input.text, input.path, language, config, checkpoint, options.memory);
    return { language, findings: evaluate(scan, input, config, checkpoint) };
  } catch (e) {
    const stop = stopped(e);
    if (stop) return stop;
    options.memory?.clear();
    if (!(e instanceof RangeError)) {
      return { language, findings: skipped(config, `Catalint failed on it (internal error: ${(e as Error).message}); please report this file's shape`) };
    }
  }
  // Nesting deeper than the call stack: read it name by name rather than not at all.
  const scan = language === 'typescript' ? tokenScanTypeScript(input.text) : tokenScanSql(input.text, configuredDialect(config, input.path) ?? 'generic');
  const note = skipped(config, 'it nests deeper than the parser can follow; it was analysed name by name, so consent from guards and function or statement directives is not seen here');
  try {
    return { language, findings: [...note, ...evaluate(scan, input, config, checkpoint)] };
  } catch (e) {
    const stop = stopped(e);
    if (stop) return stop;
    throw e;
  }
}

/** Why a file is not analysed at all, if it is not. */
function skipReason(text: string, maxSize: number): string | undefined {
  if (text.length > maxSize) return `it is larger than ${Math.round(maxSize / 1024)} KiB (${Math.round(text.length / 1024)} KiB)`;
  if (isMarkedGenerated(text)) return 'it is marked as generated';
  if (text.length > 4096) {
    let longest = 0;
    let lines = 1;
    let start = 0;
    // indexOf rather than a loop over every character: this ran on every file and was 5% of lint.
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      longest = Math.max(longest, nl - start);
      start = nl + 1;
      lines++;
    }
    longest = Math.max(longest, text.length - start);
    if (longest > 20_000 || text.length / lines > 500) return 'it looks minified (very long lines)';
  }
  return undefined;
}

/**
 * A generator's mark in the comments a file starts with (`// @generated`, `// Code generated by
 * sqlc. DO NOT EDIT.`, `-- This file was automatically generated`). A doc comment further down
 * that mentions generated code, or a header that only talks about it, does not make a file
 * generated: a hand-written file skipped is a file whose findings are lost.
 */
export function isMarkedGenerated(text: string): boolean {
  const header = leadingComments(text.slice(0, 2000));
  return GENERATED_MARK.test(header);
}

const GENERATED_MARK =
  /@generated\b|\bDO NOT EDIT\b|\b(?:this|the) (?:file|code|module) (?:is|was|has been) (?:auto-?|automatically )?generated\b|\bauto-?generated (?:file|code)\b|\bcode generated by\b|\bgenerated by (?:prisma|sqlc|kysely|drizzle|supabase|graphql-codegen|openapi|protoc|the [\w-]+ (?:generator|cli))\b/i;

/** The comments before the first line of code: `//`, `/* *\/`, `--` and `#!` lines. */
function leadingComments(head: string): string {
  let i = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  const out: string[] = [];
  for (;;) {
    while (i < head.length && /\s/.test(head[i])) i++;
    if (head.startsWith('//', i) || head.startsWith('--', i) || head.startsWith('#!', i)) {
      const end = head.indexOf('\n', i);
      out.push(head.slice(i, end < 0 ? head.length : end));
      if (end < 0) break;
      i = end + 1;
    } else if (head.startsWith('/*', i)) {
      const end = head.indexOf('*/', i + 2);
      out.push(head.slice(i, end < 0 ? head.length : end + 2));
      if (end < 0) break;
      i = end + 2;
    } else {
      break;
    }
  }
  return out.join('\n');
}

function skipped(config: Config, reason: string): Finding[] {
  const severity = config.severity['skipped-file'];
  if (severity === 'off') return [];
  return [{ rule: 'skipped-file', severity, span: { start: 0, end: 0 }, name: '', reason, message: `Catalint did not fully analyse this file: ${reason}.` }];
}

function scanDocument(text: string, file: string, language: Language, config: Config, checkpoint: () => void, memory: DocumentMemory | undefined): Scan {
  switch (language) {
    case 'typescript': {
      if (!mayHaveFindings(text, config)) return EMPTY_SCAN;
      const ts = scanTypeScript(text, file, { guards: config.guards, sql: config.sql, accept: config.matcher.mayMatch, checkpoint, memory });
      if (ts.embedded.length === 0) return ts;
      // SQL inside the file: its names join the file's, and the TypeScript around it gives the consent.
      const hostLines = LineMap.of(text);
      const configured = configuredDialect(config, file);
      const merged = { ...ts, occurrences: [...ts.occurrences], regions: [...ts.regions], suppressions: [...ts.suppressions], conditionRefs: [...ts.conditionRefs], strayDirectives: [...ts.strayDirectives] };
      for (const fragment of ts.embedded) {
        const sql = embeddedSql(text, fragment, configured, hostLines, memory);
        merged.occurrences.push(...sql.occurrences);
        merged.regions.push(...sql.regions);
        merged.suppressions.push(...sql.suppressions);
        merged.conditionRefs.push(...sql.conditionRefs);
        merged.strayDirectives.push(...sql.strayDirectives);
      }
      memory?.settleSql();
      return merged;
    }
    case 'sql': {
      return scanSql(text, { dialect: configuredDialect(config, file) ?? guessDialect(text), checkpoint });
    }
  }
}

/**
 * The SQL of one literal. With a memory, a literal whose text is unchanged since the last
 * analysis is not scanned again: its results only move with it.
 */
function embeddedSql(text: string, fragment: HostFragment, configured: SqlDialect | undefined, hostLines: LineMap, memory: DocumentMemory | undefined): Scan {
  const dialectOf = (): SqlDialect => configured ?? guessDialect(fragment.parts.map((p) => (p.kind === 'text' ? p.raw : ' ')).join(''));
  if (!memory) return scanEmbeddedSql(fragment, { dialect: dialectOf(), hostLines });
  const at = fragment.span.start;
  const line = hostLines.position(at).line;
  const key = `${configured ?? ''}\u0000${text.slice(at, fragment.span.end)}`;
  const known = memory.sql.get(key) ?? memory.sqlUsed.get(key);
  if (known) {
    memory.sqlUsed.set(key, known);
    return shiftScan(known.scan, at, line - known.line);
  }
  const scan = scanEmbeddedSql(fragment, { dialect: dialectOf(), hostLines });
  memory.sqlUsed.set(key, { scan: shiftScan(scan, -at, 0), line });
  return scan;
}

const EMPTY_SCAN: Scan = { occurrences: [], regions: [], suppressions: [], conditionRefs: [], strayDirectives: [] };

/**
 * Whether parsing a TypeScript file can yield any finding. Most files of a large workspace
 * mention no catalog term at all; they skip the parser (the bulk of the cost) when they also
 * hold no directive, no guard call (its condition id may be unknown) and no SQL tag or function
 * (the SQL inside may name data). Each test is a plain substring or word check, so it errs
 * towards parsing.
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

/** The dialect `catalint.json` sets for this path (first matching glob), if any. */
function configuredDialect(config: Config, file: string): SqlDialect | undefined {
  if (config.sql.dialects.length === 0) return undefined;
  const rel = relativePath(config, file);
  return compiledRules(config.sql.dialects).find((d) => d.test(rel))?.value;
}

function relativePath(config: Config, file: string): string {
  return path.relative(config.root, path.resolve(config.root, file)).split(path.sep).join('/');
}

/** Turns a scan into findings: match, consent, suppressions. */
function evaluate(scan: Scan, input: LintInput, config: Config, checkpoint: () => void): Finding[] {
  const { catalog, matcher, severity } = config;
  const scope = new ConsentScope([...scan.regions, ...configRegions(config, input.path, input.text.length)]);
  const findings: Finding[] = [];
  const seen = new Set<number>();

  let n = 0;
  for (const occ of scan.occurrences) {
    // Matching is linear in a name's words, but a file can hold millions of them.
    if ((++n & 255) === 0) checkpoint();
    if (seen.has(occ.span.start)) continue;
    const match = matcher.match(occ.name, occ.context);
    if (!match) continue;
    seen.add(occ.span.start);
    const inScope = scope.at(occ.span.start);
    const declared = inScope.map(({ id, origin }) => ({ id, origin }));
    if (occ.role === 'declaration') {
      const sev = severity['catalog-field'];
      if (sev === 'off') continue;
      findings.push(dataFinding('catalog-field', sev, occ, match, declared, catalog));
    } else {
      if (declared.length > 0 && isSatisfied(match.requires, new Set(declared.map((d) => d.id)))) continue;
      const sev = severity[match.kind];
      if (sev === 'off') continue;
      findings.push(dataFinding('consent-required', sev, occ, match, declared, catalog));
    }
  }

  const unknown = severity['unknown-condition'];
  if (unknown !== 'off') {
    for (const ref of scan.conditionRefs) {
      if (catalog.conditions.has(ref.id)) continue;
      findings.push(unknownCondition(ref, unknown, catalog));
    }
  }

  dropDerived(findings, scan.occurrences);
  return applySuppressions(findings, scan, input.text, severity['unused-directive']).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/**
 * A condition that is not the catalog's. Only an id-shaped word is quoted back: a guard's
 * argument may be any string (a token, a sentence), and no report ever repeats a string's
 * contents. Letters that only look Latin (`сustomer-consent`, a Cyrillic с) are said to be.
 */
function unknownCondition(ref: ConditionReference, severity: Severity, catalog: Catalog): Finding {
  const known = `Known conditions: ${[...catalog.conditions.keys()].join(', ')}.`;
  const folded = foldLookalikes(ref.id);
  const suggestion = closest(folded, catalog.conditions.keys());
  const mean = suggestion ? `: did you mean "${suggestion}"?` : '.';
  if (CONDITION_SHAPED.test(ref.id)) {
    return { rule: 'unknown-condition', severity, span: ref.span, name: ref.id, suggestion, message: `Unknown consent condition "${ref.id}"${mean} ${known}` };
  }
  const why = folded !== ref.id && CONDITION_SHAPED.test(folded) ? 'has letters that only look like Latin ones' : 'is not a condition id';
  return { rule: 'unknown-condition', severity, span: ref.span, name: '', suggestion, message: `This consent condition ${why} (${ref.id.length} characters, not repeated here)${mean} ${known}` };
}

/** What a condition id looks like (`customer-consent`): the only condition text a report repeats. */
const CONDITION_SHAPED = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$/;

/** Cyrillic and Greek letters that look like Latin ones, as the Latin letters. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u0430': 'a', '\u0441': 'c', '\u0435': 'e', '\u043e': 'o', '\u0440': 'p', '\u0445': 'x', '\u0443': 'y', '\u0456': 'i',
  '\u0458': 'j', '\u0455': 's', '\u04bb': 'h', '\u03bf': 'o', '\u03b1': 'a', '\u03b5': 'e', '\u03b9': 'i', '\u03ba': 'k',
  '\u03bd': 'v', '\u03c1': 'p', '\u03c4': 't', '\u03c5': 'u', '\u03c7': 'x',
};

function foldLookalikes(id: string): string {
  let out = '';
  for (const c of id.toLowerCase()) out += LOOKALIKES[c] ?? c;
  return out;
}

/** `const dob = customer.birthDate`: one finding, on the access, not two on one line. */
function dropDerived(findings: Finding[], occurrences: readonly Occurrence[]): void {
  const derived = new Map(occurrences.filter((o) => o.derivedFrom).map((o) => [o.span.start, o.derivedFrom!]));
  if (derived.size === 0) return;
  const flagged = findings.filter((f) => f.rule === 'consent-required').map((f) => f.span.start);
  flagged.sort((a, b) => a - b);
  // Any flagged start in [from.start, from.end): the first start at or after from.start decides.
  const flaggedWithin = (from: Span): boolean => {
    let lo = 0;
    let hi = flagged.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (flagged[mid] < from.start) lo = mid + 1;
      else hi = mid;
    }
    return lo < flagged.length && flagged[lo] < from.end;
  };
  for (let i = findings.length - 1; i >= 0; i--) {
    const from = derived.get(findings[i].span.start);
    if (from && findings[i].rule === 'consent-required' && flaggedWithin(from)) findings.splice(i, 1);
  }
}

function dataFinding(rule: DataFinding['rule'], severity: Severity, occ: Occurrence, match: Match, declared: DataFinding['declared'], catalog: Catalog): DataFinding {
  return {
    rule,
    severity,
    span: occ.span,
    name: occ.name,
    role: occ.role,
    syntax: occ.syntax,
    context: occ.context,
    match,
    declared,
    message: messageOf(rule, occ, match, declared, catalog),
  };
}

/**
 * Messages by match, name and what is in scope: a file says `customer.email` many times, and
 * an editor re-analyses it on every keystroke.
 */
const messages = new ObjectMemo<Match, string>(10_000);

function messageOf(rule: DataFinding['rule'], occ: Occurrence, match: Match, declared: DataFinding['declared'], catalog: Catalog): string {
  const ids = declared.map((d) => d.id);
  const key = `${rule}\u0000${occ.name}\u0000${ids.join('\u0000')}`;
  return messages.get(match, key, () => (rule === 'catalog-field' ? fieldMessage(occ, match, catalog) : useMessage(occ, match, ids, catalog)));
}

function describe(match: Match, catalog: Catalog): string {
  const labels = match.categories.map((id) => `${id}: ${catalog.categories.get(id)?.label.en ?? id}`);
  return `${match.kind} data (${labels.join(' or ')})`;
}

export function requirementText(req: Requirement): string {
  return req.map((alt) => alt.join(' and ')).join(' or ');
}

function useMessage(occ: Occurrence, match: Match, declared: readonly string[], catalog: Catalog): string {
  const inScope = declared.length ? `in scope: ${declared.join(', ')}` : 'no consent declared in scope';
  return `"${occ.name}" is ${describe(match, catalog)} used without consent: requires ${requirementText(match.requires)}; ${inScope}.`;
}

function fieldMessage(occ: Occurrence, match: Match, catalog: Catalog): string {
  return `"${occ.name}" holds ${describe(match, catalog)}; its uses require ${requirementText(match.requires)}.`;
}

/** `catalint.json` `consent` globs: regions that cover the whole file. */
function configRegions(config: Config, file: string, length: number): ConsentRegion[] {
  if (config.consent.length === 0) return [];
  const rel = relativePath(config, file);
  return compiledRules(config.consent)
    .filter((g) => g.test(rel))
    .map((g) => ({ span: { start: 0, end: length + 1 }, conditions: g.value, origin: 'config' as const }));
}

type CompiledRule<T> = GlobRule<T> & { readonly test: (p: string) => boolean };

/** Per-glob rules of a config (consent, dialects), compiled once per config, not per file. */
const ruleCache = new WeakMap<readonly GlobRule<unknown>[], CompiledRule<unknown>[]>();

function compiledRules<T>(rules: readonly GlobRule<T>[]): CompiledRule<T>[] {
  let compiled = ruleCache.get(rules);
  if (!compiled) {
    compiled = rules.map((r) => ({ ...r, test: picomatch(r.glob, { dot: true }) }));
    ruleCache.set(rules, compiled);
  }
  return compiled as CompiledRule<T>[];
}

/** Drops suppressed findings; a directive that suppressed nothing becomes a hint of its own. */
function applySuppressions(findings: Finding[], scan: Scan, text: string, unusedSeverity: SeveritySetting): Finding[] {
  if (scan.suppressions.length === 0 && scan.strayDirectives.length === 0) return findings;
  const lines = LineMap.of(text);
  const lineOf = (offset: number): number => lines.position(offset).line;
  const used = new Set<Suppression>();
  const kept = findings.filter((f) => {
    const line = lineOf(f.span.start);
    const s = scan.suppressions.find((d) => d.line === line && (d.rules.length === 0 || d.rules.includes(f.rule)));
    if (!s) return true;
    used.add(s);
    return false;
  });
  if (unusedSeverity === 'off') return kept;
  for (const s of scan.suppressions) {
    if (used.has(s)) continue;
    kept.push({ rule: 'unused-directive', severity: unusedSeverity, span: s.span, name: 'catalint-disable-next-line', message: 'Unused catalint-disable-next-line: nothing on the next line needed suppressing.' });
  }
  for (const span of scan.strayDirectives) {
    kept.push({ rule: 'unused-directive', severity: unusedSeverity, span, name: '@consent', message: '@consent covers nothing here: put it directly above a function, class, method or statement, or before any code of the file followed by a blank line.' });
  }
  return kept;
}
