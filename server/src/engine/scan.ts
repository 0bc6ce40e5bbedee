/**
 * The one shape of what a scanner finds in a document, whatever the language, and the builder
 * every scanner fills. A scan is in document offsets; a scan made of a part of a document (a
 * statement remembered between keystrokes, SQL inside a string) is moved into place with
 * `shift` and added with `merge`.
 */
import type { ConditionReference, ConsentRegion, Suppression } from './consent/model';
import type { Occurrence, Span } from './occurrence';

/** A string or template literal of a host language that holds SQL, in host offsets (see languages/sql/embedded.ts). */
export interface HostFragment {
  readonly span: Span;
  /** The named function of the host around the literal: its SQL's names are in it. */
  readonly container?: string;
  readonly parts: readonly (
    | { readonly kind: 'text'; readonly span: Span; readonly raw: string }
    | { readonly kind: 'substitution'; readonly span: Span; readonly expression: string }
  )[];
}

/** Something the scanner could not follow fully (an SQL statement read name by name); reported. */
export interface Note {
  readonly span: Span;
  readonly message: string;
}

/**
 * A function of the file that is not exported (type-aware analysis): when every place that calls
 * it has consent, what it reads has that consent too (`lint`, "consent that follows calls").
 */
export interface LocalFunction {
  readonly name: string;
  /** The whole function; `span.start` identifies it in `LocalCall.function`. */
  readonly span: Span;
}

/** A call of a local function, or (`escapes`) a reference that hands it on: its callers are then unknown. */
export interface LocalCall {
  readonly function: number;
  readonly span: Span;
  readonly escapes: boolean;
}

export interface Scan {
  readonly occurrences: readonly Occurrence[];
  readonly regions: readonly ConsentRegion[];
  readonly suppressions: readonly Suppression[];
  /** Every condition id written in a directive or guard, so unknown ids are reported. */
  readonly conditionRefs: readonly ConditionReference[];
  /** `@consent` comments that cover nothing. */
  readonly strayDirectives: readonly Span[];
  readonly notes: readonly Note[];
  /** Literals of a host language that hold another language (SQL), handed on by `lint`. */
  readonly embedded: readonly HostFragment[];
  /** Type-aware only: the file's functions that are not exported, and where they are called. */
  readonly localFunctions: readonly LocalFunction[];
  readonly localCalls: readonly LocalCall[];
}

export const EMPTY_SCAN: Scan = {
  occurrences: [],
  regions: [],
  suppressions: [],
  conditionRefs: [],
  strayDirectives: [],
  notes: [],
  embedded: [],
  localFunctions: [],
  localCalls: [],
};

/** Where a builder stood: what was added since is `since(mark)`. */
export type ScanMark = { readonly [K in keyof Scan]: number };

/** Collects a scan. Arrays are public for speed: scanners push to them directly. */
export class ScanBuilder implements Scan {
  readonly occurrences: Occurrence[] = [];
  readonly regions: ConsentRegion[] = [];
  readonly suppressions: Suppression[] = [];
  readonly conditionRefs: ConditionReference[] = [];
  readonly strayDirectives: Span[] = [];
  readonly notes: Note[] = [];
  readonly embedded: HostFragment[] = [];
  readonly localFunctions: LocalFunction[] = [];
  readonly localCalls: LocalCall[] = [];

  /** Adds `scan`, moved by `delta` offsets and its suppressions by `lines` lines. */
  merge(scan: Scan, delta = 0, lines = 0): this {
    if (delta === 0 && lines === 0) {
      // A loop, not push(...items): a spread of a few hundred thousand items overflows the stack.
      for (const key of KEYS) {
        const into = this[key] as unknown[];
        for (const item of scan[key]) into.push(item);
      }
      return this;
    }
    for (const o of scan.occurrences) this.occurrences.push(shiftOccurrence(o, delta));
    for (const r of scan.regions) this.regions.push(shiftRegion(r, delta));
    for (const s of scan.suppressions) this.suppressions.push(shiftSuppression(s, delta, lines));
    for (const r of scan.conditionRefs) this.conditionRefs.push({ ...r, span: shiftSpan(r.span, delta) });
    for (const d of scan.strayDirectives) this.strayDirectives.push(shiftSpan(d, delta));
    for (const n of scan.notes) this.notes.push({ ...n, span: shiftSpan(n.span, delta) });
    for (const f of scan.embedded) this.embedded.push(shiftFragment(f, delta));
    for (const f of scan.localFunctions) this.localFunctions.push({ name: f.name, span: shiftSpan(f.span, delta) });
    for (const c of scan.localCalls)
      this.localCalls.push({ function: c.function + delta, span: shiftSpan(c.span, delta), escapes: c.escapes });
    return this;
  }

  mark(): ScanMark {
    return {
      occurrences: this.occurrences.length,
      regions: this.regions.length,
      suppressions: this.suppressions.length,
      conditionRefs: this.conditionRefs.length,
      strayDirectives: this.strayDirectives.length,
      notes: this.notes.length,
      embedded: this.embedded.length,
      localFunctions: this.localFunctions.length,
      localCalls: this.localCalls.length,
    };
  }

  /** What was added since `mark`, as a scan of its own. */
  since(mark: ScanMark): Scan {
    return {
      occurrences: this.occurrences.slice(mark.occurrences),
      regions: this.regions.slice(mark.regions),
      suppressions: this.suppressions.slice(mark.suppressions),
      conditionRefs: this.conditionRefs.slice(mark.conditionRefs),
      strayDirectives: this.strayDirectives.slice(mark.strayDirectives),
      notes: this.notes.slice(mark.notes),
      embedded: this.embedded.slice(mark.embedded),
      localFunctions: this.localFunctions.slice(mark.localFunctions),
      localCalls: this.localCalls.slice(mark.localCalls),
    };
  }
}

const KEYS = [
  'occurrences',
  'regions',
  'suppressions',
  'conditionRefs',
  'strayDirectives',
  'notes',
  'embedded',
  'localFunctions',
  'localCalls',
] as const;

/** Every offset of a scan moved by `delta`, and its suppressions' lines by `lines`. */
export function shiftScan(scan: Scan, delta: number, lines: number): Scan {
  return new ScanBuilder().merge(scan, delta, lines);
}

export function shiftSpan(s: Span, delta: number): Span {
  return { start: s.start + delta, end: s.end + delta };
}

export function shiftOccurrence(o: Occurrence, delta: number): Occurrence {
  // Spelled out rather than spread: this runs for every name of every unchanged statement.
  return {
    name: o.name,
    span: shiftSpan(o.span, delta),
    role: o.role,
    syntax: o.syntax,
    context: o.context,
    derivedFrom: o.derivedFrom && shiftSpan(o.derivedFrom, delta),
    ...(o.container !== undefined ? { container: o.container } : {}),
    ...(o.declaredAs !== undefined ? { declaredAs: o.declaredAs } : {}),
    ...(o.tag !== undefined ? { tag: o.tag.span ? { id: o.tag.id, span: shiftSpan(o.tag.span, delta) } : o.tag } : {}),
  };
}

function shiftRegion(r: ConsentRegion, delta: number): ConsentRegion {
  return { ...r, span: shiftSpan(r.span, delta), ...(r.declaredAt ? { declaredAt: shiftSpan(r.declaredAt, delta) } : {}) };
}

function shiftSuppression(s: Suppression, delta: number, lines: number): Suppression {
  return { ...s, span: shiftSpan(s.span, delta), line: s.line + lines };
}

function shiftFragment(f: HostFragment, delta: number): HostFragment {
  return { span: shiftSpan(f.span, delta), parts: f.parts.map((p) => ({ ...p, span: shiftSpan(p.span, delta) })) };
}
