// The I/O floor: read every file and run one alternation of the catalog's terms over it, in
// the bench's own process. No tool that reads the files can do less work than this.
import { readFileSync } from 'node:fs';
import { catalogTerms, flatTermsRegExp, termsRegExp } from '../lib/catalog-terms.mjs';

/** `flat`: the same alternation unfactored, to record what V8 makes of it. */
export function regexFloor(files, { flat = false } = {}) {
  const pattern = (flat ? flatTermsRegExp : termsRegExp)(catalogTerms());
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let matches = 0;
  for (const file of files) {
    const text = readFileSync(file.path, 'utf8');
    pattern.lastIndex = 0;
    while (pattern.exec(text) !== null) matches++;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, matches };
}
