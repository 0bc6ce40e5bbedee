/**
 * `npm run test:vscode`: runs the suites in real VS Code with @vscode/test-electron's `runTests`.
 * By default VS Code is code-server driven by headless Chromium, through
 * test/vscode/code-server-shim/code, which speaks the desktop executable's command line (the
 * machines this runs on cannot download VS Code; test/vscode/setup.mjs installs the tools).
 * With CATALINT_VSCODE=download, `runTests` downloads desktop VS Code and runs the same suites there.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import { runTests } from '@vscode/test-electron';

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

async function main(): Promise<void> {
  const root = repoRoot();
  const shim = path.join(root, 'test', 'vscode', 'code-server-shim', 'code');
  const useShim = process.env.CATALINT_VSCODE !== 'download';
  try {
    await runTests({
      ...(useShim ? { vscodeExecutablePath: shim } : {}),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'vscode', 'suite', 'index.js'),
      launchArgs: [path.join(root, 'test', 'vscode', 'fixture-workspace'), '--disable-extensions'],
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

void main();
