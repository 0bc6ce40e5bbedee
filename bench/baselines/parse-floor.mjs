#!/usr/bin/env node
// The compiler's floor: a fresh process that loads TypeScript, reads every .ts file and parses
// it with createSourceFile, as Catalint's scanner does (no parent pointers, no JSDoc trees),
// and does nothing else. A tool that must parse every file with the TypeScript compiler cannot
// do less work than this; Catalint / this is what its own walk, matching, reporting and start-up
// add. Run as a child process by bench/run.mjs (measured like the tools):
//
//   node bench/baselines/parse-floor.mjs <file list (one absolute path per line)>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
const ts = require('typescript');
const list = process.argv[2];
if (!list) throw new Error('usage: parse-floor.mjs <file list>');
const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
let statements = 0;
for (const file of readFileSync(list, 'utf8').split('\n').filter(Boolean)) {
  const js = /\.[cm]?jsx?$/.test(file);
  const kind = file.endsWith('x') ? (js ? ts.ScriptKind.JSX : ts.ScriptKind.TSX) : js ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  statements += ts.createSourceFile(file, readFileSync(file, 'utf8'), options, false, kind).statements.length;
}
process.stdout.write(`${statements}\n`);
