/**
 * The explanation of a flagged or classified name, in Markdown: which category (seed label and
 * English), its group and kind, the term and context that matched, what consent it needs and
 * what is declared where it stands.
 */
import type { MarkupContent } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import type { Catalog, Label, Requirement } from '../engine/catalog/model';
import type { ConsentOrigin } from '../engine/consent/model';
import type { DataFinding } from '../engine/finding';

const ORIGIN: Readonly<Record<ConsentOrigin, string>> = {
  'file-directive': 'file directive',
  'function-directive': 'function directive',
  'statement-directive': 'statement directive',
  guard: 'guard',
  config: '`catalint.json`',
};

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

function labels(label: Label): string {
  return label.fr && label.fr !== label.en ? `${label.fr} — ${label.en}` : label.en;
}

/** "`a`", "all of `a` and `b`", "any of `a` or `b`", or alternatives of several. */
export function requirementText(req: Requirement): string {
  const all = (ids: readonly string[]): string =>
    ids.length === 1 ? code(ids[0]) : `all of ${ids.slice(0, -1).map(code).join(', ')} and ${code(ids[ids.length - 1])}`;
  if (req.length === 0) return 'nothing';
  if (req.length === 1) return all(req[0]);
  if (req.every((alt) => alt.length === 1)) return `any of ${req.map((alt) => code(alt[0])).join(', ')}`;
  return `any of: ${req.map((alt) => (alt.length === 1 ? code(alt[0]) : `(${all(alt)})`)).join(' or ')}`;
}

export function renderHover(f: DataFinding, catalog: Catalog): MarkupContent {
  const lines: string[] = [];
  const m = f.match;
  for (const id of m.categories) {
    const category = catalog.categories.get(id);
    if (!category) {
      lines.push(`**${code(id)}**`);
      continue;
    }
    const group = catalog.groups.get(category.group);
    // Two trailing spaces: a line break inside the paragraph.
    lines.push(`**${code(id)}** ${labels(category.label)}  `);
    lines.push(`group: ${code(category.group)}${group ? ` (${labels(group.label)})` : ''}; kind: ${category.kind}`);
    lines.push('');
  }
  const context = m.context ? ` in the context of ${code(m.context)}` : '';
  lines.push(`Matched term ${code(m.term)} (${m.strength})${context} in ${code(f.name)} (${f.syntax}).`);
  if (f.context.length > 0) lines.push(`Belongs to ${f.context.map(code).join(' ← ')}.`);
  lines.push('');
  if (f.rule === 'consent-required') {
    lines.push(`Requires: ${requirementText(m.requires)}.`);
    const declared = f.declared.map((d) => `${code(d.id)} (${ORIGIN[d.origin] ?? d.origin})`);
    lines.push(`Declared in scope: ${declared.length > 0 ? declared.join(', ') : 'none'}.`);
  } else {
    lines.push(`Declares a field of this category; uses of it require ${requirementText(m.requires)}.`);
  }
  return { kind: MarkupKind.Markdown, value: lines.join('\n') };
}
