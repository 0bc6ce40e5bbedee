// ripgrep with the catalog's terms: the fastest way there is to find every place a catalog term
// is written, with no notion of what is a name, a string or a comment. The same prefix-factored
// alternation as the regex floor (lib/catalog-terms.mjs), case-insensitive, over the same kinds
// of file, honouring .gitignore as Catalint does, with ripgrep's default threads.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogTerms, termsRegExp } from '../lib/catalog-terms.mjs';

/** `rg --version`'s first line, or undefined when ripgrep is not installed (`apt-get install ripgrep`). */
export function ripgrepVersion() {
  const r = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

/** The command that counts the matches under `dir`; the pattern is written to a file in `scratch`. */
export function ripgrepCommand(dir, scratch) {
  const patternFile = join(scratch, 'ripgrep-pattern.txt');
  writeFileSync(patternFile, termsRegExp(catalogTerms()).source + '\n');
  const globs = ['*.ts', '*.tsx', '*.mts', '*.cts', '*.sql', '!*.d.ts', '!*.d.mts', '!*.d.cts'].flatMap((g) => ['-g', g]);
  return { command: 'rg', args: ['--ignore-case', '--count-matches', '--no-messages', '-f', patternFile, ...globs, dir] };
}

/** Sums `rg --count-matches` output (`path:count` per line). */
export function ripgrepMatches(stdout) {
  let total = 0;
  for (const line of stdout.split('\n')) {
    const m = /:(\d+)$/.exec(line);
    if (m) total += Number(m[1]);
  }
  return total;
}
