/**
 * The JSON Schemas shipped for `catalint.json` and catalogs, read from the real files. The
 * editor loads them from the extension (or from a `$schema` path in node_modules): each must
 * resolve with nothing but itself, offline and in an untrusted workspace. A `$ref` to another
 * file, resolved against a web `$id`, made VS Code fetch https://catalint.dev/... and warn on
 * every catalint.json, and left inline catalogs unchecked. Each schema must also flag what the
 * engine rejects, a misspelt key first of all.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Ajv, { type ErrorObject } from 'ajv';
import { parse as parseJsonc } from 'jsonc-parser';
import { assetPath, CATALOG_SCHEMA, CONFIG_SCHEMA } from '../../server/src/engine/assets';
import { JsonDocument } from '../../server/src/engine/config/json-document';
import { validateConfigDocument } from '../../server/src/engine/config/schema';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

const read = (file: string): Schema => JSON.parse(fs.readFileSync(assetPath(file), 'utf8')) as Schema;

/** Every `[path, value]` of `key` anywhere in the schema. */
function occurrences(schema: Json, key: string, at = '#'): [string, Json][] {
  if (schema === null || typeof schema !== 'object') return [];
  const out: [string, Json][] = [];
  for (const [k, v] of Object.entries(schema)) {
    if (k === key && !Array.isArray(schema)) out.push([at, v]);
    out.push(...occurrences(v, key, `${at}/${k}`));
  }
  return out;
}

function resolvePointer(schema: Json, ref: string): Json | undefined {
  let node: Json | undefined = schema;
  for (const part of ref.slice(2).split('/')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** An Ajv that knows this one schema and nothing else: an external `$ref` fails to compile. */
function alone(schema: Schema): (value: unknown) => ErrorObject[] {
  const { $schema: _meta, ...body } = schema;
  const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true }).compile(
    body,
  );
  return (value) => (validate(value) ? [] : (validate.errors ?? []));
}

const unknownKeys = (errors: ErrorObject[]): string[] =>
  errors.filter((e) => e.keyword === 'additionalProperties').map((e) => `${e.instancePath}/${String(e.params.additionalProperty)}`);

// README.md, "Configuration: catalint.json", as written there (comments included).
const README_CONFIG = `{
  "$schema": "./node_modules/catalint/catalog/config.schema.json",
  "catalog": "./privacy/our.catalog.json",        // or an inline catalog object; default: built-in
  "consent": { "src/telemetry/**": ["connected-drive"] },
  "severity": { "personal": "error", "catalog-field": "off" },
  "include": ["src/**"],
  "exclude": ["src/generated/**"],
  "tests": ["**/*.spec.ts", "test/**", "prisma/seed.ts"], // reported apart; default: the usual places
  "ignoreNames": ["leadName"],                     // names that are not catalog data here
  "guards": { "check": ["hasConsent"], "require": ["requireConsent"] },
  "sql": {
    "tags": ["sql", "Prisma.sql", "sql.unsafe"],   // tagged templates that hold SQL
    "functions": ["query", "execute", "raw", "$queryRaw", "$executeRaw", "addSql"],
    "dialects": { "db/mysql/**": "mysql" }         // postgresql | mysql | sqlite | bigquery | generic
  }
}
`;

// README.md, "Authoring a catalog".
const README_CATALOG = {
  extends: 'builtin',
  conditions: [{ id: 'loyalty-optin', label: 'Loyalty programme opt-in' }],
  groups: [{ id: 'loyalty', label: { en: 'Loyalty' }, kind: 'personal', requires: { anyOf: ['loyalty-optin'] }, subjects: ['member'] }],
  categories: [
    {
      id: 'loyalty.points',
      group: 'loyalty',
      label: { en: 'loyalty points' },
      strong: ['loyaltyPoints', 'bonuspunkte'],
      weak: ['points'],
    },
    { id: 'contact.email', strong: ['mel'] },
  ],
  exclude: ['maxLoyaltyPoints'],
};

describe('the shipped JSON Schemas', () => {
  const schemas = { [CONFIG_SCHEMA]: read(CONFIG_SCHEMA), [CATALOG_SCHEMA]: read(CATALOG_SCHEMA) };

  for (const [file, schema] of Object.entries(schemas)) {
    describe(file, () => {
      it('refers only to itself: every $ref is a pointer into the file, and resolves there', () => {
        const refs = occurrences(schema, '$ref');
        assert.ok(refs.length > 0);
        for (const [at, ref] of refs) {
          assert.equal(typeof ref, 'string', at);
          assert.ok((ref as string).startsWith('#/'), `${at}: $ref ${String(ref)} points outside the file`);
          assert.notEqual(resolvePointer(schema, ref as string), undefined, `${at}: $ref ${String(ref)} resolves to nothing`);
        }
      });

      it('has no $id (nor draft-04 id) that a $ref would be resolved against', () => {
        assert.deepEqual(occurrences(schema, '$id'), []);
        assert.equal(schema.id, undefined);
      });

      it('names a meta-schema editors know without fetching it, and compiles on its own', () => {
        assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
        assert.doesNotThrow(() => alone(schema));
      });
    });
  }

  it('the config schema carries the catalog schema unchanged, for inline catalogs', () => {
    const { $schema: _meta, definitions, ...root } = schemas[CATALOG_SCHEMA];
    const copy = schemas[CONFIG_SCHEMA].definitions as Schema;
    const how =
      'copy catalog/catalog.schema.json (its root as definitions.catalog, its definitions beside it) into catalog/config.schema.json';
    assert.deepEqual(copy.catalog, root, how);
    for (const [name, def] of Object.entries(definitions as Schema)) assert.deepEqual(copy[name], def, `${name}: ${how}`);
    assert.deepEqual(((schemas[CONFIG_SCHEMA].properties as Schema).catalog as Schema).else, { $ref: '#/definitions/catalog' });
  });

  describe('catalint.json', () => {
    const validate = (value: unknown): ErrorObject[] => alone(schemas[CONFIG_SCHEMA])(value);
    const readme = parseJsonc(README_CONFIG) as Record<string, unknown>;

    it("accepts README's example, and so does the engine", () => {
      assert.deepEqual(validate(readme), []);
      assert.deepEqual(validateConfigDocument(JsonDocument.parse('catalint.json', README_CONFIG)), []);
    });

    it('flags a misspelt key (ignoreName), as the engine does', () => {
      const { ignoreNames, ...rest } = readme;
      assert.deepEqual(unknownKeys(validate({ ...rest, ignoreName: ignoreNames })), ['/ignoreName']);
      const text = README_CONFIG.replace('"ignoreNames"', '"ignoreName"');
      assert.deepEqual(
        validateConfigDocument(JsonDocument.parse('catalint.json', text)).map((p) => `${p.line}:${p.column}: ${p.message}`),
        ['9:3: unknown key "ignoreName" in the file (did you mean "ignoreNames"?)'],
      );
    });

    it('flags a misspelt key in every object with fixed keys, and accepts the right spelling', () => {
      const cases: [Record<string, unknown>, Record<string, unknown>, string][] = [
        [{ severity: { personnal: 'off' } }, { severity: { personal: 'off' } }, '/severity/personnal'],
        [{ guards: { checks: ['can'] } }, { guards: { check: ['can'] } }, '/guards/checks'],
        [{ sql: { tag: ['sql'] } }, { sql: { tags: ['sql'] } }, '/sql/tag'],
        [{ catalog: { ...README_CATALOG, exclued: [] } }, { catalog: README_CATALOG }, '/catalog/exclued'],
        [
          { catalog: { ...README_CATALOG, categories: [{ id: 'contact.email', strongg: ['mel'] }] } },
          { catalog: { ...README_CATALOG, categories: [{ id: 'contact.email', strong: ['mel'] }] } },
          '/catalog/categories/0/strongg',
        ],
        [
          { catalog: { ...README_CATALOG, groups: [{ ...README_CATALOG.groups[0], label: { en: 'L', de: 'L' } }] } },
          { catalog: { ...README_CATALOG, groups: [{ ...README_CATALOG.groups[0], label: { en: 'L', fr: 'L' } }] } },
          '/catalog/groups/0/label/de',
        ],
      ];
      for (const [bad, good, key] of cases) {
        assert.deepEqual(unknownKeys(validate(bad)), [key], JSON.stringify(bad));
        assert.deepEqual(validate(good), [], JSON.stringify(good));
      }
    });
  });

  describe('catalogs', () => {
    const validate = (value: unknown): ErrorObject[] => alone(schemas[CATALOG_SCHEMA])(value);

    it("accepts README's example and flags a misspelt key", () => {
      assert.deepEqual(validate(README_CATALOG), []);
      const { conditions, ...rest } = README_CATALOG;
      assert.deepEqual(unknownKeys(validate({ ...rest, condition: conditions })), ['/condition']);
    });

    it('accepts the built-in catalog', () => {
      assert.deepEqual(validate(JSON.parse(fs.readFileSync(assetPath('catalog/builtin.catalog.json'), 'utf8'))), []);
    });
  });
});
