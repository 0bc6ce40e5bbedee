/**
 * `catalint inventory --format fides`: the SQL schema the code declares and queries, as a Fides
 * dataset (YAML: `dataset` → `collections`, one per table → `fields`, one per classified column,
 * with `data_categories`), so that a privacy team's Fides map starts from the code. The catalog
 * says which Fides data category each of its categories is (`fides` in the catalog); a column
 * whose categories have none is listed without `data_categories` and named in a comment.
 *
 * Every scalar is written as a JSON string, which YAML reads as a double-quoted scalar: no table
 * or column name can break the document.
 */
import type { Inventory } from '../workspace/inventory';

export function fidesDataset(inv: Inventory, key: string): string {
  const fidesOf = new Map(inv.categories.map((c) => [c.id, c.fides]));
  const q = (s: string): string => JSON.stringify(s);
  const out = [
    '# Written by catalint inventory --format fides: the SQL tables the code declares or queries,',
    '# with the Fides data categories of their classified columns.',
    'dataset:',
    `  - fides_key: ${q(key)}`,
    `    name: ${q(key)}`,
    `    description: ${q('SQL tables and columns found in the code by Catalint, classified by its catalog')}`,
    '    collections:',
  ];
  if (inv.tables.length === 0) out[out.length - 1] = '    collections: []';
  for (const table of inv.tables) {
    out.push(`      - name: ${q(table.table)}`, '        fields:');
    for (const column of table.columns) {
      const categories = [...new Set(column.categories.map((c) => fidesOf.get(c)).filter((f): f is string => f !== undefined))].sort();
      const unmapped = column.categories.filter((c) => fidesOf.get(c) === undefined);
      out.push(`          - name: ${q(column.column)}`);
      if (categories.length > 0) out.push(`            data_categories: [${categories.map(q).join(', ')}]`);
      if (unmapped.length > 0) out.push(`            # no Fides category in the catalog for ${unmapped.join(', ')}`);
    }
  }
  return out.join('\n') + '\n';
}

/** A Fides key from a name: letters, digits, `_`, `.` and `-`. */
export function fidesKey(name: string): string {
  const key = name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[^A-Za-z0-9]+/, '');
  return key === '' ? 'catalint_dataset' : key;
}
