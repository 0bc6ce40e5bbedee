/**
 * Configurations and catalogs built to exhaust the stack: JSON nested 100,000 levels deep, and
 * an `extends` chain of 5,000 catalogs. Both used to end in "Maximum call stack size exceeded"
 * with no file, line or column. Through the real `catalint` process: exit 2, nothing on
 * stdout, and a first stderr line `file:line:column: reason`; the engine's loadConfig throws
 * the same positioned ConfigError. Near-misses sit at the limits and just under them.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../server/src/engine';
import { MAX_EXTENDS_CHAIN } from '../../server/src/engine/catalog/load';
import { MAX_JSON_DEPTH } from '../../server/src/engine/config/json-document';
import { catalint, jsonReport, SOURCES, workspace } from '../cli/helpers';

const NESTED = /^nested more than 100 levels deep: objects and arrays in a configuration or catalog never need that many$/;

/** Exit 2, nothing on stdout, the first stderr line at `where` with `message`; the engine agrees. */
function assertRefused(ws: string, where: string, message: RegExp): void {
  const r = catalint([], { cwd: ws });
  assert.equal(r.status, 2, `exit ${r.status}\n${r.stdout}${r.stderr.slice(0, 2000)}`);
  assert.equal(r.stdout, '');
  const first = r.stderr.split('\n')[0];
  assert.ok(first.startsWith(`${where}: `), `expected ${where}: …, got: ${first.slice(0, 500)}`);
  assert.match(first.slice(where.length + 2), message);
  assert.doesNotMatch(r.stderr, /call stack/i);

  let problem: { file: string; line: number; column: number; message: string } | undefined;
  try {
    loadConfig({ root: ws });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw new Error(`loadConfig threw something other than a ConfigError: ${(e as Error).stack}`);
    problem = e.problems[0];
  }
  assert.ok(problem, 'loadConfig accepted it');
  assert.equal(`${path.relative(ws, problem.file).split(path.sep).join('/')}:${problem.line}:${problem.column}`, where);
  assert.match(problem.message, message);
}

/** Files `cat/c0.catalog.json` … `cat/c<n-1>.catalog.json`, each extending the next, the last the built-in catalog. */
function chain(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const base = i < n - 1 ? `c${i + 1}.catalog.json` : 'builtin';
    files[`cat/c${i}.catalog.json`] = `{\n  "extends": "${base}"\n}\n`;
  }
  return files;
}

describe('robustness: configurations and catalogs that would exhaust the stack', function () {
  // Each case starts a real process, on a machine that may be busy.
  this.timeout(120_000);

  it('a catalint.json nesting 100,000 arrays: exit 2 at the bracket that opens level 101', () => {
    const n = 100_000;
    const ws = workspace({ 'a.ts': SOURCES.clean, 'catalint.json': `{"ignoreNames": ${'['.repeat(n)}${']'.repeat(n)}}\n` });
    // `{` opens level 1 at column 1, the first `[` level 2 at column 17: level 101 is 99 further.
    assertRefused(ws, `catalint.json:1:${17 + MAX_JSON_DEPTH - 1}`, NESTED);
  });

  it('a catalog nesting 50,000 objects: exit 2 in the catalog, at the object that opens level 101', () => {
    const n = 50_000;
    const catalog = `{\n  "extends": "builtin",\n  "description": ${'{"a":'.repeat(n)}1${'}'.repeat(n)}\n}\n`;
    const ws = workspace({ 'a.ts': SOURCES.clean, 'catalint.json': '{ "catalog": "deep.catalog.json" }\n', 'deep.catalog.json': catalog });
    // Line 3: `  "description": ` is 17 columns; its first `{` (level 2) is at column 18, each next 5 further.
    assertRefused(ws, `deep.catalog.json:3:${18 + 5 * (MAX_JSON_DEPTH - 1)}`, NESTED);
  });

  it('an inline catalog nested too deep is refused in catalint.json itself', () => {
    const n = 10_000;
    const ws = workspace({
      'a.ts': SOURCES.clean,
      'catalint.json': `{\n  "catalog": {\n    "extends": "builtin",\n    "qualifiers": ${'['.repeat(n)}${']'.repeat(n)}\n  }\n}\n`,
    });
    // Line 4: `    "qualifiers": ` is 18 columns; its first `[` opens level 3 at column 19.
    assertRefused(ws, `catalint.json:4:${19 + MAX_JSON_DEPTH - 2}`, NESTED);
  });

  it(`a chain of 5,000 catalogs: exit 2 at the "extends" that would add catalog ${MAX_EXTENDS_CHAIN + 1}`, () => {
    const ws = workspace({ 'a.ts': SOURCES.clean, 'catalint.json': '{ "catalog": "cat/c0.catalog.json" }\n', ...chain(5000) });
    const last = MAX_EXTENDS_CHAIN - 1;
    assertRefused(
      ws,
      `cat/c${last}.catalog.json:2:14`,
      new RegExp(
        `^"extends": more than ${MAX_EXTENDS_CHAIN} catalogs in one chain \\(c0\\.catalog\\.json -> c1\\.catalog\\.json -> … -> c${last}\\.catalog\\.json -> c${last + 1}\\.catalog\\.json\\); merge some of them$`,
      ),
    );
  });

  it('a cycle is still reported as a cycle, not as a long chain', () => {
    const files = chain(5);
    files['cat/c4.catalog.json'] = '{\n  "extends": "c0.catalog.json"\n}\n';
    const ws = workspace({ 'a.ts': SOURCES.clean, 'catalint.json': '{ "catalog": "cat/c0.catalog.json" }\n', ...files });
    assertRefused(
      ws,
      'cat/c4.catalog.json:2:14',
      /^"extends" makes a cycle: c0\.catalog\.json -> c1\.catalog\.json -> c2\.catalog\.json -> c3\.catalog\.json -> c4\.catalog\.json -> c0\.catalog\.json$/,
    );
  });

  describe('near-misses', () => {
    it('a catalog extending a chain of 3 catalogs loads, with the terms of every layer', () => {
      const category = (id: string, term: string): string =>
        `{ "id": "${id}", "group": "contact", "label": { "en": "${id}" }, "strong": ["${term}"] }`;
      const layer = (base: string, id: string, term: string): string =>
        `{\n  "extends": "${base}",\n  "categories": [${category(id, term)}]\n}\n`;
      const ws = workspace({
        'catalint.json': '{ "catalog": "privacy/main.catalog.json" }\n',
        'privacy/main.catalog.json': layer('a.catalog.json', 'contact.zzmain', 'zzmain'),
        'privacy/a.catalog.json': layer('b.catalog.json', 'contact.zza', 'zza'),
        'privacy/b.catalog.json': layer('c.catalog.json', 'contact.zzb', 'zzb'),
        'privacy/c.catalog.json': layer('builtin', 'contact.zzc', 'zzc'),
        'a.ts': [
          'export function f(customer: { zzmain: string; zza: string; zzb: string; zzc: string; email: string }) {',
          '  return [customer.zzmain, customer.zza, customer.zzb, customer.zzc, customer.email];',
          '}',
          '',
        ].join('\n'),
      });
      // Personal data without consent: warnings, which alone do not fail a run.
      const r = catalint(['--format', 'json'], { cwd: ws });
      assert.equal(r.status, 0, r.stderr);
      const categories = new Set(jsonReport(r).findings.flatMap((f) => f.categories));
      for (const id of ['contact.zzmain', 'contact.zza', 'contact.zzb', 'contact.zzc', 'contact.email']) {
        assert.ok(categories.has(id), `${id} missing from ${[...categories].join(', ')}`);
      }
      assert.doesNotThrow(() => loadConfig({ root: ws }));
    });

    it(`a chain of exactly ${MAX_EXTENDS_CHAIN} catalogs, the built-in one included, loads`, () => {
      const ws = workspace({
        'a.ts': SOURCES.clean,
        'catalint.json': '{ "catalog": "cat/c0.catalog.json" }\n',
        ...chain(MAX_EXTENDS_CHAIN - 1),
      });
      const r = catalint([], { cwd: ws });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(loadConfig({ root: ws }).catalog.sources.length, MAX_EXTENDS_CHAIN);
    });

    it('the deepest nesting the schema allows (an inline catalog requirement, 6 levels) loads and applies', () => {
      const ws = workspace({
        'catalint.json': JSON.stringify(
          {
            catalog: {
              extends: 'builtin',
              conditions: [{ id: 'zz-optin', label: 'ZZ' }],
              groups: [{ id: 'zz', label: { en: 'ZZ' }, kind: 'personal', requires: { anyOf: ['zz-optin'] } }],
              categories: [{ id: 'zz.thing', group: 'zz', label: { en: 'thing' }, strong: ['zzThing'] }],
            },
          },
          null,
          2,
        ),
        'a.ts': 'export function f(x: { zzThing: string }) {\n  return x.zzThing;\n}\n',
      });
      // Personal data without consent: warnings, which alone do not fail a run.
      const r = catalint(['--format', 'json'], { cwd: ws });
      assert.equal(r.status, 0, r.stderr);
      const findings = jsonReport(r).findings;
      assert.ok(findings.length > 0);
      for (const f of findings) assert.deepEqual([f.name, f.categories, f.required], ['zzThing', ['zz.thing'], ['zz-optin']]);
    });

    it('10 and exactly 100 levels are validated as before: the schema error, at the value', () => {
      for (const levels of [10, MAX_JSON_DEPTH]) {
        const inner = levels - 1; // the root object is level 1
        const ws = workspace({ 'a.ts': SOURCES.clean, 'catalint.json': `{"ignoreNames": ${'['.repeat(inner)}${']'.repeat(inner)}}\n` });
        // The list's first item (column 18) is an array, not a name.
        assertRefused(ws, 'catalint.json:1:18', /^ignoreNames\.0: must be string$/);
      }
    });

    it('brackets inside strings and comments are not nesting', () => {
      const deep = '['.repeat(5000);
      const ws = workspace({
        'a.ts': SOURCES.clean,
        'catalint.json': `// ${'{'.repeat(5000)}\n{ /* ${deep} */ "ignoreNames": ["${deep}"] }\n`,
      });
      const r = catalint([], { cwd: ws });
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotThrow(() => loadConfig({ root: ws }));
    });
  });
});
