import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import ts from 'typescript';
import { type CodeAction, type Diagnostic, FileChangeType } from 'vscode-languageserver-protocol';
import { TempWorkspace, TestClient } from './client';

const SERVICE = `import { hasConsent } from './consent';

/**
 * Sends the newsletter.
 */
export function notify(ctx: Ctx, customer: Customer): void {
  mailer.send(customer.email);
}

export const track = (ctx: Ctx, vehicle: Vehicle) => {
  for (const p of points) {
    log(p, vehicle.mileage);
  }
};

class Report {
  render(user: User) {
    return user.phoneNumber;
  }
}

// catalint-disable-next-line catalog-field -- legacy export
const label = buyer.dateOfBirth;

export function locate(ctx: Ctx, point: Point): void {
  store(point.latitude);
}

export function tag(context: Ctx, session: Session): void {
  if (hasConsent(context, 'cookie-consent')) {
    send(session.visitorId);
  }
}

// @consent custmer-consent
export function greet(client: Client): string {
  return client.firstName;
}
`;

/** What identifies a finding across edits that move it: rule, name and the trimmed text of its line. */
function identity(d: Diagnostic, text: string): string {
  const line = text.split(/\r?\n/)[d.range.start.line].trim();
  return `${String(d.code)} ${(d.data as { name?: string } | undefined)?.name ?? ''} ${line}`;
}

function syntaxErrors(text: string): string[] {
  const out = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('LSP code actions', function () {
  this.timeout(120_000);
  let ws: TempWorkspace;
  let client: TestClient;
  const uri = (): string => ws.uri('src/service.ts');

  beforeEach(async () => {
    ws = new TempWorkspace({ 'src/service.ts': SERVICE });
    client = new TestClient();
    // Dozens of edits: no reason to wait out the typing debounce for each.
    client.settings = { '': { debounceMs: 0 } };
    await client.initialize([ws.uri()]);
  });

  afterEach(async () => {
    await client.dispose();
    ws.dispose();
  });

  async function actionsFor(d: Diagnostic): Promise<CodeAction[]> {
    return client.codeActions(uri(), d.range, [d]);
  }

  it('lists each fix once when several findings of a line ask for it (near miss: distinct fixes stay)', async () => {
    const text = 'export function both(c: Customer): void {\n  send(c.email, c.phone);\n}\n';
    const diagnostics = (await client.open(uri(), text)).filter((d) => d.code === 'consent-required');
    assert.equal(diagnostics.length, 2);
    const titles = (
      await client.codeActions(uri(), { start: { line: 1, character: 0 }, end: { line: 1, character: 30 } }, diagnostics)
    ).map((a) => a.title);
    assert.equal(titles.filter((t) => t === 'Declare @consent customer-consent on function both').length, 1, titles.join('\n'));
    assert.equal(new Set(titles).size, titles.length, titles.join('\n'));
    // Each name still has its own ignoreNames fix.
    assert.ok(titles.includes("Add 'email' to ignoreNames in catalint.json (not personal data)"));
    assert.ok(titles.includes("Add 'phone' to ignoreNames in catalint.json (not personal data)"));
  });

  it('offers the expected fixes, one per alternative condition', async () => {
    const diagnostics = await client.open(uri(), SERVICE);
    const byName = (name: string): Diagnostic => {
      const d = diagnostics.find((x) => x.code === 'consent-required' && (x.data as { name: string }).name === name);
      assert.ok(d, `no finding for ${name}: ${JSON.stringify(diagnostics.map((x) => x.message))}`);
      return d;
    };
    const titles = async (name: string): Promise<string[]> => (await actionsFor(byName(name))).map((a) => a.title);
    assert.deepEqual(await titles('email'), [
      'Declare @consent customer-consent on function notify',
      'Declare @consent customer-consent on this statement',
      'Declare @consent customer-consent for the whole file',
      'Wrap the statement in if (hasConsent(…, "customer-consent"))',
      'Suppress consent-required on this line',
      "Add 'email' to ignoreNames in catalint.json (not personal data)",
      'Declare consent for every finding of this file (7) at function level',
    ]);
    // A return statement cannot move into an if block: no guard offered.
    assert.ok(!(await titles('phoneNumber')).some((t) => t.startsWith('Wrap')));
    assert.ok((await titles('phoneNumber')).includes('Declare @consent customer-consent on method render'));
    // An ambiguous position: either condition satisfies it, so one action each.
    const latitude = await titles('latitude');
    assert.ok(latitude.includes('Declare @consent connected-drive on function locate'), latitude.join('\n'));
    assert.ok(latitude.includes('Declare @consent registered-user on function locate'), latitude.join('\n'));
    // All of two conditions, and a guard that already holds one of them.
    assert.ok((await titles('visitorId')).includes('Declare @consent registered-user, cookie-consent on function tag'));
    const unknown = diagnostics.find((d) => d.code === 'unknown-condition');
    assert.deepEqual(
      (await actionsFor(unknown!)).map((a) => a.title),
      ["Change to 'customer-consent'"],
    );
  });

  it('writes each fix where the directive syntax expects it', async () => {
    const diagnostics = await client.open(uri(), SERVICE);
    const email = diagnostics.find((d) => (d.data as { name?: string }).name === 'email')!;
    const apply = async (title: string): Promise<string> => {
      const action = (await actionsFor(email)).find((a) => a.title === title);
      assert.ok(action?.edit, title);
      const edits = action.edit.changes![uri()];
      let text = SERVICE;
      const lines = (s: string) => s.split('\n');
      for (const e of [...edits].reverse()) {
        const ls = lines(text);
        const start = ls.slice(0, e.range.start.line).join('\n').length + (e.range.start.line ? 1 : 0) + e.range.start.character;
        const end = ls.slice(0, e.range.end.line).join('\n').length + (e.range.end.line ? 1 : 0) + e.range.end.character;
        text = text.slice(0, start) + e.newText + text.slice(end);
      }
      return text;
    };
    assert.ok(
      (await apply('Declare @consent customer-consent on function notify')).includes(
        ' * Sends the newsletter.\n * @consent customer-consent\n */\nexport function notify',
      ),
    );
    assert.ok(
      (await apply('Declare @consent customer-consent on this statement')).includes(
        '{\n  // @consent customer-consent\n  mailer.send(customer.email);',
      ),
    );
    assert.ok((await apply('Declare @consent customer-consent for the whole file')).startsWith('// @consent customer-consent\n\nimport'));
    assert.ok(
      (await apply('Wrap the statement in if (hasConsent(…, "customer-consent"))')).includes(
        // The file's own quotes: SERVICE writes its strings with single quotes.
        "  if (hasConsent(ctx, 'customer-consent')) {\n    mailer.send(customer.email);\n  }\n}",
      ),
    );
    assert.ok(
      (await apply('Suppress consent-required on this line')).includes(
        '{\n  // catalint-disable-next-line consent-required\n  mailer.send(',
      ),
    );
  });

  /** Applies every fix offered for every finding of `text` (each from the original text) and checks it clears. */
  async function everyFixClears(name: string, text: string, languageId: string): Promise<number> {
    const docUri = ws.uri(name);
    ws.write(name, text);
    const initial = await client.open(docUri, text, languageId);
    const targets = initial.filter((d) => d.code !== 'catalog-field');
    let applied = 0;
    for (const target of targets) {
      const key = identity(target, text);
      const original = await client.setText(docUri, text);
      const actions = await client.codeActions(docUri, target.range, [original.find((d) => identity(d, text) === key)!]);
      assert.ok(actions.length > 0, `no fix for ${key}`);
      for (const action of actions) {
        // Back to the original text (and no catalint.json) before each fix.
        const fresh = await client.setText(docUri, text);
        const current = fresh.find((d) => identity(d, text) === key);
        assert.ok(current, `${key} not reported in the original`);
        const offered = (await client.codeActions(docUri, current.range, [current])).find((a) => a.title === action.title);
        assert.ok(offered?.edit, `${action.title} not offered again`);
        const { changedOpen, written } = client.applyEdit(offered.edit);
        let after: Diagnostic[];
        if (written.length > 0) {
          const doc = client.documents.get(docUri)!;
          const relinted = client.waitForDiagnostics(docUri, (ds) => !ds.some((d) => identity(d, doc.text) === key));
          for (const w of written) await client.fileChanged(w, FileChangeType.Created);
          after = await relinted;
        } else {
          after = await changedOpen.get(docUri)!;
        }
        const edited = client.documents.get(docUri)!.text;
        const remaining = after.filter((d) => identity(d, edited) === key);
        assert.equal(remaining.length, 0, `"${action.title}" left ${key}:\n${edited}`);
        if (languageId !== 'sql') assert.deepEqual(syntaxErrors(edited), [], `"${action.title}" broke the syntax:\n${edited}`);
        if (fs.existsSync(ws.path('catalint.json'))) {
          fs.rmSync(ws.path('catalint.json'));
          const back = client.waitForDiagnostics(docUri, (ds) =>
            ds.some((d) => identity(d, edited) === key || d.code === key.split(' ')[0]),
          );
          await client.fileChanged(ws.uri('catalint.json'), FileChangeType.Deleted);
          await back;
        }
        applied++;
      }
    }
    await client.close(docUri);
    return applied;
  }

  it('every quick fix, applied, clears the diagnostic it was offered for', async () => {
    const initial = await client.open(uri(), SERVICE);
    assert.ok(initial.filter((d) => d.code !== 'catalog-field').length >= 9, JSON.stringify(initial.map((d) => d.message)));
    await client.close(uri());
    const applied = await everyFixClears('src/service.ts', SERVICE, 'typescript');
    assert.ok(applied >= 40, `only ${applied} fixes applied`);
  });

  it('every quick fix clears its diagnostic in object methods, class fields, default exports and callbacks', async () => {
    const shapes = [
      'export const api = {',
      '  save(customer: Customer) {',
      '    store(customer.email);',
      '  },',
      '  load: (customer: Customer) => fetchBy(customer.phoneNumber),',
      '};',
      '',
      'export class Tracker {',
      '  onMove = (vehicle: Vehicle) => {',
      '    emit(vehicle.mileage);',
      '  };',
      '',
      '  get birthday(): string {',
      '    return this.customer.dateOfBirth;',
      '  }',
      '}',
      '',
      'export function routes(app: App): void {',
      '  app.get("/me", (req: Req) => respond(req.user.email));',
      '}',
      '',
      'export default function (customer: Customer) {',
      '  return customer.lastName;',
      '}',
      '',
    ].join('\n');
    assert.ok((await everyFixClears('src/shapes.ts', shapes, 'typescript')) >= 25);
  });

  it('every quick fix clears its diagnostic in SQL files and in SQL embedded in TypeScript', async () => {
    const sqlFile =
      '-- monthly report\nSELECT c.email, o.total\n  FROM customers c JOIN orders o ON o.customer_id = c.id;\n\nSELECT id FROM orders; SELECT phone FROM customers;\n';
    assert.ok((await everyFixClears('db/report.sql', sqlFile, 'sql')) >= 8);
    const embedded =
      'export async function list(db: Db) {\n  const rows = await db.query(sql`\n    SELECT email\n      FROM customers\n  `);\n  return rows;\n}\n';
    assert.ok((await everyFixClears('src/list.ts', embedded, 'typescript')) >= 3);
  });

  it('every quick fix clears its diagnostic in JavaScript: JSDoc on the function, // comments', async () => {
    const js = [
      "import { hasConsent } from './consent';",
      '',
      'export function notify(ctx, customer) {',
      '  mailer.send(customer.email);',
      '}',
      '',
      'export const track = (ctx, vehicle) => log(vehicle.mileage);',
      '',
    ].join('\n');
    assert.ok((await everyFixClears('src/notify.js', js, 'javascript')) >= 8);
  });

  it('in a Prisma schema, the fixes write // directives above the field, and clear it', async () => {
    const schema = 'model Customer {\n  id    Int    @id\n  email String @unique\n}\n';
    const docUri = ws.uri('prisma/schema.prisma');
    ws.write('prisma/schema.prisma', schema);
    // VS Code has no language for .prisma without the Prisma extension: the extension decides.
    const initial = await client.open(docUri, schema, 'plaintext');
    const email = initial.find((d) => (d.data as { name?: string }).name === 'email');
    assert.ok(email, JSON.stringify(initial.map((d) => d.message)));
    const suppress = (await client.codeActions(docUri, email.range, [email])).find((a) => a.title.startsWith('Suppress'));
    assert.ok(suppress?.edit, 'a suppression is offered');
    const after = await client.applyEdit(suppress.edit).changedOpen.get(docUri)!;
    const edited = client.documents.get(docUri)!.text;
    assert.equal(
      edited,
      'model Customer {\n  id    Int    @id\n  // catalint-disable-next-line catalog-field\n  email String @unique\n}\n',
    );
    assert.ok(!after.some((d) => (d.data as { name?: string }).name === 'email'), 'the field is no longer reported');
    // Near-miss: the other field is still reported.
    assert.ok(after.some((d) => (d.data as { name?: string }).name === 'id'));
  });

  it('adds to an existing catalint.json, keeping its other keys', async () => {
    ws.write('catalint.json', '{\n  // team settings\n  "ignoreNames": ["legacyEmail"]\n}\n');
    const diagnostics = await client.open(uri(), SERVICE);
    const email = diagnostics.find((d) => (d.data as { name?: string }).name === 'email')!;
    const action = (await actionsFor(email)).find((a) => a.title.startsWith("Add 'email'"));
    assert.ok(action?.edit?.changes);
    const cleared = client.waitForDiagnostics(uri(), (ds) => !ds.some((d) => (d.data as { name?: string }).name === 'email'));
    const { written } = client.applyEdit(action.edit);
    assert.deepEqual(written, [ws.uri('catalint.json')]);
    await client.fileChanged(ws.uri('catalint.json'));
    await cleared;
    // Only the list changes, and it keeps its one-line layout.
    assert.equal(ws.read('catalint.json'), '{\n  // team settings\n  "ignoreNames": ["legacyEmail", "email"]\n}\n');
  });

  it('the fix-all declares consent for every finding at function level', async () => {
    const initial = await client.open(uri(), SERVICE);
    // Not on a generic fix-all (an editor's fix-on-save): declaring consent must be asked for.
    assert.deepEqual(await client.codeActions(uri(), initial[0].range, [], ['source.fixAll']), []);
    const actions = await client.codeActions(uri(), initial[0].range, [], ['source.fixAll.catalint']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.catalint');
    const after = await client.applyEdit(actions[0].edit!).changedOpen.get(uri())!;
    const text = client.documents.get(uri())!.text;
    assert.deepEqual(
      after.filter((d) => d.code === 'consent-required').map((d) => identity(d, text)),
      [],
    );
    assert.deepEqual(syntaxErrors(text), []);
    assert.ok(text.includes('// @consent customer-consent\nconst label'), text);
    assert.ok(text.includes('  // @consent customer-consent\n  render(user: User)'), text);
  });
});
