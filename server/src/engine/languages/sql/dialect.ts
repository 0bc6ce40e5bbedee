/**
 * A dialect guess for `.sql` files that `catalint.json` does not place: each dialect scores
 * the features only it writes that way. The guess decides lexing details (what `"x"`, `#` and
 * `$$` mean), so a tie falls back to `generic`, which reads the common ground.
 */
import type { SqlDialect } from '../../config/model';

const SIGNS: readonly (readonly [SqlDialect, RegExp, number])[] = [
  ['postgresql', /\$[A-Za-z_]*\$/g, 3],
  ['postgresql', /::[A-Za-z]/g, 1],
  ['postgresql', /^\\[a-zA-Z]/gm, 3],
  [
    'postgresql',
    /\b(?:SERIAL|BIGSERIAL|JSONB|TIMESTAMPTZ|BYTEA|ILIKE|PLPGSQL|RETURNING|CREATE\s+EXTENSION|ON\s+CONFLICT|FROM\s+stdin)\b/gi,
    2,
  ],
  ['postgresql', /\bGENERATED\s+(?:ALWAYS|BY\s+DEFAULT)\s+AS\s+IDENTITY\b/gi, 2],
  ['mysql', /\bENGINE\s*=\s*\w+/gi, 3],
  ['mysql', /\bAUTO_INCREMENT\b/gi, 2],
  ['mysql', /^\s*DELIMITER\s/gim, 3],
  ['mysql', /\b(?:UNSIGNED|TINYINT|MEDIUMTEXT|LONGTEXT|ON\s+DUPLICATE\s+KEY|CHARSET|COLLATE\s*=)\b/gi, 2],
  ['mysql', /`[^`.\n]+`/g, 0.5],
  ['sqlite', /\bAUTOINCREMENT\b/gi, 3],
  ['sqlite', /\bPRAGMA\b/gi, 3],
  ['sqlite', /\bWITHOUT\s+ROWID\b/gi, 3],
  ['sqlite', /\bINSERT\s+OR\s+(?:REPLACE|IGNORE)\b/gi, 2],
  ['sqlite', /\bINTEGER\s+PRIMARY\s+KEY\b/gi, 1],
  ['bigquery', /`[\w-]+\.[\w-]+(?:\.[\w-]+)?`/g, 3],
  ['bigquery', /\b(?:INT64|FLOAT64|STRUCT<|ARRAY<|SAFE_CAST|QUALIFY|EXCEPT\s*\(|UNNEST|_PARTITIONTIME|FARM_FINGERPRINT)\b/gi, 2],
  ['bigquery', /\bSTRING\b/g, 1],
];

export function guessDialect(text: string): SqlDialect {
  // Comments say anything (a backtick in prose is not MySQL): score the code only.
  const sample = (text.length > 200_000 ? text.slice(0, 200_000) : text).replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  const score = new Map<SqlDialect, number>();
  for (const [dialect, re, weight] of SIGNS) {
    const n = sample.match(re)?.length ?? 0;
    if (n > 0) score.set(dialect, (score.get(dialect) ?? 0) + weight * Math.min(n, 5));
  }
  let best: SqlDialect = 'generic';
  let top = 0;
  let tie = false;
  for (const [d, s] of score) {
    if (s > top) {
      best = d;
      top = s;
      tie = false;
    } else if (s === top) tie = true;
  }
  return tie ? 'generic' : best;
}
