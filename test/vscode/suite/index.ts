/**
 * Runs inside the VS Code extension host (desktop VS Code, or code-server through the shim):
 * VS Code calls `run` and takes a rejection as a failed suite. Mocha runs every compiled
 * `*.test.js` beside this file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    // Generous: the first test waits for the server to start and lint the workspace.
    timeout: 30_000,
    reporter: 'spec',
  });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} VS Code test(s) failed`);
}
