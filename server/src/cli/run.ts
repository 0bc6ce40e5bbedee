/**
 * One run of `catalint`: arguments in, report out, exit code back. Every failure the user can
 * cause (bad arguments, a broken catalog or config, an unreadable file) ends here as a message
 * and exit code 2, never as a stack trace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../engine';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/lint';
import { ConfigError, type ConfigProblem } from '../engine/errors';
import { LineMap } from '../engine/text/positions';
import { HELP, parseCommand, UsageError, type LintOptions } from './args';
import { Configs } from './configs';
import { discover, reasonOf } from './discover';
import { render } from './formats';
import { toolVersion } from './meta';
import { writeFileAtomic } from './output';
import {
  compareFindings,
  compareStrings,
  displayPath,
  skippedFinding,
  toReportFinding,
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

export function run(argv: readonly string[], io: Io): ExitCode {
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
        return lintCommand(command.options, io);
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

function lintCommand(options: LintOptions, io: Io): ExitCode {
  const { cwd } = io;
  const configs = new Configs({
    cwd,
    configFile: options.config === undefined ? undefined : path.resolve(cwd, options.config),
    catalogFile: options.catalog === undefined ? undefined : path.resolve(cwd, options.catalog),
  });
  const found = discover(options.paths, cwd, configs);
  for (const arg of found.notLintable) io.stderr(`catalint: ${arg}: not a file Catalint reads (TypeScript or SQL); ignored\n`);

  const findings: ReportFinding[] = [];
  const failures: Failure[] = found.failures.map((f) => ({ file: displayPath(cwd, f.file), reason: f.reason }));
  for (const note of found.skipped) {
    const severity = configs.forFile(note.file).config.severity['skipped-file'];
    if (severity !== 'off') findings.push(skippedFinding(displayPath(cwd, note.file), note.reason, severity));
  }

  const files = found.files.map((abs) => ({ abs, shown: displayPath(cwd, abs) })).sort((a, b) => compareStrings(a.shown, b.shown));
  let fileCount = 0;
  for (const { abs, shown } of files) {
    const config = configs.forFile(abs).config;
    let text: string;
    try {
      const bytes = fs.statSync(abs).size;
      if (bytes > MAX_BYTES_READ) {
        // Certainly over the engine's size limit: not worth reading into memory at all.
        const severity = config.severity['skipped-file'];
        const reason = `it is larger than ${Math.round(DEFAULT_MAX_FILE_SIZE / 1024)} KiB (${Math.round(bytes / 1024)} KiB on disk)`;
        if (severity !== 'off') findings.push(skippedFinding(shown, reason, severity));
        fileCount++;
        continue;
      }
      text = readText(abs);
    } catch (e) {
      failures.push({ file: shown, reason: reasonOf(e) });
      continue;
    }
    try {
      const result = lint({ text, path: abs }, config);
      const lines = new LineMap(text);
      for (const finding of result.findings) findings.push(toReportFinding(finding, shown, lines));
      fileCount++;
    } catch (e) {
      // An engine bug must not take the whole run down, nor pass unnoticed.
      failures.push({ file: shown, reason: `internal error while analysing: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  findings.sort(compareFindings);

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

/**
 * A UTF-16 code unit takes at most 3 bytes of UTF-8, so a file of more bytes than this has more
 * characters than the engine analyses.
 */
const MAX_BYTES_READ = 3 * DEFAULT_MAX_FILE_SIZE;

/** UTF-8, without a byte order mark (editors hide it, so columns agree with theirs). */
function readText(file: string): string {
  return new TextDecoder('utf-8').decode(fs.readFileSync(file));
}

function problemLine(p: ConfigProblem, cwd: string): string {
  const file = path.isAbsolute(p.file) ? displayPath(cwd, p.file) : p.file;
  return `${file}:${p.line}:${p.column}: ${p.message}\n`;
}
