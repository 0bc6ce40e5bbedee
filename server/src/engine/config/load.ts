import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinCatalog, loadCatalog, readJson, suggest } from '../catalog/load';
import { compileMatcher, type Matcher } from '../catalog/matcher';
import type { Catalog } from '../catalog/model';
import { ConfigError, type ConfigProblem } from '../errors';
import type { JsonDocument } from './json-document';
import type { Config, GlobRule, SeverityMap, SeveritySetting, SqlDialect } from './model';
import { validateConfigDocument } from './schema';
import { DEFAULT_TESTS } from './tests';

export const CONFIG_FILE = 'catalint.json';

export const DEFAULT_SEVERITY: SeverityMap = {
  personal: 'warning',
  telemetry: 'error',
  'catalog-field': 'information',
  'unknown-condition': 'error',
  'unknown-category': 'error',
  'unused-directive': 'hint',
  'skipped-file': 'information',
};

export const DEFAULT_GUARDS = { check: ['hasConsent'], require: ['requireConsent'] } as const;

export const DEFAULT_SQL = {
  tags: ['sql', 'SQL', 'Prisma.sql', 'sql.unsafe', 'sql.raw'],
  functions: ['query', 'execute', 'raw', 'unsafe', '$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'addSql'],
} as const;

interface RawConfig {
  readonly catalog?: string | Record<string, unknown>;
  readonly consent?: Readonly<Record<string, readonly string[]>>;
  readonly severity?: Readonly<Partial<Record<keyof SeverityMap, SeveritySetting>>>;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  readonly tests?: readonly string[];
  readonly ignoreNames?: readonly string[];
  readonly project?: string | readonly string[];
  readonly guards?: { readonly check?: readonly string[]; readonly require?: readonly string[] };
  readonly sql?: {
    readonly tags?: readonly string[];
    readonly functions?: readonly string[];
    readonly dialects?: Readonly<Record<string, SqlDialect>>;
  };
}

export interface LoadConfigOptions {
  /** Folder the config applies to (where `catalint.json` is looked for when no file is given). */
  readonly root: string;
  /** An explicit `catalint.json` (`--config`); its folder becomes the root. */
  readonly configFile?: string;
  /** An explicit catalog (`--catalog`, the editor's `catalint.catalogPath`): overrides the config's. */
  readonly catalogFile?: string;
}

/**
 * Reads, validates and resolves a workspace's configuration: `catalint.json` if there is one,
 * its catalog, defaults for the rest. Throws ConfigError naming file, line and column.
 */
export function loadConfig(options: LoadConfigOptions): Config {
  const file = options.configFile ? path.resolve(options.configFile) : existing(path.join(options.root, CONFIG_FILE));
  const root = options.configFile ? path.dirname(file!) : path.resolve(options.root);
  const doc = file ? readJson(file) : undefined;
  if (doc) {
    const problems = [...doc.duplicateKeys(), ...validateConfigDocument(doc)];
    if (problems.length) throw new ConfigError(problems);
  }
  const raw = (doc?.value ?? {}) as RawConfig;
  const catalog = resolveCatalog(raw, doc, options.catalogFile, root);
  const problems: ConfigProblem[] = [];
  const consent: GlobRule<readonly string[]>[] = Object.entries(raw.consent ?? {}).map(([glob, ids]) => {
    ids.forEach((id, i) => {
      if (!catalog.conditions.has(id))
        problems.push(doc!.problem(['consent', glob, i], `unknown condition "${id}"${suggest(id, catalog.conditions.keys())}`));
    });
    return { glob, value: ids };
  });
  if (problems.length) throw new ConfigError(problems);
  const ignoreNames = raw.ignoreNames ?? [];
  return {
    root,
    file,
    catalog,
    matcher: matcherFor(catalog, ignoreNames),
    consent,
    severity: { ...DEFAULT_SEVERITY, ...(raw.severity ?? {}) },
    include: raw.include ?? [],
    exclude: raw.exclude ?? [],
    tests: raw.tests ?? DEFAULT_TESTS,
    ignoreNames,
    guards: { check: raw.guards?.check ?? DEFAULT_GUARDS.check, require: raw.guards?.require ?? DEFAULT_GUARDS.require },
    sql: {
      tags: raw.sql?.tags ?? DEFAULT_SQL.tags,
      functions: raw.sql?.functions ?? DEFAULT_SQL.functions,
      dialects: Object.entries(raw.sql?.dialects ?? {}).map(([glob, value]) => ({ glob, value })),
    },
    projects: (typeof raw.project === 'string' ? [raw.project] : (raw.project ?? [])).map((p) => path.resolve(root, p)),
  };
}

function resolveCatalog(raw: RawConfig, doc: JsonDocument | undefined, catalogFile: string | undefined, root: string): Catalog {
  if (catalogFile) return loadCatalog({ kind: 'file', file: path.resolve(root, catalogFile) });
  if (typeof raw.catalog === 'string') {
    const file = path.resolve(path.dirname(doc!.file), raw.catalog);
    if (!fs.existsSync(file)) throw new ConfigError([doc!.problem(['catalog'], `"catalog": cannot find ${file}`)]);
    return loadCatalog({ kind: 'file', file });
  }
  if (raw.catalog && doc) return loadCatalog({ kind: 'inline', doc, at: ['catalog'] });
  return builtinCatalog();
}

/**
 * The compiled matcher is the costly part of a config: share it between configs that agree,
 * but only while one of them uses it. Held strongly, every `ignoreNames` a user ever typed in
 * an open catalint.json kept a matcher and its memos alive for the life of the server.
 */
const matchers = new WeakMap<Catalog, Map<string, WeakRef<Matcher>>>();

function matcherFor(catalog: Catalog, ignoreNames: readonly string[]): Matcher {
  let byNames = matchers.get(catalog);
  if (!byNames) matchers.set(catalog, (byNames = new Map()));
  const key = JSON.stringify(ignoreNames);
  let m = byNames.get(key)?.deref();
  if (!m) {
    m = compileMatcher(catalog, ignoreNames);
    for (const [k, ref] of byNames) if (!ref.deref()) byNames.delete(k);
    byNames.set(key, new WeakRef(m));
  }
  return m;
}

/**
 * The file if it is there. Anything else by that name (a folder called `catalint.json`) is
 * there too: reading it then fails with a positioned "is a folder" error, never silently falls
 * back to the defaults.
 */
export function existing(file: string): string | undefined {
  try {
    // Asked for every folder of a workspace: most have none, and an exception per folder was
    // a measurable part of a cached run.
    return fs.statSync(file, { throwIfNoEntry: false }) ? file : undefined;
  } catch {
    return undefined;
  }
}
