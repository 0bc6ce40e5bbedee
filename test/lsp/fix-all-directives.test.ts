import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { TempWorkspace, TestClient } from './client';

describe('LSP fix-all and the directives already there', function () {
  this.timeout(120_000);
  let ws: TempWorkspace;
  let client: TestClient;
  const uri = (): string => ws.uri('src/service.ts');

  beforeEach(async () => {
    ws = new TempWorkspace({ 'src/service.ts': '' });
    client = new TestClient();
    client.settings = { '': { debounceMs: 0 } };
    await client.initialize([ws.uri()]);
  });

  afterEach(async () => {
    await client.dispose();
    ws.dispose();
  });

  async function fixAll(diagnostics: readonly Diagnostic[]): Promise<CodeAction> {
    const actions = await client.codeActions(uri(), diagnostics[0].range, [], ['source.fixAll.catalint']);
    assert.equal(actions.length, 1, JSON.stringify(actions));
    return actions[0];
  }

  const text = (): string => client.documents.get(uri())!.text;

  it('corrects a misspelt condition instead of declaring the right one next to it', async () => {
    const initial = await client.open(
      uri(),
      '/**\n * Sends the newsletter.\n * @consent custmer-consent\n */\nexport function notify(customer: Customer): void {\n  mailer.send(customer.email);\n}\n',
    );
    assert.deepEqual(initial.map((d) => d.code).sort(), ['consent-required', 'unknown-condition']);
    const after = await client.applyEdit((await fixAll(initial)).edit!).changedOpen.get(uri())!;
    assert.ok(text().includes(' * @consent customer-consent\n */'), text());
    assert.ok(!text().includes('custmer'), text());
    assert.deepEqual(
      after.map((d) => `${String(d.code)} ${d.message}`),
      [],
    );
  });

  it('near miss: a misspelt id that is not the needed condition stays, and the needed id is added', async () => {
    const initial = await client.open(
      uri(),
      '// @consent zzz-unknown\nexport function notify(customer: Customer): void {\n  mailer.send(customer.email);\n}\n',
    );
    const after = await client.applyEdit((await fixAll(initial)).edit!).changedOpen.get(uri())!;
    assert.ok(text().startsWith('// @consent zzz-unknown, customer-consent\nexport function notify'), text());
    assert.deepEqual(
      after.map((d) => d.code),
      ['unknown-condition'],
    );
  });

  it('reports the statement directive a function-level fix-all made redundant, and its quick fix removes it', async () => {
    const initial = await client.open(
      uri(),
      [
        'export function notify(customer: Customer): void {',
        '  // @consent customer-consent',
        '  mailer.send(customer.email);',
        '  mailer.log(customer.phone);',
        '}',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      initial.map((d) => d.code),
      ['consent-required'],
    );
    const after = await client.applyEdit((await fixAll(initial)).edit!).changedOpen.get(uri())!;
    assert.ok(text().startsWith('// @consent customer-consent\nexport function notify'), text());
    assert.deepEqual(
      after.map((d) => `${String(d.code)} ${d.range.start.line} ${d.message}`),
      [
        "unused-directive 2 @consent customer-consent is already declared here by the function's directive (line 1); this one adds nothing.",
      ],
    );
    const actions = await client.codeActions(uri(), after[0].range, [after[0]]);
    const remove = actions.find((a) => a.title === 'Remove the unused @consent directive');
    assert.ok(remove, JSON.stringify(actions.map((a) => a.title)));
    const cleared = await client.applyEdit(remove.edit!).changedOpen.get(uri())!;
    assert.equal(
      text(),
      [
        '// @consent customer-consent',
        'export function notify(customer: Customer): void {',
        '  mailer.send(customer.email);',
        '  mailer.log(customer.phone);',
        '}',
        '',
      ].join('\n'),
    );
    assert.deepEqual(cleared, []);
  });

  it('removing a redundant @consent from a JSDoc block keeps its documentation', async () => {
    const initial = await client.open(
      uri(),
      [
        '// @consent customer-consent',
        'class Mailer {',
        '  /**',
        '   * Sends the newsletter.',
        '   * @consent customer-consent',
        '   */',
        '  notify(customer: Customer): void {',
        '    send(customer.email);',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      initial.map((d) => d.code),
      ['unused-directive'],
    );
    const actions = await client.codeActions(uri(), initial[0].range, [initial[0]]);
    const remove = actions.find((a) => a.title === 'Remove the unused @consent directive');
    assert.ok(remove, JSON.stringify(actions.map((a) => a.title)));
    const cleared = await client.applyEdit(remove.edit!).changedOpen.get(uri())!;
    assert.ok(text().includes('  /**\n   * Sends the newsletter.\n   */\n  notify('), text());
    assert.deepEqual(cleared, []);
  });
});
