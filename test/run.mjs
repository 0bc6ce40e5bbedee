// `npm test`: type-check and compile, bundle, check the formatting, then every mocha suite: unit, precision, CLI,
// SQL, LSP over a real connection, and the extension in real VS Code. Ends with one line
// `N passed, N failed` that CI reads, whatever happened before it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;

/** Runs a command with its output shown, and counts mocha's `N passing` / `N failing` lines. */
function run(label, cmd, args, { counts = false, env = {} } = {}) {
  console.log(`\n── ${label}: ${[cmd, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let p = 0;
    let f = 0;
    const scan = (chunk, stream) => {
      stream.write(chunk);
      if (!counts) return;
      for (const line of chunk.toString().split('\n')) {
        const clean = line.replace(/\x1b\[[0-9;]*m/g, '');
        const mp = /^\s*(\d+) passing\b/.exec(clean);
        const mf = /^\s*(\d+) failing\b/.exec(clean);
        if (mp) p += Number(mp[1]);
        if (mf) f += Number(mf[1]);
      }
    };
    child.stdout.on('data', (c) => scan(c, process.stdout));
    child.stderr.on('data', (c) => scan(c, process.stderr));
    child.on('close', (code) => {
      if (counts) {
        passed += p;
        failed += f;
        // A suite that died before mocha's summary still counts as a failure.
        if (code !== 0 && f === 0) failed += 1;
      } else if (code !== 0) {
        failed += 1;
      }
      resolve(code);
    });
  });
}

const steps = async () => {
  if ((await run('type-check and compile', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'])) !== 0) return;
  if ((await run('bundle', process.execPath, ['esbuild.mjs'])) !== 0) return;
  // The layering rule runs as a mocha test (test/unit/layering.test.ts); the formatter here.
  await run('formatting (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
  await run(
    'mocha suites',
    bin('mocha'),
    ['--recursive', '--ignore', 'out/test/vscode/**', '--timeout', '60000', 'out/test/**/*.test.js'],
    { counts: true },
  );
  const vscodeRunner = join(root, 'out/test/vscode/runTest.js');
  if (process.env.CATALINT_SKIP_VSCODE === '1') {
    console.log('\n── real VS Code suite skipped (CATALINT_SKIP_VSCODE=1)');
  } else if (existsSync(vscodeRunner)) {
    await run('real VS Code suite', process.execPath, [vscodeRunner], { counts: true });
  }
};

await steps();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
