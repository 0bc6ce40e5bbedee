/**
 * Settings of `catalint.json` that apply per path (SQL dialects, consent globs), with their
 * globs compiled once per configuration rather than once per file.
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Config, GlobRule, SqlDialect } from './model';
import { slashRelative } from '../paths';

/** The dialect `catalint.json` sets for this path (first matching glob), if any. */
export function configuredDialect(config: Config, file: string): SqlDialect | undefined {
  if (config.sql.dialects.length === 0) return undefined;
  const rel = relativePath(config, file);
  return compiledRules(config.sql.dialects).find((d) => d.test(rel))?.value;
}

/** The values of every rule whose glob matches the file. */
export function matchingRules<T>(config: Config, rules: readonly GlobRule<T>[], file: string): T[] {
  if (rules.length === 0) return [];
  const rel = relativePath(config, file);
  return compiledRules(rules)
    .filter((r) => r.test(rel))
    .map((r) => r.value);
}

/** `file` (absolute, or relative to the config's root) relative to the config's root, with `/`. */
export function relativePath(config: Config, file: string): string {
  return slashRelative(config.root, path.isAbsolute(file) ? file : path.resolve(config.root, file));
}

type CompiledRule<T> = GlobRule<T> & { readonly test: (p: string) => boolean };

const ruleCache = new WeakMap<readonly GlobRule<unknown>[], CompiledRule<unknown>[]>();

function compiledRules<T>(rules: readonly GlobRule<T>[]): CompiledRule<T>[] {
  let compiled = ruleCache.get(rules);
  if (!compiled) {
    compiled = rules.map((r) => ({ ...r, test: picomatch(r.glob, { dot: true }) }));
    ruleCache.set(rules, compiled);
  }
  return compiled as CompiledRule<T>[];
}
