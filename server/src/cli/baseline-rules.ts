/** The rules a bulk suppressions file may hold: all but `skipped-file` (what was not analysed is never hidden). */
import type { RuleId } from '../engine/finding';

export const SUPPRESSIBLE_RULES: readonly RuleId[] = [
  'consent-required',
  'catalog-field',
  'unknown-condition',
  'unknown-category',
  'unused-directive',
];

export function suppressibleRule(rule: string): rule is RuleId {
  return (SUPPRESSIBLE_RULES as readonly string[]).includes(rule);
}
