/**
 * Findings as LSP diagnostics. The engine decides what is wrong; this only renders it, applies
 * the user's severity overrides, and packs into `data` what the code actions need so they never
 * re-run the analysis.
 */
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Kind, Requirement } from '../engine/catalog/model';
import type { Config } from '../engine/config/model';
import { isTestFile } from '../engine/config/tests';
import type { ConfigProblem } from '../engine/errors';
import { type Finding, type Match, type RuleId, type Severity, ruleDocsUrl } from '../engine/finding';
import { ObjectMemo } from '../engine/memo';
import type { Language } from '../engine/lint';
import type { SeverityKey, Settings } from './settings';

export const SOURCE = 'catalint';

/** What a quick fix needs from its diagnostic. */
export interface DiagnosticData {
  readonly rule: RuleId;
  readonly name: string;
  readonly language: Language;
  readonly categories?: readonly string[];
  readonly kind?: Kind;
  /** Alternatives, any of which satisfies the finding (each: all of its ids). */
  readonly requires?: Requirement;
  readonly declared?: readonly string[];
  /** `unknown-condition`: the condition id it probably meant. */
  readonly suggestion?: string;
}

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function severityKey(f: Finding): SeverityKey {
  return f.rule === 'consent-required' ? f.match.kind : f.rule;
}

/** One per rule: every diagnostic of a rule links the same page. */
const descriptions = new Map<RuleId, { readonly href: string }>();

function descriptionOf(rule: RuleId): { readonly href: string } {
  let d = descriptions.get(rule);
  if (!d) descriptions.set(rule, (d = { href: ruleDocsUrl(rule) }));
  return d;
}

/**
 * The `data` of a data finding, shared by every finding of the same name, match and scope: a
 * document re-published on each keystroke says `customer.email` the same way many times.
 */
const dataOf = new ObjectMemo<Match, DiagnosticData>(10_000);

function findingData(f: Finding, language: Language): DiagnosticData {
  if (f.rule !== 'consent-required' && f.rule !== 'catalog-field') {
    return (f.rule === 'unknown-condition' || f.rule === 'unknown-category') && f.suggestion
      ? { rule: f.rule, name: f.name, language, suggestion: f.suggestion }
      : { rule: f.rule, name: f.name, language };
  }
  const declared = f.declared.map((d) => d.id);
  const key = `${f.rule}\u0000${language}\u0000${f.name}\u0000${declared.join('\u0000')}`;
  return dataOf.get(f.match, key, () => ({
    rule: f.rule,
    name: f.name,
    language,
    categories: f.match.categories,
    kind: f.match.kind,
    requires: f.match.requires,
    declared,
  }));
}

const UNNECESSARY = [DiagnosticTag.Unnecessary];

/** Undefined when the user turned the finding's severity `off`. */
/**
 * The diagnostics of a document's findings under the user's settings. A test, fixture, seed or
 * story file shows only what is not about data (its findings are made-up values), as the CLI
 * leaves them out of its report, unless `catalint.includeTests` asks for them.
 */
export function toDiagnostics(
  findings: readonly Finding[],
  doc: TextDocument,
  language: Language,
  settings: Settings,
  config: Config,
  file: string,
): Diagnostic[] {
  const hideData = !settings.includeTests && isTestFile(config, file);
  const out: Diagnostic[] = [];
  for (const f of findings) {
    if (hideData && (f.rule === 'consent-required' || f.rule === 'catalog-field')) continue;
    const d = toDiagnostic(f, doc, language, settings);
    if (d) out.push(d);
  }
  return out;
}

export function toDiagnostic(f: Finding, doc: TextDocument, language: Language, settings: Settings): Diagnostic | undefined {
  const override = settings.severity[severityKey(f)];
  if (override === 'off') return undefined;
  const severity = override ?? f.severity;
  return {
    range: { start: doc.positionAt(f.span.start), end: doc.positionAt(f.span.end) },
    severity: SEVERITY[severity],
    source: SOURCE,
    code: f.rule,
    codeDescription: descriptionOf(f.rule),
    message: f.message,
    tags: f.rule === 'unused-directive' ? UNNECESSARY : undefined,
    data: findingData(f, language),
  };
}

export function isCatalintDiagnostic(d: Diagnostic): d is Diagnostic & { data: DiagnosticData } {
  return d.source === SOURCE && typeof d.data === 'object' && d.data !== null && typeof (d.data as DiagnosticData).rule === 'string';
}

/**
 * A problem in `catalint.json` or a catalog file, shown in that file. With the file's text the
 * range covers the JSON token at the position (a string, a word, a number), so it is visible.
 */
export function configProblemDiagnostic(p: ConfigProblem, text?: string): Diagnostic {
  const start = { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
  return {
    range: { start, end: { line: start.line, character: start.character + (text === undefined ? 0 : tokenLength(text, start)) } },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: 'config-error',
    message: p.message,
  };
}

function tokenLength(text: string, at: { line: number; character: number }): number {
  const line = text.split(/\r\n|\r|\n/)[at.line] ?? '';
  const rest = line.slice(at.character);
  const token = /^"(?:[^"\\]|\\.)*"?|^[A-Za-z0-9_.+-]+|^\S/.exec(rest);
  return token ? token[0].length : 0;
}

/** Shown in a document whose analysis threw: the user sees it, and it goes once the document recovers. */
export function internalErrorDiagnostic(message: string): Diagnostic {
  const start = { line: 0, character: 0 };
  return {
    range: { start, end: start },
    severity: DiagnosticSeverity.Warning,
    source: SOURCE,
    code: 'internal-error',
    message: `Catalint could not analyse this file: ${message}. See the Catalint output for details.`,
  };
}
