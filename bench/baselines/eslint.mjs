// The ESLint baseline: what a TypeScript team would configure instead of Catalint — ESLint 9
// with @typescript-eslint/parser and only the core `id-denylist` rule, listing the catalog's
// terms. The bench writes the flat config next to the corpora (ESLint 9 ignores files outside
// its config file's folder) and runs ESLint's own CLI as a child process.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { catalogTerms, identifierSpellings } from '../lib/catalog-terms.mjs';
import { cacheDir, repoRoot } from '../lib/paths.mjs';

const require = createRequire(join(repoRoot, 'package.json'));

export function eslintVersion() {
  return require('eslint/package.json').version;
}

/** Writes the flat config and returns its path. */
export function writeEslintConfig() {
  const names = [...new Set(catalogTerms().flatMap(identifierSpellings))].sort();
  const parser = require.resolve('@typescript-eslint/parser');
  const file = join(cacheDir, 'eslint.config.mjs');
  writeFileSync(
    file,
    [
      '// Written by bench/baselines/eslint.mjs: the id-denylist baseline over the catalog terms.',
      `import parser from ${JSON.stringify(parser)};`,
      'export default [{',
      "  files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],",
      '  languageOptions: { parser },',
      `  rules: { 'id-denylist': ['error', ...${JSON.stringify(names)}] },`,
      '}];',
      '',
    ].join('\n'),
  );
  return file;
}

/**
 * The command that lints `dir` (under the cache folder). It runs ESLint's bin with node —
 * exactly what `npx eslint` runs, without the ~0.4 s npm itself spends starting, which would
 * only flatter Catalint.
 */
export function eslintCommand(configFile, dir, outputFile) {
  const pkg = require.resolve('eslint/package.json');
  const bin = join(dirname(pkg), require('eslint/package.json').bin.eslint);
  return {
    command: process.execPath,
    args: [bin, '--config', configFile, '--no-warn-ignored', '--format', 'json', '--output-file', outputFile, dir],
  };
}
