import * as assert from 'node:assert/strict';
import type { DataFinding, Finding } from '../../server/src/engine/finding';
import { prisma } from '../../server/src/engine/languages/prisma';
import { scanPrisma } from '../../server/src/engine/languages/prisma/scanner';
import { support } from '../../server/src/engine/languages/prisma/support';
import { descriptorOf } from '../../server/src/engine/languages/registry';
import { lint } from '../../server/src/engine/lint';
import { builtinConfig, describe as describeFindings } from './harness';

const PATH = 'prisma/schema.prisma';

const run = (text: string, path = PATH, options = {}): readonly Finding[] => lint({ text, path }, builtinConfig(), options).findings;

/** `rule name@line:column`, as the other suites assert whole files. */
const findings = (text: string): string[] => describeFindings(run(text), text);

const dataFindings = (text: string): DataFinding[] =>
  run(text).filter((f): f is DataFinding => f.rule === 'catalog-field' || f.rule === 'consent-required');

/** What each flagged name has in scope: `name: id, id` */
const declared = (text: string): string[] =>
  dataFindings(text).map((f) => `${f.name}: ${f.declared.map((d) => `${d.id}/${d.origin}`).join(', ')}`);

/** Each occurrence as `name "spanned text" context`. */
const occurrences = (text: string): string[] =>
  scanPrisma(text).occurrences.map((o) => `${o.name} "${text.slice(o.span.start, o.span.end)}" ${o.context.join(',')}`);

const CUSTOMER = [
  'model Customer {',
  '  id        Int    @id',
  '  email     String @unique',
  '  firstName String @map("first_name")',
  '}',
].join('\n');

describe('Prisma schema', () => {
  describe('the language', () => {
    it('is registered for every .prisma file, the models of a multi-file schema included', () => {
      assert.equal(descriptorOf('prisma/schema.prisma')?.id, 'prisma');
      assert.equal(descriptorOf('prisma/models/user.prisma')?.id, 'prisma');
      assert.equal(descriptorOf('notes.txt', 'prisma')?.id, 'prisma');
      assert.deepEqual(prisma.comments, { line: '//', block: false });
      assert.equal(prisma.load(), support);
    });
    it('near-miss: a file that only mentions prisma is not a schema', () => {
      assert.equal(descriptorOf('prisma.config.ts')?.id, 'typescript');
      assert.equal(descriptorOf('schema.prisma.bak'), undefined);
    });
  });

  describe('scanner', () => {
    it('declares every field of a model, with the model as what it belongs to', () => {
      const scan = scanPrisma(CUSTOMER);
      assert.deepEqual(occurrences(CUSTOMER), [
        'id "id" Customer',
        'email "email" Customer',
        'firstName "firstName" Customer',
        'first_name "first_name" Customer',
      ]);
      for (const o of scan.occurrences) {
        assert.equal(o.role, 'declaration');
        assert.equal(o.syntax, 'property-signature');
      }
    });
    it('reads fields on the lines of the braces themselves', () => {
      const code = 'model Customer { id Int @id\n email String @unique\n firstName String @map("first_name") }';
      assert.deepEqual(occurrences(code), [
        'id "id" Customer',
        'email "email" Customer',
        'firstName "firstName" Customer',
        'first_name "first_name" Customer',
      ]);
    });
    it('@@map adds the table to the context of every field, wherever it is written', () => {
      const code = 'model Customer {\n  email String @map(name: "email_address")\n  @@index([email])\n  @@map("customers")\n}';
      assert.deepEqual(occurrences(code), ['email "email" Customer,customers', 'email_address "email_address" Customer,customers']);
    });
    it('near-miss: a column mapped to its own name is one name, and an empty @map none', () => {
      assert.deepEqual(occurrences('model User {\n  password String? @map("password")\n  phone String @map("")\n}'), [
        'password "password" User',
        'phone "phone" User',
      ]);
    });
    it('keeps relation fields, views and composite types', () => {
      const code = [
        'model Post {',
        '  author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)',
        '  authorId Int',
        '  tags     Tag[]',
        '}',
        'view CustomerView {',
        '  email String',
        '}',
        'type Address {',
        '  street String',
        '}',
      ].join('\n');
      assert.deepEqual(occurrences(code), [
        'author "author" Post',
        'authorId "authorId" Post',
        'tags "tags" Post',
        'email "email" CustomerView',
        'street "street" Address',
      ]);
    });
    it('near-miss: enum values, datasource and generator settings, attribute arguments and strings are never names', () => {
      const code = [
        'datasource db {',
        '  provider = "postgresql"',
        '  url      = env("DATABASE_URL")',
        '}',
        'generator client {',
        '  provider = "prisma-client-js"',
        '}',
        'enum Role {',
        '  EMAIL',
        '  PHONE @map("phone_number")',
        '  @@map("roles")',
        '}',
        'model Contact {',
        '  id    Int    @id @default(autoincrement())',
        '  note  String @default("john@example.com") @db.VarChar(255)',
        '  @@unique([email, phone])',
        '  @@index([birthDate], map: "birth_date_idx")',
        '}',
      ].join('\n');
      assert.deepEqual(occurrences(code), ['id "id" Contact', 'note "note" Contact']);
    });
    it('attribute arguments over several lines do not become fields', () => {
      const code = [
        'model User {',
        '  email String',
        '  @@index([',
        '    email,',
        '    phone',
        '  ])',
        '  author User @relation(',
        '    fields: [authorId],',
        '    references: [id]',
        '  )',
        '}',
      ].join('\n');
      assert.deepEqual(occurrences(code), ['email "email" User', 'author "author" User']);
    });
    it('an attribute left open while typing does not swallow the fields below it', () => {
      const code = 'model User {\n  id Int @default(\n  email String\n  phone String\n}';
      assert.deepEqual(occurrences(code), ['id "id" User', 'email "email" User', 'phone "phone" User']);
    });
    it('a block left open ends where the next block starts', () => {
      const code = 'model Draft {\n  email String\n\nmodel User {\n  phone String\n}\nenum Tag {\n  A\n';
      assert.deepEqual(occurrences(code), ['email "email" Draft', 'phone "phone" User']);
    });
    it('near-miss: `type` as a field name is a field, not a block', () => {
      assert.deepEqual(occurrences('model Event {\n  type String\n  model String?\n}'), ['type "type" Event', 'model "model" Event']);
    });
    it('takes a BOM, CRLF line ends and comments after code in its stride', () => {
      const code = '\uFEFFmodel User {\r\n  email String // the login\r\n  /// shown on invoices\r\n  name String\r\n}\r\n';
      assert.deepEqual(occurrences(code), ['email "email" User', 'name "name" User']);
    });
  });

  describe('findings', () => {
    it('flags the catalog fields of a model: the field and its mapped column', () => {
      const list = dataFindings(CUSTOMER);
      assert.deepEqual(
        list.map((f) => `${f.rule} ${f.name} ${f.match.categories.join('|')}`),
        [
          // `id` of a Customer is the customer's id to the catalog (a weak term with its subject), as in TypeScript and SQL.
          'catalog-field id identification.customer-id',
          'catalog-field email contact.email',
          'catalog-field firstName contact.name',
          'catalog-field first_name contact.name',
        ],
      );
      assert.deepEqual(findings(CUSTOMER), [
        'catalog-field id@2:3',
        'catalog-field email@3:3',
        'catalog-field firstName@4:3',
        'catalog-field first_name@4:26',
      ]);
    });
    it('near-miss: an id, a name or a title of a product is not personal data', () => {
      assert.deepEqual(findings('model Product {\n  id Int @id\n  name String\n  title String\n}'), []);
    });
    it('near-miss: the table of @@map is a subject too: `name` of a model mapped to `customers`', () => {
      assert.deepEqual(findings('model Record {\n  name String\n  @@map("customers")\n}'), ['catalog-field name@2:3']);
      assert.deepEqual(findings('model Record {\n  name String\n  @@map("products")\n}'), []);
    });
    it('near-miss: enum values, generator settings and default strings are silent', () => {
      const code = [
        'generator client {',
        '  provider = "prisma-client-js"',
        '}',
        'enum Role {',
        '  EMAIL',
        '  PHONE',
        '}',
        'model Setting {',
        '  key   String @id',
        '  value String @default("john@example.com")',
        '}',
      ].join('\n');
      assert.deepEqual(findings(code), []);
    });
  });

  describe('directives', () => {
    const model = (name: string, field: string) => `model ${name} {\n  ${field} String\n}\n`;

    for (const marker of ['///', '//']) {
      it(`${marker} @consent directly above a model covers the model`, () => {
        const code = `${marker} @consent customer-consent\n${model('Customer', 'email')}\n${model('User', 'phone')}`;
        assert.deepEqual(declared(code), ['email: customer-consent/statement-directive', 'phone: ']);
        assert.deepEqual(findings(code), ['catalog-field email@3:3', 'catalog-field phone@7:3']);
      });
    }
    it('a header followed by a blank line covers the file', () => {
      const code = `// @consent customer-consent\n// Everything here is customer data.\n\ndatasource db {\n  provider = "postgresql"\n}\n\n${model('Customer', 'email')}${model('User', 'phone')}`;
      assert.deepEqual(declared(code), ['email: customer-consent/file-directive', 'phone: customer-consent/file-directive']);
    });
    it('near-miss: a header with no blank line, directly above a model, covers only that model', () => {
      const code = `// @consent customer-consent\n${model('Customer', 'email')}${model('User', 'phone')}`;
      assert.deepEqual(declared(code), ['email: customer-consent/statement-directive', 'phone: ']);
    });
    it('near-miss: a header directly above the datasource covers nothing, and says so', () => {
      const code = `// @consent customer-consent\ndatasource db {\n  provider = "postgresql"\n}\n${model('Customer', 'email')}`;
      assert.deepEqual(findings(code), ['unused-directive // @consent customer-consent@1:1', 'catalog-field email@6:3']);
    });
    it('@consent directly above a field covers that field only', () => {
      const code = 'model Customer {\n  // @consent customer-consent\n  email String @map("email_address")\n  phone String\n}';
      assert.deepEqual(declared(code), [
        'email: customer-consent/statement-directive',
        'email_address: customer-consent/statement-directive',
        'phone: ',
      ]);
    });
    it('a @consent at the end of the file, or after code on its line, is stray', () => {
      const code = `${model('Customer', 'email')}// @consent customer-consent\n`;
      assert.deepEqual(findings(code), ['catalog-field email@2:3', 'unused-directive // @consent customer-consent@4:1']);
      const trailing = 'model Customer {\n  email String // @consent customer-consent\n}';
      assert.deepEqual(findings(trailing), ['catalog-field email@2:3', 'unused-directive // @consent customer-consent@2:16']);
    });
    it('catalint-disable-next-line suppresses the field below it, and an unused one is reported', () => {
      const code =
        'model Customer {\n  // catalint-disable-next-line catalog-field -- legacy column\n  email String\n  phone String\n  // catalint-disable-next-line\n  createdAt DateTime\n}';
      assert.deepEqual(findings(code), ['catalog-field phone@4:3', 'unused-directive // catalint-disable-next-line@5:3']);
    });
    it('an unknown condition id is reported', () => {
      const code = `/// @consent customer-consnt\n${model('Customer', 'email')}`;
      assert.deepEqual(findings(code), ['unknown-condition customer-consnt@1:14', 'catalog-field email@3:3']);
    });
  });

  describe('fixes', () => {
    it('a directive goes above the field line holding the finding, or above the block', () => {
      const code = 'model Customer {\n  email String @map("email_address")\n\n  @@map("customers")\n}\n';
      const places = (needle: string) => support.fixes.placesAt(code, PATH, code.indexOf(needle));
      assert.deepEqual(places('email_address'), { statement: code.indexOf('email String') });
      assert.deepEqual(places('String'), { statement: code.indexOf('email String') });
      assert.deepEqual(places('@@map'), { statement: 0 });
      assert.deepEqual(support.fixes.placesAt(`\n\n${code}`, PATH, 0), {});
      assert.equal(support.fixes.level, 'statement');
      assert.equal(support.fixes.insideString(code, PATH, 5), false);
    });
  });

  describe('hostile input', () => {
    const quick = (text: string): void => {
      const started = performance.now();
      scanPrisma(text);
      run(text);
      assert.ok(performance.now() - started < 5000, `took ${performance.now() - started} ms`);
    };

    it('1 MB of `{`, of `(` inside a field, of random bytes, and an unterminated string finish quickly', () => {
      quick('{'.repeat(1 << 20));
      quick('model A {\n  email String @default(' + '('.repeat(1 << 20) + '\n  phone String\n}');
      quick('model A {\n' + '  email String\n'.repeat(50_000));
      let seed = 42;
      const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 8) & 0xffff;
      quick(Array.from({ length: 1 << 20 }, () => String.fromCharCode(random() & 0xff)).join(''));
      quick(Array.from({ length: 1 << 20 }, () => String.fromCharCode(random())).join(''));
      quick('model A {\n  email String @default("never closed\n  phone String\n}');
      quick('"' + 'x'.repeat(1 << 20));
      quick('//'.repeat(1 << 19));
    });
    it('an unterminated string costs only its line', () => {
      assert.deepEqual(occurrences('model A {\n  email String @map("email_addr\n  phone String\n}'), [
        'email "email" A',
        'email_addr "email_addr" A',
        'phone "phone" A',
      ]);
    });
    it('polls its checkpoint on large input, so a time budget stops it', () => {
      let calls = 0;
      scanPrisma('model A {\n' + '  email String\n'.repeat(20_000) + '}', () => calls++);
      assert.ok(calls > 10, `${calls} checkpoints`);
      const [f] = run('model A {\n' + '  email String\n'.repeat(20_000) + '}', PATH, { timeBudgetMs: 0 });
      assert.equal(f.rule, 'skipped-file');
      assert.match(f.message, /time budget/);
    });
  });
});
