/**
 * The layering rules of eslint.config.mjs, through the real ESLint API on small made-up files
 * (lintText with a path decides which layer's rules apply), then on the real tree.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
// assets alone, not the engine's index: the layering check should not need the whole engine to load.
import { packageRoot } from '../../server/src/engine/assets';

const ROOT = packageRoot();
let eslint: ESLint;

before(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function problems(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file} did not parse: ${fatal.message}`);
  return result.messages;
}

/** The file has exactly one layering error, and its message says `because` (e.g. 'lsp/ may not import cli/'). */
async function rejects(file: string, code: string, because: string): Promise<void> {
  const messages = await problems(file, code);
  assert.equal(messages.length, 1, `${file}: ${code}\n${messages.map((m) => m.message).join('\n')}`);
  const [m] = messages;
  assert.equal(m.severity, 2, `${file}: ${code}: not an error`);
  assert.ok(['no-restricted-imports', 'no-restricted-syntax'].includes(m.ruleId ?? ''), `${file}: ${code}: ${m.ruleId}`);
  assert.ok(m.message.includes(because), `${file}: ${code}\nexpected "${because}" in: ${m.message}`);
}

async function accepts(file: string, code: string): Promise<void> {
  const messages = await problems(file, code);
  assert.deepEqual(
    messages.map((m) => `${m.line}:${m.column} ${m.message}`),
    [],
    `${file}: ${code}`,
  );
}

describe('layering (eslint.config.mjs)', () => {
  describe('lsp/ may not import cli/', () => {
    const file = 'server/src/lsp/folder-configs.ts';
    const because = 'lsp/ may not import cli/';
    it('import, import type, export from, export * from', async () => {
      await rejects(file, "import { Configs } from '../cli/configs';", because);
      await rejects(file, "import type { Configs } from '../cli/configs';", because);
      await rejects(file, "import { type Configs } from '../cli/configs';", because);
      await rejects(file, "export { x } from '../cli/y';", because);
      await rejects(file, "export type { X } from '../cli/y';", because);
      await rejects(file, "export * from '../cli/y';", because);
      await rejects(file, "import '../cli/y';", because);
    });
    it('whatever the spelling of the path', async () => {
      await rejects(file, "import { c } from './../cli';", because);
      await rejects(file, "import { c } from '../cli';", because);
      await rejects(file, "import { c } from '.././cli/configs';", because);
      await rejects(file, "import { c } from '../engine/../cli/configs';", because);
      await rejects(file, "import { c } from '../cli/configs.js';", because);
      await rejects(file, "import { c } from '../CLI/configs';", because);
      await rejects('server/src/lsp/fixes/directives.ts', "import { c } from '../../cli/x';", because);
    });
    it('require(), import(), typeof import(), import = require()', async () => {
      await rejects(file, "const { c } = require('../cli/configs');", because);
      await rejects(file, 'const { c } = require(`../cli/configs`);', because);
      await rejects(file, "const m = await import('../cli/configs');", because);
      await rejects(file, "type M = typeof import('../cli/configs');", because);
      await rejects(file, "let c: import('../cli/configs').Configs;", because);
      await rejects(file, "import c = require('../cli/configs');", because);
    });
    it('nor the editor side: vscode, vscode-languageclient', async () => {
      await rejects(file, "import * as vscode from 'vscode';", 'lsp/ may not import vscode');
      await rejects(file, "import { LanguageClient } from 'vscode-languageclient/node';", 'lsp/ may not import vscode-languageclient');
    });
  });

  describe('engine/ is the library', () => {
    const file = 'server/src/engine/lint.ts';
    it('no vscode* package', async () => {
      for (const spec of [
        'vscode-languageserver/node',
        'vscode-languageserver',
        'vscode-languageserver-textdocument',
        'vscode-jsonrpc',
        'vscode',
        'vscode-languageclient/node',
      ]) {
        await rejects(file, `import * as x from '${spec}';`, 'engine/ may not import vscode*');
      }
      await rejects(file, "const x = require('vscode-languageserver/node');", 'engine/ may not import vscode*');
    });
    it('no lsp/, workspace/, cli/, client/', async () => {
      await rejects(file, "import { x } from '../lsp/x';", 'engine/ may not import lsp/');
      await rejects(file, "import { x } from '../workspace/x';", 'engine/ may not import workspace/');
      await rejects(file, "import { x } from '../cli/x';", 'engine/ may not import cli/');
      await rejects('server/src/engine/catalog/load.ts', "import type { X } from '../../lsp/x';", 'engine/ may not import lsp/');
      await rejects(
        'server/src/engine/languages/sql/scanner.ts',
        "import { x } from '../../../workspace/configs';",
        'engine/ may not import workspace/',
      );
      await rejects(
        'server/src/engine/catalog/load.ts',
        "import { x } from '../../../../client/src/extension';",
        'engine/ may not import client/',
      );
    });
    it('only the packages it is allowed', async () => {
      await rejects(file, "import fc from 'fast-check';", 'engine/ may import only node built-ins');
      await rejects(file, "const m = require('mocha');", 'engine/ may import only node built-ins');
    });
  });

  describe('workspace/ sits below both front ends', () => {
    const file = 'server/src/workspace/configs.ts';
    it('no lsp/, cli/, vscode*, other packages', async () => {
      await rejects(file, "import { x } from '../lsp/x';", 'workspace/ may not import lsp/');
      await rejects(file, "import { x } from '../cli/x';", 'workspace/ may not import cli/');
      await rejects(file, "import { x } from 'vscode-languageserver/node';", 'workspace/ may not import vscode*');
      await rejects(file, "import * as yaml from 'js-yaml';", 'workspace/ may import only engine/');
    });
  });

  describe('cli/ may not import lsp/, except main.ts starting the server', () => {
    it('a cli/ file importing lsp/ is an error', async () => {
      await rejects('server/src/cli/run.ts', "import { startServer } from '../lsp/x';", 'cli/ may not import lsp/');
      await rejects('server/src/cli/run.ts', "import { startServer } from '../lsp/server';", 'cli/ may not import lsp/');
      await rejects('server/src/cli/run.ts', "const { startServer } = require('../lsp/server');", 'cli/ may not import lsp/');
      await rejects('server/src/cli/run.ts', "type S = typeof import('../lsp/server');", 'cli/ may not import lsp/');
      await rejects('server/src/cli/formats/sarif.ts', "import { x } from '../../lsp/diagnostics';", 'cli/ may not import lsp/');
      await rejects('server/src/cli/run.ts', "import { x } from 'vscode-languageserver/node';", 'cli/ may not import vscode*');
    });
    it('server/src/cli/main.ts may import ../lsp/server, and only that', async () => {
      await accepts('server/src/cli/main.ts', "import { startServer } from '../lsp/server';");
      await accepts('server/src/cli/main.ts', "const { startServer } = require('../lsp/server') as typeof import('../lsp/server');");
      await rejects('server/src/cli/main.ts', "import { x } from '../lsp/documents';", 'cli/ may not import lsp/');
      await rejects('server/src/cli/main.ts', "import { x } from '../lsp/server/x';", 'cli/ may not import lsp/');
      await rejects('server/src/cli/main.ts', "import { x } from 'vscode-languageserver/node';", 'cli/ may not import vscode*');
    });
    it('near-miss: another main.ts, or a file named like it, is not exempt', async () => {
      await rejects('server/src/cli/formats/main.ts', "import { startServer } from '../../lsp/server';", 'cli/ may not import lsp/');
      await rejects('server/src/cli/main-lsp.ts', "import { startServer } from '../lsp/server';", 'cli/ may not import lsp/');
    });
  });

  describe('client/ takes of the server only the language registry and the protocol types', () => {
    const file = 'client/src/extension.ts';
    it('anything else of server/src is an error', async () => {
      await rejects(
        file,
        "import { lint } from '../../server/src/engine/lint';",
        'client/ may import of server/src only engine/languages/registry',
      );
      await rejects(file, "import type { StatusParams } from '../../server/src/lsp/documents';", 'client/ may import of server/src only');
      // The wire protocol's shapes are shared as types only: a value import would bundle the server library.
      await rejects(file, "import { statusNotification } from '../../server/src/lsp/protocol';", 'as types only');
      await rejects(file, "export { StatusParams } from '../../server/src/lsp/protocol';", 'as types only');
      await rejects(file, "import { x } from '../../server/src/engine';", 'client/ may import of server/src only');
      await rejects(
        file,
        "import { x } from '../../server/src/engine/languages/registry/../../lint';",
        'client/ may import of server/src only',
      );
    });
    it('the registry and the protocol types are allowed', async () => {
      await accepts(file, "import { LANGUAGES } from '../../server/src/engine/languages/registry';");
      await accepts(file, "import type { Language } from '../../server/src/engine/languages/registry.js';");
      await accepts(file, "import type { StatusParams } from '../../server/src/lsp/protocol';");
      await accepts(file, "import { type StatusParams } from '../../server/src/lsp/protocol';");
      await accepts(file, "export type { StatusParams } from '../../server/src/lsp/protocol';");
    });
  });

  describe('near-misses stay clean', () => {
    it('lsp/ importing workspace/, engine/, its own files, the server packages', async () => {
      const file = 'server/src/lsp/folder-configs.ts';
      await accepts(file, "import { ScopedConfig } from '../workspace/configs';");
      await accepts(file, "import { lint } from '../engine/lint';");
      await accepts(file, "import type { Config } from '../engine/config/model';");
      await accepts(file, "import { x } from './client-cli';");
      await accepts(file, "import { x } from './cli';");
      await accepts(file, "import { x } from '../engine/cli-args';");
      await accepts(file, "import { x } from 'vscode-languageserver/node';");
      await accepts(file, "import { x } from 'vscode-languageserver-textdocument';");
      await accepts(file, "import { x } from 'vscode-jsonrpc';");
      await accepts(file, "const s = '../cli/configs'; obj.require('../cli/configs');");
      await accepts('server/src/lsp/fixes/directives.ts', "import { x } from '../../engine/text/edit';");
    });
    it('files named like a layer are judged by their folder', async () => {
      await accepts('server/src/lsp/client-cli.ts', "import { x } from '../workspace/configs';");
      await accepts('server/src/cli/client-cli.ts', "import { x } from '../workspace/discover';");
      await accepts('client/src/client-cli.ts', "import * as vscode from 'vscode';");
    });
    it('engine/ importing itself, node built-ins and its packages', async () => {
      const file = 'server/src/engine/lint.ts';
      for (const spec of [
        './cli',
        './languages/sql/lexer',
        '../engine/lint',
        'node:fs',
        'fs',
        'fs/promises',
        'typescript',
        'picomatch',
        'ajv',
        'ajv/dist/2020',
        'jsonc-parser',
        'ignore',
      ]) {
        await accepts(file, `import * as x from '${spec}';`);
      }
      await accepts('server/src/engine/catalog/load.ts', "import { x } from '../languages/cli';");
    });
    it('workspace/ and cli/ importing what they may', async () => {
      await accepts(
        'server/src/workspace/discover.ts',
        "import ignore from 'ignore'; import pm from 'picomatch'; import { lint } from '../engine'; import * as fs from 'node:fs';",
      );
      await accepts(
        'server/src/cli/run.ts',
        "import { Configs } from '../workspace/configs'; import { lint } from '../engine'; import { Worker } from 'node:worker_threads';",
      );
      await accepts('server/src/cli/run.ts', "const { lintCommand } = require('./lint-command') as typeof import('./lint-command');");
    });
    it('client/ importing vscode, vscode-languageclient, its own files', async () => {
      const file = 'client/src/extension.ts';
      await accepts(file, "import * as vscode from 'vscode'; import { LanguageClient } from 'vscode-languageclient/node';");
      await accepts(file, "import { x } from './server'; import { parse } from 'jsonc-parser'; import * as path from 'node:path';");
    });
  });

  it('the real tree passes', async () => {
    const results = await eslint.lintFiles(['server/src', 'client/src']);
    assert.ok(results.length > 20, `only ${results.length} files linted`);
    const found = results.flatMap((r) => r.messages.map((m) => `${path.relative(ROOT, r.filePath)}:${m.line}: ${m.message}`));
    assert.deepEqual(found, []);
  });
});
