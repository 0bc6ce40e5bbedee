// Renders a bench run as bench/RESULTS.md: the figures, the command and machine that made
// them, and each target of issue 5 as met, not met, or not measurable here (with the reason).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { machineLine } from './lib/machine.mjs';
import { mb } from './lib/files.mjs';
import { repoRoot } from './lib/paths.mjs';

const f = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const spread = (s, digits = 2) => `${f(s.median, digits)} (${f(s.min, digits)}–${f(s.max, digits)})`;
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);

export function commit() {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', 'server', 'bin', 'esbuild.mjs'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${sha} (with uncommitted changes in server/)` : sha;
  } catch {
    return 'unknown';
  }
}

function toolRow(corpus, name, t) {
  if (!t || t.unavailable) return `| ${corpus.id} | ${name} | not available: ${t?.unavailable ?? '–'} | | | | | |`;
  const seconds = t.seconds.median;
  const extra = t.report
    ? `${t.report.findings} findings${t.report.sqlFindings ? ` (${t.report.sqlFindings} in .sql)` : ''}`
    : t.matches !== undefined
      ? `${t.matches} matches`
      : '';
  const memory = t.peakRssMb ? spread(t.peakRssMb, 0) : 'in-process';
  return `| ${corpus.id} | ${name} | ${spread(t.seconds)} | ${spread(t.cpuSeconds)} | ${f(mb(t.bytes) / seconds, 1)} | ${f(t.files / seconds, 0)} | ${memory} | ${extra} |`;
}

export function analyse(results) {
  const rows = results.corpora.map((c) => {
    const floor = c.floor;
    const cat = c.catalint?.unavailable ? NaN : c.catalint.seconds.median;
    const esl = c.eslint?.unavailable ? NaN : c.eslint.seconds.median;
    const catCpu = c.catalint?.unavailable ? NaN : c.catalint.cpuSeconds.median;
    const one = c.catalintJobs1;
    const eslCpu = c.eslint?.unavailable ? NaN : c.eslint.cpuSeconds.median;
    return {
      c,
      floor,
      eslintOverCatalint: ratio(esl, cat),
      catalintOverFloor: ratio(cat, floor.seconds.median),
      eslintOverCatalintCpu: ratio(eslCpu, catCpu),
      catalintOverFloorCpu: ratio(catCpu, floor.cpuSeconds.median),
      eslintOverJobs1: one ? ratio(esl, one.seconds.median) : NaN,
      eslintOverJobs1Cpu: one ? ratio(eslCpu, one.cpuSeconds.median) : NaN,
      jobs1OverFloor: one ? ratio(one.seconds.median, floor.seconds.median) : NaN,
      jobs1OverFloorCpu: one ? ratio(one.cpuSeconds.median, floor.cpuSeconds.median) : NaN,
    };
  });
  const throughput = (id, measure) => {
    const c = results.corpora.find((x) => x.id === id);
    return c && !c.catalint.unavailable ? mb(c.catalint.bytes) / c.catalint[measure].median : NaN;
  };
  return {
    rows,
    scaling: ratio(throughput('syn100', 'seconds'), throughput('syn10', 'seconds')),
    scalingCpu: ratio(throughput('syn100', 'cpuSeconds'), throughput('syn10', 'cpuSeconds')),
  };
}

function verdict(ok, text) {
  if (ok === undefined) return `- **not measured** — ${text}`;
  if (ok === 'partly') return `- **met in part** — ${text}`;
  return `- **${ok ? 'met' : 'not met'}** — ${text}`;
}

/**
 * The pool where its start-up is paid back: the largest corpus on which the default ran more
 * than one thread, against --jobs 1 on the same corpus in the same run.
 */
function poolAtScale(results) {
  const c = [...results.corpora].filter((x) => x.catalintJobs1 && !x.catalint?.unavailable && mb(x.catalint.bytes) >= 64).pop();
  if (!c) return undefined;
  // What the CLI's default chooses (server/src/cli/pool.ts): the main thread and a worker per 32 MiB, up to one per core.
  const threads = 1 + Math.min(results.machine.cores - 1, Math.floor(c.catalint.bytes / (32 * 1024 * 1024)));
  if (threads < 2) return undefined;
  return {
    id: c.id,
    threads: `${threads} threads`,
    one: c.catalintJobs1,
    pool: c.catalint,
    gain: ratio(c.catalintJobs1.seconds.median, c.catalint.seconds.median),
  };
}

/**
 * What limits issue 16's targets and what was tried: measured once (dated), by profiles and
 * spikes that are not part of every run, so written here rather than computed.
 */
const ISSUE_16_NOTES = [
  '### What limits them, and what was tried (2026-12-03)',
  '',
  '- **Where a run goes** (`node bench/phases.mjs --corpus app`, CPU s in one process, best of 2): TypeScript `createSourceFile` 2.26 s; the same plus a bare `forEachChild` walk 2.54 s; the whole engine (`lint`) 5.36 s. The engine is 2.4× the parse: 0.3 s is visiting the nodes, 2.8 s is what the scanner does at them (scopes, the context of each name, guards, embedded SQL) and judging the 160,000 names whose first word is a catalog word. A CPU profile of `--jobs 1` puts discovery at 1.1 s of 10 s before this work.',
  "- **Removed:** a `realpath` per folder (a folder reached through no link is its parent's real path plus its name), `path.relative` per file and per `.gitignore` layer (slicing when the path is plainly below; a property test holds it to `path.relative`), the configuration looked up three times per file (now once per folder), a `.gitignore` opened in every folder (only where the listing shows one), and Yarn's committed bundles (`.yarn/`: 3.2 MB of minified JavaScript parsed on every run, whose only findings were false). Discovery: 1.1 s → 0.7 s; warm `--cache`: 2.5 s → 1.9 s in one profile.",
  "- **≤ 1.3× the parse floor, ≤ 8× ripgrep, ≥ 20× ESLint** are out of reach with the compiler's parser: the parse floor alone is 10× ripgrep, and ESLint is 19× the parse floor, so 20× ESLint means about 1× the parse. A faster parser was measured (`bench/spikes/oxc/RESULTS.md`): oxc-parser on Node 20 parses for 0.72× the compiler's CPU once its tree is in JavaScript, and the walk stays in JavaScript, so about 18% of a run would go; its fast transfer needs Node 22 (0.54×). Decision: keep one scanner on the compiler's tree, which the type-aware mode (issue 13) needs anyway; measure again when Node 22 is the floor.",
  "- **The pool on two cores:** one thread already keeps 1.4 cores busy (V8's collector and compiler threads; the same for the bare parse floor), and two parse floors at once, on half the files each, gain 0.89–1.56× over one depending on the day: that is the ceiling, and 1.6× is above it. Workers were made cheaper where it showed (the compiled-code cache, a heap cap per worker); the default starts no worker below 32 MB of work per worker, so at 20 MB it runs the faster single thread, and at 100 MB two threads (1.38× faster).",
  '- **Tried and dropped, for no gain beyond the noise:** a larger young generation (`--max-semi-space-size` 16 and 64 MB: 10.8 and 10.0 s against 9.7 s), memos of names eight times larger in the matcher. A V8 startup snapshot of the loaded engine is not open to worker threads on Node 20 (user-land snapshots start the main isolate only); workers already start from the compiled-code cache of `bin/catalint.js`.',
  '- **Before and after, the default path** (the CLI of ee6bed9 against this one, `--jobs 1`, interleaved, medians of 3 on the app corpus): 10.27 → 9.53 s wall, 15.3 → 14.3 CPU s; warm `--cache` 2.18 → 1.72 s.',
  "- **Memory:** each file's findings are kept as text and, past 64 MB, in a temporary file read back as the report is written (`server/src/cli/spill.ts`); the main thread takes in the workers' findings as it goes instead of leaving them in the port. 100 MB: 1,463 MB → 342 MB with `--jobs 1`, 1,579 MB → 515 MB with the default two threads, whose second isolate holds its own compiler.",
  '- **Warm `--cache`** reads and hashes every file on purpose (content hashes make the cache portable between clones and CI runners, and a time or size proves nothing), and walks the folders: about 1.8 s on 20 MB, of which discovery is 0.7 s and hashing 0.3 s.',
  "- **The editor figures** are absolute milliseconds on a shared machine whose speed moves between days: on the synthetic 1 MB corpus Catalint took 0.86 s on 2026-11-25 and 2.06 s in this run, and ESLint, which did not change, 3.03 s and 6.58 s. The server's CPU per edit moved by the same factor (13.2 → 22.6 ms at 5,000 lines), and so did its p95 (19.8 → 35.1 ms).",
];

/** Issue 13's type-aware analysis: measured by its own benches, summarised here (dated). */
const TYPE_AWARE_NOTES = [
  '## Type-aware analysis (issue 13, 2026-12-03)',
  '',
  'Measured apart from this run, by `bench/typed-cost.mjs`, `bench/typed-editor.mjs` and `npm run bench:accuracy -- --typed`; the figures are in [RESULTS-typed.md](RESULTS-typed.md), [RESULTS-typed-editor.md](RESULTS-typed-editor.md) and [accuracy/RESULTS.md](accuracy/RESULTS.md).',
  '',
  "- **Cost** (198,404 lines of Medusa's core packages, one tsconfig, no dependencies installed, medians of 3): Catalint `--project` 15.5 s and 646 MB against 2.7 s and 159 MB syntactic (5.7× the time, 4.1× the memory); ESLint with `projectService` on one rule of the same shape 22.3 s and 1,174 MB (1.44× Catalint's time, 1.82× its memory); `tsc --noEmit` 24.8 s. In the editor (one 457-line file of that project): the syntactic publish 9.1 ms median per edit against 5.6 ms with type-aware analysis off, the type-aware publish 0.5 s after the edit and 4.8 s after opening the first document of the project; the server's peak memory 861 MB against 140 MB. Type-aware analysis costs about a whole type check: asking the checker what `input.email` reads inside a callback passed to a generic function means resolving that call.",
  "- **Accuracy** (six applications, 421 labelled lines, 477 judged findings): type-aware equals syntactic on every label (recall 0.831, precision 0.994; judged precision 0.956) and changes 6 of 10,400 findings outside tests. With the applications' dependencies installed (atomic-crm, vehicle-tracker, rallly, documenso; `BENCH_ACCURACY_CHECKOUTS`), the checker resolves 1.7 to 88 times as many names to a declaration, and still no labelled line changes. The labelled misses are SQL, Deno code outside any project, reads through `any`, and spellings the declaration repeats: not what types reach. Issue 13's target (recall ≥ 0.95 at precision ≥ 0.97) is not met by types; it stays a matcher question.",
  "- **What the measurement changed in the design:** a declared owner replaces the receiver's name only when the project declares it and it is not a type that carries data (`…Options`, `…Props`, `…Schema`); a library's declaration stands beside the receiver; a renamed local keeps its own name; a finding moves to a helper's calls only when some calls have consent. Each of these removed lost true findings the first version had.",
];

/** Issue 16's targets, on the application corpus (app) and at 100 MB (syn100). */
function issue16Targets(results, rows, ed) {
  const out = ['## Targets of issue 16 (the application corpus)', ''];
  const app = rows.find((r) => r.c.id === 'app');
  const c = app?.c;
  const has = (t) => t && !t.unavailable;
  const one = c?.catalintJobs1;
  const med = (t, k = 'seconds') => (has(t) ? t[k].median : NaN);
  const best = (k) => Math.min(med(c?.catalint, k), med(one, k));
  if (!c) out.push('- **not measured** — the application corpus was not in --corpora.');
  else {
    const vsEslint = ratio(med(c.eslint), best('seconds'));
    out.push(
      verdict(
        has(c.eslint) ? vsEslint >= 20 : undefined,
        `CLI ≥ 20× faster than ESLint \`id-denylist\`: ${f(vsEslint, 1)}× wall, ${f(ratio(med(c.eslint, 'cpuSeconds'), best('cpuSeconds')), 1)}× CPU (the faster of the default and --jobs 1); ESLint / parse floor ${f(ratio(med(c.eslint), med(c.parseFloor)), 1)}× wall.`,
      ),
    );
    const vsRg = ratio(best('seconds'), med(c.ripgrep));
    out.push(
      verdict(
        has(c.ripgrep) ? vsRg <= 8 : undefined,
        `CLI ≤ 8× ripgrep with the catalog's terms: ${f(vsRg, 1)}× wall; the compiler parse floor alone is ${f(ratio(med(c.parseFloor), med(c.ripgrep)), 1)}× ripgrep.`,
      ),
    );
    const vsParse = ratio(best('seconds'), med(c.parseFloor));
    out.push(
      verdict(
        has(c.parseFloor) ? vsParse <= 1.3 : undefined,
        `CLI ≤ 1.3× the compiler parse floor: ${f(vsParse)}× wall, ${f(ratio(best('cpuSeconds'), med(c.parseFloor, 'cpuSeconds')))}× CPU.`,
      ),
    );
  }
  const ex = results.extras;
  if (ex.jobs && !ex.jobs.unavailable) {
    const gain = ratio(ex.jobs.one.seconds.median, ex.jobs.two.seconds.median);
    const ceiling = ex.jobs.ceiling ? ratio(ex.jobs.ceiling.one.seconds.median, ex.jobs.ceiling.two.seconds.median) : NaN;
    out.push(
      verdict(
        gain >= 1.6,
        `--jobs 2 ≥ 1.6× --jobs 1 at 20 MB (${ex.corpus}): ${f(gain)}×; the machine's ceiling for two threads (two parse floors at once) is ${f(ceiling)}×.`,
      ),
    );
  }
  if (ex.cache && !ex.cache.unavailable) {
    const w = ratio(ex.cache.warm.seconds.median, ex.cache.cold.seconds.median);
    out.push(verdict(w <= 0.1, `warm --cache ≤ 10% of cold wall on ${ex.corpus}: ${f(100 * w, 1)}%.`));
  }
  const big = results.corpora.find((x) => x.id === 'syn100');
  if (big && has(big.catalint)) {
    const pool = big.catalint.peakRssMb.max;
    const single = big.catalintJobs1?.peakRssMb.max ?? NaN;
    out.push(
      verdict(
        pool <= 400 ? true : single <= 400 ? 'partly' : false,
        `100 MB: peak RSS ≤ 400 MB: --jobs 1 ${f(single, 0)} MB; the default there (two threads, each with its own copy of the compiler and its own heap) ${f(pool, 0)} MB.`,
      ),
    );
  } else out.push(verdict(undefined, '100 MB: peak RSS ≤ 400 MB: syn100 was not in --corpora.'));
  const { scaling, scalingCpu } = analyse(results);
  out.push(
    verdict(
      Number.isFinite(scaling) ? scaling >= 0.8 : undefined,
      `100 MB: throughput within 20% of 10 MB: ${f(scaling)} wall, ${f(scalingCpu)} CPU.`,
    ),
  );
  const five = ed.latency?.find((l) => l.lines >= 5000 && l.lines < 20000);
  out.push(
    verdict(five ? five.p95 <= 20 : undefined, `editor p95 ≤ 20 ms from change to diagnostics at 5,000 lines: ${f(five?.p95, 1)} ms.`),
  );
  out.push(
    verdict(
      ed.memory ? ed.memory.after.rssMb <= 200 : undefined,
      `server ≤ 200 MB with 1,000 files open: ${f(ed.memory?.after.rssMb, 0)} MB.`,
    ),
  );
  return out;
}

export function writeResults(results, { write }) {
  const { rows, scaling, scalingCpu } = analyse(results);
  const m = results.machine;
  const out = [];
  out.push('# Catalint benchmark results', '');
  out.push(
    `Made by \`${results.command}\` on ${results.date}${results.finished ? ` (to ${results.finished})` : ''}, commit ${results.commit ?? commit()} (built at the start of the run).`,
    '',
  );
  out.push(`- Machine: ${machineLine(m)}`);
  out.push(
    `- Catalint ${results.catalint.available ? results.catalint.version : `not available (${results.catalint.reason})`}` +
      ` via \`node bin/catalint.js . --format json --output-file …\` (cwd = the corpus, default --jobs unless stated)`,
  );
  out.push(
    `- ESLint ${results.eslintVersion} with @typescript-eslint/parser, only \`id-denylist\` over every spelling of the catalog terms, ` +
      "via `node node_modules/eslint/bin/eslint.js --config … --format json --output-file …` (what `npx eslint` runs, without npm's own start-up)",
  );
  out.push(
    `- ripgrep: ${results.ripgrepVersion ?? 'not installed'}, \`rg --ignore-case --count-matches -f <the regex floor's alternation>\` over the same kinds of file, honouring .gitignore, default threads (\`bench/baselines/ripgrep.mjs\`)`,
  );
  out.push(
    '- Regex floor: in the bench process, read every file and run one case-insensitive alternation of all catalog terms (prefix-factored)',
  );
  out.push(
    '- Compiler parse floor: a fresh process that loads TypeScript and runs `createSourceFile` on every TypeScript and JavaScript file Catalint lints (no parent pointers, no JSDoc), nothing else: the least any tool that parses every file with the compiler can do (`bench/baselines/parse-floor.mjs`)',
  );
  const large = results.corpora.filter((c) => c.runs !== undefined && c.runs !== results.runs);
  out.push(
    `- Each figure: median (min–max) of ${results.runs} runs (ESLint: ${results.eslintRuns}${large.length ? `; ${large.map((c) => `${c.id}: ${c.runs}`).join(', ')}` : ''}), runs interleaved; peak memory: ${results.memorySource}`,
  );
  const loads = results.corpora.flatMap((c) => (c.loadAverage ? [c.loadAverage.before, c.loadAverage.after] : []));
  if (loads.length && Math.max(...loads) > m.cores) {
    const heavy = Math.max(...loads) > 2 * m.cores;
    out.push(
      `- **The machine was ${heavy ? 'busy' : 'shared'}**: load average ${f(Math.min(...loads), 1)}–${f(Math.max(...loads), 1)} on ${m.cores} cores during this run (other work on the same machine). Wall times ${heavy ? 'are inflated several-fold and noisy' : 'include some waiting for a core'}; the CPU-time columns and ratios are the figures to read.`,
    );
  }
  if (results.buildError) out.push(`- The build failed; the bench used the existing dist/: ${results.buildError.split('\n')[0]}`);
  out.push('');

  out.push('## CLI and baselines', '');
  out.push(
    '| corpus | tool | wall s | CPU s (user+sys) | MB/s (wall) | files/s (wall) | peak RSS MB | output |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const { c, floor } of rows) {
    out.push(toolRow(c, 'Catalint', c.catalint));
    if (c.catalintJobs1) out.push(toolRow(c, 'Catalint --jobs 1', c.catalintJobs1));
    out.push(toolRow(c, 'ESLint', c.eslint), toolRow(c, 'regex floor', floor));
    if (c.parseFloor) out.push(toolRow(c, 'compiler parse floor', c.parseFloor));
    if (c.ripgrep) out.push(toolRow(c, 'ripgrep', c.ripgrep));
  }
  out.push('');
  out.push(
    '| corpus | what | .ts files | .ts MB | .sql files | .sql MB | ESLint / Catalint wall (CPU) | same, --jobs 1 | Catalint / floor wall (CPU) | same, --jobs 1 | load avg before → after |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of rows) {
    const c = r.c;
    out.push(
      `| ${c.id} | ${c.label} | ${c.ts.files} | ${f(mb(c.ts.bytes))} | ${c.sql.files} | ${f(mb(c.sql.bytes))} | ${f(r.eslintOverCatalint, 1)}× (${f(r.eslintOverCatalintCpu, 1)}×) | ${f(r.eslintOverJobs1, 1)}× (${f(r.eslintOverJobs1Cpu, 1)}×) | ${f(r.catalintOverFloor, 1)}× (${f(r.catalintOverFloorCpu, 1)}×) | ${f(r.jobs1OverFloor, 1)}× (${f(r.jobs1OverFloorCpu, 1)}×) | ${f(c.loadAverage?.before, 1)} → ${f(c.loadAverage?.after, 1)} |`,
    );
  }
  out.push(
    '',
    'Catalint and the floor are given the .ts and .sql files and their MB/s counts both; ESLint reads only the .ts. The headline is the application corpus (app): the shape of code Catalint is used on. The library corpus (real) has no SQL.',
    '',
  );

  const ex = results.extras;
  out.push('## Worker pool, cache, scaling', '');
  if (ex.jobs?.unavailable) out.push(`- Worker pool (--jobs): not available — ${ex.jobs.unavailable}.`);
  else
    out.push(
      `- Worker pool on ${ex.corpus}: --jobs 1 ${spread(ex.jobs.one.seconds)} s, --jobs 2 ${spread(ex.jobs.two.seconds)} s: ${f(ratio(ex.jobs.one.seconds.median, ex.jobs.two.seconds.median))}× the single-worker throughput.`,
    );
  const ceiling = ex.jobs?.ceiling;
  if (ceiling)
    out.push(
      `- The machine's own ceiling for two threads on ${ex.corpus}: one parse floor on all the .ts files ${spread(ceiling.one.seconds)} s, two at once on half each ${spread(ceiling.two.seconds)} s: ${f(ratio(ceiling.one.seconds.median, ceiling.two.seconds.median))}× (work that shares nothing, in two processes; one parse floor alone already uses ${f(ratio(ceiling.one.cpuSeconds.median, ceiling.one.seconds.median))} cores: V8's collector and compiler threads).`,
    );
  const atScale = poolAtScale(results);
  if (atScale)
    out.push(
      `- Worker pool on ${atScale.id} (the default there: ${atScale.threads}): --jobs 1 ${spread(atScale.one.seconds)} s, default ${spread(atScale.pool.seconds)} s: ${f(atScale.gain)}× the single-worker throughput (CPU ${f(atScale.one.cpuSeconds.median)} s and ${f(atScale.pool.cpuSeconds.median)} s).`,
    );
  if (ex.cache?.unavailable) out.push(`- Cache (--cache): not available — ${ex.cache.unavailable}.`);
  else
    out.push(
      `- Cache on ${ex.corpus}: cold ${spread(ex.cache.cold.seconds)} s (CPU ${spread(ex.cache.cold.cpuSeconds)}), warm ${spread(ex.cache.warm.seconds)} s (CPU ${spread(ex.cache.warm.cpuSeconds)}): warm/cold ${f(ratio(ex.cache.warm.seconds.median, ex.cache.cold.seconds.median), 3)} wall, ${f(ratio(ex.cache.warm.cpuSeconds.median, ex.cache.cold.cpuSeconds.median), 3)} CPU; same findings: ${ex.cache.sameFindings}.`,
    );
  out.push(
    Number.isFinite(scaling)
      ? `- Throughput at 100 MB / throughput at 10 MB: ${f(scaling)} wall, ${f(scalingCpu)} CPU.`
      : '- Scaling 100 MB vs 10 MB: not measured in this run (add syn100 to --corpora).',
  );
  out.push('');

  const ed = results.editor;
  out.push('## Editor (LSP)', '');
  if (ed.unavailable) out.push(`Not available: ${ed.unavailable}.`);
  else {
    out.push(
      `Server \`node dist/server.js --stdio\`, ${ed.mode}, ${ed.sync} sync, ${ed.debounce}. Each edit inserts one line reading \`customer.email\` in the middle of the file; the time is from sending didChange to receiving the diagnostics of that version. The first ${ed.latency[0]?.warmUp ?? 0} edits after opening are made and not counted in the percentiles (they also time V8 compiling the incremental path, once per session); the first of them is shown on its own.`,
      '',
    );
    out.push(
      '| file lines | diagnostics per publish | first edit ms | edits counted | p50 ms | p95 ms | max ms | server CPU ms per edit (mean) | re-publishes of other open files |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const l of ed.latency)
      out.push(
        `| ${l.lines} | ${l.diagnostics ?? '–'} | ${f(l.firstEdit, 1)} | ${l.edits} | ${f(l.p50, 1)} | ${f(l.p95, 1)} | ${f(l.max, 1)} | ${f(l.cpuMsPerEdit, 1)} | ${l.otherPublishes} |`,
      );
    const mem = ed.memory;
    out.push(
      '',
      `Server memory: ${f(mem.before.rssMb, 0)} MB RSS before, ${f(mem.after.rssMb, 0)} MB RSS (peak ${f(mem.after.peakMb, 0)} MB) after opening ${mem.files} files (${f(mb(mem.bytes))} MB); all their diagnostics arrived within ${f(mem.secondsToAllDiagnostics)} s of the last didOpen.`,
    );
  }
  out.push('');

  out.push('## How these were measured', '');
  const flat = results.corpora.find((c) => c.flatFloor)?.flatFloor;
  out.push(
    '- The machine is shared with other work: wall time moves with its load (the load average around each corpus is in the table), while user+system CPU time of each process is what the work itself cost. Ratios are given on both; a ratio taken in one run compares tools under the same conditions.',
    `- The regex floor's alternation is prefix-factored${flat ? ` (written flat, V8 takes ${f(flat.seconds)} s on the real corpus instead of ${f(results.corpora.find((c) => c.flatFloor).floor.seconds.median)} s: a flat 1,000-term alternation is no floor)` : ''}; it matches the same text.`,
    "- ESLint is run through its bin with node rather than `npx eslint`: the same program, without npm's own start-up, which would only flatter Catalint. ESLint runs single-threaded (its default).",
    '- Each corpus is the root of its own git repository (the bench runs `git init` in it), as a real workspace is; the cache folder that holds it is git-ignored by this project.',
    '- Peak memory is the largest resident set of any one process of the run (GNU time), not a sum over processes.',
    '- Editor latency goes through the real server over stdio with `catalint.debounceMs` set to 0 through workspace/configuration, so no debounce is included or subtracted.',
    '- Reproduce: `npm ci && npm run bench -- [options]`; corpora are fetched (pinned versions and integrity hashes) and generated (fixed seed) into .bench-cache/. `node bench/phases.mjs` splits the engine time into phases.',
    '',
  );
  out.push(...issue16Targets(results, rows, ed), '', ...ISSUE_16_NOTES, '', ...TYPE_AWARE_NOTES, '');
  out.push('## Targets of issue 5 (the library corpus)', '');
  const real = rows.find((r) => r.c.id === 'real');
  const five = ed.latency?.find((l) => l.lines >= 5000 && l.lines < 20000);
  out.push(
    verdict(
      real && Number.isFinite(real.eslintOverCatalint) ? real.eslintOverCatalint >= 20 : undefined,
      `CLI ≥ 20× faster than ESLint on the real corpus: ${f(real?.eslintOverCatalint, 1)}× wall, ${f(real?.eslintOverCatalintCpu, 1)}× CPU (--jobs 1: ${f(real?.eslintOverJobs1, 1)}× wall, ${f(real?.eslintOverJobs1Cpu, 1)}× CPU).`,
    ),
  );
  out.push(
    verdict(
      real && Number.isFinite(real.catalintOverFloor) ? real.catalintOverFloor <= 8 : undefined,
      `CLI within 8× of the regex floor on the real corpus: ${f(real?.catalintOverFloor, 1)}× wall, ${f(real?.catalintOverFloorCpu, 1)}× CPU (--jobs 1: ${f(real?.jobs1OverFloor, 1)}× wall, ${f(real?.jobs1OverFloorCpu, 1)}× CPU).`,
    ),
  );
  if (real?.c.parseFloor) {
    const pf = real.c.parseFloor;
    out.push(
      `  - For scale, the compiler parse floor alone on the same corpus: ESLint / parse floor ${f(ratio(real.c.eslint?.seconds?.median, pf.seconds.median), 1)}× wall (${f(ratio(real.c.eslint?.cpuSeconds?.median, pf.cpuSeconds.median), 1)}× CPU); parse floor / regex floor ${f(ratio(pf.seconds.median, real.floor.seconds.median), 1)}× wall (${f(ratio(pf.cpuSeconds.median, real.floor.cpuSeconds.median), 1)}× CPU); Catalint / parse floor ${f(ratio(real.c.catalint?.seconds?.median, pf.seconds.median), 2)}× wall (${f(ratio(real.c.catalint?.cpuSeconds?.median, pf.cpuSeconds.median), 2)}× CPU).`,
    );
  }
  out.push(
    verdict(
      Number.isFinite(scaling) ? scaling >= 0.8 : undefined,
      `throughput at 100 MB within 20% of 10 MB: ${f(scaling)} wall, ${f(scalingCpu)} CPU.`,
    ),
  );
  const small = ex.jobs?.unavailable ? NaN : ratio(ex.jobs.one.seconds.median, ex.jobs.two.seconds.median);
  out.push(
    verdict(
      ex.jobs?.unavailable ? undefined : small >= 1.6 ? true : atScale && atScale.gain >= 1.6 ? 'partly' : false,
      ex.jobs?.unavailable
        ? 'worker pool ≥ 1.6× on 2 cores: the CLI has no --jobs.'
        : `worker pool ≥ 1.6× on 2 cores: ${f(small)}× on ${ex.corpus}${atScale ? `, ${f(atScale.gain)}× on ${atScale.id}` : ''}.`,
    ),
  );
  const warmWall = ex.cache?.unavailable ? NaN : ratio(ex.cache.warm.seconds.median, ex.cache.cold.seconds.median);
  const warmCpu = ex.cache?.unavailable ? NaN : ratio(ex.cache.warm.cpuSeconds.median, ex.cache.cold.cpuSeconds.median);
  out.push(
    verdict(
      ex.cache?.unavailable ? undefined : warmWall <= 0.1 && warmCpu <= 0.1 ? true : warmWall <= 0.1 || warmCpu <= 0.1 ? 'partly' : false,
      ex.cache?.unavailable
        ? 'warm cache ≤ 1/10 of cold: the CLI has no --cache.'
        : `warm cache ≤ 1/10 of cold: ${f(warmWall, 3)} wall, ${f(warmCpu, 3)} CPU.`,
    ),
  );
  out.push(
    verdict(
      five ? five.p95 < 20 : undefined,
      `editor p95 < 20 ms at 5,000 lines: ${f(five?.p95, 1)} ms${five?.cpuMsPerEdit !== undefined ? ` (the server spends ${f(five.cpuMsPerEdit, 1)} ms of CPU per edit on average)` : ''}.`,
    ),
  );
  out.push(
    verdict(
      ed.latency ? ed.latency.every((l) => l.otherPublishes === 0) : undefined,
      'only the changed document is re-analysed (no re-publish of other open files during edits).',
    ),
  );
  out.push(
    verdict(
      ed.memory ? ed.memory.after.rssMb < 200 : undefined,
      `server memory < 200 MB with 1,000 files open: ${f(ed.memory?.after.rssMb, 0)} MB.`,
    ),
  );
  out.push('');
  const markdown = out.join('\n');
  if (write) {
    writeFileSync(join(repoRoot, 'bench', 'RESULTS.md'), markdown + '\n');
    writeFileSync(join(repoRoot, '.bench-cache', 'last-results.json'), JSON.stringify(results, null, 2));
  }
  return markdown;
}

// `node bench/report.mjs [results.json]`: renders RESULTS.md again from a saved run (the last
// one by default), e.g. after a change to this file; the figures and their command are kept.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2] ?? join(repoRoot, '.bench-cache', 'last-results.json');
  const results = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(join(repoRoot, 'bench', 'RESULTS.md'), writeResults(results, { write: false }) + '\n');
  console.log(`bench/RESULTS.md rendered from ${file}`);
}
