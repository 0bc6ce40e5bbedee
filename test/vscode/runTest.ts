/**
 * `npm run test:vscode`: the suites in real VS Code with @vscode/test-electron's `runTests`.
 *  1. suite/: the extension from this repository (extensionDevelopmentPath) on fixture-workspace/;
 *  2. vsix/: the .vsix that `npm run package` builds, installed with --install-extension into a
 *     fresh extensions folder, on the same workspace.
 * By default "VS Code" is code-server in headless Chromium, through code-server-shim/code, which
 * speaks the desktop executable's command line: the machines this runs on cannot download VS Code
 * (setup.mjs installs the tools, and runs first). With CATALINT_VSCODE=download, `runTests`
 * downloads desktop VS Code and the same suites run there. CATALINT_VSIX=file skips packaging.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test', 'vscode'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`the repository is not above ${__dirname}`);
  }
}

const root = repoRoot();
const cache = path.join(root, '.vscode-test');
const fixtureSource = path.join(root, 'test', 'vscode', 'fixture-workspace');

/**
 * A fresh copy of the fixture workspace for one VS Code run, outside the repository: whatever
 * the editor does to its files (a quick fix saved by mistake) never reaches the repository or
 * the next run, and the repository's .gitignore does not apply to it.
 */
function freshWorkspace(): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'catalint-vscode-workspace-'));
  fs.cpSync(fixtureSource, copy, { recursive: true });
  return copy;
}
const compiled = path.join(root, 'out', 'test', 'vscode');

/** An empty extensions folder and user data folder; kept after the run under .vscode-test/ for its logs. */
function freshProfile(name: string): { extensionsDir: string; userDataDir: string } {
  const dir = path.join(cache, name);
  fs.rmSync(dir, { recursive: true, force: true });
  return { extensionsDir: path.join(dir, 'extensions'), userDataDir: path.join(dir, 'user-data') };
}

/** Runs a program to completion with its output shown; throws on failure. */
function run(what: string, file: string, args: string[], options: { cwd?: string } = {}): void {
  const result = spawnSync(file, args, { cwd: options.cwd ?? root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${what} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
}

/** The executable runTests spawns, and how to call its command line for --install-extension. */
async function vscode(): Promise<{ executable: string; cli: (args: string[]) => void }> {
  if (process.env.CATALINT_VSCODE === 'download') {
    const executable = await downloadAndUnzipVSCode();
    const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(executable);
    return { executable, cli: (args) => run('VS Code CLI', cli, [...cliArgs, ...args]) };
  }
  run('setting up code-server', process.execPath, [path.join(root, 'test', 'vscode', 'setup.mjs')]);
  const executable = path.join(root, 'test', 'vscode', 'code-server-shim', 'code');
  return { executable, cli: (args) => run('code-server CLI', executable, args) };
}

function packageVsix(): string {
  if (process.env.CATALINT_VSIX) return path.resolve(process.env.CATALINT_VSIX);
  const out = path.join(cache, 'catalint.vsix');
  fs.mkdirSync(cache, { recursive: true });
  run('npm run package', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package', '--', '--out', out]);
  return out;
}

async function main(): Promise<number> {
  const { executable, cli } = await vscode();
  let failed = 0;
  const attempt = async (what: string, body: () => Promise<unknown>): Promise<void> => {
    console.log(`\n── VS Code: ${what}`);
    const started = Date.now();
    try {
      await body();
    } catch (error) {
      failed++;
      console.error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
    console.log(`── VS Code: ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };

  await attempt('the extension from the repository', async () => {
    const workspace = freshWorkspace();
    // A fresh profile too: no editor state (open or unsaved files) carried over from another run.
    const profile = freshProfile('repository-profile');
    try {
      await runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: root,
        extensionTestsPath: path.join(compiled, 'suite', 'index.js'),
        launchArgs: [
          workspace,
          '--disable-extensions',
          `--extensions-dir=${profile.extensionsDir}`,
          `--user-data-dir=${profile.userDataDir}`,
        ],
      });
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });

  await attempt('the packaged .vsix, installed', async () => {
    const vsix = packageVsix();
    const { extensionsDir, userDataDir } = freshProfile('vsix-profile');
    cli([`--extensions-dir=${extensionsDir}`, `--user-data-dir=${userDataDir}`, '--install-extension', vsix]);
    const workspace = freshWorkspace();
    try {
      await runTests({
        vscodeExecutablePath: executable,
        // runTests needs a development extension; the one under test is the installed package.
        extensionDevelopmentPath: path.join(root, 'test', 'vscode', 'vsix-probe'),
        extensionTestsPath: path.join(compiled, 'vsix', 'index.js'),
        launchArgs: [workspace, `--extensions-dir=${extensionsDir}`, `--user-data-dir=${userDataDir}`],
      });
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
  return failed;
}

main().then(
  (failed) => process.exit(failed > 0 ? 1 : 0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
