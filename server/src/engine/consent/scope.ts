import type { Span } from '../occurrence';
import type { ConsentOrigin, ConsentRegion } from './model';

/**
 * The consent model: what is declared at a position of a document. One model for every
 * language; scanners feed it regions (directives, guards) and the config adds its globs.
 */
export class ConsentScope {
  /** Nearest (shortest) first, sorted once: `at` runs for every matched name of the file. */
  private readonly regions: readonly ConsentRegion[];
  /** Every offset where some region starts or ends, ascending: between two, the answer is the same. */
  private readonly bounds: number[];
  /** The answer per stretch between bounds, worked out when first asked. */
  private readonly answers = new Map<number, readonly InScope[]>();

  constructor(regions: readonly ConsentRegion[]) {
    this.regions = [...regions].sort((a, b) => spanLength(a.span) - spanLength(b.span));
    this.bounds = [...new Set(regions.flatMap((r) => [r.span.start, r.span.end]))].sort((a, b) => a - b);
  }

  /** Every condition declared at `offset`, each with the region that declares it (nearest first). */
  at(offset: number): readonly InScope[] {
    // The stretch is named by the number of bounds at or before the offset.
    let lo = 0;
    let hi = this.bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.bounds[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    let answer = this.answers.get(lo);
    if (!answer) this.answers.set(lo, (answer = this.compute(offset)));
    return answer;
  }

  private compute(offset: number): InScope[] {
    const out = new Map<string, InScope>();
    for (const r of this.regions) {
      if (r.span.start > offset || offset >= r.span.end) continue;
      for (const id of r.conditions) if (!out.has(id)) out.set(id, { id, origin: r.origin, region: r });
    }
    return [...out.values()];
  }
}

export interface InScope {
  readonly id: string;
  readonly origin: ConsentOrigin;
  readonly region: ConsentRegion;
}

function spanLength(s: Span): number {
  return s.end - s.start;
}
