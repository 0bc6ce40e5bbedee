/** Helpers shared by the SQL tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../../server/src/engine';

/** `role name [context]` per occurrence, for compact assertions. */
export function describeOccurrences(
  text: string,
  occurrences: readonly { name: string; role: string; span: { start: number; end: number }; context: readonly string[] }[],
): string[] {
  return occurrences.map((o) => {
    if (text.slice(o.span.start, o.span.end) !== o.name && !/["`\]]/.test(text.slice(o.span.start - 1, o.span.start))) {
      throw new Error(`span of ${o.name} covers "${text.slice(o.span.start, o.span.end)}"`);
    }
    return `${o.role === 'declaration' ? 'decl' : 'use'} ${o.name} [${o.context.join(', ')}]`;
  });
}

/** The checkout: found as the engine finds its own package root. */
export const repoRoot = packageRoot;

export function sqlFixtures(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sqlFixtures(path.join(dir, e.name)) : /\.(sql|ts)$/.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}
