/** The answer to `catalint/catalogEntry`: the catalog entries behind a flagged or classified name. */
import type { Catalog } from '../engine/catalog/model';
import type { DataFinding } from '../engine/finding';
import type { CatalogEntryCategory, CatalogEntryResult } from './protocol';

export function catalogEntryOf(finding: DataFinding, catalog: Catalog): CatalogEntryResult {
  const categories = finding.match.categories.flatMap((id): CatalogEntryCategory[] => {
    const c = catalog.categories.get(id);
    if (!c) return [];
    const group = catalog.groups.get(c.group);
    return [
      {
        id: c.id,
        label: c.label,
        group: { id: c.group, label: group?.label ?? { en: c.group } },
        kind: c.kind,
        requires: c.requires,
        strong: c.strong,
        weak: c.weak,
        subjects: c.subjects,
      },
    ];
  });
  return {
    name: finding.name,
    rule: finding.rule,
    term: finding.match.term,
    context: finding.match.context,
    categories,
    sources: catalog.sources,
  };
}
