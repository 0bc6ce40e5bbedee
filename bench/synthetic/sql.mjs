// Synthetic SQL: schemas with personal and telemetry columns beside unrelated tables, and
// queries that read them through aliases, some under a consent directive.
import { NOUNS } from './words.mjs';

const snake = (s) => s.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());

function schema(rnd, i) {
  return [
    `CREATE TABLE customers_${i} (`,
    `  id BIGSERIAL PRIMARY KEY,`,
    `  email TEXT NOT NULL UNIQUE,`,
    `  first_name TEXT,`,
    `  last_name TEXT,`,
    `  birth_date DATE,`,
    `  phone_number TEXT,`,
    `  postal_code VARCHAR(${rnd.int(8, 16)}),`,
    `  created_at TIMESTAMPTZ NOT NULL DEFAULT now()`,
    `);`,
    '',
    `CREATE TABLE vehicle_samples_${i} (`,
    `  vin CHAR(17) NOT NULL,`,
    `  recorded_at TIMESTAMPTZ NOT NULL,`,
    `  latitude DOUBLE PRECISION,`,
    `  longitude DOUBLE PRECISION,`,
    `  mileage INTEGER,`,
    `  fuel_level SMALLINT,`,
    `  PRIMARY KEY (vin, recorded_at)`,
    `);`,
    '',
    `CREATE TABLE ${snake(rnd.pick(NOUNS)).slice(1)}_items_${i} (`,
    `  id BIGSERIAL PRIMARY KEY,`,
    `  file_name TEXT NOT NULL,`,
    `  title TEXT,`,
    `  price_cents INTEGER NOT NULL CHECK (price_cents >= 0),`,
    `  position INTEGER NOT NULL DEFAULT ${rnd.int(0, 9)}`,
    `);`,
    `CREATE INDEX ON vehicle_samples_${i} (recorded_at);`,
    '',
  ];
}

function query(rnd, i) {
  const consent = rnd.weighted({ none: 2, customer: 2, drive: 1 });
  const lines = [];
  if (consent === 'customer') lines.push('-- @consent customer-consent');
  if (consent === 'drive') lines.push('-- @consent connected-drive');
  if (rnd.chance(0.5)) {
    lines.push(
      `SELECT c.email, c.first_name, c.last_name, o.total_cents`,
      `FROM customers_${i % 50} AS c`,
      `JOIN orders o ON o.customer_id = c.id`,
      `WHERE o.created_at > now() - interval '${rnd.int(1, 90)} days'`,
      `ORDER BY o.total_cents DESC`,
      `LIMIT ${rnd.int(10, 500)};`,
    );
  } else {
    lines.push(
      `SELECT s.vin, avg(s.mileage) AS mileage, max(s.recorded_at) AS last_seen`,
      `FROM vehicle_samples_${i % 50} s`,
      `WHERE s.recorded_at BETWEEN $1 AND $2`,
      `GROUP BY s.vin;`,
    );
  }
  lines.push('', `UPDATE items SET title = 'Item ${i}', position = ${rnd.int(0, 99)} WHERE id = ${rnd.int(1, 1e6)};`, '');
  return lines;
}

export function sqlFile(rnd, flavour, targetLines) {
  const lines = [`-- ${flavour === 'schema' ? 'Migration' : 'Queries'} generated for the Catalint bench`, ''];
  let i = 0;
  while (lines.length < targetLines) lines.push(...(flavour === 'schema' ? schema : query)(rnd, ++i));
  return lines.join('\n') + '\n';
}
