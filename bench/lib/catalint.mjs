// How the bench runs Catalint: its real CLI (`node bin/catalint.js`), the same program users
// run, and which optional CLI features exist in this checkout.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';

/** BENCH_CLI points the bench at another checkout's CLI (an earlier commit, to compare with). */
export const cliBin = process.env.BENCH_CLI ?? join(repoRoot, 'bin', 'catalint.js');
/** BENCH_SERVER_BUNDLE points the editor bench at another build (e.g. an unminified one to profile). */
export const serverBundle = process.env.BENCH_SERVER_BUNDLE ?? join(repoRoot, 'dist', 'server.js');

/** Builds dist/ with the project's own bundler; on failure the bench uses what is there. */
export function build() {
  const r = spawnSync(process.execPath, [join(repoRoot, 'esbuild.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  return r.status === 0 ? undefined : (r.stderr || r.stdout || 'esbuild failed').trim().split('\n').slice(0, 5).join('\n');
}

/** What the CLI offers: undefined when it cannot run at all, with the reason. */
export function cliFeatures() {
  if (!existsSync(join(repoRoot, 'dist', 'cli.js'))) return { available: false, reason: 'dist/cli.js is missing (npm run build)' };
  const r = spawnSync(process.execPath, [cliBin, '--help'], { encoding: 'utf8' });
  if (r.status !== 0) return { available: false, reason: `catalint --help exited ${r.status}: ${(r.stderr || '').trim().split('\n')[0]}` };
  const help = r.stdout;
  const version = spawnSync(process.execPath, [cliBin, '--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    available: true,
    version,
    jobs: /--jobs\b/.test(help),
    cache: /--cache\b/.test(help),
    cacheLocation: /--cache-location\b/.test(help),
  };
}

/**
 * Arguments that lint the corpus (the working directory, the root of its own git repository)
 * into a JSON report file: `catalint .`, as a user runs it.
 */
export function cliArgs(reportFile, extra = []) {
  return [cliBin, '.', '--format', 'json', '--output-file', reportFile, ...extra];
}

/** Counts of the findings in a JSON report, to show the run did real work. */
export function readReport(reportFile) {
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    const findings = report.findings ?? [];
    const files = new Set(findings.map((f) => f.file));
    const byRule = {};
    for (const f of findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    // A finding in a .sql file is how the bench tells that this CLI reads SQL at all.
    const sqlFindings = findings.filter((f) => String(f.file).endsWith('.sql')).length;
    return { findings: findings.length, filesWithFindings: files.size, sqlFindings, byRule };
  } catch (error) {
    return { findings: NaN, filesWithFindings: NaN, sqlFindings: 0, byRule: {}, error: String(error.message ?? error) };
  }
}
