// CI at scale, in one run on this machine (issue: adoption and CI at scale): on the generated
// workspace of N MB (default 100), one run over all the files against four shares run one after
// the other (each alone on the machine, as on four runners) plus their merge, and a
// --changed-since run on a 10-file change against the full run. Ratios are the result.
//
//   node bench/ci-scale.mjs [--size 100] [--write]   (--write: bench/RESULTS-ci.md)
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWorkspace } from './generate.mjs';
import { cliBin } from './lib/catalint.mjs';
import { describeMachine, machineLine } from './lib/machine.mjs';
import { repoRoot } from './lib/paths.mjs';

const args = process.argv.slice(2);
const size = Number(args[args.indexOf('--size') + 1] || 100) || 100;
const SHARDS = 4;
const CHANGED = 10;
const now = () => Number(process.hrtime.bigint()) / 1e6;

const manifest = ensureWorkspace(size);
const root = join(repoRoot, '.bench-cache', `synthetic-${size}mb`);
const git = (...a) => execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
// --changed-since needs a commit to compare with: the generated files, committed once.
try {
  git('rev-parse', '--verify', 'HEAD');
} catch {
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'generated');
}

/** Wall time and peak RSS of one CLI run (GNU time when there is one). */
function timed(cliArgs) {
  const start = now();
  const r = spawnSync(process.execPath, [cliBin, ...cliArgs], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = now() - start;
  if (r.status === null || r.status > 1) throw new Error(`catalint ${cliArgs.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wallMs, stderr: r.stderr };
}

const full = timed(['-f', 'json', '-o', join(root, '.full.json'), '.']);
// The same threads as a share: at 25 MB the default --jobs is one thread, at 100 MB two.
const fullOneThread = timed(['-f', 'json', '--jobs', '1', '-o', join(root, '.full-j1.json'), '.']);
const shares = [];
for (let k = 1; k <= SHARDS; k++)
  shares.push(timed(['-f', 'json', '--shard', `${k}/${SHARDS}`, '-o', join(root, `.share-${k}.json`), '.']));
const merge = timed(['merge', '-o', join(root, '.merged.json'), ...shares.map((_, i) => join(root, `.share-${i + 1}.json`))]);
const identical = readFileSync(join(root, '.merged.json'), 'utf8') === readFileSync(join(root, '.full.json'), 'utf8');

// Ten files changed, uncommitted, then put back.
const changed = git('ls-files', '*.ts').split('\n').filter(Boolean).slice(0, CHANGED);
for (const f of changed) appendFileSync(join(root, f), '\nexport const probe = (customer: { email: string }) => customer.email;\n');
let pr;
try {
  pr = timed(['-f', 'json', '--changed-since', 'HEAD', '-o', join(root, '.changed.json'), '.']);
} finally {
  git('checkout', '--', ...changed);
}
for (const f of ['.full.json', '.full-j1.json', '.merged.json', '.changed.json', ...shares.map((_, i) => `.share-${i + 1}.json`)])
  rmSync(join(root, f), { force: true });

const ratio = (ms) => (ms / full.wallMs).toFixed(3);
const ratio1 = (ms) => (ms / fullOneThread.wallMs).toFixed(3);
const results = {
  machine: describeMachine(),
  workspace: { sizeMb: size, files: manifest.files.ts + manifest.files.sql },
  fullMs: full.wallMs,
  fullOneThreadMs: fullOneThread.wallMs,
  shardMs: shares.map((s) => s.wallMs),
  mergeMs: merge.wallMs,
  mergedIdentical: identical,
  changedSinceMs: pr.wallMs,
};
console.log(JSON.stringify(results, null, 2));
const lines = [
  '# CI at scale',
  '',
  `Written by \`node bench/ci-scale.mjs --size ${size} --write\`, one run, ${machineLine(results.machine)}. Generated workspace of ${size} MB (${results.workspace.files} files), a git repository; every run is \`catalint -f json -o <file> .\` with the default --jobs, started one after another.`,
  '',
  '| run | wall | / full run (default --jobs: 2 threads) | / full run, --jobs 1 | target |',
  '|---|---|---|---|---|',
  `| full run | ${(full.wallMs / 1000).toFixed(2)} s | 1.000 | ${ratio1(full.wallMs)} | |`,
  `| full run, --jobs 1 | ${(fullOneThread.wallMs / 1000).toFixed(2)} s | ${ratio(fullOneThread.wallMs)} | 1.000 | |`,
  ...shares.map(
    (s, i) =>
      `| --shard ${i + 1}/${SHARDS} (one thread: the default at this size) | ${(s.wallMs / 1000).toFixed(2)} s | ${ratio(s.wallMs)} | ${ratio1(s.wallMs)} | ≤ 0.30 |`,
  ),
  `| merge of the ${SHARDS} JSON reports | ${(merge.wallMs / 1000).toFixed(2)} s | ${ratio(merge.wallMs)} | ${ratio1(merge.wallMs)} | |`,
  `| --changed-since HEAD, ${CHANGED} files changed | ${(pr.wallMs / 1000).toFixed(2)} s | ${ratio(pr.wallMs)} | ${ratio1(pr.wallMs)} | ≤ 0.10 |`,
  '',
  `The merged report is ${identical ? '' : 'NOT '}byte for byte the full run's.`,
];
console.log(lines.join('\n'));
if (args.includes('--write')) writeFileSync(join(repoRoot, 'bench', 'RESULTS-ci.md'), lines.join('\n') + '\n');
