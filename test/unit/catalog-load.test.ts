import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { assetPath, BUILTIN_CATALOG, ConfigError, lint, loadConfig } from '../../server/src/engine';
import { readJson } from '../../server/src/engine/catalog/load';
import { validateCatalogDocument } from '../../server/src/engine/config/schema';
import { workspace } from './harness';

const problems = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${path.basename(p.file)}:${p.line}:${p.column}: ${p.message}`);
    throw e;
  }
  assert.fail('expected a ConfigError');
};

const LOYALTY = {
  conditions: [{ id: 'loyalty-optin', label: 'Loyalty opt-in' }],
  groups: [{ id: 'loyalty', label: { en: 'Loyalty' }, kind: 'personal', requires: { anyOf: ['loyalty-optin'] }, subjects: ['loyalist'] }],
  categories: [{ id: 'loyalty.points', group: 'loyalty', label: { en: 'loyalty points' }, strong: ['loyaltyPoints'], weak: ['points'] }],
};

describe('the shipped catalog', () => {
  // Processes load it without validation (the validator costs more than a cached run): this is its check.
  it('is valid against the catalog schema, with no duplicate keys', () => {
    const doc = readJson(assetPath(BUILTIN_CATALOG));
    const found = [...doc.duplicateKeys(), ...validateCatalogDocument(doc)].map((p) => `${p.line}:${p.column}: ${p.message}`);
    assert.deepEqual(found, []);
  });
});

describe('user catalogs', () => {
  it('"extends": "builtin" adds categories and terms to the built-in catalog', () => {
    const dir = workspace({
      'our.catalog.json': JSON.stringify({
        extends: 'builtin',
        ...LOYALTY,
        categories: [...LOYALTY.categories, { id: 'contact.email', strong: ['mel'] }],
      }),
      'catalint.json': JSON.stringify({ catalog: './our.catalog.json' }),
    });
    const config = loadConfig({ root: dir });
    const names = (code: string) => lint({ text: code, path: path.join(dir, 'a.ts') }, config).findings.map((f) => f.name);
    assert.deepEqual(names('send(x.loyaltyPoints, loyalist.points, customer.mel, customer.email, product.points);'), [
      'loyaltyPoints',
      'points',
      'mel',
      'email',
    ]);
  });

  it('without "extends" a catalog replaces the built-in one', () => {
    const dir = workspace({ 'catalint.json': JSON.stringify({ catalog: LOYALTY }) });
    const config = loadConfig({ root: dir });
    assert.equal(config.catalog.categories.size, 1);
    const names = lint({ text: 'send(x.loyaltyPoints, customer.email);', path: path.join(dir, 'a.ts') }, config).findings.map(
      (f) => f.name,
    );
    assert.deepEqual(names, ['loyaltyPoints']);
  });

  it('refuses a broken catalog with file, line and column, never falling back', () => {
    const dir = workspace({
      'bad.catalog.json':
        '{\n  "extends": "builtin",\n  "categories": [\n    { "id": "contact.phone", "strong": ["tel2"], "colour": "red" },\n    { "id": "x.y", "group": "nope", "label": { "en": "x" } }\n  ]\n}\n',
      'catalint.json': '{ "catalog": "./bad.catalog.json" }',
    });
    assert.deepEqual(
      problems(() => loadConfig({ root: dir })),
      ['bad.catalog.json:4:50: unknown key "colour" in categories.0'],
    );
  });

  it('reports an unknown group and an unknown condition with a suggestion', () => {
    const dir = workspace({
      'c.json': JSON.stringify(
        {
          extends: 'builtin',
          categories: [{ id: 'x.y', group: 'contacts', label: { en: 'x' } }],
          groups: [{ id: 'g', label: { en: 'g' }, kind: 'personal', requires: { anyOf: ['customer-consnt'] } }],
        },
        null,
        2,
      ),
    });
    const found = problems(() => loadConfig({ root: dir, catalogFile: path.join(dir, 'c.json') }));
    assert.ok(
      found.some((p) => /unknown condition "customer-consnt" \(did you mean "customer-consent"\?\)/.test(p)),
      found.join('\n'),
    );
    assert.ok(
      found.some((p) => /unknown group "contacts" \(did you mean "contact"\?\)/.test(p)),
      found.join('\n'),
    );
  });

  it('reports an extends cycle', () => {
    const dir = workspace({ 'a.json': '{ "extends": "./b.json" }', 'b.json': '{ "extends": "./a.json" }' });
    const [p] = problems(() => loadConfig({ root: dir, catalogFile: path.join(dir, 'a.json') }));
    assert.match(p, /^b\.json:1:14: "extends" makes a cycle/);
  });

  it('catalint.json: invalid JSON, unknown keys and unknown conditions in consent globs are positioned errors', () => {
    assert.deepEqual(problems(() => loadConfig({ root: workspace({ 'catalint.json': '{\n  "consent": {\n' }) })).slice(0, 1), [
      'catalint.json:3:1: invalid JSON: close brace expected',
    ]);
    assert.deepEqual(
      problems(() => loadConfig({ root: workspace({ 'catalint.json': '{\n  "severty": {}\n}' }) })),
      ['catalint.json:2:3: unknown key "severty" in the file (did you mean "severity"?)'],
    );
    assert.deepEqual(
      problems(() => loadConfig({ root: workspace({ 'catalint.json': '{\n  "consent": { "src/**": ["gps"] }\n}' }) })),
      ['catalint.json:2:27: unknown condition "gps"'],
    );
  });

  describe('a term claimed by two categories', () => {
    const cat = (extra: object) => JSON.stringify({ extends: 'builtin', ...LOYALTY, ...extra }, null, 2);
    it('is an error at the second claim when it is strong in both', () => {
      const dir = workspace({
        'c.json': cat({
          categories: [...LOYALTY.categories, { id: 'loyalty.mail', group: 'loyalty', label: { en: 'm' }, strong: ['email'] }],
        }),
      });
      const [p, ...rest] = problems(() => loadConfig({ root: dir, catalogFile: path.join(dir, 'c.json') }));
      assert.match(p, /^c\.json:\d+:\d+: term "email" of category "loyalty\.mail" is already claimed by category "contact\.email"/);
      assert.equal(rest.length, 0);
    });
    it('near-miss: categories that declare "shares" may claim the same term (the built-in positions do)', () => {
      const dir = workspace({
        'c.json': cat({
          categories: [
            ...LOYALTY.categories,
            { id: 'loyalty.mail', group: 'loyalty', label: { en: 'm' }, strong: ['email'], shares: ['contact.email'] },
          ],
        }),
      });
      assert.doesNotThrow(() => loadConfig({ root: dir, catalogFile: path.join(dir, 'c.json') }));
    });
    it('near-miss: a weak term in two groups is told apart by their subjects', () => {
      const dir = workspace({
        'c.json': cat({
          categories: [...LOYALTY.categories, { id: 'loyalty.title', group: 'loyalty', label: { en: 't' }, weak: ['title'] }],
        }),
      });
      const config = loadConfig({ root: dir, catalogFile: path.join(dir, 'c.json') });
      assert.deepEqual(config.matcher.match('title', ['loyalist'])?.categories, ['loyalty.title']);
      assert.deepEqual(config.matcher.match('title', ['customer'])?.categories, ['contact.title', 'preferences.profession']);
    });
  });
});
