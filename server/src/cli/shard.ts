/**
 * `--shard k/n`: which files this runner of a CI matrix lints. Every runner sees the same
 * checkout, so every runner computes the same split: files largest first (ties by path), each
 * given to the share with the fewest bytes so far (ties to the lower share). Shares then end at
 * about the same time, and `catalint merge` puts their reports back together.
 */
import * as fs from 'node:fs';
import { compareStrings } from './report';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export interface Sized {
  readonly shown: string;
  readonly bytes: number;
}

/** The files of share `shard.index`, in their original order. */
export function shareOf<T extends Sized>(files: readonly T[], shard: Shard): T[] {
  if (shard.count === 1) return [...files];
  const order = files.map((f, i) => ({ f, i })).sort((a, b) => b.f.bytes - a.f.bytes || compareStrings(a.f.shown, b.f.shown));
  const loads = new Array<number>(shard.count).fill(0);
  const mine = new Set<number>();
  for (const { f, i } of order) {
    let least = 0;
    for (let s = 1; s < loads.length; s++) if (loads[s] < loads[least]) least = s;
    loads[least] += Math.max(1, f.bytes);
    if (least === shard.index - 1) mine.add(i);
  }
  return files.filter((_, i) => mine.has(i));
}

/** Size on disk, for the split between shares; 0 for what cannot be looked at (linting it says why). */
export function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
