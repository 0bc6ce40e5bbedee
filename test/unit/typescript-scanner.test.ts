import * as assert from 'node:assert/strict';
import { scanTypeScript } from '../../server/src/engine/languages/typescript/scanner';
import { findings, flagged } from './harness';

const scan = (code: string) =>
  scanTypeScript(code, 'x.ts', {
    guards: { check: ['hasConsent'], require: ['requireConsent'] },
    sql: { tags: ['sql', 'Prisma.sql'], functions: ['query', '$queryRaw'] },
  });

describe('TypeScript scanner', () => {
  it('reports field declarations as catalog-field: interface, type literal, class property', () => {
    const code = [
      'interface Customer {',
      '  email: string;',
      '  address: { city: string };',
      '}',
      'type Vehicle = { mileage: number };',
      'class Driver { phone = ""; }',
    ].join('\n');
    assert.deepEqual(findings(code), [
      'catalog-field email@2:3',
      'catalog-field address@3:3',
      'catalog-field city@3:14',
      'catalog-field mileage@5:18',
      'catalog-field phone@6:16',
    ]);
  });

  it('reports every kind of use, each with the exact range of the identifier', () => {
    const code = [
      'function f(customer: Customer, row: Record<string, string>) {',
      '  send(customer.email);',
      '  send(row["birth_date"]);',
      '  const { phone } = customer;',
      '  const payload = { email: 1, vin };',
      '  return payload;',
      '}',
      'function g(odometer: number) {}',
    ].join('\n');
    assert.deepEqual(findings(code), [
      'consent-required email@2:17',
      'consent-required birth_date@3:13',
      'consent-required phone@4:11',
      'consent-required email@5:21',
      'consent-required vin@5:31',
      'consent-required odometer@8:12',
    ]);
  });

  it('resolves what a receiver is: a typed parameter, a for-of element, a callback element, this', () => {
    const code = [
      'function a(c: Customer) { return c.name; }',
      'for (const c of customers) use(c.name);',
      'customers.map((c) => c.name);',
      'class Customer { greet() { return this.name; } }',
      'function near(c: Product) { return c.name; }',
      'products.map((p) => p.name);',
    ].join('\n');
    assert.deepEqual(findings(code), [
      'consent-required name@1:36',
      'consent-required name@2:34',
      'consent-required name@3:24',
      'consent-required name@4:40',
    ]);
  });

  it('does not report method calls, imports, strings or names that only contain a term', () => {
    const code = [
      "import { email } from './mail';",
      'customer.sendEmail();',
      'mailer.email(order.id);',
      "const msg = 'customer email is anna@example.com';",
      'const emailTemplateId = 3;',
      'style.position = "absolute";',
    ].join('\n');
    assert.deepEqual(findings(code), []);
  });

  it('reports a variable only when its initialiser is not itself flagged', () => {
    assert.deepEqual(findings('const dob = customer.birthDate;\nconst email = input.value;'), [
      'consent-required birthDate@1:22',
      'consent-required email@2:7',
    ]);
  });

  it('keeps ranges right after multi-byte characters and on CRLF files', () => {
    const code = '// ü😀 note\r\nconst x = "é"; send(customer.email);';
    const [f] = findings(code);
    assert.equal(f, 'consent-required email@2:30');
  });

  it('leaves SQL in tagged templates and query calls to the SQL scanner, with host ranges', () => {
    const code = 'const r = sql`SELECT email FROM customers WHERE id = ${id}`;\ndb.query("SELECT 1");';
    const s = scan(code);
    assert.equal(s.embedded.length, 2);
    const [tpl, call] = s.embedded;
    assert.deepEqual(
      tpl.parts.map((p) => (p.kind === 'text' ? code.slice(p.span.start, p.span.end) : `\${${p.expression}}`)),
      ['SELECT email FROM customers WHERE id = ', '${id}', ''],
    );
    assert.equal(code.slice(call.parts[0].span.start, call.parts[0].span.end), 'SELECT 1');
    // The column is the SQL scanner's finding, on the .ts file's own characters.
    const [email] = findings(code);
    assert.equal(email, 'consent-required email@1:22');
  });

  it('near-miss: a tag or function that is not configured as SQL is not SQL', () => {
    assert.equal(scan('html`<b>${email}</b>`; log("SELECT email FROM customers");').embedded.length, 0);
  });

  it('survives syntax errors and still reports what it can', () => {
    assert.deepEqual(flagged('function (( { customer.email'), ['email']);
  });
});

describe('TypeScript scanner: SQL functions used as tags', () => {
  it('prisma.$queryRaw`...` is SQL, since $queryRaw is a configured SQL function', () => {
    assert.deepEqual(findings('const r = await prisma.$queryRaw`SELECT email FROM customers`;'), ['consent-required email@1:41']);
  });
  it('near-miss: an unconfigured tag is not, nor String.raw (whose name ends in the SQL function raw)', () => {
    assert.deepEqual(findings('const r = await prisma.$other`SELECT email FROM customers`;'), []);
    assert.deepEqual(findings('const r = String.raw`SELECT email FROM customers`;'), []);
  });
});

describe('TypeScript scanner: context from annotations', () => {
  it("an inline type's fields belong to the parameter or variable it annotates", () => {
    assert.deepEqual(findings('function f(vehicle: { model: string }) {}\nfunction g(chart: { model: string }) {}'), [
      'catalog-field model@1:23',
    ]);
  });
  it("a returned object literal is what the function's return type says", () => {
    const code = 'function f(): Promise<Vehicle> { return { position: 1 }; }\nfunction g(): Promise<Layout> { return { position: 1 }; }';
    assert.deepEqual(findings(code), ['consent-required position@1:43']);
  });
});
