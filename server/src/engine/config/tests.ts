/**
 * Which files are tests, fixtures, seeds or stories: their names look like data (`email:
 * 'anna@example.com'`) but they hold made-up values, and on real projects they hold most
 * findings. Both front ends ask here, so the editor and CI agree on what is reported apart.
 */
import picomatch from 'picomatch';
import type { Config } from './model';
import { relativePath } from './paths';

/** What `tests` means when `catalint.json` does not say: the usual places of each ecosystem. */
export const DEFAULT_TESTS: readonly string[] = [
  '**/*.{spec,test}.*',
  '**/*.{e2e,e2e-spec,stories,story}.*',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/{test,tests,e2e,cypress,playwright}/**',
  '**/{fixtures,__fixtures__}/**',
  '**/{seed,seeds,seeders}/**',
  '**/seed*.{ts,js,sql}',
  '**/.storybook/**',
];

const compiled = new WeakMap<readonly string[], (file: string) => boolean>();

/** Is `file` (absolute, or relative to the config's root) a test-like file under this config? */
export function isTestFile(config: Config, file: string): boolean {
  if (config.tests.length === 0) return false;
  let test = compiled.get(config.tests);
  if (!test) {
    test = picomatch([...config.tests], { dot: true });
    compiled.set(config.tests, test);
  }
  const rel = relativePath(config, file);
  return !rel.startsWith('../') && test(rel);
}
