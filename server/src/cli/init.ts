/**
 * `catalint init`: a first `catalint.json` for the repository it stands in, from what the
 * repository holds: the test files the defaults miss, the SQL dialect its migration tools name
 * (Prisma, Supabase, Knex, TypeORM, Flyway), and the functions its code calls with a consent
 * condition id (its own guards). It says what it decided and why, and with `--baseline` records
 * the existing findings (see baseline.ts). Every file it looks at is read as data: a knexfile or
 * a TypeORM data source is searched as text, never run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { DEFAULT_TESTS } from '../engine/config/tests';
import { DEFAULT_GUARDS } from '../engine/config/load';
import type { SqlDialect } from '../engine/config/model';
import { consentCalls } from '../engine/languages/typescript/consent-calls';
import { languageOf } from '../engine/languages/registry';
import { decodeSource } from '../engine/text/decode';
import { readRegularFile } from '../engine/text/read-file';
import { Configs } from '../workspace/configs';
import { discover } from '../workspace/discover';
import type { LintOptions } from './args';
import { ExitCode, type Io } from './io';
import { writeFileAtomic } from './output';
import { printable } from './printable';
import { compareStrings, displayPath } from './report';

export interface InitOptions {
  /** Also write the suppressions file with the findings the new configuration gives. */
  readonly baseline: boolean;
  /** Replace an existing catalint.json. */
  readonly force: boolean;
}

/** Test-like files the defaults (DEFAULT_TESTS) do not cover, looked for by init. */
const MORE_TESTS = ['**/*.{mock,mocks,fixture,fixtures,factory}.*', '**/{mocks,__stubs__,stubs,test-utils,test-helpers,testing}/**'];
const MAX_CONFIG_TEXT = 1024 * 1024;

interface Decision {
  readonly key: string;
  readonly why: string;
}

export async function initCommand(options: InitOptions, io: Io): Promise<ExitCode> {
  const root = repositoryRoot(io.cwd);
  const target = path.join(root, 'catalint.json');
  const shown = displayPath(io.cwd, target);
  if (fs.existsSync(target) && !options.force) {
    io.stderr(`catalint init: ${printable(shown)} exists already; 'catalint init --force' replaces it\n`);
    return ExitCode.Trouble;
  }
  const configs = new Configs({ cwd: root });
  const found = discover([root], root, configs);
  const files = found.files.map((abs) => ({ abs, rel: path.relative(root, abs).split(path.sep).join('/') }));
  const catalog = configs.forFile(path.join(root, 'catalint.json')).config.catalog;

  // No $schema: the extension validates catalint.json with the schema it ships, offline.
  const config: Record<string, unknown> = {};
  const decisions: Decision[] = [];

  const tests = moreTests(files.map((f) => f.rel));
  if (tests.length > 0) {
    config.tests = [...DEFAULT_TESTS, ...tests.map((t) => t.glob)];
    for (const t of tests) decisions.push({ key: `tests: ${t.glob}`, why: `${t.count} files such as ${t.example}` });
  } else decisions.push({ key: 'tests: the defaults', why: 'they cover every test-like file found' });

  const dialects = sqlDialects(root, files);
  if (dialects.length > 0) {
    config.sql = { dialects: Object.fromEntries(dialects.map((d) => [d.glob, d.dialect])) };
    for (const d of dialects) decisions.push({ key: `sql.dialects: ${d.glob} is ${d.dialect}`, why: d.why });
  }

  const guards = guardsOf(files, new Set(catalog.conditions.keys()));
  if (guards.check.length > 0 || guards.require.length > 0) {
    config.guards = {
      check: [...DEFAULT_GUARDS.check, ...guards.check.map((g) => g.name)],
      require: [...DEFAULT_GUARDS.require, ...guards.require.map((g) => g.name)],
    };
    for (const g of guards.check)
      decisions.push({ key: `guards.check: ${g.name}`, why: `called with a condition id in a condition ${g.why}` });
    for (const g of guards.require)
      decisions.push({ key: `guards.require: ${g.name}`, why: `called with a condition id as a statement ${g.why}` });
  }

  writeFileAtomic(target, [JSON.stringify(config, null, 2) + '\n']);
  io.stdout(`Wrote ${shown} (${files.length} files looked at):\n`);
  for (const d of decisions) io.stdout(`  ${printable(d.key)}: ${printable(d.why)}\n`);

  if (!options.baseline) return ExitCode.Clean;
  const { lintCommand } = require('./lint-command') as typeof import('./lint-command');
  const lint: LintOptions = {
    paths: [root],
    format: 'json',
    quiet: false,
    outputFile: process.platform === 'win32' ? 'NUL' : '/dev/null',
    cache: false,
    includeTests: false,
    baseline: { kind: 'record' },
    suppressionsLocation: path.join(root, 'catalint-suppressions.json'),
    projects: [],
  };
  const code = await lintCommand(lint, { ...io, cwd: root });
  return code === ExitCode.Trouble ? ExitCode.Trouble : ExitCode.Clean;
}

/** The folder holding `.git` at or above `cwd`; `cwd` itself when there is none. */
function repositoryRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

function moreTests(rels: readonly string[]): { glob: string; count: number; example: string }[] {
  const isDefault = picomatch([...DEFAULT_TESTS], { dot: true });
  const out: { glob: string; count: number; example: string }[] = [];
  for (const glob of MORE_TESTS) {
    const test = picomatch(glob, { dot: true });
    const matched = rels.filter((r) => test(r) && !isDefault(r));
    if (matched.length > 0) out.push({ glob, count: matched.length, example: matched[0] });
  }
  return out;
}

interface DialectRule {
  readonly glob: string;
  readonly dialect: SqlDialect;
  readonly why: string;
}

/** Dialects from migration tools: specific folders first (the first matching glob wins), a repository-wide one last. */
function sqlDialects(root: string, files: readonly { abs: string; rel: string }[]): DialectRule[] {
  const rules: DialectRule[] = [];
  const repositoryWide: DialectRule[] = [];
  for (const f of files.filter((f) => f.rel.endsWith('.prisma'))) {
    const provider = /datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"([a-z]+)"/s.exec(textOf(f.abs) ?? '')?.[1];
    const dialect = provider && PRISMA[provider];
    if (!dialect) continue;
    const dir = path.posix.dirname(f.rel);
    rules.push({ glob: `${dir === '.' ? '' : `${dir}/`}migrations/**`, dialect, why: `${f.rel}: datasource provider "${provider}"` });
  }
  if (fs.existsSync(path.join(root, 'supabase', 'migrations')) || fs.existsSync(path.join(root, 'supabase', 'config.toml'))) {
    rules.push({ glob: 'supabase/**', dialect: 'postgresql', why: 'a Supabase project (supabase/), which is PostgreSQL' });
  }
  for (const name of ['flyway.conf', 'flyway.toml', path.join('conf', 'flyway.conf')]) {
    const url = /jdbc:([a-z]+):/.exec(textOf(path.join(root, name)) ?? '')?.[1];
    const dialect = url && JDBC[url];
    if (dialect) repositoryWide.push({ glob: '**/*.sql', dialect, why: `${name.split(path.sep).join('/')}: a jdbc:${url} URL` });
  }
  for (const f of files.filter((f) => /(^|\/)knexfile\.[cm]?[jt]s$/.test(f.rel))) {
    const client = /client\s*:\s*['"]([\w-]+)['"]/.exec(textOf(f.abs) ?? '')?.[1];
    const dialect = client && KNEX[client];
    if (dialect) repositoryWide.push({ glob: '**/*.sql', dialect, why: `${f.rel}: Knex client "${client}"` });
  }
  for (const f of files.filter((f) => /(^|\/)(ormconfig|data-?source)\.[cm]?[jt]s$/i.test(f.rel))) {
    const type = /type\s*:\s*['"]([\w-]+)['"]/.exec(textOf(f.abs) ?? '')?.[1];
    const dialect = type && TYPEORM[type];
    if (dialect) repositoryWide.push({ glob: '**/*.sql', dialect, why: `${f.rel}: TypeORM type "${type}"` });
  }
  // One repository-wide rule: the first tool found decides it; the others are named with it.
  if (repositoryWide.length > 0) {
    const [first, ...others] = repositoryWide;
    const agree = others.filter((o) => o.dialect === first.dialect).map((o) => o.why);
    rules.push({ ...first, why: [first.why, ...agree].join('; ') });
  }
  return rules;
}

const PRISMA: Readonly<Record<string, SqlDialect>> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  cockroachdb: 'postgresql',
  mysql: 'mysql',
  sqlite: 'sqlite',
};
const JDBC: Readonly<Record<string, SqlDialect>> = { postgresql: 'postgresql', mysql: 'mysql', mariadb: 'mysql', sqlite: 'sqlite' };
const KNEX: Readonly<Record<string, SqlDialect>> = {
  pg: 'postgresql',
  postgres: 'postgresql',
  postgresql: 'postgresql',
  'pg-native': 'postgresql',
  mysql: 'mysql',
  mysql2: 'mysql',
  sqlite3: 'sqlite',
  'better-sqlite3': 'sqlite',
};
const TYPEORM: Readonly<Record<string, SqlDialect>> = {
  postgres: 'postgresql',
  cockroachdb: 'postgresql',
  mysql: 'mysql',
  mariadb: 'mysql',
  sqlite: 'sqlite',
  'better-sqlite3': 'sqlite',
};

interface Guard {
  readonly name: string;
  readonly why: string;
}

/** The functions called with a condition id, by how they are called; the defaults are left out. */
function guardsOf(files: readonly { abs: string; rel: string }[], conditions: ReadonlySet<string>): { check: Guard[]; require: Guard[] } {
  const seen = new Map<string, { role: 'check' | 'require'; count: number; first: string }>();
  const known = new Set<string>([...DEFAULT_GUARDS.check, ...DEFAULT_GUARDS.require]);
  for (const f of files) {
    const language = languageOf(f.abs);
    if (language !== 'typescript' && language !== 'javascript') continue;
    const text = textOf(f.abs);
    if (text === undefined) continue;
    for (const call of consentCalls(text, f.abs, conditions)) {
      if (call.role === 'other' || known.has(call.name)) continue;
      const key = `${call.role}\u0000${call.name}`;
      const entry = seen.get(key);
      if (entry) entry.count++;
      else seen.set(key, { role: call.role, count: 1, first: `${f.rel}:${call.line}` });
    }
  }
  const guards = { check: [] as Guard[], require: [] as Guard[] };
  for (const [key, { role, count, first }] of [...seen].sort((a, b) => compareStrings(a[0], b[0]))) {
    guards[role].push({ name: key.split('\u0000')[1], why: `${count} time${count === 1 ? '' : 's'}, first at ${first}` });
  }
  return guards;
}

function textOf(file: string): string | undefined {
  try {
    return decodeSource(readRegularFile(file, MAX_CONFIG_TEXT));
  } catch {
    return undefined;
  }
}
