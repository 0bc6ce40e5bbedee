// Bundles the three programs the package ships. Bundling keeps the .vsix and the CLI free of
// missing modules at run time; `vscode` is provided by the editor and never bundled.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  // Whitespace and syntax always: every process (server, CLI, each CLI worker) holds the program
  // text in memory and parses it at start, and the bundle carries the TypeScript compiler
  // (11 MB as written, 7 MB so). Names are kept outside --production for readable stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: production,
  logLevel: 'warning',
  external: ['vscode'],
  // jsonc-parser's UMD build (its `main`) requires files by computed paths a bundle cannot
  // resolve; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const builds = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
];

const present = (
  await Promise.all(
    builds.map(async (b) => {
      const { existsSync } = await import('node:fs');
      return existsSync(b.entryPoints[0]) ? b : undefined;
    }),
  )
).filter(Boolean);

// Type-aware analysis (--project) needs the standard library's declarations (`Array`, `Map`,
// `Pick`): the compiler looks for them beside itself, which in a bundle is dist/.
{
  const { cpSync, mkdirSync, readdirSync } = await import('node:fs');
  const from = 'node_modules/typescript/lib';
  mkdirSync('dist/typescript-lib', { recursive: true });
  for (const f of readdirSync(from)) if (/^lib\..*\.d\.ts$/.test(f)) cpSync(`${from}/${f}`, `dist/typescript-lib/${f}`);
}

if (watch) {
  for (const b of present) (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(present.map((b) => esbuild.build({ ...common, ...b })));
}
