// The built-in catalog's terms, as the baselines need them. Read from the catalog file itself,
// so the baselines look for exactly what Catalint looks for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';

export const catalogFile = join(repoRoot, 'catalog', 'builtin.catalog.json');

/** Every strong and weak term of every category, as word lists (`first name` → [first, name]). */
export function catalogTerms() {
  const catalog = JSON.parse(readFileSync(catalogFile, 'utf8'));
  const terms = new Map();
  for (const category of catalog.categories ?? []) {
    for (const term of [...(category.strong ?? []), ...(category.weak ?? [])]) {
      const words = String(term)
        .toLowerCase()
        .split(/[\s_-]+/)
        .filter(Boolean);
      if (words.length) terms.set(words.join(' '), words);
    }
  }
  if (terms.size === 0) throw new Error(`${catalogFile}: no terms found (categories[].strong/weak)`);
  return [...terms.values()];
}

const cap = (w) => w[0].toUpperCase() + w.slice(1);

/**
 * The identifiers a team would list in ESLint's `id-denylist` for a term: the rule compares
 * whole names, so each common spelling must be listed (firstName, first_name, FirstName,
 * firstname, FIRST_NAME).
 */
export function identifierSpellings(words) {
  return [
    words[0] + words.slice(1).map(cap).join(''),
    words.join('_'),
    words.map(cap).join(''),
    words.join(''),
    words.join('_').toUpperCase(),
  ];
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One case-insensitive alternation of all terms, separators optional (`first[_-]?name`): the
 * regex floor's pattern. The alternation is written prefix-factored (a trie), as a regex engine
 * like ripgrep's compiles it anyway; V8 does not, and tries a flat 1,000-term alternation
 * branch by branch at every position (measured: 17 times slower on the real corpus), which
 * would make a floor that is no floor. Same language, same matches.
 */
export function termsRegExp(termWords) {
  const root = new Map();
  for (const words of termWords) {
    let node = root;
    const units = words.flatMap((word, i) => [...(i ? ['[_-]?'] : []), ...[...word].map(escape)]);
    for (const unit of units) {
      if (!node.has(unit)) node.set(unit, new Map());
      node = node.get(unit);
    }
    node.set('', undefined);
  }
  const emit = (node) => {
    const branches = [...node].filter(([unit]) => unit !== '').map(([unit, child]) => unit + emit(child));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
    return node.has('') ? `(?:${body})?` : body;
  };
  return new RegExp(emit(root), 'gi');
}

/** The same alternation written flat, for the record of how much the factoring matters. */
export function flatTermsRegExp(termWords) {
  const alternatives = termWords.map((words) => words.map(escape).join('[_-]?'));
  alternatives.sort((a, b) => b.length - a.length);
  return new RegExp(alternatives.join('|'), 'gi');
}
