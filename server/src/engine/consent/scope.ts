import type { Span } from '../occurrence';
import type { ConsentOrigin, ConsentRegion } from './model';

/**
 * The consent model: what is declared at a position of a document. One model for every
 * language; scanners feed it regions (directives, guards) and the config adds its globs.
 */
export class ConsentScope {
  /** Nearest (shortest) first, sorted once: `at` runs for every matched name of the file. */
  private readonly regions: readonly ConsentRegion[];

  constructor(regions: readonly ConsentRegion[]) {
    this.regions = [...regions].sort((a, b) => spanLength(a.span) - spanLength(b.span));
  }

  /** Every condition declared at `offset`, each with the region that declares it (nearest first). */
  at(offset: number): { id: string; origin: ConsentOrigin; region: ConsentRegion }[] {
    const out = new Map<string, { id: string; origin: ConsentOrigin; region: ConsentRegion }>();
    for (const r of this.regions) {
      if (r.span.start > offset || offset >= r.span.end) continue;
      for (const id of r.conditions) if (!out.has(id)) out.set(id, { id, origin: r.origin, region: r });
    }
    return [...out.values()];
  }
}

function spanLength(s: Span): number {
  return s.end - s.start;
}
