/**
 * Runs the real `catalint` program (node bin/catalint.js) in a child process, on workspaces the
 * tests write to temporary folders.
 */
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../../server/src/engine';

/** Runs git in `dir` with a committer identity (a CI runner may have none); its output, or it throws. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  });
}

/** The checkout: found as the engine finds its own package root. */
export const repoRoot = packageRoot;

const ROOT = repoRoot();
export const BIN = path.join(ROOT, 'bin', 'catalint.js');
const BUNDLE = path.join(ROOT, 'dist', 'cli.js');

/** The bundle is what bin/catalint.js runs; rebuild it when a source is newer. */
function ensureBundle(): void {
  const built = fs.existsSync(BUNDLE) ? fs.statSync(BUNDLE).mtimeMs : 0;
  if (built >= newestSource(path.join(ROOT, 'server', 'src'))) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node esbuild.mjs failed:\n${r.stdout}${r.stderr}`);
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

// A root hook: registered when the first test file imports this module, run once before all.
before(function () {
  this.timeout(120_000);
  ensureBundle();
});

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Run as this user (tests that need a file the process cannot read, when they run as root). */
  readonly uid?: number;
  readonly gid?: number;
}

export function catalint(args: readonly string[], options: CliOptions): CliResult {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    uid: options.uid,
    gid: options.gid,
    maxBuffer: 64 * 1024 * 1024,
  };
  const r = spawnSync(process.execPath, [options.uid === undefined ? BIN : readableCopy(), ...args], spawnOptions);
  if (r.error) throw r.error;
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

let copy: string | undefined;

/**
 * The built program where any user can read it. A test run as an unprivileged user must not
 * depend on where the checkout lies: a clone in a `mktemp -d` folder is root's alone, so that
 * user could not even load bin/catalint.js.
 */
function readableCopy(): string {
  if (!copy) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalint-program-'));
    fs.chmodSync(dir, 0o755);
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    for (const part of ['package.json', 'bin', 'dist', 'catalog'])
      fs.cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
    copy = path.join(dir, 'bin', 'catalint.js');
  }
  return copy;
}

/** A JSON report, failing the test with the program's output when it is not one. */
export function jsonReport(result: CliResult): JsonReport {
  try {
    return JSON.parse(result.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  categories: string[];
  kind: string | null;
  name: string;
  required: string[];
  declared: string[];
  message: string;
  requirement: string[][];
  reason?: string;
}

export interface JsonReport {
  findings: JsonFinding[];
  failures: { file: string; reason: string }[];
  fileCount: number;
  testFindings: { findings: number; files: number };
  configFiles: string[];
}

const made: string[] = [];

/** A temporary workspace with these files (paths with forward slashes). */
export function workspace(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'catalint-cli-')));
  made.push(dir);
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

after(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export const EXAMPLE = path.join(ROOT, 'examples', 'connected-car');

/** Findings as `file:line:column rule name`, for compact assertions. */
export function brief(report: JsonReport): string[] {
  return report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.name}`);
}

/**
 * Sources the tests lint. Each use is on its own line so positions are easy to state.
 * `customer.email` is personal data (a warning without consent), `vehicle.mileage` telemetry
 * (an error without consent).
 */
export const SOURCES = {
  personalUnconsented: ['export function f(customer: { email: string }) {', '  return customer.email;', '}', ''].join('\n'),
  personalConsented: [
    '// @consent customer-consent',
    'export function f(customer: { email: string }) {',
    '  return customer.email;',
    '}',
    '',
  ].join('\n'),
  telemetryUnconsented: ['export function g(vehicle: { mileage: number }) {', '  return vehicle.mileage;', '}', ''].join('\n'),
  clean: ['export function add(a: number, b: number) {', '  return a + b;', '}', ''].join('\n'),
};
