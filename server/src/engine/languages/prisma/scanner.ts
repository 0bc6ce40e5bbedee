/**
 * The Prisma schema scanner: every field of a model, view or composite type is a declaration
 * (`catalog-field`), with its model, and the table of `@@map`, as what it belongs to. A field's
 * `@map` column name is a declaration too: the database, and the SQL that reads it, know the
 * data by that name. Enum values are tags, not data; datasource and generator settings and
 * every other string (`@default("...")`) are never names.
 */
import { attachDirectives, type Target } from '../../consent/attach';
import { mayHoldDirectives } from '../../consent/directives';
import type { Occurrence, Span } from '../../occurrence';
import { ScanBuilder, type Scan } from '../../scan';
import { LineMap } from '../../text/positions';
import { type Block, type CommentRun, parsePrisma } from './structure';

export function scanPrisma(text: string, checkpoint: () => void = () => {}): Scan {
  const schema = parsePrisma(text, checkpoint);
  const out = new ScanBuilder();
  for (const block of schema.blocks) fieldsOf(text, block, out.occurrences);
  // Most schemas hold no directive: their comments need not be read.
  if (mayHoldDirectives(text)) directives(text, schema.runs, out);
  return out;
}

function fieldsOf(text: string, block: Block, out: Occurrence[]): void {
  if (block.fields.length === 0) return;
  const model = slice(text, block.name);
  const table = block.table && slice(text, block.table);
  const context = table !== undefined && table !== model ? [model, table] : [model];
  for (const field of block.fields) {
    const name = slice(text, field.name);
    out.push(declaration(name, field.name, context));
    const column = field.mapped && slice(text, field.mapped);
    // `password String @map("password")` names one column once.
    if (field.mapped && column !== undefined && column !== name) out.push(declaration(column, field.mapped, context));
  }
}

function declaration(name: string, span: Span, context: readonly string[]): Occurrence {
  return { name, span, role: 'declaration', syntax: 'property-signature', context };
}

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** Each run of comments, with the block or field it comes directly before, to the one place that decides what directives cover. */
function directives(text: string, runs: readonly CommentRun[], out: ScanBuilder): void {
  let lineMap: LineMap | undefined;
  const lines = (): LineMap => (lineMap ??= new LineMap(text));
  for (const run of runs) {
    const target: Target = run.target ? { kind: 'code', span: run.target, origin: 'statement-directive' } : { kind: 'nothing' };
    attachDirectives(text, { comments: run.comments, target, beforeAnyCode: run.beforeAnyCode }, out, lines);
  }
}
