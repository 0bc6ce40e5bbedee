// Where test/vscode/setup.mjs puts the tools that run the VS Code suites offline; shared by the
// set-up script and the code-server shim so that the two never disagree.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0'; // code-server's `engines` asks for Node 24
export const CODE_SERVER_VERSION = '4.139.1';
export const PLAYWRIGHT_CORE_VERSION = '1.65.1';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = join(repoRoot, '.vscode-test');
export const nodeDir = join(cacheDir, `node-${NODE_VERSION}`);
export const nodeBin = join(nodeDir, 'bin', 'node');
export const toolsDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = join(toolsDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const playwrightCorePackage = join(toolsDir, 'node_modules', 'playwright-core', 'package.json');
/** Debian's chromium package. */
export const chromium = process.env.CATALINT_CHROMIUM ?? '/usr/lib/chromium/chromium';
/** code-server's `kerberos` addon builds against it (Debian's libkrb5-dev). */
export const gssapiHeader = '/usr/include/gssapi/gssapi.h';
