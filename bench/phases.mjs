#!/usr/bin/env node
// Where the engine's time goes, in one process on one corpus: reading, TypeScript's token
// scanner alone, createSourceFile as the engine calls it, createSourceFile without JSDoc, and the
// full `lint`. CPU time of each phase, best of N passes; the gaps between them are what the
// engine's own walk and matching cost. The engine is bundled privately (not dist/).
//
//   node bench/phases.mjs [--corpus app|real|syn1|syn10] [--passes 3]
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureAppCorpus } from './app-corpus.mjs';
import { ensureCorpus } from './corpus.mjs';
import { ensureWorkspace } from './generate.mjs';
import { isTypeScript, listFiles, mb, totalBytes } from './lib/files.mjs';
import { describeMachine, machineLine } from './lib/machine.mjs';
import { cacheDir, realCorpusDir, repoRoot, syntheticDir } from './lib/paths.mjs';

const { values: opt } = parseArgs({ options: { corpus: { type: 'string', default: 'real' }, passes: { type: 'string', default: '3' } } });
const dir =
  opt.corpus === 'app'
    ? ensureAppCorpus()
    : opt.corpus === 'real'
      ? (ensureCorpus({ quiet: true }), realCorpusDir('ts'))
      : (ensureWorkspace(Number(opt.corpus.replace('syn', ''))), syntheticDir(Number(opt.corpus.replace('syn', ''))));

const bundle = join(cacheDir, 'engine-bundle.cjs');
buildSync({
  entryPoints: [join(repoRoot, 'server/src/engine/index.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'error',
  mainFields: ['module', 'main'],
});
const require = createRequire(bundle);
const engine = require(bundle);
const ts = require('typescript');

const files = listFiles(dir, isTypeScript).map((f) => ({ ...f, text: readFileSync(f.path, 'utf8') }));
const bytes = totalBytes(files);
const config = engine.loadConfig({ root: dir, cwd: dir });
const matcher = config.matcher ?? engine.compileMatcher(config.catalog, config.ignoreNames);

const phases = {
  'read files': () => {
    let n = 0;
    for (const f of files) n += readFileSync(f.path, 'utf8').length;
    return n;
  },
  'token scanner alone': () => {
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true);
    let identifiers = 0;
    const distinct = new Set();
    for (const f of files) {
      scanner.setText(f.text);
      for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
        if (k === ts.SyntaxKind.Identifier) {
          identifiers++;
          distinct.add(scanner.getTokenValue());
        }
      }
    }
    return { identifiers, distinct: distinct.size };
  },
  'token scanner, identifiers through a memoized mayMatch': () => {
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true);
    const memo = new Map();
    let candidates = 0;
    for (const f of files) {
      scanner.setText(f.text);
      for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
        if (k !== ts.SyntaxKind.Identifier && k !== ts.SyntaxKind.StringLiteral) continue;
        const v = scanner.getTokenValue();
        let m = memo.get(v);
        if (m === undefined) memo.set(v, (m = matcher.mayMatch(v)));
        if (m) candidates++;
      }
    }
    return { candidates };
  },
  'token scanner, identifiers through mayMatch': () => {
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true);
    let candidates = 0,
      filesWithout = 0;
    for (const f of files) {
      scanner.setText(f.text);
      let any = false;
      for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
        if ((k === ts.SyntaxKind.Identifier || k === ts.SyntaxKind.StringLiteral) && matcher.mayMatch(scanner.getTokenValue())) {
          candidates++;
          any = true;
        }
      }
      if (!any) filesWithout++;
    }
    return { candidates, filesWithout };
  },
  'createSourceFile (as the engine calls it)': () => {
    for (const f of files) ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  },
  'createSourceFile, JSDocParsingMode.ParseNone': () => {
    for (const f of files)
      ts.createSourceFile(
        f.path,
        f.text,
        { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
        false,
        ts.ScriptKind.TS,
      );
  },
  'createSourceFile + bare forEachChild walk': () => {
    let n = 0;
    const walk = (node) => {
      n++;
      ts.forEachChild(node, walk);
    };
    for (const f of files) walk(ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
    return n;
  },
  'lint (full engine)': () => {
    let n = 0;
    for (const f of files) n += engine.lint({ text: f.text, path: f.path }, config).findings.length;
    return n;
  },
};

console.log(`${machineLine(describeMachine())}`);
console.log(
  `${opt.corpus}: ${files.length} files, ${mb(bytes).toFixed(2)} MB; CPU seconds, best of ${opt.passes} rounds (phases interleaved, so the machine's load hits each alike)`,
);
const best = {};
const results = {};
for (let round = 0; round < Number(opt.passes); round++) {
  for (const [name, fn] of Object.entries(phases)) {
    const start = process.cpuUsage();
    results[name] = fn();
    const used = process.cpuUsage(start);
    best[name] = Math.min(best[name] ?? Infinity, (used.user + used.system) / 1e6);
  }
}
for (const name of Object.keys(phases)) {
  const seconds = best[name];
  const result = results[name];
  console.log(
    `${name.padEnd(56)} ${seconds.toFixed(2).padStart(7)} s ${(mb(bytes) / seconds).toFixed(1).padStart(7)} MB/s  ${typeof result === 'object' ? JSON.stringify(result) : (result ?? '')}`,
  );
}
