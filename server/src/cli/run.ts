/**
 * One run of `catalint`: arguments in, report out, exit code back. Every failure the user can
 * cause (bad arguments, a broken catalog or config, an unreadable file) ends here as a message
 * and exit code 2, never as a stack trace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/lint';
import { ConfigError, type ConfigProblem } from '../engine/errors';
import { HELP, parseCommand, UsageError, type LintOptions } from './args';
import { FileCache, DEFAULT_CACHE_FILE, shownAs, type FileStat } from './cache';
import { Configs, type ConfigRequest } from './configs';
import type { FileJob } from './lint-file';
import { lintAll } from './pool';
import { discover, reasonOf } from './discover';
import { render } from './formats';
import { toolVersion } from './meta';
import { writeFileAtomic } from './output';
import {
  compareFindings,
  compareStrings,
  displayPath,
  skippedFinding,
  type Failure,
  type Report,
  type ReportFinding,
} from './report';

export const enum ExitCode {
  Clean = 0,
  Problems = 1,
  Trouble = 2,
}

export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTTY: boolean;
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export async function run(argv: readonly string[], io: Io): Promise<ExitCode> {
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case 'help':
        io.stdout(HELP);
        return ExitCode.Clean;
      case 'version':
        io.stdout(`${toolVersion()}\n`);
        return ExitCode.Clean;
      case 'lint':
        return await lintCommand(command.options, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`catalint: ${e.message}\nRun 'catalint --help' for the options.\n`);
    } else if (e instanceof ConfigError) {
      io.stderr(e.problems.map((p) => problemLine(p, io.cwd)).join(''));
    } else {
      io.stderr(`catalint: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    return ExitCode.Trouble;
  }
}

async function lintCommand(options: LintOptions, io: Io): Promise<ExitCode> {
  const { cwd } = io;
  const request: ConfigRequest = {
    cwd,
    configFile: options.config === undefined ? undefined : path.resolve(cwd, options.config),
    catalogFile: options.catalog === undefined ? undefined : path.resolve(cwd, options.catalog),
  };
  const configs = new Configs(request);
  const found = discover(options.paths, cwd, configs);
  for (const arg of found.notLintable) io.stderr(`catalint: ${arg}: not a file Catalint reads (TypeScript or SQL); ignored\n`);

  const findings: ReportFinding[] = [];
  const failures: Failure[] = found.failures.map((f) => ({ file: displayPath(cwd, f.file), reason: f.reason }));
  for (const note of found.skipped) {
    const severity = configs.forFile(note.file).config.severity['skipped-file'];
    if (severity !== 'off') findings.push(skippedFinding(displayPath(cwd, note.file), note.reason, severity));
  }

  // CATALINT_TRACE=pool,cache: what the pool and the cache did, on stderr (for tests and curious users).
  const traced = new Set((io.env.CATALINT_TRACE ?? '').split(',').map((s) => s.trim()));
  const trace = (topic: string) => (traced.has(topic) ? (m: string) => io.stderr(`catalint: ${topic}: ${m}\n`) : undefined);
  const traceCache = trace('cache');
  const cache = options.cache ? FileCache.open(cacheFile(cwd, options.cacheLocation)) : undefined;
  const now = Date.now();
  const files = found.files.map((abs) => ({ abs, shown: displayPath(cwd, abs) })).sort((a, b) => compareStrings(a.shown, b.shown));
  const todo: FileJob[] = [];
  const pending = new Map<number, { readonly stat: FileStat; readonly configKey: string }>();
  let fileCount = 0;
  for (const [slot, { abs, shown }] of files.entries()) {
    // Loaded here, before any worker starts: a broken configuration is refused once, with exit 2.
    const config = configs.forFile(abs).config;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      failures.push({ file: shown, reason: reasonOf(e) });
      continue;
    }
    if (stat.size > MAX_BYTES_READ) {
      // Certainly over the engine's size limit: not worth reading into memory at all.
      const severity = config.severity['skipped-file'];
      const reason = `it is larger than ${Math.round(DEFAULT_MAX_FILE_SIZE / 1024)} KiB (${Math.round(stat.size / 1024)} KiB on disk)`;
      if (severity !== 'off') findings.push(skippedFinding(shown, reason, severity));
      fileCount++;
      continue;
    }
    if (cache) {
      const configKey = cache.configKey(config);
      const hit = cache.lookup(abs, stat, configKey, now);
      traceCache?.(`${hit ? 'hit' : 'miss'} ${shown}`);
      if (hit) {
        for (const f of shownAs(hit, shown)) findings.push(f);
        fileCount++;
        continue;
      }
      pending.set(slot, { stat: { size: stat.size, mtimeMs: stat.mtimeMs }, configKey });
    }
    todo.push({ slot, abs, shown, bytes: stat.size });
  }

  const outcomes = await lintAll(todo, { jobs: options.jobs, config: request, configs, wantHash: cache !== undefined, trace: trace('pool') });
  for (const job of todo) {
    const outcome = outcomes.get(job.slot) ?? { kind: 'failure', reason: 'internal error: the file was not analysed' };
    if (outcome.kind === 'failure') {
      failures.push({ file: job.shown, reason: outcome.reason });
      continue;
    }
    for (const f of outcome.findings) findings.push(f);
    fileCount++;
    const key = pending.get(job.slot);
    if (cache && key && outcome.hash !== undefined) {
      cache.store(job.abs, { ...key.stat, checkedAt: now, hash: outcome.hash, config: key.configKey, findings: outcome.findings });
    }
  }
  findings.sort(compareFindings);
  if (cache) {
    try {
      cache.save();
    } catch (e) {
      // The report is still right; only the next run is slower.
      io.stderr(`catalint: cannot write the cache ${displayPath(cwd, cacheFile(cwd, options.cacheLocation))}: ${reasonOf(e)}\n`);
    }
  }

  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const report: Report = {
    cwd,
    fileCount,
    // Skipped files stay even when quiet: what was not analysed is never left unsaid.
    findings: options.quiet ? findings.filter((f) => f.severity === 'error' || f.rule === 'skipped-file') : findings,
    failures,
  };

  const color = options.outputFile === undefined && io.stdoutIsTTY && !io.env.NO_COLOR;
  const output = render(options.format, report, { color });
  if (options.outputFile === undefined) {
    io.stdout(output);
  } else {
    try {
      writeFileAtomic(path.resolve(cwd, options.outputFile), output);
    } catch (e) {
      io.stderr(`catalint: cannot write ${options.outputFile}: ${reasonOf(e)}\n`);
      return ExitCode.Trouble;
    }
  }

  for (const failure of failures) io.stderr(`catalint: cannot read ${failure.file}: ${failure.reason}\n`);
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) io.stderr(`catalint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings} allows\n`);

  if (failures.length > 0) return ExitCode.Trouble;
  if (errors > 0 || tooManyWarnings) return ExitCode.Problems;
  return ExitCode.Clean;
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

/**
 * A UTF-16 code unit takes at most 3 bytes of UTF-8, so a file of more bytes than this has more
 * characters than the engine analyses.
 */
const MAX_BYTES_READ = 3 * DEFAULT_MAX_FILE_SIZE;

function problemLine(p: ConfigProblem, cwd: string): string {
  const file = path.isAbsolute(p.file) ? displayPath(cwd, p.file) : p.file;
  return `${file}:${p.line}:${p.column}: ${p.message}\n`;
}
