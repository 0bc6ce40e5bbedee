/**
 * The files other tools run: the GitHub Action (action.yml, whose Lint step is action/run.sh,
 * run here as the runner would, with its environment) and the pre-commit hook. What GitHub and
 * pre-commit themselves do cannot run here; what they are given to run can.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { LANGUAGES } from '../../server/src/engine/languages/registry';
import { EXAMPLE, git as gitIn, repoRoot, SOURCES, workspace } from './helpers';

interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: { id?: string; run?: string; uses?: string; env?: Record<string, string> }[] };
}

function runStep(dir: string, inputs: Record<string, string>) {
  const output = path.join(dir, '.github-output');
  const summary = path.join(dir, '.github-summary');
  const r = spawnSync('bash', [path.join(repoRoot(), 'action', 'run.sh')], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GITHUB_ACTION_PATH: repoRoot(),
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: dir,
      ...inputs,
    },
  });
  return { ...r, output: fs.readFileSync(output, 'utf8'), summary: fs.existsSync(summary) ? fs.readFileSync(summary, 'utf8') : '' };
}

describe('CI integrations: the GitHub Action and the pre-commit hook', function () {
  this.timeout(120_000);
  const action = load(fs.readFileSync(path.join(repoRoot(), 'action.yml'), 'utf8')) as Action;

  it('action.yml is a composite action whose Lint step gets every input it reads', () => {
    assert.equal(action.runs.using, 'composite');
    const lint = action.runs.steps.find((s) => s.id === 'lint');
    assert.ok(lint?.run?.includes('action/run.sh'), JSON.stringify(lint));
    const script = fs.readFileSync(path.join(repoRoot(), 'action', 'run.sh'), 'utf8');
    const read = new Set([...script.matchAll(/\$\{?(INPUT_[A-Z_]+)/g)].map((m) => m[1]));
    assert.deepEqual([...read].sort(), Object.keys(lint!.env ?? {}).sort());
    for (const value of Object.values(lint!.env ?? {})) {
      const input = /inputs\.([a-z-]+)/.exec(value)?.[1];
      assert.ok(input && input in action.inputs, `${value} names an input of action.yml`);
    }
    assert.ok(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')));
  });

  it('its Lint step writes the SARIF, annotations and the job summary, and records the exit code (near miss: a clean workspace records 0)', () => {
    const dir = workspace({});
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    // The example has errors: the code is 1, and everything is written for the upload and the summary.
    const r = runStep(dir, { INPUT_PATHS: '.', INPUT_ARGS: '', INPUT_SARIF_FILE: 'out/catalint.sarif' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.output, /^exit-code=1$/m);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'catalint.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    assert.ok(sarif.runs[0].results.length > 0);
    assert.match(r.stdout, /^::error file=/m);
    assert.match(r.summary, /### Catalint[\s\S]*12 problems[\s\S]*Configuration: catalint\.json/);

    const clean = workspace({ 'src/a.ts': SOURCES.clean, 'src/b.ts': SOURCES.personalUnconsented });
    const ok = runStep(clean, { INPUT_PATHS: 'src', INPUT_ARGS: '', INPUT_SARIF_FILE: 'catalint.sarif' });
    assert.match(ok.output, /^exit-code=0$/m);
    // Options reach the CLI: warnings fail with --max-warnings 0.
    const strict = runStep(clean, { INPUT_PATHS: 'src', INPUT_ARGS: '--max-warnings 0', INPUT_SARIF_FILE: 'catalint.sarif' });
    assert.match(strict.output, /^exit-code=1$/m);
  });

  it('compares the data inventory with a base commit in the job summary (near miss: an unknown base is a warning, not a failure)', () => {
    const dir = workspace({ 'src/crm/a.ts': '// @consent customer-consent\nexport const f = (customer: Customer) => customer.email;\n' });
    const git = (...a: string[]) => gitIn(dir, ...a);
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    fs.mkdirSync(path.join(dir, 'src/telemetry'));
    fs.writeFileSync(path.join(dir, 'src/telemetry/t.ts'), 'export const m = (vehicle: Vehicle) => vehicle.mileage;\n');
    git('add', '.');
    git('commit', '-q', '-m', 'telemetry');
    const r = runStep(dir, { INPUT_PATHS: '.', INPUT_ARGS: '', INPUT_SARIF_FILE: 'catalint.sarif', INPUT_INVENTORY_BASE: 'main~1' });
    assert.match(r.summary, /### Catalint: data inventory[\s\S]*## Changes since [\s\S]*New categories: `vehicle\.mileage`/);
    assert.equal(git('worktree', 'list').trim().split('\n').length, 1, 'the base worktree is removed');

    const unknown = runStep(dir, {
      INPUT_PATHS: '.',
      INPUT_ARGS: '',
      INPUT_SARIF_FILE: 'catalint.sarif',
      INPUT_INVENTORY_BASE: 'origin/nope',
    });
    assert.match(unknown.stdout, /::warning title=Catalint::no inventory comparison: 'origin\/nope' is not a commit/);
    assert.match(unknown.output, /^exit-code=1$/m);
  });

  it('.pre-commit-hooks.yaml runs the package binary on exactly the files Catalint reads', () => {
    const hooks = load(fs.readFileSync(path.join(repoRoot(), '.pre-commit-hooks.yaml'), 'utf8')) as {
      id: string;
      entry: string;
      language: string;
      files: string;
    }[];
    const [hook] = hooks;
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.equal(hook.language, 'node');
    assert.ok(hook.entry in pkg.bin);
    const files = new RegExp(hook.files);
    for (const extension of LANGUAGES.flatMap((l) => l.extensions)) assert.ok(files.test(`src/a${extension}`), extension);
    for (const other of ['README.md', 'catalint.json', 'a.ts.snap', 'types.d.ts.map']) assert.ok(!files.test(other), other);
  });
});
