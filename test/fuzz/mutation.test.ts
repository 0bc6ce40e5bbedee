/**
 * Property-based fuzzing of `lint` on real TypeScript and SQL from the fixtures, damaged the way
 * edits, merges, encodings and hostile files damage text. A failure prints fast-check's seed and
 * the shrunk mutation list; replay it with CATALINT_FUZZ_SEED=<seed>. CATALINT_FUZZ_SCALE
 * multiplies every run count (a longer local campaign: CATALINT_FUZZ_SCALE=20).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { CORPUS, fuzzParameters, lintChecked, ROOT, type Sample } from './harness';
import { applyAll, mutation, mutations } from './mutations';

/** Values a string literal holds in the code: none may reach a finding. */
const SECRETS = ['anna@example.com', 'anna.schmidt', '12 34 56'];

/** Lines that put a data value in a string literal, per language; `{v}` is the value's place. */
const SECRET_LINES = {
  typescript: [
    "const contact = { email: 'anna@example.com', phone: '+33 6 12 34 56 78' };",
    'send(customer.email === "anna.schmidt@example.com");',
    'const who = `anna@example.com`;',
    'db.query("SELECT email FROM customers WHERE email = \'anna@example.com\'");',
    "const q = sql`SELECT c.email FROM customers c WHERE c.email = 'anna@example.com' AND c.id = ${id}`;",
    "log({ dateOfBirth: '12 34 56' });",
  ],
  sql: [
    "SELECT email FROM customers WHERE email = 'anna@example.com';",
    "UPDATE customers SET phone = '+33 6 12 34 56 78' WHERE last_name = 'anna.schmidt';",
    "INSERT INTO customers (email, first_name) VALUES ('anna@example.com', 'anna.schmidt');",
  ],
} as const;

function sampleArb(samples: readonly Sample[]): fc.Arbitrary<Sample> {
  return fc.constantFrom(...samples);
}

describe('fuzz: mutated fixtures', function () {
  // Each property is bounded by its run count, not by time; the whole file takes about a minute.
  this.timeout(300_000);

  before(() => {
    assert.ok(CORPUS.typescript.length >= 10, `TypeScript corpus found under ${ROOT}: ${CORPUS.typescript.length} files`);
    assert.ok(CORPUS.sql.length >= 3, `SQL corpus: ${CORPUS.sql.length} files`);
  });

  it('TypeScript: no exception, no internal error, every span inside the document', () => {
    fc.assert(
      fc.property(sampleArb(CORPUS.typescript), mutations, (sample, ms) => {
        lintChecked(applyAll(sample.text, ms), sample.file);
      }),
      fuzzParameters(2500),
    );
  });

  it('SQL: no exception, no internal error, every span inside the document', () => {
    fc.assert(
      fc.property(sampleArb(CORPUS.sql), mutations, (sample, ms) => {
        lintChecked(applyAll(sample.text, ms), sample.file);
      }),
      fuzzParameters(1500),
    );
  });

  it('random bytes decoded as UTF-8 and Latin-1, read as TypeScript and as SQL', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom('utf8' as const, 'latin1' as const),
        fc.constantFrom('x.ts', 'x.tsx', 'x.sql'),
        (bytes, encoding, name) => {
          lintChecked(Buffer.from(bytes).toString(encoding), path.join(ROOT, 'test', 'fixtures', 'regressions', name));
        },
      ),
      fuzzParameters(3000),
    );
  });

  it("a string literal's value never reaches a finding, however the file around it is damaged", () => {
    const both = [
      ...CORPUS.typescript.map((s) => ({ sample: s, lines: SECRET_LINES.typescript })),
      ...CORPUS.sql.map((s) => ({ sample: s, lines: SECRET_LINES.sql })),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...both), fc.nat(), fc.nat(), fc.array(mutation, { maxLength: 4 }), (pick, lineAt, which, ms) => {
        const damaged = applyAll(pick.sample.text, ms);
        // The value goes in at a line start after the damage, so the damage cannot cut it open.
        const lines = damaged.split('\n');
        const at = lineAt % (lines.length + 1);
        const inserted = pick.lines[which % pick.lines.length];
        lines.splice(at, 0, inserted);
        const text = lines.join('\n');
        const result = lintChecked(text, pick.sample.file, SECRETS);
        const lineStart = lines.slice(0, at).reduce((n, l) => n + l.length + 1, 0);
        for (const value of SECRETS) {
          const inLine = inserted.indexOf(value);
          if (inLine < 0) continue;
          const [from, to] = [lineStart + inLine, lineStart + inLine + value.length];
          // Starts inside, not overlaps: damage can leave the line inside a block comment, and a
          // stray-directive note then spans that comment, value and all (its text carries no value).
          for (const f of result.findings) {
            assert.ok(f.span.start < from || f.span.start >= to, `${f.rule} "${f.name}" starts inside the string value ${value}`);
          }
        }
      }),
      fuzzParameters(1200),
    );
  });
});
