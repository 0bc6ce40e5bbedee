/** Helpers shared by the SQL tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** `role name [context]` per occurrence, for compact assertions. */
export function describeOccurrences(text: string, occurrences: readonly { name: string; role: string; span: { start: number; end: number }; context: readonly string[] }[]): string[] {
  return occurrences.map((o) => {
    if (text.slice(o.span.start, o.span.end) !== o.name && !/["`\]]/.test(text.slice(o.span.start - 1, o.span.start))) {
      throw new Error(`span of ${o.name} covers "${text.slice(o.span.start, o.span.end)}"`);
    }
    return `${o.role === 'declaration' ? 'decl' : 'use'} ${o.name} [${o.context.join(', ')}]`;
  });
}

/** The repository root, found by walking up: tests may run from any output folder. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test', 'fixtures', 'sql'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the repository root above ${__dirname}`);
  }
}

export function sqlFixtures(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sqlFixtures(path.join(dir, e.name)) : /\.(sql|ts)$/.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}
