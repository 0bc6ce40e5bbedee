/** The engine's public API: what the CLI, the language server, tests and benchmarks use. */
export {
  lint,
  languageOf,
  requirementText,
  LintCancelled,
  DEFAULT_MAX_FILE_SIZE,
  DEFAULT_TIME_BUDGET_MS,
  type Language,
  type LintInput,
  type LintResult,
  type LintOptions,
  type Scan,
} from './lint';
export { DocumentMemory } from './languages/typescript/memory';
export { loadConfig, CONFIG_FILE, DEFAULT_SEVERITY, type LoadConfigOptions } from './config/load';
export type { Config, SeverityMap, SeveritySetting, SqlDialect, GlobRule } from './config/model';
export { isTestFile, DEFAULT_TESTS } from './config/tests';
export { builtinCatalog, loadCatalog, closest } from './catalog/load';
export { compileMatcher, isSatisfied, type Matcher } from './catalog/matcher';
export type { Catalog, Category, Condition, Group, Kind, Label, Requirement } from './catalog/model';
export type {
  Finding,
  DataFinding,
  UnknownConditionFinding,
  UnusedDirectiveFinding,
  SkippedFileFinding,
  Match,
  Severity,
  RuleId,
  DeclaredCondition,
} from './finding';
export type { Occurrence, Span, Role, Syntax } from './occurrence';
export type { ConsentRegion, ConsentOrigin, Suppression, ConditionReference } from './consent/model';
export { ConfigError, formatProblem, type ConfigProblem } from './errors';
export { LineMap, type Position } from './text/positions';
export { tokenize } from './text/tokens';
export { assetPath, packageRoot, packageVersion, BUILTIN_CATALOG, CATALOG_SCHEMA, CONFIG_SCHEMA } from './assets';
