import * as assert from 'node:assert';
import type { SqlDialect } from '../../server/src/engine';
import { scanSql } from '../../server/src/engine/languages/sql/scanner';
import { describeOccurrences } from './harness';

function occ(text: string, dialect: SqlDialect = 'postgresql'): string[] {
  return describeOccurrences(text, scanSql(text, { dialect }).occurrences);
}

/** Each occurrence as `name@start-end`, to assert exact ranges. */
function spans(text: string, dialect: SqlDialect = 'postgresql'): string[] {
  return scanSql(text, { dialect }).occurrences.map((o) => `${o.name}@${o.span.start}-${o.span.end}`);
}

describe('sql scanner: columns and their tables', function () {
  it('declares the columns of CREATE TABLE, not its constraints', function () {
    assert.deepStrictEqual(
      occ(`CREATE TABLE crm.customers (
      id bigint PRIMARY KEY, email text NOT NULL CHECK (email <> ''), key text,
      CONSTRAINT c UNIQUE (email), PRIMARY KEY (id), UNIQUE (key), FOREIGN KEY (id) REFERENCES x (id));`),
      ['decl id [customers]', 'decl email [customers]', 'decl key [customers]', 'decl id [x]'],
    );
  });

  it('declares the columns of indexes and of keys added later, and what a foreign key references', function () {
    assert.deepStrictEqual(
      occ(`CREATE UNIQUE INDEX IF NOT EXISTS i ON public.users USING btree (lower(email) DESC NULLS LAST, poll_id);
      ALTER TABLE "events" ADD CONSTRAINT "f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE;
      CREATE TABLE t (owner_id uuid REFERENCES users (id) ON DELETE SET NULL);`),
      ['decl email [users]', 'decl poll_id [users]', 'decl user_id [events]', 'decl id [users]', 'decl owner_id [t]', 'decl id [users]'],
    );
  });

  it('declares ALTER TABLE ADD COLUMN, RENAME COLUMN ... TO and MySQL CHANGE/MODIFY', function () {
    assert.deepStrictEqual(
      occ('ALTER TABLE ONLY customers ADD COLUMN IF NOT EXISTS phone text, ADD CONSTRAINT k CHECK (x > 0), RENAME COLUMN a TO city;'),
      ['decl phone [customers]', 'decl city [customers]'],
    );
    assert.deepStrictEqual(
      occ('ALTER TABLE `c` ADD `gender` char(1), CHANGE `tel` `phone` text, MODIFY COLUMN `email` text, ADD INDEX i (`zip`);', 'mysql'),
      ['decl gender [c]', 'decl phone [c]', 'decl email [c]'],
    );
  });

  it('resolves aliases, with or without AS, across joins', function () {
    assert.deepStrictEqual(
      occ('SELECT c.name, v.position, title FROM customers AS c JOIN vehicle_status v ON v.customer_id = c.id ORDER BY 1'),
      [
        'use name [c, customers]',
        'use position [v, vehicle_status]',
        'use title [customers, vehicle_status]',
        'use customer_id [v, vehicle_status]',
        'use id [c, customers]',
      ],
    );
  });

  it('gives each query of a file its own tables: position in app_settings is not vehicle data', function () {
    assert.deepStrictEqual(occ('SELECT position FROM vehicle_status; SELECT position FROM app_settings ORDER BY position;'), [
      'use position [vehicle_status]',
      'use position [app_settings]',
      'use position [app_settings]',
    ]);
  });

  it('accepts non-reserved keywords as aliases (last) and skips NULLS FIRST', function () {
    assert.deepStrictEqual(
      occ(
        'SELECT v.id FROM vehicles v JOIN LATERAL (SELECT s.position FROM vehicle_status s) last ON true WHERE last.position IS NOT NULL ORDER BY v.id NULLS FIRST',
      ),
      ['use id [v, vehicles]', 'use position [s, vehicle_status]', 'use position [last, vehicle_status]', 'use id [v, vehicles]'],
    );
  });

  it('resolves subqueries and CTEs to the tables behind them', function () {
    assert.deepStrictEqual(occ('WITH recent AS (SELECT * FROM customers) SELECT r.email, city FROM recent r'), [
      'use email [r, recent, customers]',
      'use city [recent, customers]',
    ]);
    assert.deepStrictEqual(
      occ('SELECT s.email FROM (SELECT email FROM customers) AS s WHERE EXISTS (SELECT 1 FROM orders o WHERE o.cid = s.id)'),
      ['use email [s, customers]', 'use email [customers]', 'use cid [o, orders]', 'use id [s, customers]'],
    );
  });

  it('reads every clause: WHERE, GROUP BY, HAVING, ORDER BY, window specs', function () {
    assert.deepStrictEqual(
      occ(`SELECT count(*) FILTER (WHERE gender = 'f') n, rank() OVER (PARTITION BY city ORDER BY born ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
      FROM people WHERE age > 3 GROUP BY zip HAVING max(score) > 1 ORDER BY email DESC NULLS LAST`).map((s) => s.split(' ')[1]),
      ['gender', 'n', 'city', 'born', 'age', 'zip', 'score', 'email'],
    );
  });

  it('reads select-list aliases as names of what they hand on; skips functions, types, typed literals, interval units and string contents', function () {
    assert.deepStrictEqual(
      occ(
        `SELECT email AS contact, phone tel, lower(name)::varchar(20) lname, DATE '2020-01-01', extract(year FROM born),
      cast(zip AS text), 'city, street' AS s, now() - INTERVAL 1 DAY FROM t`,
        'mysql',
      ).map((s) => s.split(' ')[1]),
      ['email', 'contact', 'phone', 'tel', 'name', 'lname', 'born', 'zip', 's'],
    );
  });

  it('reads INSERT column lists, ON CONFLICT, UPDATE SET, DELETE WHERE and RETURNING with the target table', function () {
    assert.deepStrictEqual(
      occ(`INSERT INTO customers AS c (email, name) VALUES ($1, $2)
      ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name WHERE c.active RETURNING id, email AS e`),
      [
        'use email [customers]',
        'use name [customers]',
        'use email [customers]',
        'use name [customers]',
        'use name [EXCLUDED, customers]',
        'use active [c, customers]',
        'use id [customers]',
        'use email [customers]',
        'use e []',
      ],
    );
    assert.deepStrictEqual(occ('UPDATE customers c SET phone = o.phone FROM orders o WHERE o.cid = c.id'), [
      'use phone [customers]',
      'use phone [o, orders]',
      'use cid [o, orders]',
      'use id [c, customers]',
    ]);
    assert.deepStrictEqual(occ('DELETE FROM trips t USING drivers d WHERE t.driver = d.id AND d.email IS NULL RETURNING t.lat'), [
      'use driver [t, trips]',
      'use id [d, drivers]',
      'use email [d, drivers]',
      'use lat [t, trips]',
    ]);
  });

  it('reads MERGE: target and source aliases, the match condition and each action', function () {
    assert.deepStrictEqual(
      occ(`MERGE INTO customers AS c USING staging s ON c.id = s.id
      WHEN MATCHED AND s.deleted THEN DELETE
      WHEN MATCHED THEN UPDATE SET email = s.email
      WHEN NOT MATCHED THEN INSERT (id, phone) VALUES (s.id, s.phone)`),
      [
        'use id [c, customers]',
        'use id [s, staging]',
        'use deleted [s, staging]',
        'use email [customers]',
        'use email [s, staging]',
        'use id [customers]',
        'use phone [customers]',
        'use id [s, staging]',
        'use phone [s, staging]',
      ],
    );
  });

  it('reads the query of CREATE VIEW and CREATE TABLE AS', function () {
    assert.deepStrictEqual(
      occ('CREATE OR REPLACE VIEW v (a) AS SELECT email FROM customers; CREATE TABLE x AS SELECT city FROM customers;'),
      ['use email [customers]', 'use city [customers]'],
    );
  });

  it('puts ranges on the identifier itself, not the qualified name, also after multi-byte characters', function () {
    const text = `SELECT 'Zoë 😀' AS x, c."Émail", c.prénom FROM crm.customers c`;
    assert.deepStrictEqual(spans(text), ['x@19-20', 'Émail@25-30', 'prénom@35-41']);
    assert.strictEqual(text.slice(25, 30), 'Émail');
    assert.strictEqual(text.slice(35, 41), 'prénom');
  });

  it('never reports string contents, comments, COPY data or psql meta-commands', function () {
    const text = "\\set email 'x'\nSELECT 'email' -- phone\n FROM t;\nCOPY t (city) FROM stdin;\nemail\tphone\n\\.\n";
    assert.deepStrictEqual(occ(text), ['use city [t]']);
  });

  it('reads BigQuery paths, UNNEST and * EXCEPT', function () {
    assert.deepStrictEqual(occ('SELECT u.email, i.sku, * EXCEPT (phone) FROM `p.crm.users` AS u, UNNEST(u.items) AS i', 'bigquery'), [
      'use email [u, users]',
      'use sku [i]',
      'use items [u, users]',
    ]);
  });

  it('reads SQLite triggers with NEW and OLD bound to the trigger table', function () {
    assert.deepStrictEqual(
      occ(
        'CREATE TRIGGER t AFTER UPDATE ON drivers WHEN NEW.phone IS NOT NULL BEGIN INSERT INTO log (v) VALUES (OLD.phone); END;',
        'sqlite',
      ),
      ['use phone [NEW, drivers]', 'use v [log]', 'use phone [OLD, drivers]'],
    );
  });

  it('reads the SQL inside PostgreSQL function bodies, with exact ranges', function () {
    const text = 'CREATE FUNCTION f() RETURNS void AS $$\nBEGIN\n  UPDATE customers SET phone = NULL;\nEND $$ LANGUAGE plpgsql;';
    const r = scanSql(text, { dialect: 'postgresql' });
    assert.deepStrictEqual(
      r.occurrences.map((o) => [o.name, text.slice(o.span.start, o.span.end), o.context.join()]),
      [['phone', 'phone', 'customers']],
    );
  });
});

describe('sql scanner: tolerance', function () {
  it('a broken statement loses no finding of the good ones, and still yields its own names', function () {
    const text = 'SELECT email FROM customers;\nSELECT phone, FROM customers WHERE (city = 1;\nSELECT name FROM customers;';
    const r = scanSql(text, { dialect: 'postgresql' });
    assert.deepStrictEqual(describeOccurrences(text, r.occurrences), [
      'use email [customers]',
      'use phone [customers]',
      'use city [customers]',
      'use name [customers]',
    ]);
    assert.strictEqual(r.notes.length, 1);
    assert.match(r.notes[0]!.message, /unbalanced parentheses/);
    assert.deepStrictEqual(r.notes[0]!.span, { start: 29, end: 74 });
  });

  it('a stray double quote ends at its line, never pairing with a quote lines below', function () {
    const text = `SELECT "email FROM customers;\nSELECT last_name FROM customers WHERE city = 'anna@example.com';\nSELECT "Email" FROM customers;`;
    const r = scanSql(text, { dialect: 'postgresql' });
    for (const o of r.occurrences) assert.ok(!o.name.includes('\n') && !o.name.includes('anna@example.com'), JSON.stringify(o.name));
    assert.deepStrictEqual(describeOccurrences(text, r.occurrences).slice(-3), [
      'use last_name [customers]',
      'use city [customers]',
      'use Email [customers]',
    ]);
    assert.ok(r.notes.some((n) => /unterminated quoted identifier/.test(n.message)));
  });

  it('reads an unknown statement through the tolerant pass and says so', function () {
    const r = scanSql('SELEC email FROM customers c WHERE c.city = 1;', { dialect: 'generic' });
    assert.deepStrictEqual(
      r.occurrences.map((o) => `${o.name} [${o.context.join(', ')}]`),
      ['email [customers]', 'city [c, customers]'],
    );
    assert.match(r.notes[0]!.message, /not recognised: SELEC/);
  });

  it('survives parentheses nested deeper than the stack, through the tolerant pass', function () {
    const text = `SELECT ${'('.repeat(20000)}email${')'.repeat(20000)} FROM customers; SELECT phone FROM customers;`;
    const r = scanSql(text, { dialect: 'postgresql' });
    assert.deepStrictEqual(
      r.occurrences.map((o) => `${o.name} [${o.context.join(', ')}]`),
      ['email [customers]', 'phone [customers]'],
    );
    assert.match(r.notes[0]!.message, /nested too deeply/);
  });

  it('stays silent on statements that hold no columns', function () {
    assert.deepStrictEqual(occ('GRANT SELECT ON customers TO bob; DROP TABLE x; SET search_path = crm; BEGIN; COMMIT;'), []);
  });
});

describe('sql scanner: directives', function () {
  it('covers the statement directly below a @consent comment', function () {
    const text = 'SELECT 1;\n-- @consent customer-consent, connected-drive\n-- why\nSELECT email FROM c;\nSELECT phone FROM c;';
    const r = scanSql(text, { dialect: 'postgresql' });
    assert.deepStrictEqual(r.regions, [
      {
        span: { start: 63, end: 83 },
        conditions: ['customer-consent', 'connected-drive'],
        origin: 'statement-directive',
        declaredAt: { start: 10, end: 55 },
      },
    ]);
    assert.strictEqual(text.slice(63, 83), 'SELECT email FROM c;');
    assert.deepStrictEqual(
      r.conditionRefs.map((c) => `${c.id}@${text.slice(c.span.start, c.span.end)}`),
      ['customer-consent@customer-consent', 'connected-drive@connected-drive'],
    );
  });

  it('accepts block comments, and does not reach over a blank line', function () {
    const r = scanSql('/* @consent a */\nSELECT 1;\n-- @consent b\n\nSELECT 2;', { dialect: 'sqlite' });
    assert.deepStrictEqual(
      r.regions.map((x) => [x.conditions.join(), x.origin]),
      [['a', 'statement-directive']],
    );
    assert.deepStrictEqual(
      r.conditionRefs.map((c) => c.id),
      ['a', 'b'],
    );
  });

  it('covers the whole file from a directive before any statement followed by a blank line', function () {
    const text = '-- Migration 12\n-- @consent customer-consent\n\nSELECT email FROM c;';
    assert.deepStrictEqual(
      scanSql(text, { dialect: 'postgresql' }).regions.map((x) => [x.span, x.origin]),
      [[{ start: 0, end: text.length }, 'file-directive']],
    );
  });

  it('reports a @consent comment that covers nothing as stray', function () {
    const text = 'SELECT 1;\n-- @consent a\n\nSELECT email FROM c; -- @consent b\n';
    const r = scanSql(text, { dialect: 'postgresql' });
    assert.deepStrictEqual(r.regions, []);
    assert.deepStrictEqual(
      r.strayDirectives.map((s) => text.slice(s.start, s.end)),
      ['-- @consent a', '-- @consent b'],
    );
  });

  it('counts lines the same in CRLF files, with a byte order mark', function () {
    const text = '\uFEFF-- @consent a\r\n\r\nSELECT 1;\r\n-- catalint-disable-next-line\r\nSELECT email\r\n  FROM c;\r\n';
    const r = scanSql(text, { dialect: 'postgresql' });
    assert.deepStrictEqual(
      r.regions.map((x) => x.origin),
      ['file-directive'],
    );
    assert.deepStrictEqual(
      r.suppressions.map((x) => x.line),
      [4],
    );
    assert.deepStrictEqual(
      r.occurrences.map((o) => text.slice(o.span.start, o.span.end)),
      ['email'],
    );
  });

  it('reads catalint-disable-next-line with rules and reason', function () {
    const text = 'SELECT 1;\n-- catalint-disable-next-line consent-required -- agreed with the DPO\nSELECT email FROM c;';
    assert.deepStrictEqual(scanSql(text, { dialect: 'postgresql' }).suppressions, [
      {
        span: { start: 10, end: 79 },
        line: 2,
        rules: ['consent-required'],
        reason: 'agreed with the DPO',
      },
    ]);
  });
});
