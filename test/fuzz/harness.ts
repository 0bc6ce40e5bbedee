/**
 * What every fuzz property checks, and the corpus the mutations start from. The properties are
 * the engine's promises to its front ends: `lint` never throws for any text, never turns an
 * internal failure into its own note, every span lies inside the document, and no finding
 * carries a string literal's contents.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, type Config, type Finding, type LintResult, packageRoot } from '../../server/src/engine';
import { ConfigResolver } from '../../server/src/workspace/config-lookup';

/** The checkout: found as the engine finds its own package root. */
export const repoRoot = packageRoot;

export const ROOT = repoRoot();

export interface Sample {
  /** Absolute path: decides the language, and which catalint.json applies. */
  readonly file: string;
  readonly text: string;
}

function walk(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter(keep)
    .sort();
}

const isTs = (f: string): boolean => /\.(ts|tsx|mts|cts)$/.test(f) && !f.endsWith('.d.ts');
const isSql = (f: string): boolean => f.endsWith('.sql');

function load(files: string[]): Sample[] {
  return files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
}

/** Real TypeScript and SQL from the fixture corpus and the example workspace. */
export const CORPUS = {
  typescript: load([
    ...walk(path.join(ROOT, 'test', 'fixtures', 'typescript'), isTs),
    ...walk(path.join(ROOT, 'examples', 'connected-car'), isTs),
  ]),
  sql: load([...walk(path.join(ROOT, 'test', 'fixtures', 'sql'), isSql), ...walk(path.join(ROOT, 'examples', 'connected-car'), isSql)]),
};

const resolver = new ConfigResolver({ cwd: ROOT });

/** The configuration the CLI would use for that file (its nearest catalint.json, else the built-in catalog). */
export function configFor(file: string): Config {
  return resolver.configFor(file);
}

/** How many documents the properties have linted in this process: the figure the report gives. */
export const counts = { cases: 0, crashers: 0 };

// A root hook (registered when the first fuzz file imports this module): the run's figures, once.
after(() => {
  if (counts.cases > 0) console.log(`\n  fuzz: ${counts.cases} documents linted, ${counts.crashers} of them crashed lint`);
});

/**
 * Lints and checks the engine's promises; throws (failing the property, so fast-check shrinks
 * the input) with what was broken.
 */
export function lintChecked(text: string, file: string, secrets: readonly string[] = []): LintResult {
  counts.cases++;
  let result: LintResult;
  try {
    result = lint({ text, path: file }, configFor(file));
  } catch (e) {
    counts.crashers++;
    throw new Error(`lint threw on ${path.basename(file)} (${text.length} chars): ${(e as Error).stack ?? e}`);
  }
  for (const f of result.findings) checkFinding(f, text, secrets);
  return result;
}

export function checkFinding(f: Finding, text: string, secrets: readonly string[]): void {
  if (f.rule === 'skipped-file' && /internal error/i.test(f.message)) {
    throw new Error(`internal error reported as a skipped file: ${f.message}`);
  }
  const { start, end } = f.span;
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length)) {
    throw new Error(`${f.rule} "${f.name}" has span ${start}-${end} outside a document of ${text.length} chars`);
  }
  const everything = JSON.stringify(f).toLowerCase();
  for (const secret of secrets) {
    if (everything.includes(secret.toLowerCase())) throw new Error(`finding carries the string value "${secret}": ${JSON.stringify(f)}`);
  }
}

/** A seed for this run, printed on failure by fast-check; CATALINT_FUZZ_SEED replays one. */
export function fuzzParameters(numRuns: number): { seed: number; numRuns: number } {
  const fromEnv = process.env.CATALINT_FUZZ_SEED;
  const seed = fromEnv !== undefined ? Number(fromEnv) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const scale = Number(process.env.CATALINT_FUZZ_SCALE ?? '1');
  return { seed, numRuns: Math.max(1, Math.round(numRuns * scale)) };
}
