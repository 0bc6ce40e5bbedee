/** Prisma schemas in a real run: found by extension, in a multi-file schema too, and read. */
import * as assert from 'node:assert/strict';
import { brief, catalint, jsonReport, workspace } from './helpers';

describe('cli: Prisma schemas', function () {
  // Each case starts a real process, on a machine that may be busy.
  this.timeout(60_000);

  it('lints schema.prisma and the models of a multi-file schema', () => {
    const ws = workspace({
      'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n\ngenerator client {\n  provider = "prisma-client-js"\n}\n',
      'prisma/models/customer.prisma': [
        '/// @consent customer-consent',
        'model Customer {',
        '  email String @map("email_address")',
        '  @@map("customers")',
        '}',
        '',
      ].join('\n'),
      'prisma/models/product.prisma': ['model Product {', '  name  String', '  title String', '}', '// @consent customer-consent', ''].join(
        '\n',
      ),
      // Near-miss: a backup copy is not a schema.
      'prisma/schema.prisma.bak': 'model Customer {\n  email String\n}\n',
    });
    const report = jsonReport(catalint(['--format', 'json'], { cwd: ws }));
    assert.deepEqual(brief(report), [
      'prisma/models/customer.prisma:3:3 catalog-field email',
      'prisma/models/customer.prisma:3:22 catalog-field email_address',
      'prisma/models/product.prisma:5:1 unused-directive @consent',
    ]);
    const email = report.findings[0];
    assert.deepEqual(email.categories, ['contact.email']);
    assert.deepEqual(email.declared, ['customer-consent']);
  });
});
