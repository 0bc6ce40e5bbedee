/**
 * Every language of the registry through the real CLI: JavaScript read by the TypeScript
 * parser, and the one definition of a file directive in every language (a `@consent` header
 * ended by a blank line covers the file; without the blank line it is no header).
 */
import * as assert from 'node:assert/strict';
import { catalint, jsonReport, workspace } from './helpers';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

/** `file:line rule name` of every finding, sorted. */
function findingsOf(cwd: string, args: readonly string[] = []): string[] {
  const r = catalint(['--format', 'json', ...args, '.'], { cwd });
  const report = jsonReport(r);
  assert.deepEqual(report.failures, [], r.stderr);
  return report.findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.name}`).sort();
}

describe('cli: languages', function () {
  this.timeout(60_000);

  it('lints a folder that holds only JavaScript: .js, .jsx, .mjs and .cjs', () => {
    const ws = workspace({
      'src/mailer.js': lines('export function send(customer) {', '  return mail(customer.email);', '}'),
      'src/card.jsx': lines('export const Card = ({ customer }) => <span>{customer.phoneNumber}</span>;'),
      'src/fleet.mjs': lines('export const km = (vehicle) => vehicle.mileage;'),
      'src/legacy.cjs': lines('module.exports = (customer) => customer.lastName;'),
      // Near-miss: a name that only looks like data in a JavaScript file stays silent.
      'src/ui.js': lines('export const layout = (style) => style.position;'),
    });
    assert.deepEqual(findingsOf(ws), [
      'src/card.jsx:1 consent-required phoneNumber',
      'src/fleet.mjs:1 consent-required mileage',
      'src/legacy.cjs:1 consent-required lastName',
      'src/mailer.js:2 consent-required email',
    ]);
  });

  it('reads JSDoc @consent and guards in JavaScript as in TypeScript', () => {
    const ws = workspace({
      'src/mailer.js': lines(
        '/** @consent customer-consent */',
        'export function consented(customer) {',
        '  return customer.email;',
        '}',
        '',
        'export function guarded(ctx, customer) {',
        '  if (hasConsent(ctx, "customer-consent")) return customer.email;',
        '  return customer.phoneNumber;',
        '}',
      ),
    });
    // Only the use outside both the directive and the guard.
    assert.deepEqual(findingsOf(ws), ['src/mailer.js:8 consent-required phoneNumber']);
  });

  describe('a file directive is a header ended by a blank line, in every language', () => {
    const header = (comment: string): string[] => [
      `${comment} @consent customer-consent`,
      `${comment}`,
      `${comment} (a comment before any code, followed by a blank line: covers the whole file)`,
    ];
    const ts = (h: string[], blank: boolean): string =>
      lines(...h, ...(blank ? [''] : []), 'export const a = (c) => c.email;', 'export const b = (c) => c.phoneNumber;');
    const sql = (h: string[], blank: boolean): string =>
      lines(...h, ...(blank ? [''] : []), 'SELECT email FROM customers;', 'SELECT phone FROM customers;');

    it('covers the whole file in TypeScript, JavaScript and SQL', () => {
      const ws = workspace({ 'a.ts': ts(header('//'), true), 'b.js': ts(header('//'), true), 'c.sql': sql(header('--'), true) });
      assert.deepEqual(findingsOf(ws), []);
    });

    it('near-miss: with no blank line after it, it covers only the statement right below it', () => {
      const ws = workspace({ 'a.ts': ts(header('//'), false), 'b.js': ts(header('//'), false), 'c.sql': sql(header('--'), false) });
      assert.deepEqual(findingsOf(ws), [
        'a.ts:5 consent-required phoneNumber',
        'b.js:5 consent-required phoneNumber',
        'c.sql:5 consent-required phone',
      ]);
    });
  });

  it('lints Prisma schemas: model fields are declarations, enum values are not', () => {
    const ws = workspace({
      'prisma/schema.prisma': lines(
        'model Customer {',
        '  id        Int    @id',
        '  email     String @unique',
        '  lastName  String @map("last_name")',
        '  @@map("customers")',
        '}',
        '',
        'enum Channel {',
        '  EMAIL',
        '  SMS',
        '}',
      ),
    });
    // `id` of a Customer is a customer id, as in an interface or a `customers` table.
    assert.deepEqual(findingsOf(ws), [
      'prisma/schema.prisma:2 catalog-field id',
      'prisma/schema.prisma:3 catalog-field email',
      'prisma/schema.prisma:4 catalog-field lastName',
      'prisma/schema.prisma:4 catalog-field last_name',
    ]);
  });
});
