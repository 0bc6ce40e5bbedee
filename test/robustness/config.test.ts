/**
 * Every kind of broken `catalint.json` and catalog, through the real `catalint` process and
 * through the engine's loadConfig: exit 2, nothing on stdout, and a first stderr line
 * `file:line:column: what is wrong` pointing at the exact place, the same problem the engine
 * reports to the editor. Near-misses show the same files, corrected, are accepted.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../server/src/engine';
import { catalint, repoRoot, SOURCES, workspace, type CliResult } from '../cli/helpers';

const BIN = path.join(repoRoot(), 'bin', 'catalint.js');

/** The real process, without blocking: the cases run side by side (each pays Node's and the bundle's start-up). */
function catalintAsync(args: readonly string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status: code, stdout, stderr });
      },
    );
  });
}

/** Runs `jobs` at most `width` at a time. */
async function pooled<T>(jobs: readonly (() => Promise<T>)[], width = 6): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return out;
}

/** A file's text, or `null` for a folder where a file is expected. */
type Files = Record<string, string | null>;

interface Case {
  readonly what: string;
  readonly files: Files;
  /** `--config` / `--catalog`, relative to the workspace. */
  readonly config?: string;
  readonly catalog?: string;
  /** The first problem: relative file, 1-based line and column, and what the message says. */
  readonly at: readonly [file: string, line: number, column: number];
  readonly message: RegExp;
}

const CATEGORY = (id: string, extra = ''): string => `{ "id": "${id}", "group": "contact", "label": { "en": "${id}" }${extra} }`;

const CASES: readonly Case[] = [
  // catalint.json
  {
    what: 'invalid JSON (an unclosed array)',
    files: { 'catalint.json': '{\n  "exclude": ["dist/**"\n}\n' },
    at: ['catalint.json', 3, 1],
    message: /^invalid JSON: comma expected$/,
  },
  { what: 'an empty file', files: { 'catalint.json': '' }, at: ['catalint.json', 1, 1], message: /^invalid JSON: value expected$/ },
  {
    what: 'text after the object',
    files: { 'catalint.json': '{}\n}\n' },
    at: ['catalint.json', 2, 1],
    message: /^invalid JSON: end of file expected$/,
  },
  {
    what: 'NUL bytes',
    files: { 'catalint.json': '{\n  "exclude": ["a\u0000b"]\n}\n' },
    at: ['catalint.json', 2, 15],
    message: /^invalid JSON: invalid character$/,
  },
  { what: 'a root that is not an object', files: { 'catalint.json': '[]\n' }, at: ['catalint.json', 1, 1], message: /must be object/ },
  {
    what: 'a wrong type',
    files: { 'catalint.json': '{\n  "include": "src/**"\n}\n' },
    at: ['catalint.json', 2, 14],
    message: /^include: must be array$/,
  },
  {
    what: 'a wrong type behind a BOM',
    files: { 'catalint.json': '\uFEFF{\n  "include": 3\n}\n' },
    at: ['catalint.json', 2, 14],
    message: /^include: must be array$/,
  },
  {
    what: 'a wrong type inside consent',
    files: { 'catalint.json': '{\n  "consent": { "src/**": "customer-consent" }\n}\n' },
    at: ['catalint.json', 2, 26],
    message: /must be array/,
  },
  {
    what: 'a severity that does not exist',
    files: { 'catalint.json': '{\n  "severity": {\n    "personal": "fatal"\n  }\n}\n' },
    at: ['catalint.json', 3, 17],
    message: /^severity\.personal: must be one of "error", "warning", "information", "hint", "off"$/,
  },
  {
    what: 'an unknown key',
    files: { 'catalint.json': '{\n  "exlude": []\n}\n' },
    at: ['catalint.json', 2, 3],
    message: /^unknown key "exlude"/,
  },
  {
    what: 'a duplicate key',
    files: { 'catalint.json': '{\n  "exclude": [],\n  "exclude": ["x"]\n}\n' },
    at: ['catalint.json', 3, 3],
    message: /^duplicate key "exclude"$/,
  },
  {
    what: 'a consent glob naming a condition that does not exist',
    files: { 'catalint.json': '{\n  "consent": {\n    "src/**": ["customer-consent", "custmer-consent"]\n  }\n}\n' },
    at: ['catalint.json', 3, 36],
    message: /^unknown condition "custmer-consent" \(did you mean "customer-consent"\?\)$/,
  },
  {
    what: 'a consent glob naming a condition its own catalog does not define',
    files: {
      'catalint.json': '{\n  "catalog": "c.catalog.json",\n  "consent": { "**": ["connected-drive"] }\n}\n',
      'c.catalog.json': '{\n  "conditions": [{ "id": "c1", "label": "C" }],\n  "groups": [],\n  "categories": []\n}\n',
    },
    at: ['catalint.json', 3, 23],
    message: /^unknown condition "connected-drive"$/,
  },
  {
    what: 'a catalog that does not exist',
    files: { 'catalint.json': '{\n  "catalog": "nope.catalog.json"\n}\n' },
    at: ['catalint.json', 2, 14],
    message: /^"catalog": cannot find .*nope\.catalog\.json$/,
  },
  {
    what: 'a catalog that is a folder',
    files: { 'catalint.json': '{\n  "catalog": "dir.catalog.json"\n}\n', 'dir.catalog.json': null },
    at: ['dir.catalog.json', 1, 1],
    message: /^cannot read: is a folder, not a file$/,
  },
  {
    what: '--config naming a folder',
    files: { conf: null },
    config: 'conf',
    at: ['conf', 1, 1],
    message: /^cannot read: is a folder, not a file$/,
  },
  {
    what: '--config naming a missing file',
    files: {},
    config: 'nope.json',
    at: ['nope.json', 1, 1],
    message: /^cannot read: file not found$/,
  },
  {
    what: 'an inline catalog with an unknown group',
    files: {
      'catalint.json': `{\n  "catalog": {\n    "extends": "builtin",\n    "categories": [\n      { "id": "x.a", "group": "nope", "label": { "en": "A" } }\n    ]\n  }\n}\n`,
    },
    at: ['catalint.json', 5, 31],
    message: /^category "x\.a": unknown group "nope"$/,
  },
  // catalogs
  {
    what: 'a catalog that is not JSON (YAML is not read)',
    files: { 'my.catalog.yaml': 'extends: builtin\nconditions:\n  - id: x\n' },
    catalog: 'my.catalog.yaml',
    at: ['my.catalog.yaml', 1, 1],
    message: /^invalid JSON/,
  },
  {
    what: '--catalog naming a missing file',
    files: {},
    catalog: 'nope.json',
    at: ['nope.json', 1, 1],
    message: /^cannot read: file not found$/,
  },
  {
    what: 'a catalog with a wrong type',
    files: { 'my.catalog.json': '{\n  "extends": "builtin",\n  "categories": {}\n}\n' },
    catalog: 'my.catalog.json',
    at: ['my.catalog.json', 3, 17],
    message: /^categories: must be array$/,
  },
  {
    what: 'a catalog with an unknown key in a category',
    files: {
      'my.catalog.json': `{\n  "extends": "builtin",\n  "categories": [\n    { "id": "x.a", "group": "contact", "label": { "en": "A" }, "strongg": ["zzfoo"] }\n  ]\n}\n`,
    },
    catalog: 'my.catalog.json',
    at: ['my.catalog.json', 4, 64],
    message: /^unknown key "strongg"/,
  },
  {
    what: 'a catalog with a duplicate key',
    files: { 'my.catalog.json': '{\n  "extends": "builtin",\n  "extends": "builtin"\n}\n' },
    catalog: 'my.catalog.json',
    at: ['my.catalog.json', 3, 3],
    message: /^duplicate key "extends"$/,
  },
  {
    what: 'duplicate category ids',
    files: {
      'my.catalog.json': `{\n  "extends": "builtin",\n  "categories": [\n    ${CATEGORY('x.a', ', "strong": ["zzfoo"]')},\n    ${CATEGORY('x.a', ', "strong": ["zzbar"]')}\n  ]\n}\n`,
    },
    catalog: 'my.catalog.json',
    at: ['my.catalog.json', 5, 13],
    message: /^duplicate category id "x\.a"$/,
  },
  {
    what: 'duplicate condition ids',
    files: {
      'my.catalog.json':
        '{\n  "extends": "builtin",\n  "conditions": [\n    { "id": "c1", "label": "C" },\n    { "id": "c1", "label": "C" }\n  ]\n}\n',
    },
    catalog: 'my.catalog.json',
    at: ['my.catalog.json', 5, 13],
    message: /^duplicate condition id "c1"$/,
  },
  {
    what: 'duplicate group ids',
    files: {
      'my.catalog.json':
        '{\n  "extends": "builtin",\n  "groups": [\n    { "id": "g", "label": { "en": "G" }, "kind": "personal", "requires": { "anyOf": ["customer-consent"] } },\n    { "id": "g", "label": { "en": "G" }, "kind": "personal", "requires": { "anyOf": ["customer-consent"] } }\n  ]\n}\n',
    },
    catalog: 'my.catalog.json',
    at: ['my.catalog.json', 5, 13],
    message: /^duplicate group id "g"$/,
  },
  {
    what: "a group's requires naming a condition that does not exist",
    files: {
      'my.catalog.json':
        '{\n  "extends": "builtin",\n  "groups": [\n    { "id": "g", "label": { "en": "G" }, "kind": "personal", "requires": { "anyOf": ["customer-consent", "no-such-consent"] } }\n  ]\n}\n',
    },
    catalog: 'my.catalog.json',
    at: ['my.catalog.json', 4, 106],
    message: /^unknown condition "no-such-consent"$/,
  },
  {
    what: "a category's requires naming a condition that does not exist",
    files: {
      'my.catalog.json': `{\n  "extends": "builtin",\n  "categories": [\n    { "id": "x.a", "group": "contact", "label": { "en": "A" }, "strong": ["zzfoo"],\n      "requires": { "allOf": ["cookie-consent", "cookie-consnet"] } }\n  ]\n}\n`,
    },
    catalog: 'my.catalog.json',
    at: ['my.catalog.json', 5, 49],
    message: /^unknown condition "cookie-consnet" \(did you mean "cookie-consent"\?\)$/,
  },
  {
    what: 'a category in a group that does not exist',
    files: {
      'my.catalog.json': `{\n  "extends": "builtin",\n  "categories": [\n    { "id": "x.a", "group": "contcat", "label": { "en": "A" }, "strong": ["zzfoo"] }\n  ]\n}\n`,
    },
    catalog: 'my.catalog.json',
    at: ['my.catalog.json', 4, 29],
    message: /^category "x\.a": unknown group "contcat" \(did you mean "contact"\?\)$/,
  },
  {
    what: 'a term claimed by two categories (one spelt as words, one in camelCase)',
    files: {
      'my.catalog.json': `{\n  "extends": "builtin",\n  "categories": [\n    ${CATEGORY('x.a', ', "strong": ["loyalty tier"]')},\n    ${CATEGORY('x.b', ', "strong": ["loyaltyTier"]')}\n  ]\n}\n`,
    },
    catalog: 'my.catalog.json',
    at: ['my.catalog.json', 5, 77],
    message: /^term "loyaltyTier" of category "x\.b" is already claimed by category "x\.a" \("loyalty tier"\); .*"shares": \["x\.a"\]/,
  },
  {
    what: 'a term the built-in catalog already gives another category',
    files: {
      'my.catalog.json': `{\n  "extends": "builtin",\n  "categories": [\n    ${CATEGORY('x.a', ', "strong": ["email"]')}\n  ]\n}\n`,
    },
    catalog: 'my.catalog.json',
    at: ['my.catalog.json', 4, 77],
    message: /^term "email" of category "x\.a" is already claimed by category "contact\.email"/,
  },
  {
    what: 'an extends cycle (a extends b extends a)',
    files: {
      'a.catalog.json': '{\n  "extends": "b.catalog.json",\n  "conditions": []\n}\n',
      'b.catalog.json': '{\n  "extends": "a.catalog.json"\n}\n',
    },
    catalog: 'a.catalog.json',
    at: ['b.catalog.json', 2, 14],
    message: /^"extends" makes a cycle: a\.catalog\.json -> b\.catalog\.json -> a\.catalog\.json$/,
  },
  {
    what: 'a catalog that extends itself',
    files: { 'a.catalog.json': '{\n  "extends": "./a.catalog.json"\n}\n' },
    catalog: 'a.catalog.json',
    at: ['a.catalog.json', 2, 14],
    message: /^"extends" makes a cycle: a\.catalog\.json -> a\.catalog\.json$/,
  },
  {
    what: 'extends naming a missing file',
    files: { 'a.catalog.json': '{\n  "extends": "gone.catalog.json"\n}\n' },
    catalog: 'a.catalog.json',
    at: ['a.catalog.json', 2, 14],
    message: /^"extends": cannot find .*gone\.catalog\.json$/,
  },
  {
    what: 'an error in the catalog an extends names, reported in that file',
    files: {
      'a.catalog.json': '{\n  "extends": "b.catalog.json"\n}\n',
      'b.catalog.json': '{\n  "extends": "builtin",\n  "conditions": [\n    { "id": 7, "label": "C" }\n  ]\n}\n',
    },
    catalog: 'a.catalog.json',
    at: ['b.catalog.json', 4, 13],
    message: /^conditions\.0\.id: must be string$/,
  },
];

function write(files: Files): string {
  const ws = workspace({ 'a.ts': SOURCES.clean });
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(ws, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (text === null) fs.mkdirSync(file);
    else fs.writeFileSync(file, text);
  }
  return ws;
}

function cliArgs(c: Pick<Case, 'config' | 'catalog'>): string[] {
  return [...(c.config ? ['--config', c.config] : []), ...(c.catalog ? ['--catalog', c.catalog] : [])];
}

function engineProblems(
  ws: string,
  c: Pick<Case, 'config' | 'catalog'>,
): readonly { file: string; line: number; column: number; message: string }[] | 'loaded' {
  try {
    loadConfig({ root: ws, configFile: c.config && path.join(ws, c.config), catalogFile: c.catalog && path.join(ws, c.catalog) });
    return 'loaded';
  } catch (e) {
    if (!(e instanceof ConfigError)) throw new Error(`loadConfig threw something other than a ConfigError: ${(e as Error).stack}`);
    return e.problems;
  }
}

describe('robustness: malformed catalint.json and catalogs', function () {
  // Each case starts a real process, on a machine that may be busy.
  this.timeout(60_000);

  const runs = new Map<Case, { ws: string; result: CliResult }>();
  before(async function () {
    this.timeout(300_000);
    const made = CASES.map((c) => ({ c, ws: write(c.files) }));
    const results = await pooled(
      made.map(
        ({ c, ws }) =>
          () =>
            catalintAsync(cliArgs(c), ws),
      ),
    );
    made.forEach(({ c, ws }, i) => runs.set(c, { ws, result: results[i] }));
  });

  for (const c of CASES) {
    it(`${c.what}: exit 2 and ${c.at.join(':')}`, () => {
      const { ws, result: r } = runs.get(c)!;
      const [file, line, column] = c.at;

      assert.equal(r.status, 2, `exit ${r.status}\n${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '');
      const first = r.stderr.split('\n')[0];
      const prefix = `${file}:${line}:${column}: `;
      assert.ok(first.startsWith(prefix), `expected ${prefix}…, got: ${first}`);
      assert.match(first.slice(prefix.length), c.message);

      const problems = engineProblems(ws, c);
      assert.notEqual(problems, 'loaded', 'loadConfig accepted it');
      const p = (problems as Exclude<typeof problems, 'loaded'>)[0];
      assert.deepEqual([path.relative(ws, p.file), p.line, p.column], [file, line, column]);
      assert.match(p.message, c.message);
    });
  }

  describe('near-misses: the same files, corrected, are accepted', () => {
    const good: readonly [string, Files, Pick<Case, 'config' | 'catalog'>][] = [
      ['comments, trailing commas and a BOM', { 'catalint.json': '\uFEFF// team settings\n{ /* ok */ "exclude": ["dist/**",], }\n' }, {}],
      ['a known condition in a consent glob', { 'catalint.json': '{\n  "consent": {\n    "src/**": ["customer-consent"]\n  }\n}\n' }, {}],
      [
        'an extends chain without a cycle',
        { 'a.catalog.json': '{\n  "extends": "b.catalog.json"\n}\n', 'b.catalog.json': '{\n  "extends": "builtin"\n}\n' },
        { catalog: 'a.catalog.json' },
      ],
      [
        'a term in two categories that declare they share it',
        {
          'my.catalog.json': `{\n  "extends": "builtin",\n  "categories": [\n    ${CATEGORY('x.a', ', "strong": ["loyalty tier"], "shares": ["x.b"]')},\n    ${CATEGORY('x.b', ', "strong": ["loyaltyTier"], "shares": ["x.a"]')}\n  ]\n}\n`,
        },
        { catalog: 'my.catalog.json' },
      ],
      [
        'two categories with distinct ids and terms',
        {
          'my.catalog.json': `{\n  "extends": "builtin",\n  "categories": [\n    ${CATEGORY('x.a', ', "strong": ["zzfoo"]')},\n    ${CATEGORY('x.b', ', "strong": ["zzbar"]')}\n  ]\n}\n`,
        },
        { catalog: 'my.catalog.json' },
      ],
    ];
    for (const [what, files, args] of good) {
      it(what, () => {
        const ws = write(files);
        const r = catalint(cliArgs(args), { cwd: ws });
        assert.equal(r.status, 0, r.stderr);
        assert.equal(engineProblems(ws, args), 'loaded');
      });
    }
  });

  it('an unreadable catalint.json (permission denied, run as an unprivileged user): exit 2 and catalint.json:1:1', function () {
    if (process.platform === 'win32') this.skip();
    const ws = write({ 'catalint.json': '{}\n' });
    fs.chmodSync(path.join(ws, 'catalint.json'), 0o000);
    // Root reads anything: the CLI runs as nobody, which needs to reach the folder.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if (process.getuid?.() === 0) fs.chmodSync(ws, 0o755);
    const r = catalint([], { cwd: ws, ...asUser });
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.equal(r.stderr.split('\n')[0], 'catalint.json:1:1: cannot read: permission denied');
    // Near-miss: readable again, the same run is clean.
    fs.chmodSync(path.join(ws, 'catalint.json'), 0o644);
    assert.equal(catalint([], { cwd: ws, ...asUser }).status, 0);
  });

  it('a folder named catalint.json is reported, not silently replaced by the defaults', () => {
    const ws = write({ 'catalint.json': null });
    const r = catalint([], { cwd: ws });
    assert.equal(r.status, 2);
    assert.equal(r.stderr.split('\n')[0], 'catalint.json:1:1: cannot read: is a folder, not a file');
  });
});
