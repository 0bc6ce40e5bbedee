/**
 * Runs the compiled `*.test.js` files of one folder with mocha, inside the VS Code extension
 * host (desktop VS Code, or code-server through the shim). VS Code takes a rejection of the
 * suite's `run` as a failed run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function runMochaIn(folder: string): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    // The first test of a suite waits for the language server to start and analyse a file.
    timeout: 30_000,
    // CATALINT_VSCODE_GREP=pattern runs only the matching tests (the shim passes the environment on).
    ...(process.env.CATALINT_VSCODE_GREP ? { grep: process.env.CATALINT_VSCODE_GREP } : {}),
  });
  for (const file of fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(folder, file));
  }
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} VS Code test(s) failed`);
}
