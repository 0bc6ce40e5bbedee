// Runs inside real VS Code's extension host (bench/scan.mjs --vscode): activates the extension,
// asks for Scan Workspace, and writes how long the command took and what reached the Problems
// panel to the file BENCH_SCAN_OUT names.
const { writeFileSync } = require('node:fs');

exports.run = async function run() {
  const vscode = require('vscode');
  const extension = vscode.extensions.all.find((e) => e.packageJSON.name === 'catalint');
  if (!extension) throw new Error('the Catalint extension is not loaded');
  await extension.activate();
  const start = Date.now();
  // Includes the server's start: the command waits for the client to be ready.
  const summary = await vscode.commands.executeCommand('catalint.scanWorkspace');
  const wallMs = Date.now() - start;
  const withFindings = vscode.languages.getDiagnostics().filter(([, ds]) => ds.some((d) => d.source === 'catalint')).length;
  writeFileSync(process.env.BENCH_SCAN_OUT, JSON.stringify({ wallMs, ...summary, filesWithFindings: withFindings }));
};
