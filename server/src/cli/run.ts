/**
 * One run of `catalint`: arguments in, report out, exit code back. Every failure the user can
 * cause (bad arguments, a broken catalog or config, an unreadable file) ends here as a message
 * and exit code 2, never as a stack trace.
 */
import * as path from 'node:path';
import { ConfigError, type ConfigProblem } from '../engine/errors';
import { HELP, parseCommand, UsageError } from './args';
import { ExitCode, type Io } from './io';
import { toolVersion } from './meta';
import { displayPath } from './report';

export { ExitCode, type Io } from './io';

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
      case 'lint': {
        // Required only for a lint: --help and --version do not load what linting needs.
        const { lintCommand } = require('./lint-command') as typeof import('./lint-command');
        return await lintCommand(command.options, io);
      }
      case 'inventory': {
        const { inventoryCommand } = require('./inventory') as typeof import('./inventory');
        return await inventoryCommand(command.options, io);
      }
      case 'init': {
        const { initCommand } = require('./init') as typeof import('./init');
        return await initCommand(command.options, io);
      }
      case 'merge': {
        const { mergeCommand } = require('./merge') as typeof import('./merge');
        return await mergeCommand(command.options, io);
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`catalint: ${e.message}\nRun 'catalint --help' for the options.\n`);
    } else if (e instanceof Error && e.name === 'MergeError') {
      io.stderr(`catalint merge: ${e.message}\n`);
    } else if (e instanceof ConfigError) {
      io.stderr(e.problems.map((p) => problemLine(p, io.cwd)).join(''));
    } else {
      io.stderr(`catalint: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    return ExitCode.Trouble;
  }
}

function problemLine(p: ConfigProblem, cwd: string): string {
  const file = path.isAbsolute(p.file) ? displayPath(cwd, p.file) : p.file;
  return `${file}:${p.line}:${p.column}: ${p.message}\n`;
}
