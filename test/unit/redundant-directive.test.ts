import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lint, loadConfig } from '../../server/src/engine';
import { builtinConfig, findings, workspace } from './harness';

/** The unused-directive findings of a file, with their messages. */
function unused(code: string, config = builtinConfig()): string[] {
  return lint({ text: code, path: path.join(config.root, 'sample.ts') }, config)
    .findings.filter((f) => f.rule === 'unused-directive')
    .map((f) => `${code.slice(f.span.start, f.span.end)} | ${f.message}`);
}

describe('a @consent that an enclosing region already declares', () => {
  it('reports a statement directive inside a function directive with the same condition', () => {
    const code = [
      '// @consent customer-consent',
      'export function notify(c: Customer): void {',
      '  // @consent customer-consent',
      '  mailer.send(c.email);',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(unused(code), [
      "// @consent customer-consent | @consent customer-consent is already declared here by the function's directive (line 1); this one adds nothing.",
    ]);
    assert.deepEqual(findings(code), ['unused-directive // @consent customer-consent@3:3']);
    assert.equal(lint({ text: code, path: path.join(builtinConfig().root, 'sample.ts') }, builtinConfig()).findings[0].severity, 'hint');
  });

  it('reports a directive inside a JSDoc-declared function, and one under a file directive', () => {
    const jsdoc = [
      '/**',
      ' * Sends.',
      ' * @consent customer-consent, connected-drive',
      ' */',
      'export function notify(c: Customer, v: Vehicle): void {',
      '  // @consent connected-drive',
      '  log(v.mileage);',
      '  send(c.email);',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(findings(jsdoc), ['unused-directive // @consent connected-drive@6:3']);
    const file = [
      '// @consent customer-consent',
      '',
      '// @consent customer-consent',
      'export function f(c: Customer) {',
      '  return c.email;',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(unused(file), [
      "// @consent customer-consent | @consent customer-consent is already declared here by the file's directive (line 1); this one adds nothing.",
    ]);
  });

  it('reports a directive whose conditions a catalint.json consent glob declares', () => {
    const root = workspace({ 'catalint.json': '{ "consent": { "**": ["customer-consent"] } }\n' });
    const config = loadConfig({ root });
    const code = '// @consent customer-consent\nexport function f(c: Customer) {\n  return c.email;\n}\n';
    assert.deepEqual(unused(code, config), [
      '// @consent customer-consent | @consent customer-consent is already declared here by a consent glob of catalint.json; this one adds nothing.',
    ]);
  });

  it('counts a guard only around a directive written inside its block', () => {
    const inside = [
      'export function tag(ctx: Ctx, c: Customer): void {',
      "  if (hasConsent(ctx, 'customer-consent')) {",
      '    // @consent customer-consent',
      '    send(c.email);',
      '  }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(findings(inside), ['unused-directive // @consent customer-consent@3:5']);
    assert.match(unused(inside)[0], /by the guard \(line 2\)/);
  });

  describe('near misses', () => {
    it('an inner directive that adds a condition not declared outside is not reported', () => {
      const code = [
        '// @consent customer-consent',
        'export function notify(c: Customer, v: Vehicle): void {',
        '  // @consent connected-drive',
        '  log(v.mileage);',
        '  // @consent customer-consent, connected-drive',
        '  send(c.email, v.mileage);',
        '}',
        '',
      ].join('\n');
      assert.deepEqual(findings(code), []);
    });

    it('a file directive with nothing outside it is not reported', () => {
      const code = '// @consent customer-consent\n\nexport function f(c: Customer) {\n  return c.email;\n}\n';
      assert.deepEqual(findings(code), []);
    });

    it('two sibling statement directives are not redundant with each other', () => {
      const code = [
        'export function notify(c: Customer): void {',
        '  // @consent customer-consent',
        '  mailer.send(c.email);',
        '  // @consent customer-consent',
        '  mailer.log(c.email);',
        '}',
        '',
      ].join('\n');
      assert.deepEqual(findings(code), []);
    });

    it('a directive above a guarded statement is not redundant with the guard inside it', () => {
      const code = [
        'export function tag(ctx: Ctx, c: Customer): void {',
        '  // @consent customer-consent',
        "  if (hasConsent(ctx, 'customer-consent')) {",
        '    send(c.email);',
        '  }',
        '}',
        '',
      ].join('\n');
      assert.deepEqual(findings(code), []);
    });

    it('a redundant directive is not reported when unused-directive is off', () => {
      const root = workspace({ 'catalint.json': '{ "severity": { "unused-directive": "off" } }\n' });
      const config = loadConfig({ root });
      const code = '// @consent customer-consent\nexport function f(c: Customer) {\n  // @consent customer-consent\n  return c.email;\n}\n';
      assert.deepEqual(unused(code, config), []);
    });
  });
});
