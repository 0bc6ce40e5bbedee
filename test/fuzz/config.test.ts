/**
 * Fuzzing the configuration loader: a small stand-alone catalog and a catalint.json, damaged
 * by the same mutations as source text. loadConfig either accepts the files or throws a
 * ConfigError whose every problem names one of the files and a line and column inside it;
 * nothing else ever escapes (a TypeError from a half-valid value would reach the user as a crash).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { ConfigError, loadConfig } from '../../server/src/engine';
import { fuzzParameters } from './harness';
import { applyAll, mutations } from './mutations';

const CATALOG = `{
  "conditions": [
    { "id": "customer-consent", "label": "Customer consent" },
    { "id": "connected-drive", "label": "Connected drive" },
    { "id": "cookie-consent", "label": "Cookies" }
  ],
  "groups": [
    { "id": "contact", "label": { "en": "Contact", "fr": "Contact" }, "kind": "personal", "requires": { "anyOf": ["customer-consent"] }, "subjects": ["customer", "user"] },
    { "id": "vehicle", "label": { "en": "Vehicle" }, "kind": "telemetry", "requires": { "allOf": ["connected-drive", "customer-consent"] }, "subjects": ["vehicle", "car"] }
  ],
  "categories": [
    { "id": "contact.email", "group": "contact", "label": { "en": "e-mail" }, "strong": ["email", "courriel"], "exclude": ["email template"] },
    { "id": "contact.name", "group": "contact", "label": { "en": "name" }, "weak": ["name", "title"] },
    { "id": "vehicle.mileage", "group": "vehicle", "label": { "en": "mileage" }, "strong": ["mileage", "odometer"], "requires": { "anyOf": ["connected-drive"] } },
    { "id": "vehicle.position", "group": "vehicle", "label": { "en": "position" }, "weak": ["position", "lat", "lng"] }
  ],
  "exclude": ["file name"],
  "excludeContexts": ["style"],
  "qualifiers": ["address"]
}
`;

const CONFIG = `{
  // team settings
  "catalog": "team.catalog.json",
  "consent": { "src/billing/**": ["customer-consent"], "src/fleet/**": ["connected-drive", "customer-consent"] },
  "severity": { "personal": "error", "unused-directive": "off" },
  "include": ["src/**"],
  "exclude": ["src/generated/**"],
  "ignoreNames": ["emailTemplateId"],
  "guards": { "check": ["hasConsent"], "require": ["requireConsent"] },
  "sql": { "tags": ["sql"], "functions": ["query"], "dialects": { "db/**": "postgresql" } }
}
`;

describe('fuzz: damaged catalint.json and catalogs', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'catalint-fuzz-config-')));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('near-miss: the undamaged files load', () => {
    fs.writeFileSync(path.join(dir, 'catalint.json'), CONFIG);
    fs.writeFileSync(path.join(dir, 'team.catalog.json'), CATALOG);
    const config = loadConfig({ root: dir });
    assert.equal(config.catalog.categories.size, 4);
  });

  it('loads, or throws a ConfigError positioned inside the file it names; nothing else', () => {
    fc.assert(
      fc.property(fc.boolean(), mutations, (damageCatalog, ms) => {
        const files = {
          'catalint.json': damageCatalog ? CONFIG : applyAll(CONFIG, ms),
          'team.catalog.json': damageCatalog ? applyAll(CATALOG, ms) : CATALOG,
        };
        for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
        try {
          loadConfig({ root: dir });
        } catch (e) {
          if (!(e instanceof ConfigError)) throw new Error(`loadConfig threw ${(e as Error).stack}`);
          assert.ok(e.problems.length > 0, 'a ConfigError without problems');
          for (const p of e.problems) {
            const text = path.dirname(p.file) === dir ? (files as Record<string, string>)[path.basename(p.file)] : undefined;
            if (text === undefined) {
              // A damaged "catalog" path can name another file or a folder: it cannot be read, said at its start.
              assert.ok(p.line === 1 && p.column === 1 && /^cannot read/.test(p.message), `${p.file}:${p.line}:${p.column}: ${p.message}`);
              continue;
            }
            // Line and column as an editor counts them (\n, \r\n and lone \r end lines).
            const lines = text.split(/\r\n|\r|\n/);
            assert.ok(
              p.line >= 1 && p.line <= lines.length,
              `${p.file}:${p.line}:${p.column} is past the last line (${lines.length}): ${p.message}`,
            );
            assert.ok(
              p.column >= 1 && p.column <= lines[p.line - 1].length + 1,
              `${p.file}:${p.line}:${p.column} is past the end of its line: ${p.message}`,
            );
            assert.ok(p.message.length > 0);
          }
        }
      }),
      fuzzParameters(1000),
    );
  });
});
