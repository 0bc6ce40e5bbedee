/**
 * What a run costs before it lints: `--version` and `--help` do not load the TypeScript
 * compiler, and bin/catalint.js keeps V8's compiled code of the bundle in the user's cache
 * folder, made once and used after, never where another user could plant code, and never a
 * reason for a run to fail.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIN, catalint, SOURCES, workspace } from './helpers';

/** The lines bin/catalint.js traces about its code cache. */
function codeCacheTrace(stderr: string): string[] {
  return [...stderr.matchAll(/^catalint: code-cache: (\S+)/gm)].map((m) => m[1]);
}

describe('cli start-up', function () {
  // Real processes, on a machine that may be busy.
  this.timeout(60_000);

  it('--version and --help do not load the TypeScript compiler; a lint does', () => {
    // TypeScript asks for perf_hooks while it loads; nothing else in the program does.
    const dir = workspace({ 'hook.js': HOOK, 'src/a.ts': SOURCES.telemetryUnconsented });
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--require', path.join(dir, 'hook.js'), BIN, ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    for (const args of [['--version'], ['--help']]) {
      const r = run(args);
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /typescript loaded/, args.join(' '));
    }
    // Near-miss: the hook does see it when a file is linted.
    const lint = run(['--format', 'json', 'src']);
    assert.equal(lint.status, 1, lint.stderr);
    assert.match(lint.stderr, /typescript loaded/);
  });

  it('a run whose every file comes from --cache does not load the TypeScript compiler', () => {
    const dir = workspace({ 'hook.js': HOOK, 'src/a.ts': SOURCES.telemetryUnconsented, 'src/b.ts': SOURCES.personalUnconsented });
    const run = () =>
      spawnSync(process.execPath, ['--require', path.join(dir, 'hook.js'), BIN, '--cache', '--format', 'json', 'src'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    const cold = run();
    assert.equal(cold.status, 1, cold.stderr);
    assert.match(cold.stderr, /typescript loaded/);
    const warm = run();
    assert.equal(warm.status, 1, warm.stderr);
    assert.equal(warm.stdout, cold.stdout);
    assert.doesNotMatch(warm.stderr, /typescript loaded/);
    // Near-miss: one changed file is linted again, and that needs the compiler.
    fs.appendFileSync(path.join(dir, 'src', 'a.ts'), '\nexport const more = 1;\n');
    assert.match(run().stderr, /typescript loaded/);
  });

  describe('code cache', () => {
    let home: string;
    beforeEach(() => {
      home = fs.mkdtempSync(path.join(os.tmpdir(), 'catalint-cache-home-'));
    });
    afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

    const env = (extra: NodeJS.ProcessEnv = {}) => ({ XDG_CACHE_HOME: home, CATALINT_TRACE: 'code-cache', ...extra });

    it('is made by the first run in a private folder, used by the next, and changes nothing in the output', () => {
      const ws = workspace({ 'src/a.ts': SOURCES.personalUnconsented, 'src/b.ts': SOURCES.telemetryUnconsented });
      const plain = catalint(['--format', 'json', 'src'], { cwd: ws, env: { CATALINT_CODE_CACHE: 'off' } });
      const first = catalint(['--format', 'json', 'src'], { cwd: ws, env: env() });
      assert.deepEqual(codeCacheTrace(first.stderr), ['none']);
      const folder = path.join(home, 'catalint');
      const files = fs.readdirSync(folder);
      assert.equal(files.length, 1);
      assert.match(files[0], /^cli-[0-9a-f]{32}-v\d+\.\d+\.\d+-\w+\.v8cache$/);
      if (process.platform !== 'win32') {
        assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
        assert.equal(fs.statSync(path.join(folder, files[0])).mode & 0o777, 0o600);
      }
      const second = catalint(['--format', 'json', 'src'], { cwd: ws, env: env() });
      assert.deepEqual(codeCacheTrace(second.stderr), ['used']);
      for (const r of [first, second]) {
        assert.equal(r.stdout, plain.stdout);
        assert.equal(r.status, plain.status);
      }
      // Workers load the bundle through the same cache, and say nothing about it.
      const pooled = catalint(['--format', 'json', '--jobs', '2', 'src'], { cwd: ws, env: env() });
      assert.deepEqual(codeCacheTrace(pooled.stderr), ['used']);
      assert.equal(pooled.stdout, plain.stdout);
    });

    it('a damaged cache is rejected by V8 and replaced', () => {
      catalint(['--version'], { cwd: home, env: env() });
      const folder = path.join(home, 'catalint');
      const [file] = fs.readdirSync(folder);
      fs.writeFileSync(path.join(folder, file), 'not compiled code');
      const r = catalint(['--version'], { cwd: home, env: env() });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^\d+\.\d+\.\d+/);
      assert.deepEqual(codeCacheTrace(r.stderr), ['rejected']);
      assert.deepEqual(codeCacheTrace(catalint(['--version'], { cwd: home, env: env() }).stderr), ['used']);
    });

    it('a folder that cannot be used, or is not private, only means compiling as usual', () => {
      const version = catalint(['--version'], { cwd: home, env: { CATALINT_CODE_CACHE: 'off' } }).stdout;
      const blocked = path.join(home, 'a-file');
      fs.writeFileSync(blocked, '');
      const shared = path.join(home, 'shared');
      fs.mkdirSync(path.join(shared, 'catalint'), { recursive: true });
      fs.chmodSync(path.join(shared, 'catalint'), 0o777);
      const cases: [string, string][] = [
        [path.join(blocked, 'below-a-file'), 'not a folder'],
        ['relative/path', 'relative'],
      ];
      if (process.platform !== 'win32') cases.push([shared, 'writable by others']);
      for (const [xdg, why] of cases) {
        const r = catalint(['--version'], { cwd: home, env: env({ XDG_CACHE_HOME: xdg }) });
        assert.equal(r.status, 0, `${why}: ${r.stderr}`);
        assert.equal(r.stdout, version, why);
        assert.deepEqual(codeCacheTrace(r.stderr), ['off'], why);
      }
      assert.deepEqual(fs.readdirSync(path.join(shared, 'catalint')), [], 'nothing written to a folder others can write');
    });

    it('CATALINT_CODE_CACHE=off neither reads nor writes one', () => {
      const r = catalint(['--version'], { cwd: home, env: env({ CATALINT_CODE_CACHE: 'off' }) });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(codeCacheTrace(r.stderr), []);
      assert.ok(!fs.existsSync(path.join(home, 'catalint')));
    });
  });
});

/** Preloaded with --require: says on stderr when the TypeScript compiler starts loading. */
const HOOK = `
const Module = require('node:module');
const original = Module.prototype.require;
Module.prototype.require = function (id) {
  if (id === 'perf_hooks' || id === 'node:perf_hooks') process.stderr.write('typescript loaded\\n');
  return original.apply(this, arguments);
};
`;
