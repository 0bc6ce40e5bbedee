/**
 * The inventory of a set of files: each read (or taken from an editor's open document), analysed
 * by the engine with every data name collected, and added to one InventoryBuilder. The CLI's
 * `catalint inventory` and the editor's Data Inventory view both build it here.
 */
import * as path from 'node:path';
import { isTestFile } from '../engine/config/tests';
import { lint } from '../engine/lint';
import { MAX_SOURCE_BYTES } from '../engine/languages/registry';
import { decodeSource } from '../engine/text/decode';
import { LineMap } from '../engine/text/positions';
import { readRegularFile } from '../engine/text/read-file';
import type { Configs } from './configs';
import { type Inventory, InventoryBuilder, ModuleOf } from './inventory';
import { reasonOf } from './reasons';

export interface InventoryScanOptions {
  /** Paths are shown relative to it, and modules found under it. */
  readonly cwd: string;
  readonly includeTests: boolean;
  /** An open document's text, which wins over the file on disk; undefined: read the file. */
  readonly textOf?: (file: string) => string | undefined;
  /** Awaited between files: a server answers its other requests meanwhile. */
  readonly pause?: () => Promise<void>;
  /** Polled between files: a caller that no longer needs the result stops it (undefined is returned). */
  readonly cancelled?: () => boolean;
}

export async function scanInventory(
  files: readonly string[],
  configs: Configs,
  options: InventoryScanOptions,
): Promise<{ inventory: Inventory; failures: { file: string; reason: string }[] } | undefined> {
  const { cwd } = options;
  const builder = new InventoryBuilder(configs.forFile(path.join(cwd, 'catalint.json')).config.catalog);
  const modules = new ModuleOf(cwd);
  const failures: { file: string; reason: string }[] = [];
  const shown = (abs: string) => (path.relative(cwd, abs) || '.').split(path.sep).join('/');
  for (const abs of [...files].sort()) {
    await options.pause?.();
    if (options.cancelled?.()) return undefined;
    const config = configs.forFile(abs).config;
    if (!options.includeTests && isTestFile(config, abs)) continue;
    let text = options.textOf?.(abs);
    if (text === undefined) {
      try {
        text = decodeSource(readRegularFile(abs, MAX_SOURCE_BYTES));
      } catch (e) {
        failures.push({ file: shown(abs), reason: reasonOf(e) });
        continue;
      }
    }
    const result = lint({ text, path: abs }, config, { collectUses: true });
    if (result.language === undefined) continue;
    builder.add({ file: shown(abs), module: modules.of(abs), lines: new LineMap(text), uses: result.uses ?? [] });
  }
  return { inventory: builder.build(), failures };
}
