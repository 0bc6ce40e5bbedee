/**
 * The data inventory: which catalog data a codebase uses and declares, where, and under which
 * consent. It is built from the engine's `uses` (every data name, consented or not), file by
 * file, so the CLI and the editor build the same map from the same analysis. Never a data
 * value: names, places and ids only.
 *
 * `Inventory` is the contract of `catalint inventory --format json`: fields may be added, never
 * removed or renamed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Category, Kind, Requirement } from '../engine/catalog/model';
import type { DataUse } from '../engine/lint';
import type { LineMap } from '../engine/text/positions';

export const INVENTORY_VERSION = 1;

const NOT_A_CONDITION = '(not a condition of the catalog)';

export interface InventoryPlace {
  /** Relative to the working directory, with `/`. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly name: string;
  readonly role: 'use' | 'declaration';
  readonly syntax: string;
  /** Condition ids in scope. */
  readonly declared: readonly string[];
  /** Whether they meet the category's requirement (declarations need none). */
  readonly met: boolean;
  /** The SQL table of a column, or the type or receiver the name belongs to, when known. */
  readonly of?: string;
  /** The named function or method it is in, when known. */
  readonly in?: string;
  /** The module: the nearest folder with a package.json, else the file's top folder. */
  readonly module: string;
}

export interface InventoryCategory {
  readonly id: string;
  readonly label: { readonly en: string; readonly fr?: string };
  readonly group: string;
  readonly kind: Kind;
  readonly requires: Requirement;
  /** The Fides taxonomy data category, when the catalog maps it. */
  readonly fides?: string;
  readonly uses: number;
  readonly unconsented: number;
  readonly declarations: number;
  /** Modules that use or declare it, sorted. */
  readonly modules: readonly string[];
  readonly places: readonly InventoryPlace[];
}

export interface InventoryCondition {
  readonly id: string;
  readonly label: string;
  /** Uses in its scope, and the categories they are. */
  readonly uses: number;
  readonly categories: readonly string[];
}

export interface InventoryModule {
  readonly module: string;
  readonly categories: readonly string[];
  readonly uses: number;
  readonly unconsented: number;
}

export interface InventoryTable {
  readonly table: string;
  readonly columns: readonly { readonly column: string; readonly categories: readonly string[] }[];
}

export interface Inventory {
  readonly version: typeof INVENTORY_VERSION;
  readonly totals: {
    readonly files: number;
    readonly categories: number;
    readonly uses: number;
    readonly unconsented: number;
    readonly declarations: number;
  };
  /** Only the categories the code touches, by id. */
  readonly categories: readonly InventoryCategory[];
  readonly conditions: readonly InventoryCondition[];
  readonly modules: readonly InventoryModule[];
  readonly tables: readonly InventoryTable[];
}

/** One file's uses, as the builder takes them. */
export interface FileUses {
  readonly file: string;
  readonly module: string;
  readonly lines: LineMap;
  readonly uses: readonly DataUse[];
}

const SQL_SYNTAX = new Set(['sql-column', 'sql-column-definition']);

/** Collects files' uses, then builds the inventory; memory is per place, never per file text. */
/** What the builder reads of a catalog: a Catalog, or what earlier inventories say of it (merge). */
export interface InventoryCatalog {
  readonly categories: ReadonlyMap<string, Pick<Category, 'label' | 'group' | 'kind' | 'requires' | 'fides'>>;
  readonly conditions: ReadonlyMap<string, { readonly label: string }>;
}

export class InventoryBuilder {
  private readonly places = new Map<string, InventoryPlace[]>();
  private files = 0;

  constructor(private readonly catalog: InventoryCatalog) {}

  /**
   * The inventories of `catalint inventory --shard` runs as one, the same as one run over all
   * their files: places are put back together and everything else is counted again.
   */
  static merge(inventories: readonly Inventory[]): Inventory {
    const categories = new Map<string, InventoryCategory>();
    const conditions = new Map<string, { label: string }>();
    for (const inv of inventories) {
      for (const c of inv.categories) if (!categories.has(c.id)) categories.set(c.id, c);
      for (const c of inv.conditions) if (!conditions.has(c.id)) conditions.set(c.id, { label: c.label });
    }
    const builder = new InventoryBuilder({ categories, conditions });
    for (const inv of inventories) {
      builder.files += inv.totals.files;
      for (const c of inv.categories) {
        const list = builder.places.get(c.id);
        if (list) list.push(...c.places);
        else builder.places.set(c.id, [...c.places]);
      }
    }
    return builder.build();
  }

  add(file: FileUses): void {
    this.files++;
    for (const use of file.uses) {
      const at = file.lines.position(use.span.start);
      const of = use.context[0];
      for (const category of use.match.categories) {
        const place: InventoryPlace = {
          file: file.file,
          line: at.line + 1,
          column: at.character + 1,
          name: use.name,
          role: use.role,
          syntax: use.syntax,
          declared: use.declared,
          met: use.satisfied,
          ...(of !== undefined ? { of } : {}),
          ...(use.container !== undefined ? { in: use.container } : {}),
          module: file.module,
        };
        const list = this.places.get(category);
        if (list) list.push(place);
        else this.places.set(category, [place]);
      }
    }
  }

  build(): Inventory {
    const categories: InventoryCategory[] = [];
    const conditions = new Map<string, { uses: number; categories: Set<string> }>();
    const modules = new Map<string, { categories: Set<string>; uses: number; unconsented: number }>();
    const tables = new Map<string, Map<string, Set<string>>>();
    for (const id of [...this.places.keys()].sort(compare)) {
      const c = this.catalog.categories.get(id);
      if (!c) continue;
      const places = this.places.get(id)!.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column);
      const uses = places.filter((p) => p.role === 'use');
      for (const p of places) {
        const m = modules.get(p.module) ?? { categories: new Set<string>(), uses: 0, unconsented: 0 };
        modules.set(p.module, m);
        m.categories.add(id);
        if (p.role === 'use') {
          m.uses++;
          if (!p.met) m.unconsented++;
          for (const cond of p.declared) {
            const entry = conditions.get(cond) ?? { uses: 0, categories: new Set<string>() };
            conditions.set(cond, entry);
            entry.uses++;
            entry.categories.add(id);
          }
        }
        if (SQL_SYNTAX.has(p.syntax) && p.of) {
          const columns = tables.get(p.of) ?? new Map<string, Set<string>>();
          tables.set(p.of, columns);
          const cats = columns.get(p.name) ?? new Set<string>();
          columns.set(p.name, cats);
          cats.add(id);
        }
      }
      categories.push({
        id,
        label: c.label,
        group: c.group,
        kind: c.kind,
        requires: c.requires,
        ...(c.fides ? { fides: c.fides } : {}),
        uses: uses.length,
        unconsented: uses.filter((p) => !p.met).length,
        declarations: places.length - uses.length,
        modules: [...new Set(places.map((p) => p.module))].sort(compare),
        places,
      });
    }
    return {
      version: INVENTORY_VERSION,
      totals: {
        files: this.files,
        categories: categories.length,
        uses: categories.reduce((n, c) => n + c.uses, 0),
        unconsented: categories.reduce((n, c) => n + c.unconsented, 0),
        declarations: categories.reduce((n, c) => n + c.declarations, 0),
      },
      categories,
      conditions: [...conditions.keys()].sort(compare).map((id) => ({
        id,
        // A condition the code declares that the catalog lacks (a typo): said, not hidden.
        label: this.catalog.conditions.get(id)?.label ?? NOT_A_CONDITION,
        uses: conditions.get(id)!.uses,
        categories: [...conditions.get(id)!.categories].sort(compare),
      })),
      modules: [...modules.keys()].sort(compare).map((module) => {
        const m = modules.get(module)!;
        return { module, categories: [...m.categories].sort(compare), uses: m.uses, unconsented: m.unconsented };
      }),
      tables: [...tables.keys()].sort(compare).map((table) => ({
        table,
        columns: [...tables.get(table)!.keys()].sort(compare).map((column) => ({
          column,
          categories: [...tables.get(table)!.get(column)!].sort(compare),
        })),
      })),
    };
  }
}

/** What changed between two inventories: what a privacy reviewer reads on a pull request. */
export interface InventoryChanges {
  readonly addedCategories: readonly string[];
  readonly removedCategories: readonly string[];
  /** A category now used in a module that did not touch it. */
  readonly newModules: readonly { readonly category: string; readonly module: string }[];
  /** Uses whose consent no longer meets the requirement, or that are new without it. */
  readonly lostConsent: readonly InventoryPlace[];
  readonly usesBefore: number;
  readonly usesNow: number;
  readonly unconsentedBefore: number;
  readonly unconsentedNow: number;
}

/**
 * Compares by what survives edits: a place is its file, category and name (not its line); a
 * use that lost its consent is one more unconsented place of that key than before.
 */
export function compareInventories(before: Inventory, now: Inventory): InventoryChanges {
  const ids = (inv: Inventory) => new Set(inv.categories.map((c) => c.id));
  const was = ids(before);
  const is = ids(now);
  const modulesOf = new Map(before.categories.map((c) => [c.id, new Set(c.modules)]));
  const newModules: { category: string; module: string }[] = [];
  for (const c of now.categories) {
    const old = modulesOf.get(c.id);
    if (!old) continue;
    for (const m of c.modules) if (!old.has(m)) newModules.push({ category: c.id, module: m });
  }
  const unconsented = (inv: Inventory): Map<string, InventoryPlace[]> => {
    const out = new Map<string, InventoryPlace[]>();
    for (const c of inv.categories) {
      for (const p of c.places) {
        if (p.role !== 'use' || p.met) continue;
        const key = `${c.id}\u0000${p.file}\u0000${p.name}`;
        const list = out.get(key);
        if (list) list.push(p);
        else out.set(key, [p]);
      }
    }
    return out;
  };
  const old = unconsented(before);
  const lostConsent: InventoryPlace[] = [];
  for (const [key, places] of unconsented(now)) {
    const extra = places.length - (old.get(key)?.length ?? 0);
    if (extra > 0) lostConsent.push(...places.slice(places.length - extra));
  }
  return {
    addedCategories: [...is].filter((id) => !was.has(id)).sort(compare),
    removedCategories: [...was].filter((id) => !is.has(id)).sort(compare),
    newModules,
    lostConsent: lostConsent.sort((a, b) => compare(a.file, b.file) || a.line - b.line),
    usesBefore: before.totals.uses,
    usesNow: now.totals.uses,
    unconsentedBefore: before.totals.unconsented,
    unconsentedNow: now.totals.unconsented,
  };
}

/**
 * The module of a file: the nearest folder with a package.json under the working directory (a
 * package of a monorepo); in the working directory's own package, the file's first two folders
 * (`src/billing`), which is how a single application is split.
 */
export class ModuleOf {
  private readonly byDir = new Map<string, string>();

  constructor(private readonly cwd: string) {}

  of(file: string): string {
    const dir = path.dirname(file);
    let module = this.byDir.get(dir);
    if (module === undefined) {
      module = this.find(dir);
      this.byDir.set(dir, module);
    }
    return module;
  }

  private find(dir: string): string {
    const rel = path.relative(this.cwd, dir);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return shownPath(this.cwd, dir);
    for (let d = dir; d !== this.cwd && path.dirname(d) !== d; d = path.dirname(d)) {
      if (fs.existsSync(path.join(d, 'package.json'))) return shownPath(this.cwd, d);
    }
    const parts = rel.split(path.sep).filter(Boolean);
    return parts.length === 0 ? '.' : parts.slice(0, 2).join('/');
  }
}

function shownPath(cwd: string, dir: string): string {
  return (path.relative(cwd, dir) || '.').split(path.sep).join('/');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
