import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lint, loadConfig } from '../../server/src/engine';
import { findings, flagged, workspace } from './harness';

describe('consent scope', () => {
  describe('@consent on a function covers its whole body', () => {
    it('JSDoc on a function declaration, several ids', () => {
      const code =
        '/**\n * Sends the newsletter.\n * @consent customer-consent, connected-drive\n */\nfunction f(c: Customer, v: Vehicle) {\n  send(c.email, v.mileage);\n}';
      assert.deepEqual(flagged(code), []);
    });
    it('line comment on an arrow function, a method, a class and an object method', () => {
      const code = [
        '// @consent customer-consent',
        'const a = (c: Customer) => c.email;',
        'class S {',
        '  // @consent customer-consent',
        '  m(c: Customer) { return c.email; }',
        '}',
        '// @consent customer-consent',
        'class T { m(c: Customer) { return c.email; } }',
        'const o = {',
        '  // @consent customer-consent',
        '  m(c: Customer) { return c.email; },',
        '};',
      ].join('\n');
      assert.deepEqual(flagged(code), []);
    });
    it('near-miss: the wrong condition does not cover', () => {
      assert.deepEqual(flagged('/** @consent connected-drive */\nfunction f(c: Customer) { return c.email; }'), ['email']);
    });
    it('near-miss: a blank line between the directive and the function detaches it (and it is reported)', () => {
      const code = 'const x = 1;\n// @consent customer-consent\n\nfunction f(c: Customer) { return c.email; }';
      assert.deepEqual(findings(code), ['unused-directive // @consent customer-consent@2:1', 'consent-required email@4:36']);
    });
  });

  describe('@consent above a statement covers that statement only', () => {
    it('covers the statement', () => {
      assert.deepEqual(flagged('function f(c: Customer) {\n  // @consent customer-consent\n  send(c.email);\n  log(c.phone);\n}'), [
        'phone',
      ]);
    });
    it('near-miss: the directive two statements up covers only its own statement', () => {
      assert.deepEqual(flagged('function f(c: Customer) {\n  // @consent customer-consent\n  log(1);\n  send(c.email);\n}'), ['email']);
    });
  });

  describe('a file directive: before any code, followed by a blank line', () => {
    it('covers the whole file', () => {
      assert.deepEqual(
        flagged(
          '// Customer service.\n// @consent customer-consent\n\nexport function f(c: Customer) { return c.email; }\nconst y = c.phone;',
        ),
        [],
      );
    });
    it("covers the whole file when more comment lines follow it, as in the README's example", () => {
      const code =
        '// @consent customer-consent\n//\n// (a comment before any code, followed by a blank line: covers the whole file)\n\nexport function f(c: Customer) { return c.email; }\nconst y = c.phone;';
      assert.deepEqual(findings(code), []);
      assert.deepEqual(flagged('/* @consent customer-consent */\n/* why: the CRM module */\n\nconst y = c.phone;'), []);
    });
    it('near-miss: a comment block without the blank line after it covers the first statement only', () => {
      assert.deepEqual(
        flagged(
          '// @consent customer-consent\n// (explained here)\nexport function f(c: Customer) { return c.email; }\nconst y = c.phone;',
        ),
        ['phone'],
      );
    });
    it('near-miss: without the blank line it covers the first statement only', () => {
      assert.deepEqual(flagged('// @consent customer-consent\nexport function f(c: Customer) { return c.email; }\nconst y = c.phone;'), [
        'phone',
      ]);
    });
    it('near-miss: after code it is not a file directive', () => {
      assert.deepEqual(flagged('const x = 1;\n\n// @consent customer-consent\n\nconst y = c.phone;'), ['phone']);
    });
  });

  describe('guards', () => {
    it('if (hasConsent(ctx, id)) covers the then-branch only', () => {
      const code =
        'if (hasConsent(ctx, "connected-drive")) {\n  send(vehicle.mileage);\n} else {\n  send(vehicle.odometer);\n}\nsend(vehicle.mileage);';
      assert.deepEqual(findings(code), ['consent-required odometer@4:16', 'consent-required mileage@6:14']);
    });
    it('if (!hasConsent(...)) return / throw covers the rest of the block', () => {
      const code = [
        'function f(v: Vehicle) {',
        '  if (!hasConsent(ctx, "connected-drive")) return;',
        '  send(v.mileage);',
        '}',
        'function g(v: Vehicle) {',
        '  if (!hasConsent(ctx, "connected-drive")) { throw new Error("no"); }',
        '  send(v.mileage);',
        '}',
      ].join('\n');
      assert.deepEqual(flagged(code), []);
    });
    it('near-miss: a negated guard that does not leave the block covers nothing after it', () => {
      const code = 'function f(v: Vehicle) {\n  if (!hasConsent(ctx, "connected-drive")) log("no");\n  send(v.mileage);\n}';
      assert.deepEqual(flagged(code), ['mileage']);
    });
    it('requireConsent(ctx, id); covers the rest of its block, not what precedes it', () => {
      const code =
        'async function f(v: Vehicle) {\n  send(v.odometer);\n  await requireConsent(ctx, "connected-drive");\n  send(v.mileage);\n}';
      assert.deepEqual(flagged(code), ['odometer']);
    });
    it('&& combines guards, for an all-of requirement such as cookies', () => {
      const code =
        'if (hasConsent(ctx, "registered-user") && hasConsent(ctx, "cookie-consent")) { read(session.trackingCookie); }\nif (hasConsent(ctx, "registered-user")) { read(session.trackingCookie); }';
      assert.deepEqual(findings(code), ['consent-required trackingCookie@2:56']);
    });
    it('a guard in a ternary or before && covers its branch', () => {
      assert.deepEqual(
        flagged('const m = hasConsent(ctx, "connected-drive") ? v.mileage : 0;\nhasConsent(ctx, "connected-drive") && send(v.mileage);'),
        [],
      );
    });
    it('near-miss: a guard that does not dominate (inside another branch) covers nothing here', () => {
      const code = 'if (x) { hasConsent(ctx, "connected-drive"); }\nsend(v.mileage);';
      assert.deepEqual(flagged(code), ['mileage']);
    });
    it('guard names are configurable', () => {
      const dir = workspace({ 'catalint.json': JSON.stringify({ guards: { check: ['consent.granted'], require: [] } }) });
      const config = loadConfig({ root: dir });
      const code = 'if (consent.granted("connected-drive")) send(v.mileage);\nif (hasConsent(ctx, "connected-drive")) send(v.mileage);';
      assert.deepEqual(flagged(code, 'a.ts', config), ['mileage']);
    });
  });

  it('an ambiguous position is met by either condition', () => {
    assert.deepEqual(flagged('/** @consent registered-user */\nfunction f(p: any) { return p.latitude; }'), []);
    assert.deepEqual(flagged('/** @consent connected-drive */\nfunction f(p: any) { return p.latitude; }'), []);
    assert.deepEqual(flagged('/** @consent customer-consent */\nfunction f(p: any) { return p.latitude; }'), ['latitude']);
  });

  it('catalint.json consent globs cover whole paths', () => {
    const dir = workspace({ 'catalint.json': JSON.stringify({ consent: { 'src/telemetry/**': ['connected-drive'] } }) });
    const config = loadConfig({ root: dir });
    const code = 'send(vehicle.mileage);';
    assert.deepEqual(lint({ text: code, path: path.join(dir, 'src/telemetry/a.ts') }, config).findings, []);
    assert.equal(lint({ text: code, path: path.join(dir, 'src/other/a.ts') }, config).findings.length, 1);
  });

  it('declared conditions are carried on the finding with their origin', () => {
    const [f] = lint(
      { text: '// @consent registered-user\nsend(vehicle.mileage);', path: 'a.ts' },
      loadConfig({ root: workspace() }),
    ).findings;
    assert.equal(f.rule, 'consent-required');
    assert.ok(f.rule === 'consent-required' && f.declared[0].id === 'registered-user' && f.declared[0].origin === 'statement-directive');
  });

  describe('unknown conditions and suppressions', () => {
    it('an unknown id is an error with a did-you-mean', () => {
      const [f] = lint({ text: '// @consent conected-drive\nsend(1);', path: 'a.ts' }, loadConfig({ root: workspace() })).findings;
      assert.equal(f.rule, 'unknown-condition');
      assert.equal(f.severity, 'error');
      assert.ok(f.rule === 'unknown-condition' && f.suggestion === 'connected-drive');
      assert.match(f.message, /did you mean "connected-drive"/);
    });
    it('an unknown id in a guard is reported too', () => {
      assert.deepEqual(findings('if (hasConsent(ctx, "gps-ok")) {}'), ['unknown-condition gps-ok@1:22']);
    });
    it('an unknown id in a guard that decides no region is reported too (near miss: a known id there is not)', () => {
      // `||` after a guard and a guard kept in a variable decide nothing, but their ids are still checked.
      assert.deepEqual(findings('if (hasConsent(ctx, "gps-ok") || admin) {}'), ['unknown-condition gps-ok@1:22']);
      assert.deepEqual(findings('const ok = hasConsent(ctx, "gps-ok");'), ['unknown-condition gps-ok@1:29']);
      assert.deepEqual(findings('requireConsent(ctx, "gps-ok") ?? fallback();'), ['unknown-condition gps-ok@1:22']);
      assert.deepEqual(findings('if (hasConsent(ctx, "connected-drive") || admin) {}'), []);
      // ...and the `||` still declares nothing for the use it leads to.
      assert.deepEqual(flagged('if (hasConsent(ctx, "connected-drive") || admin) send(vehicle.mileage);'), ['mileage']);
    });
    it("a guard's argument that is not an id is described, never repeated", () => {
      const config = loadConfig({ root: workspace() });
      const [f] = lint({ text: 'if (hasConsent(ctx, "sk_live_51H confirm your email")) {}', path: 'a.ts' }, config).findings;
      assert.equal(f.rule, 'unknown-condition');
      assert.equal(f.name, '');
      assert.doesNotMatch(f.message, /sk_live|confirm/);
      assert.match(f.message, /is not a condition id \(30 characters, not repeated here\)/);
    });
    it('an id with look-alike letters is unknown, with the did-you-mean (near miss: the Latin spelling declares)', () => {
      const config = loadConfig({ root: workspace() });
      const text = '// @consent \u0441ustomer-consent\nsend(customer.email);';
      const found = lint({ text, path: 'a.ts' }, config).findings;
      const unknown = found.find((f) => f.rule === 'unknown-condition');
      assert.ok(unknown && unknown.rule === 'unknown-condition' && unknown.suggestion === 'customer-consent', JSON.stringify(found));
      assert.match(unknown.message, /only look like Latin ones.*did you mean "customer-consent"/);
      assert.ok(
        found.some((f) => f.rule === 'consent-required'),
        'it declares nothing',
      );
      assert.deepEqual(flagged('// @consent customer-consent\nsend(customer.email);'), []);
    });
    it('catalint-disable-next-line suppresses the next line, for all rules or the named one', () => {
      const code =
        '// catalint-disable-next-line\nsend(c.email);\n// catalint-disable-next-line consent-required -- reviewed\nsend(c.phone);';
      assert.deepEqual(findings(code), []);
    });
    it('near-miss: a directive naming another rule, or two lines up, does not suppress; unused ones are hints', () => {
      const code = '// catalint-disable-next-line catalog-field\nsend(c.email);\n// catalint-disable-next-line\n\nsend(c.phone);';
      assert.deepEqual(findings(code), [
        'unused-directive // catalint-disable-next-line catalog-field@1:1',
        'consent-required email@2:8',
        'unused-directive // catalint-disable-next-line@3:1',
        'consent-required phone@5:8',
      ]);
    });
  });
});

describe('directive syntax', () => {
  it('a directive starts its comment line; prose that mentions one declares nothing', () => {
    const code = [
      '/**',
      ' * Explains that a `@consent customer-consent` tag or a catalint-disable-next-line comment works.',
      ' */',
      'function f(c: Customer) { return c.email; }',
      '/**',
      ' * Sends mail.',
      ' * @consent customer-consent',
      ' */',
      'function g(c: Customer) { return c.email; }',
      '/* catalint-disable-next-line */',
      'send(c.phone);',
    ].join('\n');
    assert.deepEqual(findings(code), ['consent-required email@4:36']);
  });
});
