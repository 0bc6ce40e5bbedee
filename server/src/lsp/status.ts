/** The `catalint/status` a folder's configuration load produces, for the client's status item. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatProblem } from '../engine/errors';
import type { RootState } from './folder-configs';
import type { StatusParams } from './protocol';

export function statusOf(state: RootState): StatusParams {
  const folder = pathToFileURL(state.root).href;
  const config = state.good?.config;
  const categories = config?.catalog.categories.size ?? 0;
  const [first, ...others] = state.problems;
  if (!first && config) {
    const where = config.file ? path.basename(config.file) : 'built-in defaults';
    return {
      folder,
      state: 'ok',
      message: `Catalog loaded: ${categories} categories, ${config.catalog.conditions.size} conditions (${where})`,
      categories,
    };
  }
  const problem = first ? formatProblem(first) : `${state.root}: no configuration`;
  const more = others.length > 0 ? ` (and ${others.length} more)` : '';
  const kept = config ? ' The last good configuration stays in force.' : ' Nothing is linted until it is fixed.';
  return { folder, state: 'error', message: `${problem}${more}.${kept}`, categories };
}
