/**
 * Found by the hostile-forms fuzzing (test/fuzz/hostile.test.ts): a guard's string argument
 * reached the consent-required message, one unknown id inside `&&` was reported twice, and the
 * github format let ESC and direction overrides through in a file name.
 */
import * as assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { escapeData, escapeProperty } from '../../server/src/cli/formats/github';
import { printable } from '../../server/src/cli/printable';
import { builtinConfig } from './harness';

const SECRET = 'sk_live_51H confirm your email';

describe('no string contents in reports', () => {
  it("a guard's argument that is no id is not repeated in the use's message or its declared list", () => {
    const text = `export function f(ctx: Ctx, customer: Customer) {\n  if (hasConsent(ctx, "${SECRET}")) send(customer.email);\n}\n`;
    const findings = lint({ text, path: 'a.ts' }, builtinConfig()).findings;
    assert.deepEqual(findings.map((f) => f.rule).sort(), ['consent-required', 'unknown-condition']);
    for (const f of findings) assert.ok(!JSON.stringify(f).includes('confirm your email'), JSON.stringify(f));
    const use = findings.find((f) => f.rule === 'consent-required')!;
    assert.match(use.message, /in scope: \(not a condition id\)/);
    // Near-miss: an id-shaped unknown condition is still named, so the user can fix the typo.
    const typo = lint({ text: text.replace(SECRET, 'custmer-consent'), path: 'a.ts' }, builtinConfig()).findings;
    assert.match(typo.find((f) => f.rule === 'consent-required')!.message, /in scope: custmer-consent/);
  });

  it('an unknown id in a guard joined by && is reported once', () => {
    const text = 'export function f(ctx: Ctx, x: Vehicle) {\n  if (hasConsent(ctx, "gps-ok") && ok) send(x.mileage);\n}\n';
    const unknown = lint({ text, path: 'a.ts' }, builtinConfig()).findings.filter((f) => f.rule === 'unknown-condition');
    assert.equal(unknown.length, 1);
    // Near-miss: two places, two findings.
    const two = text.replace('&& ok', '&& hasConsent(ctx, "gps-ok")');
    assert.equal(lint({ text: two, path: 'a.ts' }, builtinConfig()).findings.filter((f) => f.rule === 'unknown-condition').length, 2);
  });

  it('the github format and human output show control and direction characters, never obey them', () => {
    for (const escaped of [
      escapeData('\x1b[31m/a.ts'),
      escapeProperty('\x1b[31m/a.ts'),
      printable('evil\u202etxt.ts'),
      escapeData('\u2066x'),
    ]) {
      assert.doesNotMatch(escaped, /[\x1b\u202e\u2066]/, escaped);
    }
    // Near-miss: ordinary names, and the runner's own escapes, are left as they are.
    assert.equal(escapeProperty('src/a b.ts'), 'src/a b.ts');
    assert.equal(escapeData('50%\nnext'), '50%25%0Anext');
  });
});
