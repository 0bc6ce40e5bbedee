import * as fs from 'node:fs';
import * as path from 'node:path';
import { assetPath, BUILTIN_CATALOG } from '../assets';
import { JsonDocument, type JsonPath } from '../config/json-document';
import { validateCatalogDocument } from '../config/schema';
import { closest, suggest } from '../text/did-you-mean';
import { readRegularFile, RefusedFile } from '../text/read-file';

export { closest, suggest };
import { ConfigError, type ConfigProblem } from '../errors';
import { tokenize } from '../text/tokens';
import type { Catalog, Category, Condition, Group, Kind, Label, Requirement } from './model';

/** The on-disk form, as `catalog/catalog.schema.json` describes it (after schema validation). */
interface RawRequirement {
  readonly anyOf?: readonly string[];
  readonly allOf?: readonly string[];
}
interface RawCondition {
  readonly id: string;
  readonly label?: string;
  readonly description?: string;
}
interface RawGroup {
  readonly id: string;
  readonly label?: Label;
  readonly kind?: Kind;
  readonly requires?: RawRequirement;
  readonly subjects?: readonly string[];
}
interface RawCategory {
  readonly id: string;
  readonly group?: string;
  readonly label?: Label;
  readonly requires?: RawRequirement;
  readonly strong?: readonly string[];
  readonly weak?: readonly string[];
  readonly subjects?: readonly string[];
  readonly exclude?: readonly string[];
  readonly shares?: readonly string[];
  readonly fides?: string;
}
interface RawCatalog {
  readonly extends?: string;
  readonly conditions?: readonly RawCondition[];
  readonly groups?: readonly RawGroup[];
  readonly categories?: readonly RawCategory[];
  readonly exclude?: readonly string[];
  readonly excludeContexts?: readonly string[];
  readonly qualifiers?: readonly string[];
}

/** Where a catalog comes from: a file, or an object inside `catalint.json`. */
export type CatalogSource =
  { readonly kind: 'file'; readonly file: string } | { readonly kind: 'inline'; readonly doc: JsonDocument; readonly at: JsonPath };

export const BUILTIN = 'builtin';

let builtin: Catalog | undefined;

/** The built-in catalog, loaded and checked once per process. */
export function builtinCatalog(): Catalog {
  return (builtin ??= loadCatalog({ kind: 'file', file: assetPath(BUILTIN_CATALOG) }));
}

/**
 * Loads a catalog with everything it extends. A catalog without `extends` replaces the
 * built-in one; `"extends": "builtin"` (or a path) adds to it. Every problem, in any file of the
 * chain, is reported with its position; nothing falls back silently.
 */
export function loadCatalog(source: CatalogSource): Catalog {
  const builder = new CatalogBuilder();
  for (const layer of collectLayers(source)) builder.apply(layer);
  return builder.finish();
}

interface Layer {
  readonly doc: JsonDocument;
  readonly at: JsonPath;
  readonly raw: RawCatalog;
  readonly name: string;
}

/**
 * How many catalogs one `extends` chain may hold, the built-in one included. A real chain is a
 * team's catalog on a company's on the built-in one; a generated chain of thousands only cost
 * time and, when this walk recursed, overflowed the stack with no file named. A cycle is
 * reported as a cycle, whatever its length up to here; a longer chain stops at the file that
 * would add one catalog too many.
 */
export const MAX_EXTENDS_CHAIN = 32;

/** The layers of `source`'s `extends` chain, most basic first: a loop, never a recursion. */
function collectLayers(source: CatalogSource): Layer[] {
  const layers: Layer[] = [];
  const seen = new Set<string>();
  for (let next: CatalogSource | undefined = source; next;) {
    const current: CatalogSource = next;
    next = undefined;
    const doc: JsonDocument = current.kind === 'file' ? readJson(current.file) : current.doc;
    const at: JsonPath = current.kind === 'file' ? [] : current.at;
    // The shipped catalog is checked against the schema by the tests, not by every process: the
    // validator costs more to build (tens of ms, in each CLI worker) than a cached run takes.
    if (!(current.kind === 'file' && isShippedCatalog(current.file))) {
      const problems = [...(current.kind === 'file' ? doc.duplicateKeys() : []), ...validateCatalogDocument(doc, at)];
      if (problems.length) throw new ConfigError(problems);
    }
    const raw = at.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], doc.value) as RawCatalog;
    const name = current.kind === 'file' ? path.resolve(current.file) : `${doc.file}#${at.join('.')}`;
    layers.push({ doc, at, raw, name });
    seen.add(name);
    if (raw.extends === undefined) break;
    const base: string =
      raw.extends === BUILTIN ? path.resolve(assetPath(BUILTIN_CATALOG)) : path.resolve(path.dirname(doc.file), raw.extends);
    const chain = [...layers.map((l) => l.name), base];
    if (seen.has(base)) {
      throw new ConfigError([
        doc.problem([...at, 'extends'], `"extends" makes a cycle: ${chain.map((f) => path.basename(f)).join(' -> ')}`),
      ]);
    }
    if (raw.extends !== BUILTIN && !fs.existsSync(base)) {
      throw new ConfigError([doc.problem([...at, 'extends'], `"extends": cannot find ${base}`)]);
    }
    if (layers.length >= MAX_EXTENDS_CHAIN) {
      const shown = [...chain.slice(0, 2), '…', ...chain.slice(-2)].map((f) => (f === '…' ? f : path.basename(f)));
      throw new ConfigError([
        doc.problem(
          [...at, 'extends'],
          `"extends": more than ${MAX_EXTENDS_CHAIN} catalogs in one chain (${shown.join(' -> ')}); merge some of them`,
        ),
      ]);
    }
    next = { kind: 'file', file: base };
  }
  return layers.reverse();
}

/** The built-in catalog as it ships with this copy of Catalint. */
export function isShippedCatalog(file: string): boolean {
  return path.resolve(file) === path.resolve(assetPath(BUILTIN_CATALOG));
}

/** A configuration or catalog larger than this is not one: refused rather than read into memory. */
export const MAX_JSON_BYTES = 16 * 1024 * 1024;

export function readJson(file: string): JsonDocument {
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(readRegularFile(file, MAX_JSON_BYTES));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      e instanceof RefusedFile
        ? e.message
        : code === 'ENOENT'
          ? 'file not found'
          : code === 'EACCES'
            ? 'permission denied'
            : code === 'EISDIR'
              ? 'is a folder, not a file'
              : String((e as Error).message);
    throw new ConfigError([{ file, line: 1, column: 1, message: `cannot read: ${why}` }]);
  }
  return JsonDocument.parse(file, text);
}

interface MutableCategory {
  id: string;
  group: string;
  label: Label;
  requires?: Requirement;
  strong: string[];
  weak: string[];
  subjects: string[];
  exclude: string[];
  shares: string[];
  fides?: string;
}

/** Where a term was written, to point at the second of two categories that claim it. */
interface TermOrigin {
  readonly key: string;
  readonly text: string;
  readonly category: string;
  readonly strength: 'strong' | 'weak';
  readonly doc: JsonDocument;
  readonly path: JsonPath;
}

class CatalogBuilder {
  private readonly terms: TermOrigin[] = [];
  private readonly sources: string[] = [];
  private readonly conditions = new Map<string, Condition>();
  private readonly groups = new Map<string, Group>();
  private readonly categories = new Map<string, MutableCategory>();
  private readonly exclude: string[] = [];
  private readonly excludeContexts: string[] = [];
  private readonly qualifiers: string[] = [];
  private readonly problems: ConfigProblem[] = [];

  apply(layer: Layer): void {
    const { raw, doc, at } = layer;
    this.sources.push(layer.name);
    const seen = (kind: string) => {
      const ids = new Set<string>();
      return (id: string, where: JsonPath): boolean => {
        if (ids.has(id)) {
          this.problems.push(doc.problem([...where, 'id'], `duplicate ${kind} id "${id}"`));
          return false;
        }
        ids.add(id);
        return true;
      };
    };

    const conditionSeen = seen('condition');
    raw.conditions?.forEach((c, i) => {
      if (!conditionSeen(c.id, [...at, 'conditions', i])) return;
      const prev = this.conditions.get(c.id);
      this.conditions.set(c.id, { id: c.id, label: c.label ?? prev?.label ?? c.id, description: c.description ?? prev?.description });
    });

    const groupSeen = seen('group');
    raw.groups?.forEach((g, i) => {
      const where: JsonPath = [...at, 'groups', i];
      if (!groupSeen(g.id, where)) return;
      const prev = this.groups.get(g.id);
      const requires = g.requires ? this.requirement(g.requires, doc, [...where, 'requires']) : prev?.requires;
      const label = g.label ?? prev?.label;
      const kind = g.kind ?? prev?.kind;
      if (!label || !kind || !requires) {
        const missing = !label ? 'label' : !kind ? 'kind' : 'requires';
        this.problems.push(doc.problem(where, `group "${g.id}" is new and needs "${missing}"`));
        return;
      }
      this.groups.set(g.id, { id: g.id, label, kind, requires, subjects: [...(prev?.subjects ?? []), ...(g.subjects ?? [])] });
    });

    const categorySeen = seen('category');
    raw.categories?.forEach((c, i) => {
      const where: JsonPath = [...at, 'categories', i];
      if (!categorySeen(c.id, where)) return;
      const prev = this.categories.get(c.id);
      const group = c.group ?? prev?.group;
      if (!group) {
        this.problems.push(doc.problem(where, `category "${c.id}" is new and needs "group"`));
        return;
      }
      if (!this.groups.has(group)) {
        this.problems.push(
          doc.problem(
            c.group ? [...where, 'group'] : where,
            `category "${c.id}": unknown group "${group}"${suggest(group, this.groups.keys())}`,
          ),
        );
        return;
      }
      const label = c.label ?? prev?.label;
      if (!label) {
        this.problems.push(doc.problem(where, `category "${c.id}" is new and needs "label"`));
        return;
      }
      this.categories.set(c.id, {
        id: c.id,
        group,
        label,
        requires: c.requires ? this.requirement(c.requires, doc, [...where, 'requires']) : prev?.requires,
        strong: [...(prev?.strong ?? []), ...(c.strong ?? [])],
        weak: [...(prev?.weak ?? []), ...(c.weak ?? [])],
        subjects: [...(prev?.subjects ?? []), ...(c.subjects ?? [])],
        exclude: [...(prev?.exclude ?? []), ...(c.exclude ?? [])],
        shares: [...(prev?.shares ?? []), ...(c.shares ?? [])],
        fides: c.fides ?? prev?.fides,
      });
      for (const strength of ['strong', 'weak'] as const) {
        c[strength]?.forEach((text, k) =>
          this.terms.push({ key: tokenize(text).join(' '), text, category: c.id, strength, doc, path: [...where, strength, k] }),
        );
      }
    });

    this.exclude.push(...(raw.exclude ?? []));
    this.excludeContexts.push(...(raw.excludeContexts ?? []));
    this.qualifiers.push(...(raw.qualifiers ?? []));
  }

  private requirement(raw: RawRequirement, doc: JsonDocument, where: JsonPath): Requirement {
    const key = raw.allOf ? 'allOf' : 'anyOf';
    const ids = raw.allOf ?? raw.anyOf ?? [];
    ids.forEach((id, i) => {
      if (!this.conditions.has(id)) {
        this.problems.push(doc.problem([...where, key, i], `unknown condition "${id}"${suggest(id, this.conditions.keys())}`));
      }
    });
    return key === 'allOf' ? [ids] : ids.map((id) => [id]);
  }

  /**
   * A term two categories claim makes a name's category a guess: an error, unless the
   * categories say they share it, or the term is weak in both and subjects tell them apart
   * (`visit` of a customer, `visits` of a website; a `model` of a competitor's car).
   */
  private claimedTwice(): void {
    const byKey = new Map<string, TermOrigin[]>();
    for (const t of this.terms) {
      const list = byKey.get(t.key) ?? [];
      list.push(t);
      byKey.set(t.key, list);
    }
    for (const list of byKey.values()) {
      for (let j = 1; j < list.length; j++) {
        const b = list[j];
        const a = list.slice(0, j).find((x) => x.category !== b.category && this.conflict(x, b));
        if (a) {
          this.problems.push(
            b.doc.problem(
              b.path,
              `term "${b.text}" of category "${b.category}" is already claimed by category "${a.category}" ("${a.text}"); keep it in one category, or declare "shares": ["${a.category}"] if a name in either is meant to be both`,
            ),
          );
        }
      }
    }
  }

  private conflict(a: TermOrigin, b: TermOrigin): boolean {
    const ca = this.categories.get(a.category);
    const cb = this.categories.get(b.category);
    if (!ca || !cb || ca.shares.includes(cb.id) || cb.shares.includes(ca.id)) return false;
    // Weak terms of one group can only be told apart by subjects a category adds to its group's.
    const indistinct = ca.group === cb.group && (ca.subjects.length === 0 || cb.subjects.length === 0);
    return (a.strength === 'strong' && b.strength === 'strong') || indistinct;
  }

  finish(): Catalog {
    this.claimedTwice();
    if (this.problems.length) throw new ConfigError(this.problems);
    const categories = new Map<string, Category>();
    for (const c of this.categories.values()) {
      const group = this.groups.get(c.group)!;
      categories.set(c.id, {
        id: c.id,
        group: c.group,
        label: c.label,
        kind: group.kind,
        requires: c.requires ?? group.requires,
        strong: unique(c.strong),
        weak: unique(c.weak),
        subjects: unique([...group.subjects, ...c.subjects]),
        exclude: unique(c.exclude),
        ...(c.fides ? { fides: c.fides } : {}),
      });
    }
    return {
      sources: this.sources,
      conditions: this.conditions,
      groups: this.groups,
      categories,
      exclude: unique(this.exclude),
      excludeContexts: unique(this.excludeContexts),
      qualifiers: unique(this.qualifiers),
    };
  }
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
