/**
 * `@catalog` tags: `/** @catalog vehicle.mileage *\/` above a field, parameter, variable or
 * type classifies it explicitly, and `@catalog none` declassifies it. Read from the comment
 * text, so it works on trees parsed without JSDoc (the syntactic scan) as on a program's.
 */
import ts from 'typescript';
import type { Span } from '../../occurrence';

/** The tag word and the id after it; the id is checked against the catalog by `lint`, never here. */
const TAG = /@catalog[ \t]+([^\s*]+)/;

/** Whether a text holds any tag at all: files without one skip the look at comments. */
export function mayHoldCatalogTags(text: string): boolean {
  return text.includes('@catalog');
}

/**
 * The tag in the doc comment directly above `node` (for a variable, above its statement), with
 * the id's span in the file; the last doc comment wins, as the compiler's own JSDoc does.
 */
export function catalogTagIn(node: ts.Node, sf = node.getSourceFile()): { id: string; span: Span } | undefined {
  let holder = node;
  // `/** @catalog x *\/ const m = …`: the comment is the statement's.
  const list = ts.isVariableDeclaration(node) ? node.parent : undefined;
  if (list && ts.isVariableDeclarationList(list) && list.declarations.length === 1 && ts.isVariableStatement(list.parent))
    holder = list.parent;
  return catalogTagAt(sf.text, holder.pos);
}

/** The tag in the doc comments at `pos` (a node's full start), as `catalogTagIn` reads them. */
export function catalogTagAt(text: string, pos: number): { id: string; span: Span } | undefined {
  // A comment on the lines above the node is "leading"; one on the same line (`f(/** … *\/ d)`) "trails" the token before.
  const ranges = [...(ts.getTrailingCommentRanges(text, pos) ?? []), ...(ts.getLeadingCommentRanges(text, pos) ?? [])];
  for (let i = ranges.length - 1; i >= 0; i--) {
    const r = ranges[i];
    if (r.kind !== ts.SyntaxKind.MultiLineCommentTrivia || !text.startsWith('/**', r.pos)) continue;
    const m = TAG.exec(text.slice(r.pos, r.end));
    if (!m) continue;
    const start = r.pos + m.index + m[0].length - m[1].length;
    return { id: m[1], span: { start, end: start + m[1].length } };
  }
  return undefined;
}
