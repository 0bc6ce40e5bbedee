import type { Shard } from './shard';

/** The options of `catalint inventory`, apart from the command so that parsing arguments loads nothing else. */
export const INVENTORY_FORMATS = ['json', 'markdown', 'html', 'fides'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

export interface InventoryOptions {
  readonly paths: readonly string[];
  readonly format: InventoryFormat;
  readonly outputFile?: string;
  /** An earlier `--format json` inventory to compare with. */
  readonly compare?: string;
  readonly includeTests: boolean;
  /** `--link`: a URL with `{file}` and `{line}`, for the places of the HTML page. */
  readonly linkTemplate?: string;
  /** `--dataset`: the Fides dataset's key; default: the working directory's name. */
  readonly dataset?: string;
  /** `--shard k/n`: only the k-th of n shares of the files (`catalint merge` puts inventories together). */
  readonly shard?: Shard;
}
