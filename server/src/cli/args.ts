/**
 * Command-line arguments to a typed request. Anything wrong is a UsageError (exit code 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { suggest } from '../engine/text/did-you-mean';
import type { RuleId } from '../engine/finding';
import { SUPPRESSIBLE_RULES, suppressibleRule } from './baseline-rules';
import { FORMAT_NAMES, type FormatName } from './formats';
import type { Shard } from './shard';
import type { MergeOptions } from './merge';
import type { InitOptions } from './init';
import { INVENTORY_FORMATS, type InventoryFormat, type InventoryOptions } from './inventory-options';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'lint'; readonly options: LintOptions }
  | { readonly kind: 'merge'; readonly options: MergeOptions }
  | { readonly kind: 'init'; readonly options: InitOptions }
  | { readonly kind: 'inventory'; readonly options: InventoryOptions };

export interface LintOptions {
  /** As given; the working directory when none. */
  readonly paths: readonly string[];
  readonly format: FormatName;
  readonly catalog?: string;
  readonly config?: string;
  /** Undefined: any number of warnings is fine. */
  readonly maxWarnings?: number;
  readonly quiet: boolean;
  readonly outputFile?: string;
  /** Threads that lint, the main thread included; 1 lints in the main thread only. Undefined: decided by the amount of work. */
  readonly jobs?: number;
  readonly cache: boolean;
  /** `--cache-location`, as given. */
  readonly cacheLocation?: string;
  /** Report the findings of test, fixture, seed and story files too (catalint.json `tests`). */
  readonly includeTests: boolean;
  /** What the run does with the bulk suppressions file (see baseline.ts). */
  readonly baseline: BaselineMode;
  /** `--suppressions-location`, as given. */
  readonly suppressionsLocation?: string;
  /** `--changed-since`: a git ref; only what changed since its merge base with HEAD is linted and reported. */
  readonly changedSince?: string;
  /** `--shard k/n`: lint only the k-th of n shares of the files (see shard.ts). */
  readonly shard?: Shard;
  /** `--project`: tsconfig.json files, as given, whose files get type-aware analysis. */
  readonly projects: readonly string[];
}

/**
 * `apply`: hide what the suppressions file allows (when there is one). `record`: write what the
 * run finds into it first (`--suppress-all`, or only some rules with `--suppress-rule`).
 * `prune`: lower its counts to what the run finds first.
 */
export type BaselineMode =
  { readonly kind: 'apply' } | { readonly kind: 'record'; readonly rules?: readonly RuleId[] } | { readonly kind: 'prune' };

/**
 * `catalint --lsp` runs the language server on stdio for editors other than VS Code; any other
 * argument (`--stdio` from a client) belongs to the server, so it is not parsed here.
 */
export function wantsLanguageServer(argv: readonly string[]): boolean {
  return argv.includes('--lsp');
}

export function parseCommand(argv: readonly string[]): Command {
  // A subcommand is the first word; a folder of that name is linted as `./merge`.
  if (argv[0] === 'merge') return parseMerge(argv.slice(1));
  if (argv[0] === 'init') return parseInit(argv.slice(1));
  if (argv[0] === 'inventory') return parseInventory(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        catalog: { type: 'string' },
        config: { type: 'string', short: 'c' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'output-file': { type: 'string', short: 'o' },
        jobs: { type: 'string', short: 'j' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        'include-tests': { type: 'boolean' },
        'suppress-all': { type: 'boolean' },
        'suppress-rule': { type: 'string', multiple: true },
        'prune-suppressions': { type: 'boolean' },
        'suppressions-location': { type: 'string' },
        'changed-since': { type: 'string' },
        shard: { type: 'string' },
        project: { type: 'string', short: 'p', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    // parseArgs' messages name the option; drop its advice about `--` which does not apply here.
    const message = e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '.') : String(e);
    const unknown = /^Unknown option '(--?[^']+)'/.exec(message)?.[1];
    throw new UsageError(unknown ? `${message.replace(/\.$/, '')}${suggest(unknown, OPTION_NAMES)}.` : message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const format = values.format ?? 'stylish';
  const baseline = baselineMode(values['suppress-all'] ?? false, values['suppress-rule'] ?? [], values['prune-suppressions'] ?? false);
  if (!isFormatName(format)) {
    throw new UsageError(`unknown format '${format}'; expected one of ${FORMAT_NAMES.join(', ')}`);
  }
  return {
    kind: 'lint',
    options: {
      paths: positionals.length > 0 ? positionals : ['.'],
      format,
      catalog: nonEmpty('--catalog', values.catalog),
      config: nonEmpty('--config', values.config),
      maxWarnings: maxWarnings(values['max-warnings']),
      quiet: values.quiet ?? false,
      outputFile: nonEmpty('--output-file', values['output-file']),
      jobs: jobs(values.jobs),
      cache: values.cache ?? false,
      cacheLocation: nonEmpty('--cache-location', values['cache-location']),
      includeTests: values['include-tests'] ?? false,
      baseline,
      suppressionsLocation: nonEmpty('--suppressions-location', values['suppressions-location']),
      changedSince: changedSince(values['changed-since']),
      shard: shard(values.shard, baseline.kind),
      projects: (values.project ?? []).map((p) => nonEmpty('--project', p)!),
    },
  };
}

/** `k/n`, 1 <= k <= n. Recording or pruning a baseline from one share would drop the others' entries. */
function shard(value: string | undefined, baseline: BaselineMode['kind']): Shard | undefined {
  if (value === undefined) return undefined;
  const m = /^([1-9]\d{0,3})\/([1-9]\d{0,3})$/.exec(value);
  if (!m || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard expects k/n with 1 <= k <= n (such as 2/4), got '${value}'`);
  if (baseline !== 'apply')
    throw new UsageError('--suppress-all, --suppress-rule and --prune-suppressions see every file: run them without --shard');
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** A ref as git takes it; one that starts with `-` would be read as an option. */
function changedSince(ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined;
  if (ref === '' || ref.startsWith('-')) throw new UsageError(`--changed-since expects a git ref (a branch, tag or commit), got '${ref}'`);
  return ref;
}

function baselineMode(all: boolean, rules: readonly string[], prune: boolean): BaselineMode {
  if ([all, rules.length > 0, prune].filter(Boolean).length > 1)
    throw new UsageError('--suppress-all, --suppress-rule and --prune-suppressions are separate steps: give one of them');
  for (const rule of rules) {
    if (!suppressibleRule(rule))
      throw new UsageError(`--suppress-rule: '${rule}' is not a rule that can be suppressed (${SUPPRESSIBLE_RULES.join(', ')})`);
  }
  if (all) return { kind: 'record' };
  if (rules.length > 0) return { kind: 'record', rules: rules as RuleId[] };
  if (prune) return { kind: 'prune' };
  return { kind: 'apply' };
}

/** `catalint inventory [-f json|markdown] [-o file] [--compare old.json] [--include-tests] [paths...]`. */
function parseInventory(argv: readonly string[]): Command {
  const parsed = subcommandArgs('inventory', {
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      'output-file': { type: 'string', short: 'o' },
      compare: { type: 'string' },
      'include-tests': { type: 'boolean' },
      link: { type: 'string' },
      dataset: { type: 'string' },
      shard: { type: 'string' },
    },
  });
  const { values, positionals } = parsed;
  const format = values.format ?? 'json';
  if (!(INVENTORY_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`inventory: unknown format '${format}'; expected one of ${INVENTORY_FORMATS.join(', ')}`);
  return {
    kind: 'inventory',
    options: {
      paths: positionals.length > 0 ? positionals : ['.'],
      format: format as InventoryFormat,
      outputFile: nonEmpty('--output-file', values['output-file']),
      compare: nonEmpty('--compare', values.compare),
      includeTests: values['include-tests'] ?? false,
      linkTemplate: linkTemplate(values.link),
      dataset: nonEmpty('--dataset', values.dataset),
      shard: shard(values.shard, 'apply'),
    },
  };
}

/** An http(s) URL template: a page opened from an artifact must not link to `javascript:`. */
function linkTemplate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^https?:\/\/[^\s]+$/.test(value) || !value.includes('{file}'))
    throw new UsageError(
      `inventory: --link expects an http(s) URL with {file} (and {line}), such as https://github.com/o/r/blob/<commit>/{file}#L{line}; got '${value}'`,
    );
  return value;
}

/** `catalint init [--baseline] [--force]`. */
function parseInit(argv: readonly string[]): Command {
  const { values } = subcommandArgs('init', {
    args: [...argv],
    allowPositionals: false,
    strict: true,
    options: { baseline: { type: 'boolean' }, force: { type: 'boolean' } },
  });
  return { kind: 'init', options: { baseline: values.baseline ?? false, force: values.force ?? false } };
}

/** parseArgs for a subcommand: what it refuses is a usage error that names the subcommand. */
function subcommandArgs<T extends ParseArgsConfig>(name: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(`${name}: ${e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '.') : String(e)}`);
  }
}

/** `catalint merge [-f format] [-o file] <reports...>`. */
function parseMerge(argv: readonly string[]): Command {
  const parsed = subcommandArgs('merge', {
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: { format: { type: 'string', short: 'f' }, 'output-file': { type: 'string', short: 'o' } },
  });
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('merge: name the reports to merge (the JSON or SARIF reports of --shard runs)');
  // Which formats apply depends on what is merged (reports or inventories): checked there.
  const format = values.format;
  if (format !== undefined && !isFormatName(format) && !(INVENTORY_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`unknown format '${format}'; expected one of ${[...new Set([...FORMAT_NAMES, ...INVENTORY_FORMATS])].join(', ')}`);
  return { kind: 'merge', options: { reports: positionals, format, outputFile: nonEmpty('--output-file', values['output-file']) } };
}

/** `--max-warnings -1` (documented, as in ESLint): the value looks like a flag to parseArgs. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--max-warnings' && /^-\d+$/.test(argv[i + 1] ?? '')) out.push(`--max-warnings=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

/** Every option as typed, for the did-you-mean of an unknown one. */
const OPTION_NAMES = [
  '--format',
  '--catalog',
  '--config',
  '--max-warnings',
  '--quiet',
  '--output-file',
  '--jobs',
  '--cache',
  '--cache-location',
  '--include-tests',
  '--suppress-all',
  '--suppress-rule',
  '--prune-suppressions',
  '--suppressions-location',
  '--changed-since',
  '--shard',
  '--project',
  '--help',
  '--version',
  '--lsp',
];

function isFormatName(s: string): s is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(s);
}

function nonEmpty(option: string, value: string | undefined): string | undefined {
  if (value === '') throw new UsageError(`${option} needs a file name`);
  return value;
}

/** A whole number; -1 means no limit, as in ESLint, so CI scripts can carry the option over. */
function maxWarnings(value: string | undefined): number | undefined {
  if (value === undefined || value === '-1') return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings expects a whole number of 0 or more (or -1 for no limit), got '${value}'`);
  return Number(value);
}

/** A whole number of 1 or more. */
function jobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,3}$/.test(value)) throw new UsageError(`--jobs expects a whole number from 1 to 9999, got '${value}'`);
  return Number(value);
}

export const HELP = `Usage: catalint [options] [paths...]
       catalint merge [-f format] [-o file] <reports or inventories...>
       catalint init [--baseline] [--force]
       catalint inventory [-f json|markdown|html|fides] [-o file] [--compare old.json] [--link url]
                          [--shard k/n] [paths...]

Lints TypeScript, JavaScript, SQL and Prisma schema files for uses of personal and
telemetry data that have no declared consent in scope. Paths are files or folders; the
default is the current folder.
Folders are searched for the files Catalint reads, respecting .gitignore files and the
include/exclude globs of catalint.json, and skipping node_modules, .git and .yarn.

Options:
  -f, --format <name>      stylish (default), json, sarif or github
      --catalog <file>     use this catalog file instead of the one catalint.json names
  -c, --config <file>      use this catalint.json instead of the nearest one
      --max-warnings <n>   exit with code 1 when there are more than n warnings (-1: no limit)
  -q, --quiet              report errors only (and files that were skipped)
  -o, --output-file <file> write the report to this file (atomically) instead of stdout
  -j, --jobs <n>           lint with n threads (1: no worker threads; default: one per CPU
                           when there is enough work to repay starting them)
      --cache              reuse the findings of files that did not change since the last
                           run with --cache (keyed on file content, configuration, catalog
                           and Catalint version)
      --cache-location <f> the cache file, or a folder for it (default: .catalintcache)
      --include-tests      also report the findings of test, fixture, seed and story files
                           (the "tests" globs of catalint.json), which are otherwise counted
                           in the summary only
      --changed-since <ref>
                           pull-request mode: lint only the files added or changed since
                           the merge base of <ref> and HEAD (uncommitted edits included),
                           and report only the findings a change can have caused
  -p, --project <tsconfig> type-aware analysis of the project's files (repeatable; or
                           "project" in catalint.json): the TypeScript checker says which
                           declared field each name reads, and @catalog tags classify
                           fields by hand; other files are judged by their spelling
      --shard <k/n>        lint only the k-th of n shares of the files (balanced by size, the
                           same on every runner); 'catalint merge' combines the reports
      --suppress-all       adopt Catalint on an existing codebase: record every finding of
                           the files linted in catalint-suppressions.json (counts per file,
                           rule, category and name), so that later runs report only what
                           goes beyond them; commit the file
      --suppress-rule <r>  the same for one rule (repeatable)
      --prune-suppressions lower the file's counts to what is left, once findings are fixed
      --suppressions-location <f>
                           the suppressions file (default: catalint-suppressions.json in the
                           current folder)
      --lsp                run the language server on stdio (for editors) instead of linting
  -h, --help               show this help
  -v, --version            show the version

'catalint init' writes a first catalint.json for the repository it stands in (test globs,
SQL dialects of its migration tools, its own guard functions) and says why; --baseline also
records the findings it then gives in catalint-suppressions.json; --force replaces a
catalint.json that exists.

'catalint inventory' maps which catalog data the code uses and declares, where, and under
which consent: json (the contract), markdown, html (one self-contained page) or fides (the
SQL tables as a Fides dataset, named by --dataset). --compare names an earlier json inventory
and adds what changed since; --link gives the html page's places a URL ({file} and {line}
replaced); --shard k/n maps one share of the files.

'catalint merge' combines the JSON (or SARIF) reports of --shard runs into the report one
run over all the files would have written: JSON reports into any format, SARIF into SARIF;
and the JSON inventories of 'catalint inventory --shard' runs into one inventory.

Exit codes:
  0  no errors, and no more warnings than --max-warnings allows
  1  errors found, or more warnings than --max-warnings allows
  2  usage, configuration or catalog error, or a file could not be read
`;
