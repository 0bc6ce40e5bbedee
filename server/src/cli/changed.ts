/**
 * `--changed-since <ref>`: the pull-request view. Only files added or changed since the merge
 * base are linted, and of a changed file only the findings a change can have caused are kept:
 * those on an added or changed line, and every finding of a group (rule, category, name) that
 * grew by more than its findings on changed lines. The second part catches what no changed line
 * shows: a removed `@consent` line leaves its uses unchanged and unconsented.
 */
import * as path from 'node:path';
import type { Configs } from '../workspace/configs';
import type { FileChange } from '../workspace/changes';
import { groupKey } from './baseline';
import { lintText } from './lint-file';
import { FileFindings, type ReportFinding } from './report';

/** What the filter left out. */
export interface ChangeFilter {
  readonly kept: FileFindings[];
  /** Findings of changed files that are on unchanged lines and not new to their group. */
  readonly hidden: number;
}

export function keepChanged(
  groups: readonly FileFindings[],
  changes: ReadonlyMap<string, FileChange>,
  cwd: string,
  configs: Configs,
): ChangeFilter {
  const kept: FileFindings[] = [];
  let hidden = 0;
  for (const g of groups) {
    const change = changes.get(g.file);
    if (change?.kind !== 'changed') {
      kept.push(g);
      continue;
    }
    const growth = growthOf(g.findings, lintText(change.baseText, path.resolve(cwd, g.file), g.file, configs));
    const onChanged = new Map<string, number>();
    for (const f of g.findings) if (onChangedLine(f, change.lines)) onChanged.set(groupKey(f), (onChanged.get(groupKey(f)) ?? 0) + 1);
    // A group that grew by more than its findings on changed lines has new findings elsewhere
    // (a removed consent): all of it is kept, since which ones are new cannot be told.
    const whole = new Set([...growth].filter(([key, n]) => n > (onChanged.get(key) ?? 0)).map(([key]) => key));
    const keep = (f: ReportFinding): boolean => f.rule === 'skipped-file' || whole.has(groupKey(f)) || onChangedLine(f, change.lines);
    const filtered = g.filter(keep);
    hidden += g.tally.total - filtered.tally.total;
    kept.push(filtered);
  }
  return { kept, hidden };
}

/** How many more findings each group has now than at the base (only those that grew). */
function growthOf(now: readonly ReportFinding[], before: readonly ReportFinding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of now) counts.set(groupKey(f), (counts.get(groupKey(f)) ?? 0) + 1);
  for (const f of before) counts.set(groupKey(f), (counts.get(groupKey(f)) ?? 0) - 1);
  return new Map([...counts].filter(([, n]) => n > 0));
}

function onChangedLine(f: ReportFinding, lines: ReadonlySet<number>): boolean {
  for (let line = f.line; line <= f.endLine; line++) if (lines.has(line)) return true;
  return false;
}
