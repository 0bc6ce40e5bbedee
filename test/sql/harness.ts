/**
 * Helpers for the SQL tests. `sqlFindings` composes the SQL scanner with the catalog matcher and
 * the consent scope the way lint() composes the TypeScript scanner with them; the precision test
 * uses it only while lint() does not read `.sql` files yet.
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import { isSatisfied, LineMap, type Config, type DataFinding, type SqlDialect } from '../../server/src/engine';
import { ConsentScope } from '../../server/src/engine/consent/scope';
import { guessDialect } from '../../server/src/engine/sql/dialect';
import { scanSql } from '../../server/src/engine/sql/scanner';

export function dialectFor(file: string, text: string, config: Config): SqlDialect {
  const rel = path.relative(config.root, file).split(path.sep).join('/');
  const rule = config.sql.dialects.find((r) => picomatch(r.glob, { dot: true })(rel));
  return rule ? rule.value : guessDialect(text);
}

export function sqlFindings(text: string, file: string, config: Config): DataFinding[] {
  const scan = scanSql(text, { dialect: dialectFor(file, text, config) });
  const scope = new ConsentScope(scan.regions);
  const lines = new LineMap(text);
  const out: DataFinding[] = [];
  for (const occ of scan.occurrences) {
    const match = config.matcher.match(occ.name, occ.context);
    if (!match) continue;
    const declared = scope.at(occ.span.start).map(({ id, origin }) => ({ id, origin }));
    const rule = occ.role === 'declaration' ? 'catalog-field' : 'consent-required';
    if (rule === 'consent-required' && isSatisfied(match.requires, new Set(declared.map((d) => d.id)))) continue;
    const line = lines.position(occ.span.start).line;
    if (scan.suppressions.some((s) => s.line === line && (s.rules.length === 0 || s.rules.includes(rule)))) continue;
    out.push({ rule, severity: 'warning', span: occ.span, name: occ.name, message: '', role: occ.role, syntax: occ.syntax, context: occ.context, match, declared });
  }
  return out;
}

/** `role name [context]` per occurrence, for compact assertions. */
export function describeOccurrences(text: string, occurrences: readonly { name: string; role: string; span: { start: number; end: number }; context: readonly string[] }[]): string[] {
  return occurrences.map((o) => {
    if (text.slice(o.span.start, o.span.end) !== o.name && !/["`\]]/.test(text.slice(o.span.start - 1, o.span.start))) {
      throw new Error(`span of ${o.name} covers "${text.slice(o.span.start, o.span.end)}"`);
    }
    return `${o.role === 'declaration' ? 'decl' : 'use'} ${o.name} [${o.context.join(', ')}]`;
  });
}
