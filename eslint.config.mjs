// The layering check, and nothing else: which part of the code may import which. No style
// rules. Run with `npm run lint`; test/unit/layering.test.ts proves the rules on small cases.
//
//   server/src/engine/     the library: node built-ins, typescript, picomatch, ajv, jsonc-parser,
//                          ignore and itself. Nothing of LSP, editors, terminals or workspaces.
//   server/src/workspace/  shared by both front ends: engine/, node built-ins, typescript, ignore, picomatch, diff.
//   server/src/lsp/        the language server: engine/, workspace/, vscode-languageserver*.
//   server/src/cli/        the command line: engine/, workspace/; only cli/main.ts may import
//                          ../lsp/server (it starts the server for `catalint --lsp`).
//   client/src/            the VS Code client: vscode, vscode-languageclient, and of the server
//                          only server/src/engine/languages/registry.
//
// A relative import is matched on its path segments, whatever its spelling: `../cli/x`,
// `../../cli/x`, `./../cli`, `../engine/../cli` and `../../server/src/cli/x` all reach cli/.
// A layer's name counts only right after a `..` segment (or after `server/src/`), so a file of
// the importer's own folder such as `./cli` or `./client-cli`, or `../languages/cli`, is not
// mistaken for a layer. The one blind spot of matching text rather than resolving paths: a
// sub-folder of a layer named like a layer (say engine/languages/lsp/) reached with `../lsp`
// would be reported; don't name sub-folders after layers.
//
// `no-restricted-imports` sees `import`, `import type`, `export ... from`, `export * from` and
// `import x = require()`. `no-restricted-syntax` applies the same patterns to what it cannot see:
// `require('...')` (string or template literal), `import('...')` and `typeof import('...')`.
import { builtinModules } from 'node:module';
import tsParser from '@typescript-eslint/parser';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A relative specifier that reaches server/src/<layer> (or names server/src/<layer> outright). */
const reaches = (layer) => String.raw`^(?:(?=\.)(?:.*/)?\.\.|(?:.*/)?server/src)/(?:\./)*${layer}(?:/|$)`;

/** Every package of the vscode family: vscode, vscode-languageserver*, vscode-jsonrpc, vscode-languageclient... */
const VSCODE_ANY = String.raw`^vscode(?:$|[-/])`;

/** A bare package import other than node built-ins and the packages listed (vscode* has its own pattern). */
const onlyPackages = (packages) => {
  const builtins = builtinModules.filter((m) => !m.startsWith('_') && !m.startsWith('node:'));
  const allowed = [...packages, ...builtins].map(escape).join('|');
  return String.raw`^(?!\.|/|node:|vscode(?:$|[-/])|(?:${allowed})(?:/|$))`;
};

const ENGINE_PACKAGES = ['typescript', 'picomatch', 'ajv', 'jsonc-parser', 'ignore'];
const WORKSPACE_PACKAGES = ['typescript', 'ignore', 'picomatch', 'diff'];
const WHY = '(ARCHITECTURE.md)';

const ENGINE_WHY = 'the engine is the library below both front ends and knows nothing of LSP, terminals or workspaces';
const engine = [
  { regex: VSCODE_ANY, message: `engine/ may not import vscode*: ${ENGINE_WHY}; LSP types belong in lsp/ ${WHY}` },
  { regex: reaches('lsp'), message: `engine/ may not import lsp/: ${ENGINE_WHY} ${WHY}` },
  { regex: reaches('cli'), message: `engine/ may not import cli/: ${ENGINE_WHY} ${WHY}` },
  {
    regex: reaches('workspace'),
    message: `engine/ may not import workspace/: ${ENGINE_WHY}; the front ends hand it configs and files ${WHY}`,
  },
  { regex: reaches('client'), message: `engine/ may not import client/: ${ENGINE_WHY} ${WHY}` },
  {
    regex: onlyPackages(ENGINE_PACKAGES),
    message: `engine/ may import only node built-ins, ${ENGINE_PACKAGES.join(', ')} and engine/ itself: it is the library both front ends bundle ${WHY}`,
  },
];

const WORKSPACE_WHY = 'workspace/ holds what both front ends share and sits below them';
const workspace = [
  { regex: VSCODE_ANY, message: `workspace/ may not import vscode*: ${WORKSPACE_WHY}, the CLI runs without LSP ${WHY}` },
  { regex: reaches('lsp'), message: `workspace/ may not import lsp/: ${WORKSPACE_WHY} ${WHY}` },
  { regex: reaches('cli'), message: `workspace/ may not import cli/: ${WORKSPACE_WHY} ${WHY}` },
  { regex: reaches('client'), message: `workspace/ may not import client/: ${WORKSPACE_WHY} ${WHY}` },
  {
    regex: onlyPackages(WORKSPACE_PACKAGES),
    message: `workspace/ may import only engine/, node built-ins, ${WORKSPACE_PACKAGES.join(', ')} and workspace/ itself ${WHY}`,
  },
];

const lsp = [
  { regex: reaches('cli'), message: `lsp/ may not import cli/: workspace concerns live in workspace/, below both front ends ${WHY}` },
  {
    regex: String.raw`^vscode(?:$|/)`,
    message: `lsp/ may not import vscode: the server runs outside the editor; only the client talks to the VS Code API ${WHY}`,
  },
  {
    regex: String.raw`^vscode-languageclient(?:$|/)`,
    message: `lsp/ may not import vscode-languageclient: that is the client's side of the protocol; use vscode-languageserver ${WHY}`,
  },
  { regex: reaches('client'), message: `lsp/ may not import client/: the server is built and run apart from the extension ${WHY}` },
];

const CLI_LSP = `cli/ may not import lsp/: workspace concerns live in workspace/, below both front ends; only cli/main.ts starts the server (../lsp/server) ${WHY}`;
const cliCommon = [
  { regex: VSCODE_ANY, message: `cli/ may not import vscode*: the CLI runs in a terminal without LSP or the editor ${WHY}` },
  { regex: reaches('client'), message: `cli/ may not import client/: the CLI is built and run apart from the extension ${WHY}` },
];
const cli = [{ regex: reaches('lsp'), message: CLI_LSP }, ...cliCommon];
// cli/main.ts: lsp/server, and nothing else of lsp/.
const cliMain = [
  { regex: String.raw`^(?!.*(?:^|/)lsp/server(?:\.[cm]?[jt]s)?$)` + reaches('lsp').slice(1), message: CLI_LSP },
  ...cliCommon,
];

const client = [
  {
    regex: String.raw`^(?!.*(?:^|/)server/src/(?:engine/languages/registry|lsp/protocol)(?:\.[cm]?[jt]s)?$)(?=\.)(?:.*/)?\.\./(?:\./)*server(?:/|$)`,
    message: `client/ may import of server/src only engine/languages/registry, and the wire protocol's types: the extension is bundled apart from the server and talks to it only over LSP ${WHY}`,
  },
];

// The messages' shapes are the server's: shared as types, which the bundle erases. A value
// import would carry the server library into the extension.
const PROTOCOL = String.raw`/(?:^|\/)server\/src\/lsp\/protocol(?:\.[cm]?[jt]s)?$/`;
const PROTOCOL_MESSAGE = `client/ may import server/src/lsp/protocol as types only: a value import would bundle the server library into the extension ${WHY}`;
const clientTypeOnly = [
  {
    selector: `ImportDeclaration[importKind!='type'][source.value=${PROTOCOL}]:not(:has(ImportSpecifier[importKind!='type'], ImportDefaultSpecifier, ImportNamespaceSpecifier))[specifiers.length=0]`,
    message: PROTOCOL_MESSAGE,
  },
  {
    selector: `ImportDeclaration[importKind!='type'][source.value=${PROTOCOL}]:has(ImportSpecifier[importKind!='type'], ImportDefaultSpecifier, ImportNamespaceSpecifier)`,
    message: PROTOCOL_MESSAGE,
  },
  {
    selector: `ExportNamedDeclaration[exportKind!='type'][source.value=${PROTOCOL}]:has(ExportSpecifier[exportKind!='type'])`,
    message: PROTOCOL_MESSAGE,
  },
  { selector: `ExportAllDeclaration[exportKind!='type'][source.value=${PROTOCOL}]`, message: PROTOCOL_MESSAGE },
];

/** The same patterns for the imports no-restricted-imports cannot see: require(), import(), typeof import(). */
function syntaxSelectors(patterns) {
  const out = [];
  for (const { regex, message } of patterns) {
    // esquery regex literal: no unescaped `/` inside, case-insensitive like no-restricted-imports' default.
    const re = `/${regex.replace(/\//g, '\\/')}/i`;
    const selectors = [
      `CallExpression[callee.type='Identifier'][callee.name='require'][arguments.0.type='Literal'][arguments.0.value=${re}]`,
      `CallExpression[callee.type='Identifier'][callee.name='require'][arguments.0.type='TemplateLiteral'][arguments.0.quasis.0.value.cooked=${re}]`,
      `ImportExpression[source.type='Literal'][source.value=${re}]`,
      `TSImportType[source.value=${re}]`,
    ];
    for (const selector of selectors) out.push({ selector, message });
  }
  return out;
}

function layer(files, patterns, ignores, extraSelectors = []) {
  return {
    files,
    ...(ignores ? { ignores } : {}),
    rules: {
      'no-restricted-imports': ['error', { patterns: patterns.map(({ regex, message }) => ({ regex, message })) }],
      'no-restricted-syntax': ['error', ...syntaxSelectors(patterns), ...extraSelectors],
    },
  };
}

export default [
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    languageOptions: { parser: tsParser, sourceType: 'module', ecmaVersion: 'latest' },
    // The code keeps `eslint-disable` comments for rules this config does not run: not a problem here.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  layer(['server/src/engine/**/*.ts'], engine),
  layer(['server/src/workspace/**/*.ts'], workspace),
  layer(['server/src/lsp/**/*.ts'], lsp),
  layer(['server/src/cli/**/*.ts'], cli, ['server/src/cli/main.ts']),
  layer(['server/src/cli/main.ts'], cliMain),
  layer(['client/src/**/*.ts'], client, undefined, clientTypeOnly),
];
