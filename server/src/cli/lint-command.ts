/**
 * `catalint [paths]`: find the files, take what the cache still holds, lint the rest (see
 * pool.ts), report, and say with the exit code how it went. Configuration errors are thrown
 * (run.ts turns them into a message and exit code 2).
 */
import { plural } from './plural';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, languageNames, MAX_SOURCE_BYTES } from '../engine/languages/registry';
import { type LintOptions, UsageError } from './args';
import { FileCache, DEFAULT_CACHE_FILE } from './cache';
import { Configs, type ConfigRequest } from '../workspace/configs';
import { discover, MissingPath } from '../workspace/discover';
import { render } from './formats';
import { ExitCode, type Io } from './io';
import { type FileJob, lintFile } from './lint-file';
import type { TypedFile } from '../engine/languages/typescript/declarations';
import type { TypedProjects } from '../workspace/typescript-projects';
import { writeReport, writeToStream } from './output';
import { FindingsSpill } from './spill';
import { printable } from './printable';
import { reasonOf } from '../workspace/reasons';
import { defaultWorkers, MIN_SHARED_BYTES, Pool } from './pool';
import { isTestFile } from '../engine/config/tests';
import { DEFAULT_SUPPRESSIONS_FILE, Suppressions } from './baseline';
import { keepChanged } from './changed';
import { shareOf, sizeOf } from './shard';
import { readRegularFile } from '../engine/text/read-file';
import { type Changes, ChangesError, changesSince, type FileChange } from '../workspace/changes';
import {
  compareStrings,
  displayPath,
  FileFindings,
  inFileOrder,
  makeReport,
  skippedFinding,
  type BaselineSummary,
  type ChangeSummary,
  type Failure,
  type TestFindings,
} from './report';

export async function lintCommand(options: LintOptions, io: Io): Promise<ExitCode> {
  const { cwd } = io;
  const request: ConfigRequest = {
    cwd,
    configFile: options.config === undefined ? undefined : path.resolve(cwd, options.config),
    catalogFile: options.catalog === undefined ? undefined : path.resolve(cwd, options.catalog),
  };
  const pool = new Pool({ config: request, wantHash: options.cache });
  // Workers asked for by number start now: loading the program in each overlaps our own start.
  if (options.jobs !== undefined) pool.start(options.jobs - 1);
  try {
    return await lintWith(options, io, request, pool);
  } finally {
    pool.close();
  }
}

async function lintWith(options: LintOptions, io: Io, request: ConfigRequest, pool: Pool): Promise<ExitCode> {
  const { cwd } = io;
  const configs = new Configs(request);
  let found: ReturnType<typeof discover>;
  try {
    found = discover(options.paths, cwd, configs);
  } catch (e) {
    throw e instanceof MissingPath ? new UsageError(e.message) : e;
  }
  for (const arg of found.notLintable) io.stderr(`catalint: ${printable(arg)}: not a file Catalint reads (${languageNames()}); ignored\n`);

  const groups: FileFindings[] = [];
  // What discovery found wrong is the first share's to report, so a merge of the shares has it once.
  const discoveryNotes = !options.shard || options.shard.index === 1;
  const failures: Failure[] = discoveryNotes ? found.failures.map((f) => ({ file: displayPath(cwd, f.file), reason: f.reason })) : [];
  for (const note of discoveryNotes ? found.skipped : []) {
    const severity = configs.forFile(note.file).config.severity['skipped-file'];
    const shown = displayPath(cwd, note.file);
    if (severity !== 'off') groups.push(FileFindings.of(shown, [skippedFinding(shown, note.reason, severity)]));
  }

  // CATALINT_TRACE=pool,cache: what the pool and the cache did, on stderr (for tests and curious users).
  const traced = new Set((io.env.CATALINT_TRACE ?? '').split(',').map((s) => s.trim()));
  const trace = (topic: string) => (traced.has(topic) ? (m: string) => io.stderr(`catalint: ${topic}: ${m}\n`) : undefined);
  const traceCache = trace('cache');
  const cache = options.cache ? FileCache.open(cacheFile(cwd, options.cacheLocation), { env: io.env, trace: traceCache }) : undefined;
  const changes = options.changedSince === undefined ? undefined : changesOrExit(options.changedSince, cwd);
  const changed = new Map<string, FileChange>();
  /** Files --changed-since left out as unchanged: not linted, so neither recorded nor pruned in the baseline. */
  const unchanged = new Set<string>();
  const everyFile = found.files.map((abs) => ({ abs, shown: displayPath(cwd, abs) })).sort((a, b) => compareStrings(a.shown, b.shown));
  const files = options.shard
    ? shareOf(
        everyFile.map((f) => ({ ...f, bytes: sizeOf(f.abs) })),
        options.shard,
      )
    : everyFile;
  const todo: FileJob[] = [];
  const projects = loadProjects(options, io, files, configs);
  /** Files a project holds: linted in this thread, where the program is, and never cached (a change elsewhere changes them). */
  const typedTodo: { job: FileJob; typed: TypedFile }[] = [];
  const configKeys = new Map<number, string>();
  let fileCount = 0;
  for (const [slot, { abs, shown }] of files.entries()) {
    // Loaded here, before any worker lints: a broken configuration is refused once, with exit 2.
    const config = configs.forFile(abs).config;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      failures.push({ file: shown, reason: reasonOf(e) });
      continue;
    }
    if (stat.size > MAX_SOURCE_BYTES) {
      // Certainly over the engine's size limit: not worth reading into memory at all.
      const severity = config.severity['skipped-file'];
      const reason = `it is larger than ${Math.round(DEFAULT_MAX_FILE_SIZE / 1024)} KiB (${Math.round(stat.size / 1024)} KiB on disk)`;
      if (severity !== 'off') groups.push(FileFindings.of(shown, [skippedFinding(shown, reason, severity)]));
      fileCount++;
      continue;
    }
    if (changes) {
      const change = changeOf(changes, abs);
      if (change === undefined) {
        unchanged.add(shown);
        continue;
      }
      if (change !== 'unreadable') changed.set(shown, change);
    }
    const typed = projects?.typedFile(abs);
    if (typed) {
      typedTodo.push({ job: { slot, abs, shown, bytes: stat.size }, typed });
      continue;
    }
    if (cache) {
      const configKey = cache.configKey(config);
      const hit = cache.lookup(abs, configKey);
      traceCache?.(`${hit ? 'hit' : 'miss'} ${shown}`);
      if (hit) {
        groups.push(hit.shownAs(shown));
        fileCount++;
        continue;
      }
      configKeys.set(slot, configKey);
    }
    todo.push({ slot, abs, shown, bytes: stat.size });
  }

  const bytes = todo.reduce((n, f) => n + f.bytes, 0);
  if (bytes < MIN_SHARED_BYTES || todo.length < 2) pool.close();
  else if (options.jobs === undefined) pool.start(defaultWorkers(bytes));
  const tracePool = trace('pool');
  tracePool?.(`${pool.size} worker threads and the main thread for ${todo.length} files (${Math.round(bytes / 1024)} KiB)`);
  // Large reports go to disk as they come (spill.ts): the report is written from there at the end.
  const spill = new FindingsSpill(spillBudget(io.env));
  try {
    const outcomes = await pool.lint(todo, configs, { keep: (f) => spill.keep(f), trace: tracePool });
    for (const { job, typed } of typedTodo) {
      const outcome = lintFile(job, configs, false, typed);
      outcomes.set(job.slot, outcome.kind === 'linted' ? { ...outcome, findings: spill.keep(outcome.findings) } : outcome);
    }
    if (projects) io.stderr(`catalint: ${typedSummary(projects, typedTodo.length, files.length - typedTodo.length)}\n`);
    for (const job of [...typedTodo.map((t) => t.job), ...todo]) {
      const outcome = outcomes.get(job.slot) ?? { kind: 'failure', reason: 'internal error: the file was not analysed' };
      if (outcome.kind === 'failure') {
        failures.push({ file: job.shown, reason: outcome.reason });
        continue;
      }
      groups.push(outcome.findings);
      fileCount++;
      const config = configKeys.get(job.slot);
      if (cache && config !== undefined && outcome.hash !== undefined)
        cache.store(job.abs, { hash: outcome.hash, config, findings: outcome.findings });
    }
    if (cache) {
      try {
        cache.save();
      } catch (e) {
        // The report is still right; only the next run is slower.
        io.stderr(`catalint: cannot write the cache ${displayPath(cwd, cacheFile(cwd, options.cacheLocation))}: ${reasonOf(e)}\n`);
      }
    }

    const onlyChanged = changes ? keepChanged(groups, changed, cwd, configs) : undefined;
    const inScope = onlyChanged?.kept ?? groups;
    const { kept, tests } = options.includeTests
      ? { kept: inScope, tests: { findings: 0, files: 0 } }
      : apartFromTests(inScope, cwd, configs);
    // A file that could not be read, or was left out as unchanged, keeps its suppressions: it was not looked at.
    const unread = new Set([...failures.map((f) => f.file), ...unchanged]);
    const baseline = applyBaseline(
      options,
      io,
      kept,
      files.map((f) => f.shown).filter((f) => !unread.has(f)),
    );
    const all = inFileOrder(baseline.kept);
    const errors = all.reduce((n, g) => n + g.tally.errors, 0);
    const warnings = all.reduce((n, g) => n + g.tally.warnings, 0);
    // Skipped files stay even when quiet: what was not analysed is never left unsaid.
    const shown = options.quiet
      ? all.map((g) => g.filter((f) => f.severity === 'error' || f.rule === 'skipped-file')).filter((g) => g.tally.total > 0)
      : all;
    const configFiles = [...new Set(files.map(({ abs }) => configs.forFile(abs).config.file).filter((f): f is string => f !== undefined))]
      .map((f) => displayPath(cwd, f))
      .sort(compareStrings);
    const changeSummary: ChangeSummary | undefined = changes && {
      ref: changes.ref,
      base: changes.base,
      unchangedFiles: unchanged.size,
      hidden: onlyChanged?.hidden ?? 0,
    };
    // By file, so that the report is the same however its files were split (--shard, then merge).
    failures.sort((a, b) => compareStrings(a.file, b.file));
    const report = makeReport(cwd, fileCount, shown, failures, tests, configFiles, baseline.summary, changeSummary);

    const color = options.outputFile === undefined && io.stdoutIsTTY && !io.env.NO_COLOR;
    // Rendered as it is written, file by file: the report is never one string (see output.ts).
    const output = render(options.format, report, { color });
    if (options.outputFile === undefined) {
      await writeToStream(output, io.stdout, io.stdoutDrained);
    } else {
      try {
        writeReport(path.resolve(cwd, options.outputFile), output);
      } catch (e) {
        io.stderr(`catalint: cannot write ${options.outputFile}: ${reasonOf(e)}\n`);
        return ExitCode.Trouble;
      }
    }

    for (const failure of failures) io.stderr(`catalint: cannot read ${printable(failure.file)}: ${printable(failure.reason)}\n`);
    const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
    if (tooManyWarnings)
      io.stderr(
        `catalint: ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, more than --max-warnings ${options.maxWarnings} allows\n`,
      );

    if (failures.length > 0) return ExitCode.Trouble;
    if (fileCount === 0 && groups.length === 0 && changes && unchanged.size > 0) {
      io.stderr(`catalint: no file Catalint reads changed since ${printable(changes.ref)} (merge base ${changes.base.slice(0, 12)})\n`);
      return ExitCode.Clean;
    }
    if (fileCount === 0 && groups.length === 0 && options.shard && everyFile.length > 0) {
      // More shares than files: this one has none, and the others have them all.
      return ExitCode.Clean;
    }
    if (fileCount === 0 && groups.length === 0) {
      // As ESLint does: a run that looked at nothing must not read as "no problems" in CI.
      io.stderr(
        `catalint: no file to lint in ${options.paths.map(printable).join(', ')}: none Catalint reads (${languageNames()}) is there, or .gitignore and the exclude globs of catalint.json leave none\n`,
      );
      return ExitCode.Trouble;
    }
    if (errors > 0 || tooManyWarnings) return ExitCode.Problems;
    return ExitCode.Clean;
  } finally {
    if (spill.spilled) tracePool?.('findings past the memory budget were kept in a temporary file');
    if (spill.refusal) tracePool?.(`findings past the memory budget stayed in memory: ${spill.refusal}`);
    spill.close();
  }
}

/**
 * The TypeScript projects of the run: `--project` and the `"project"` of the configurations of
 * the files linted. A project that cannot be used is said on stderr, with its path and why; its
 * files are then judged by their spelling, as without the option.
 */
function loadProjects(options: LintOptions, io: Io, files: readonly { abs: string }[], configs: Configs): TypedProjects | undefined {
  const tsconfigs = new Set(options.projects.map((p) => path.resolve(io.cwd, p)));
  for (const { abs } of files) for (const p of configs.forFile(abs).config.projects) tsconfigs.add(p);
  if (tsconfigs.size === 0) return undefined;
  // Loaded only here: it holds the TypeScript compiler, which a run from the cache never needs.
  const { TypedProjects: Projects } = require('../workspace/typescript-projects') as typeof import('../workspace/typescript-projects');
  const projects = new Projects([...tsconfigs], (abs) => displayPath(io.cwd, abs));
  for (const p of projects.problems) io.stderr(`catalint: ${printable(p.message)}; its files are judged by their spelling alone\n`);
  return projects;
}

/** "type-aware: 12 files in 1 project (tsconfig.json); 3 files outside any project were judged by their spelling". */
function typedSummary(projects: TypedProjects, typed: number, other: number): string {
  const names = projects.projects.map((p) => p.tsconfig).length;
  const inProjects = `${plural(typed, 'file')} in ${plural(names, 'project')}`;
  const outside =
    other > 0 ? `; ${plural(other, 'file')} outside any project ${other === 1 ? 'was' : 'were'} judged by spelling alone` : '';
  return `type-aware analysis of ${inProjects}${outside}`;
}

/** CATALINT_SPILL_BUDGET: bytes of findings kept in memory before the rest goes to disk (tests set it low). */
function spillBudget(env: NodeJS.ProcessEnv): number | undefined {
  const n = Number(env.CATALINT_SPILL_BUDGET);
  return env.CATALINT_SPILL_BUDGET !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** The changes since `ref`; when they cannot be known the run stops (exit 2): it never reports "no problems" because git failed. */
function changesOrExit(ref: string, cwd: string): Changes {
  try {
    return changesSince(ref, cwd);
  } catch (e) {
    if (e instanceof ChangesError) throw new Error(e.message);
    throw e;
  }
}

/** How the file differs from the base; 'unreadable' when it cannot be read here (the lint then says why). */
function changeOf(changes: Changes, abs: string): FileChange | 'unreadable' | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(abs, MAX_SOURCE_BYTES);
  } catch {
    return 'unreadable';
  }
  return changes.change(abs, bytes);
}

/**
 * The bulk suppressions step: records or prunes first when asked, then hides what the file
 * allows. A damaged file is a ConfigError (exit 2): never a silent "all clear".
 */
function applyBaseline(
  options: LintOptions,
  io: Io,
  groups: readonly FileFindings[],
  linted: readonly string[],
): { kept: readonly FileFindings[]; summary?: BaselineSummary } {
  const file = path.resolve(io.cwd, options.suppressionsLocation ?? DEFAULT_SUPPRESSIONS_FILE);
  const baseline = Suppressions.read(file);
  const shownFile = displayPath(io.cwd, file);
  const mode = options.baseline;
  if (mode.kind === 'record') {
    baseline.record(groups, linted, io.cwd, mode.rules ? new Set(mode.rules) : undefined);
    writeBaseline(baseline, io, shownFile);
    io.stderr(
      `catalint: ${shownFile} now allows ${plural(baseline.total(), 'finding')}; commit it, and later runs report only what goes beyond\n`,
    );
  } else if (mode.kind === 'prune') {
    const removed = baseline.prune(groups, linted, io.cwd);
    writeBaseline(baseline, io, shownFile);
    io.stderr(`catalint: ${shownFile}: ${plural(removed, 'suppression')} that no longer match removed; ${baseline.total()} left\n`);
  }
  if (!baseline.existed && mode.kind === 'apply') return { kept: groups };
  const applied = baseline.apply(groups, io.cwd);
  for (const e of applied.exceeded) {
    io.stderr(
      `catalint: ${printable(e.file)}: ${e.found} ${e.rule} findings on '${printable(e.name)}' where ${shownFile} allows ${e.allowed}: all ${e.found} are reported\n`,
    );
  }
  if (applied.unused > 0 && mode.kind === 'apply')
    io.stderr(
      `catalint: ${shownFile} allows ${plural(applied.unused, 'finding')} that no longer occur; --prune-suppressions removes them\n`,
    );
  const hidden = applied.hidden.reduce((n, g) => n + g.tally.total, 0);
  return { kept: applied.kept, summary: { file: shownFile, hidden, files: inFileOrder(applied.hidden) } };
}

function writeBaseline(baseline: Suppressions, io: Io, shownFile: string): void {
  try {
    baseline.write();
  } catch (e) {
    throw new Error(`cannot write ${shownFile}: ${reasonOf(e)}`);
  }
}

/**
 * Takes the findings of test-like files out of the report and counts them. What says a file was
 * not analysed (`skipped-file`) stays: nothing is left unsaid.
 */
function apartFromTests(groups: readonly FileFindings[], cwd: string, configs: Configs): { kept: FileFindings[]; tests: TestFindings } {
  const kept: FileFindings[] = [];
  let findings = 0;
  let files = 0;
  for (const g of groups) {
    const abs = path.resolve(cwd, g.file);
    if (!isTestFile(configs.forFile(abs).config, abs)) {
      kept.push(g);
      continue;
    }
    const notes = g.findings.filter((f) => f.rule === 'skipped-file');
    const hidden = g.tally.total - notes.length;
    if (hidden > 0) {
      findings += hidden;
      files++;
    }
    if (notes.length > 0) kept.push(FileFindings.of(g.file, notes));
  }
  return { kept, tests: { findings, files } };
}

/** `--cache-location`: a file, or a folder to put the default file in; default `.catalintcache` in the working directory. */
function cacheFile(cwd: string, location: string | undefined): string {
  const target = path.resolve(cwd, location ?? DEFAULT_CACHE_FILE);
  try {
    if (fs.statSync(target).isDirectory()) return path.join(target, DEFAULT_CACHE_FILE);
  } catch {
    // Not there yet: it is the file.
  }
  return target;
}
