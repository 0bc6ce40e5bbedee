/**
 * The `catalint.*` settings as the server uses them. Whatever the client sends is untrusted
 * JSON: every field is checked and falls back to its default, so a typo in settings.json
 * never breaks linting.
 */
import type { Severity } from '../engine/finding';

export type RunMode = 'onType' | 'onSave';
/** `catalint.typeAware`: `auto` is on for projects up to a size (see typed-worker.ts). */
export type TypeAwareMode = 'off' | 'on' | 'auto';

/** Keys of `catalint.severity`: the config's severity map, overridable per user. */
export const SEVERITY_KEYS = [
  'personal',
  'telemetry',
  'catalog-field',
  'unknown-condition',
  'unknown-category',
  'unused-directive',
  'skipped-file',
] as const;
export type SeverityKey = (typeof SEVERITY_KEYS)[number];
export type SeveritySetting = Severity | 'off';

export interface Settings {
  readonly enable: boolean;
  readonly run: RunMode;
  readonly debounceMs: number;
  /** Catalog file replacing the one `catalint.json` names; relative to the workspace folder. Empty: none. */
  readonly catalogPath: string;
  readonly severity: Readonly<Partial<Record<SeverityKey, SeveritySetting>>>;
  /** Show the data findings of test, fixture, seed and story files (catalint.json `tests`). */
  readonly includeTests: boolean;
  /**
   * `catalint.fixAll.generic`: answer the generic `source.fixAll` kind too (the *Fix All*
   * command, `editor.codeActionsOnSave` with `source.fixAll`). Off: the fix-all, which declares
   * consent, runs only when asked for by its own kind.
   */
  readonly fixAllGeneric: boolean;
  /** Type-aware analysis of open documents in a TypeScript project, after the syntactic result. */
  readonly typeAware: TypeAwareMode;
  /** The heap ceiling of the type-aware worker, in MB: past it, files stay syntactic and the status says so. */
  readonly typeAwareMemoryMb: number;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  debounceMs: 200,
  catalogPath: '',
  severity: {},
  includeTests: false,
  fixAllGeneric: false,
  typeAware: 'off',
  typeAwareMemoryMb: 3072,
};

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
/** A debounce longer than this is a typo, not a wish. */
const MAX_DEBOUNCE_MS = 10_000;

export function normalizeSettings(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const r = raw as Record<string, unknown>;
  const severity: Partial<Record<SeverityKey, SeveritySetting>> = {};
  if (typeof r.severity === 'object' && r.severity !== null) {
    const s = r.severity as Record<string, unknown>;
    for (const key of SEVERITY_KEYS) {
      const v = s[key];
      if (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v)) severity[key] = v as SeveritySetting;
    }
  }
  const debounce = typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs) ? r.debounceMs : DEFAULT_SETTINGS.debounceMs;
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable,
    run: r.run === 'onSave' || r.run === 'onType' ? r.run : DEFAULT_SETTINGS.run,
    debounceMs: Math.max(0, Math.min(MAX_DEBOUNCE_MS, Math.round(debounce))),
    catalogPath: typeof r.catalogPath === 'string' ? r.catalogPath.trim() : DEFAULT_SETTINGS.catalogPath,
    severity,
    includeTests: typeof r.includeTests === 'boolean' ? r.includeTests : DEFAULT_SETTINGS.includeTests,
    fixAllGeneric: fixAllGenericOf(r),
    typeAware: r.typeAware === 'on' || r.typeAware === 'auto' || r.typeAware === 'off' ? r.typeAware : DEFAULT_SETTINGS.typeAware,
    typeAwareMemoryMb:
      typeof r.typeAwareMemoryMb === 'number' && Number.isFinite(r.typeAwareMemoryMb)
        ? Math.max(256, Math.min(65_536, Math.round(r.typeAwareMemoryMb)))
        : DEFAULT_SETTINGS.typeAwareMemoryMb,
  };
}

/** VS Code sends `fixAll: { generic }`; a client that passes settings as written may send the dotted key. */
function fixAllGenericOf(r: Record<string, unknown>): boolean {
  const nested = typeof r.fixAll === 'object' && r.fixAll !== null ? (r.fixAll as Record<string, unknown>).generic : undefined;
  const value = nested ?? r['fixAll.generic'];
  return typeof value === 'boolean' ? value : DEFAULT_SETTINGS.fixAllGeneric;
}
