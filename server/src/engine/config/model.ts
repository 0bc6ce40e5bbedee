import type { Matcher } from '../catalog/matcher';
import type { Catalog } from '../catalog/model';
import type { Severity } from '../finding';

/** Per-glob declarations, in `catalint.json` order. Globs are relative to the config's folder. */
export interface GlobRule<T> {
  readonly glob: string;
  readonly value: T;
}

export type SqlDialect = 'postgresql' | 'mysql' | 'sqlite' | 'bigquery' | 'generic';

/** `off` turns a rule off. */
export type SeveritySetting = Severity | 'off';

export interface SeverityMap {
  /** `consent-required` on personal data. */
  readonly personal: SeveritySetting;
  /** `consent-required` on telemetry. */
  readonly telemetry: SeveritySetting;
  readonly 'catalog-field': SeveritySetting;
  readonly 'unknown-condition': SeveritySetting;
  readonly 'unknown-category': SeveritySetting;
  readonly 'unused-directive': SeveritySetting;
  readonly 'skipped-file': SeveritySetting;
}

/**
 * A workspace's configuration after `catalint.json` was read and validated and the catalog
 * built. Immutable: a changed file makes a new one.
 */
export interface Config {
  /** Folder the config applies to; globs and reported paths are relative to it. */
  readonly root: string;
  /** The `catalint.json` it came from, if any. */
  readonly file?: string;
  readonly catalog: Catalog;
  /** The catalog compiled once, with `ignoreNames`, shared by every file under this config. */
  readonly matcher: Matcher;
  readonly consent: readonly GlobRule<readonly string[]>[];
  readonly severity: SeverityMap;
  /** Path globs to lint and to skip, relative to `root`. Empty include means everything. */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /**
   * Test, fixture, seed and story files (globs relative to `root`): their findings are reported
   * apart, not counted, unless asked for (`--include-tests`, `catalint.includeTests`).
   */
  readonly tests: readonly string[];
  /** Names the workspace declared are not catalog data (quick fix "add to exclusions"). */
  readonly ignoreNames: readonly string[];
  readonly guards: {
    /** `if (hasConsent(ctx, "id"))`: covers what the condition dominates. */
    readonly check: readonly string[];
    /** `requireConsent(ctx, "id");`: covers the rest of its block. */
    readonly require: readonly string[];
  };
  readonly sql: {
    /** Tag names of tagged templates that hold SQL (`sql`, `Prisma.sql`, `sql.unsafe`). */
    readonly tags: readonly string[];
    /** Functions and methods whose string argument is SQL (`query`, `$queryRaw`). */
    readonly functions: readonly string[];
    readonly dialects: readonly GlobRule<SqlDialect>[];
  };
  /**
   * TypeScript projects (`tsconfig.json` files, absolute) whose files get type-aware analysis
   * in the CLI (`"project"`). Empty: every file is judged by its spelling alone.
   */
  readonly projects: readonly string[];
}
