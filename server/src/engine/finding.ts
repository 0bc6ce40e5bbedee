import type { Kind, Requirement } from './catalog/model';
import type { DeclaredAs, Role, Span, Syntax } from './occurrence';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type RuleId = 'consent-required' | 'catalog-field' | 'unknown-condition' | 'unknown-category' | 'unused-directive' | 'skipped-file';

/** Why a name matched: what a hover and `--format json` explain. */
export interface Match {
  /** Catalog category ids, sorted; several when the name is ambiguous (a position). */
  readonly categories: readonly string[];
  readonly kind: Kind;
  /** The catalog term that matched, as written in the catalog. */
  readonly term: string;
  readonly strength: 'strong' | 'weak';
  /** The context name that satisfied a weak term, or that narrowed an ambiguous one. */
  readonly context?: string;
  /** The union of the categories' requirements: any alternative satisfies the name. */
  readonly requires: Requirement;
}

/** Where consent came from for a finding: shown in hovers. */
export interface DeclaredCondition {
  readonly id: string;
  readonly origin: import('./consent/model').ConsentOrigin;
}

interface FindingBase {
  readonly severity: Severity;
  readonly span: Span;
  /** The identifier (or directive word) as written. */
  readonly name: string;
  readonly message: string;
}

/** A use or declaration of catalog data. */
export interface DataFinding extends FindingBase {
  readonly rule: 'consent-required' | 'catalog-field';
  readonly role: Role;
  readonly syntax: Syntax;
  readonly match: Match;
  readonly context: readonly string[];
  /** Conditions in scope at the name, with where they come from. */
  readonly declared: readonly DeclaredCondition[];
  /** Type-aware: the declaration the checker resolved the name to. */
  readonly declaredAs?: DeclaredAs;
}

/** A `@consent` id that is not a condition of the catalog. */
export interface UnknownConditionFinding extends FindingBase {
  readonly rule: 'unknown-condition';
  readonly suggestion?: string;
}

/** A `@catalog` tag whose id is not a category of the catalog (nor `none`). */
export interface UnknownCategoryFinding extends FindingBase {
  readonly rule: 'unknown-category';
  readonly suggestion?: string;
}

/** A `catalint-disable-next-line` that suppressed nothing. */
export interface UnusedDirectiveFinding extends FindingBase {
  readonly rule: 'unused-directive';
}

/** A file the engine chose not to analyse (too large, minified, over its time budget). */
export interface SkippedFileFinding extends FindingBase {
  readonly rule: 'skipped-file';
  readonly reason: string;
}

export type Finding = DataFinding | UnknownConditionFinding | UnknownCategoryFinding | UnusedDirectiveFinding | SkippedFileFinding;

/**
 * Where a rule is documented: one address for the editor's links and SARIF's help, so code
 * scanning and the editor send people to the same page.
 */
export function ruleDocsUrl(rule: RuleId): string {
  return `https://github.com/catalint/catalint/blob/main/README.md#rule-${rule}`;
}
