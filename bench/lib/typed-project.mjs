// The type-aware benches' project: Medusa's core packages as one TypeScript project. The
// packages' own tsconfig.json extend a base the bench cache does not hold, and ESLint's project
// service takes the nearest tsconfig.json of each file: so their src folders are copied out of
// the corpus, with one tsconfig.json at the copy's root. Used by typed-cost.mjs and typed-editor.mjs.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { listFiles, makeRepositoryRoot } from './files.mjs';

export const TYPED_WORK = join(os.tmpdir(), 'catalint-typed-cost');
export const TYPED_CORPUS = join(TYPED_WORK, 'medusa');

/** The packages linted, folders of the monorepo, with the name other packages import them by. */
export const PACKAGES = [
  'packages/core/types',
  'packages/core/utils',
  'packages/core/orchestration',
  'packages/core/workflows-sdk',
  'packages/core/modules-sdk',
  'packages/core/framework',
  'packages/core/core-flows',
  'packages/core/js-sdk',
  'packages/medusa',
];

/**
 * compilerOptions of _tsconfig.base.json at the pinned commit, less its outDir (nothing is
 * emitted), plus `strict: false`: Medusa was written for TypeScript ^5.6, where strict is off
 * unless set (the base turns three strict flags on one by one); TypeScript 6, which both tools
 * run here, turns it on by default.
 */
export const BASE_OPTIONS = {
  strict: false,
  lib: ['ES2021'],
  target: 'ES2021',
  esModuleInterop: true,
  declaration: true,
  declarationMap: true,
  noUnusedLocals: true,
  module: 'Node16',
  moduleResolution: 'Node16',
  emitDecoratorMetadata: true,
  experimentalDecorators: true,
  sourceMap: true,
  noImplicitReturns: true,
  resolveJsonModule: true,
  forceConsistentCasingInFileNames: true,
  strictNullChecks: true,
  strictFunctionTypes: true,
  noImplicitThis: true,
  allowJs: true,
  skipLibCheck: true,
  incremental: false,
};

/** Copies the packages' src folders and package.json files from `source` (the Medusa corpus) and writes the one tsconfig.json; returns its path. */
export function writeTypedProject(source, corpus = TYPED_CORPUS) {
  const copy = (rel) => {
    mkdirSync(dirname(join(corpus, rel)), { recursive: true });
    copyFileSync(join(source, rel), join(corpus, rel));
  };
  copy('package.json');
  const paths = {};
  for (const pkg of PACKAGES) {
    copy(join(pkg, 'package.json'));
    for (const f of listFiles(join(source, pkg, 'src'), () => true)) copy(relative(source, f.path));
    const name = JSON.parse(readFileSync(join(source, pkg, 'package.json'), 'utf8')).name;
    paths[name] = [`./${pkg}/src/index.ts`];
    paths[`${name}/*`] = [`./${pkg}/src/*`];
  }
  // The one subpath export that is not `dist/<same path>`.
  paths['@medusajs/workflows-sdk/composer'] = ['./packages/core/workflows-sdk/src/utils/composer/index.ts'];
  const tsconfig = { compilerOptions: { ...BASE_OPTIONS, paths }, include: PACKAGES.map((p) => `${p}/src`) };
  writeFileSync(join(corpus, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2) + '\n');
  // A workspace is a git repository; Catalint reads its .gitignore files as git does.
  makeRepositoryRoot(corpus);
  return join(corpus, 'tsconfig.json');
}
