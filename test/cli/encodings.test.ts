/**
 * How source files are decoded, through the real CLI: UTF-16 by its byte order mark (as tsc
 * reads it), UTF-8 otherwise; and a replacement character in code does not make the compiler
 * drop the rest of the file as binary.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalint, jsonReport, SOURCES, workspace } from './helpers';

describe('cli: source encodings', function () {
  this.timeout(60_000);

  it('reads UTF-16 files by their byte order mark, little- and big-endian, at the same columns as UTF-8', () => {
    const ws = workspace({ 'utf8.ts': SOURCES.personalUnconsented, 'utf8-bom.ts': '\uFEFF' + SOURCES.personalUnconsented });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SOURCES.personalUnconsented, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    fs.writeFileSync(path.join(ws, 'utf16le.ts'), le);
    fs.writeFileSync(path.join(ws, 'utf16be.ts'), be);
    const report = jsonReport(catalint(['--format', 'json', '.'], { cwd: ws }));
    const uses = (file: string) =>
      report.findings.filter((f) => f.file === file && f.rule === 'consent-required').map((f) => `${f.name}@${f.line}:${f.column}`);
    assert.deepEqual(uses('utf8.ts'), ['email@2:19']);
    for (const file of ['utf8-bom.ts', 'utf16le.ts', 'utf16be.ts']) assert.deepEqual(uses(file), uses('utf8.ts'), file);
  });

  it('reads on after a replacement character in code (near miss: one in a comment never stopped it)', () => {
    const rest = 'export const f = (customer: { email: string }) => customer.email;\n';
    const ws = workspace({ 'code.ts': `const a = 1;\nlet b = \uFFFD;\n${rest}`, 'comment.ts': `// \uFFFD\n${rest}` });
    const report = jsonReport(catalint(['--format', 'json', '.'], { cwd: ws }));
    for (const file of ['code.ts', 'comment.ts']) {
      assert.ok(
        report.findings.some((f) => f.file === file && f.rule === 'consent-required' && f.name === 'email'),
        `${file}: ${JSON.stringify(report.findings)}`,
      );
    }
  });
});
