// The application corpus: one large open-source TypeScript application, the shape of code
// Catalint is used on (thousands of small files, services, DTOs, migrations), where the
// library corpus (corpus.mjs) is a few packages of dense library code. Pinned by commit: the
// commit's hash is the integrity check (git verifies every blob read by its hash), and a
// missing commit is an error. The files are written into the git-ignored bench cache from a
// local git copy (`CATALINT_ACCURACY_MIRRORS`, as for the accuracy corpus) or a clone.
//
//   node bench/app-corpus.mjs     fetch it if missing, print where it is
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fetchPinned } from './accuracy/fetch.mjs';
import { cacheDir } from './lib/paths.mjs';

export const APP = {
  id: 'medusa',
  repo: 'medusajs/medusa',
  commit: '59e6747800133e091d20c2c167f600981abc5c0d',
  label: 'application: Medusa e-commerce backend (medusajs/medusa at 59e67478)',
};

export const appCorpusDir = () => join(cacheDir, 'app', APP.id);

export function ensureAppCorpus(force = false) {
  return fetchPinned(APP, appCorpusDir(), force);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(ensureAppCorpus(process.argv.includes('--force')));
