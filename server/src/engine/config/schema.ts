import { suggest } from '../text/did-you-mean';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import { assetPath, CATALOG_SCHEMA, CONFIG_SCHEMA } from '../assets';
import type { ConfigProblem } from '../errors';
import type { JsonDocument, JsonPath } from './json-document';

/**
 * JSON Schema validation of catalogs and `catalint.json`, with the same schemas the editor uses
 * for completion, so a file the editor accepts is a file the engine accepts.
 */
const validators = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

/**
 * One Ajv holding both schemas, each compiled when first used. Each schema is self-contained:
 * every `$ref` is a `#/definitions/...` pointer into its own file and neither has an `$id`, so
 * the editor resolves them offline (a relative `$ref` resolved against a web `$id` made VS Code
 * fetch a URL that does not exist). The config schema carries a copy of the catalog schema, as
 * `definitions.catalog` and its definitions, for inline catalogs; a test keeps the copy equal.
 */
function validator(schemaFile: string): ValidateFunction {
  let v = validators.get(schemaFile);
  if (!v) {
    if (!ajv) {
      // verbose: an unknown key's error carries the schema around it, for the did-you-mean.
      ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true });
      for (const file of [CATALOG_SCHEMA, CONFIG_SCHEMA]) ajv.addSchema(readSchema(file), file);
    }
    v = ajv.getSchema(schemaFile)!;
    validators.set(schemaFile, v);
  }
  return v;
}

function readSchema(file: string): Record<string, unknown> {
  const schema = JSON.parse(fs.readFileSync(assetPath(file), 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

export function validateCatalogDocument(doc: JsonDocument, at: JsonPath = []): ConfigProblem[] {
  return validateAgainst(CATALOG_SCHEMA, doc, at);
}

export function validateConfigDocument(doc: JsonDocument): ConfigProblem[] {
  return validateAgainst(CONFIG_SCHEMA, doc, []);
}

function validateAgainst(schemaFile: string, doc: JsonDocument, at: JsonPath): ConfigProblem[] {
  const value = at.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], doc.value);
  const validate = validator(schemaFile);
  if (validate(value)) return [];
  return simplify(validate.errors ?? []).map((e) => toProblem(doc, at, e));
}

/** One message per place: ajv reports every branch of a `oneOf`, users want the first. */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const e of errors) {
    const key = e.instancePath + (e.keyword === 'additionalProperties' ? '/' + String(e.params.additionalProperty) : '');
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    if (!byPath.has(key)) byPath.set(key, e);
  }
  return [...byPath.values()];
}

function toProblem(doc: JsonDocument, at: JsonPath, e: ErrorObject): ConfigProblem {
  const path: JsonPath = [
    ...at,
    ...e.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
  ];
  const where = path.length ? path.join('.') : 'the file';
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
      return doc.problemAt(doc.keyOffset(path, name), `unknown key "${name}" in ${where}${suggest(name, known)}`);
    }
    case 'required':
      return doc.problem(path, `${where}: missing required key "${String(e.params.missingProperty)}"`);
    case 'enum':
      return doc.problem(
        path,
        `${where}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      );
    case 'type':
      return doc.problem(path, `${where}: must be ${String(e.params.type)}`);
    default:
      return doc.problem(path, `${where}: ${e.message ?? 'is invalid'}`);
  }
}
