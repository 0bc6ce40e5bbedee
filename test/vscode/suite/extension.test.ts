/**
 * The extension in real VS Code, on test/vscode/fixture-workspace: what a user sees when they
 * open the files (diagnostics, hover, quick fix, commands) comes from the bundled server.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CatalintApi } from '../../../client/src/extension';
import type { CatalogEntryResult, StatusParams } from '../../../client/src/protocol';
import { catalintDiagnostics, diagnosticsWhen, EXTENSION_ID, fixtureUri, hoverText, positionOf, ruleOf } from './helpers';

describe('Catalint in VS Code', () => {
  let api: CatalintApi;
  const customers = fixtureUri('src/customers.ts');

  before(async () => {
    const extension = vscode.extensions.getExtension<CatalintApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    api = await extension.activate();
  });

  /** Where a multi-step test got to, reported when it fails (a timeout alone does not say). */
  let step: string | undefined;

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && step) console.log(`      (last step reached: ${step})`);
    step = undefined;
    // Quick fixes leave documents dirty: put every file back as it is on disk.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert', doc.uri);
      assert.ok(!doc.isDirty, `${doc.uri.fsPath} is back as on disk`);
    }
  });

  it('activates and starts its language server', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(api.client.isRunning(), 'the language client runs');
  });

  it('flags the use without consent, and not the one under @consent', async () => {
    const flagged = diagnosticsWhen(customers, (ds) => ds.some((d) => ruleOf(d) === 'consent-required'));
    const doc = await vscode.workspace.openTextDocument(customers);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await flagged;

    const required = diagnostics.filter((d) => ruleOf(d) === 'consent-required');
    assert.equal(required.length, 1, `one use without consent: ${JSON.stringify(required.map((d) => d.message))}`);
    const [use] = required;
    assert.equal(doc.getText(use.range), 'email');
    assert.deepEqual(use.range.start, positionOf(doc, 'customer.email').translate(0, 'customer.'.length));
    assert.equal(use.severity, vscode.DiagnosticSeverity.Warning, 'personal data without consent is a warning');
    const code = use.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'consent-required');
    assert.match(code.target.toString(), /consent-required/);
    // The field declarations classify: information, not a consent problem.
    const fields = diagnostics.filter((d) => ruleOf(d) === 'catalog-field').map((d) => doc.getText(d.range));
    assert.ok(fields.includes('email') && fields.includes('dateOfBirth'), `fields: ${fields.join(', ')}`);
  });

  it('lints JavaScript with JSX through the same parser: the use without consent, not the one under @consent', async () => {
    const form = fixtureUri('web/signup-form.jsx');
    const flagged = diagnosticsWhen(form, (ds) => ds.some((d) => ruleOf(d) === 'consent-required'));
    const doc = await vscode.workspace.openTextDocument(form);
    await vscode.window.showTextDocument(doc);
    const required = (await flagged).filter((d) => ruleOf(d) === 'consent-required');
    assert.equal(required.length, 1, `one use without consent: ${JSON.stringify(required.map((d) => d.message))}`);
    assert.equal(doc.getText(required[0].range), 'phoneNumber');
    assert.deepEqual(required[0].range.start, positionOf(doc, 'customer.phoneNumber').translate(0, 'customer.'.length));
  });

  it('classifies the fields of a Prisma schema, and not its enum values', async () => {
    const schema = fixtureUri('prisma/schema.prisma');
    const classified = diagnosticsWhen(schema, (ds) => ds.some((d) => ruleOf(d) === 'catalog-field'));
    const doc = await vscode.workspace.openTextDocument(schema);
    await vscode.window.showTextDocument(doc);
    const fields = (await classified).filter((d) => ruleOf(d) === 'catalog-field').map((d) => doc.getText(d.range));
    assert.deepEqual(
      fields,
      ['id', 'email'],
      "the model's fields are catalog data (a customer's id, e-mail); the enum value EMAIL is a tag",
    );
  });

  it('reports the catalog it loaded in the status', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.toString();
    const status = await new Promise<StatusParams>((resolve) => {
      const known = api.status.folders.find((s) => s.folder === folder);
      if (known) return resolve(known);
      const sub = api.status.onDidChange((s) => {
        if (s.folder === folder) {
          sub.dispose();
          resolve(s);
        }
      });
    });
    assert.equal(status.state, 'ok', status.message);
    assert.ok(status.categories >= 50, `the built-in catalog has every seed category (${status.categories})`);
  });

  it('explains the flagged name on hover', async () => {
    const doc = await vscode.workspace.openTextDocument(customers);
    const at = positionOf(doc, 'customer.email').translate(0, 'customer.'.length + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', customers, at);
    const text = hoverText(hovers);
    assert.match(text, /contact\.email/);
    assert.match(text, /customer-consent/);
  });

  it('shows the catalog entry under the cursor', async () => {
    const doc = await vscode.workspace.openTextDocument(customers);
    const editor = await vscode.window.showTextDocument(doc);
    const at = positionOf(doc, 'customer.email').translate(0, 'customer.'.length + 1);
    editor.selection = new vscode.Selection(at, at);
    const entry = await vscode.commands.executeCommand<CatalogEntryResult | null>('catalint.showCatalogEntry');
    assert.ok(entry, 'an entry for email');
    assert.deepEqual(
      entry.categories.map((c) => c.id),
      ['contact.email'],
    );
    // What the preview renders: the category, its group and the consent it requires.
    const shown = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'catalint-entry', path: '/email.md' }));
    assert.match(shown.getText(), /`contact\.email`/);
    assert.match(shown.getText(), /Requires: `customer-consent`/);
  });

  it('clears the diagnostic when its quick fix is applied', async () => {
    const doc = await vscode.workspace.openTextDocument(customers);
    await vscode.window.showTextDocument(doc);
    const [use] = (await diagnosticsWhen(customers, (ds) => ds.some((d) => ruleOf(d) === 'consent-required'))).filter(
      (d) => ruleOf(d) === 'consent-required',
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      customers,
      use.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title).join(' | ');
    const declare = actions.find((a) => a.title === 'Declare @consent customer-consent on function mailingLabel');
    assert.ok(declare?.edit, `a fix that declares consent on the function: ${titles}`);

    const cleared = diagnosticsWhen(customers, (ds) => !ds.some((d) => ruleOf(d) === 'consent-required'), { afterChange: true });
    assert.ok(await vscode.workspace.applyEdit(declare.edit!), `"${declare.title}" applies`);
    await cleared;
    assert.match(doc.getText(), /@consent customer-consent/);
  });

  it('leaves names that only look like personal data alone', async () => {
    const nearMiss = fixtureUri('src/settings.ts');
    const doc = await vscode.workspace.openTextDocument(nearMiss);
    const editor = await vscode.window.showTextDocument(doc);
    const at = positionOf(doc, 'template.emailTemplateId').translate(0, 'template.'.length + 1);
    editor.selection = new vscode.Selection(at, at);
    // The server answers after it has analysed the open document and published its diagnostics,
    // so once this returns the (empty) diagnostics below are Catalint's verdict, not a race.
    const entry = await vscode.commands.executeCommand<CatalogEntryResult | null>('catalint.showCatalogEntry');
    assert.equal(entry, null, 'emailTemplateId is not catalog data');
    assert.deepEqual(
      catalintDiagnostics(nearMiss).map((d) => `${doc.getText(d.range)}: ${d.message}`),
      [],
    );
  });

  it('lints SQL: the statement without consent, not the one with it', async () => {
    const reports = fixtureUri('sql/reports.sql');
    const flagged = diagnosticsWhen(reports, (ds) => ds.some((d) => ruleOf(d) === 'consent-required'));
    const doc = await vscode.workspace.openTextDocument(reports);
    await vscode.window.showTextDocument(doc);
    const required = (await flagged)
      .filter((d) => ruleOf(d) === 'consent-required')
      .map((d) => `${d.range.start.line}:${doc.getText(d.range)}`);
    assert.deepEqual(required.sort(), ['2:date_of_birth', '2:email']);
  });

  it('scans the workspace into the Problems panel', async () => {
    const marketing = fixtureUri('src/marketing/newsletter.ts');
    const summary = await vscode.commands.executeCommand<{ files: number; findings: number; cancelled: boolean }>('catalint.scanWorkspace');
    assert.ok(summary && summary.files >= 4, `scanned: ${JSON.stringify(summary)}`);
    // Covered by catalint.json's consent glob: classified, never a consent problem.
    const covered = catalintDiagnostics(marketing);
    assert.ok(covered.length > 0 && covered.every((d) => ruleOf(d) !== 'consent-required'), JSON.stringify(covered.map((d) => d.message)));
  });

  it('shows the data inventory in the Explorer: a category of the workspace and its use, which opens where it is', async () => {
    step = 'open the view';
    await vscode.commands.executeCommand('catalint.inventory.focus');
    step = 'read the categories';
    const roots = await api.inventory.getChildren();
    const email = roots.find((n) => n.kind === 'category' && n.category.id === 'contact.email');
    assert.ok(email && email.kind === 'category', roots.map((n) => (n.kind === 'category' ? n.category.id : n.kind)).join(', '));
    assert.ok(email.category.unconsented > 0, 'mailingLabel reads the e-mail without consent');
    const files = await api.inventory.getChildren(email);
    const file = files.find((n) => n.kind === 'file' && n.uri === customers.toString());
    assert.ok(file, files.map((n) => (n.kind === 'file' ? n.uri : n.kind)).join(', '));
    const places = await api.inventory.getChildren(file);
    const unconsented = places.find((n) => n.kind === 'place' && n.place.role === 'use' && !n.place.met);
    const consented = places.find((n) => n.kind === 'place' && n.place.role === 'use' && n.place.met);
    assert.ok(
      unconsented && unconsented.kind === 'place' && consented && consented.kind === 'place',
      'both a use without and a use under @consent',
    );
    assert.deepEqual(consented.place.declared, ['customer-consent']);

    step = 'open the place';
    const item = api.inventory.getTreeItem(unconsented);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'warning');
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), customers.toString());
    assert.equal(editor?.selection.active.line, unconsented.place.line);

    step = 'open the report';
    assert.equal(await vscode.commands.executeCommand('catalint.inventory.openReport'), 'Catalint: Data Inventory');
  });

  it('opens the catalog in use', async () => {
    const opened = await vscode.commands.executeCommand<string>('catalint.openCatalog');
    assert.match(opened, /catalog\/builtin\.catalog\.json$/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), opened);
  });

  it('validates catalog files against the shipped schema', async () => {
    const sample = fixtureUri('catalogs/broken.catalog.json');
    const validated = new Promise<vscode.Diagnostic[]>((resolve) => {
      const check = () => {
        // VS Code's JSON language features leave `source` unset.
        const ds = vscode.languages.getDiagnostics(sample).filter((d) => d.source !== 'catalint');
        if (ds.length > 0) {
          sub.dispose();
          resolve(ds);
        }
      };
      const sub = vscode.languages.onDidChangeDiagnostics(check);
      check();
    });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(sample));
    const problems = await validated;
    assert.ok(
      problems.some((d) => /notAField/.test(d.message)),
      problems.map((d) => d.message).join(' | '),
    );
  });

  it('restarts its server, which then reports and answers again', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.toString();
    const reported = new Promise<StatusParams>((resolve) => {
      const sub = api.status.onDidChange((s) => {
        if (s.folder === folder) {
          sub.dispose();
          resolve(s);
        }
      });
    });
    const doc = await vscode.workspace.openTextDocument(customers);
    const editor = await vscode.window.showTextDocument(doc);
    // Stopping clears the old server's diagnostics; the new one publishes them again once the
    // client has reopened the document there.
    const republished = diagnosticsWhen(customers, (ds) => ds.some((d) => ruleOf(d) === 'consent-required'), { afterChange: true });
    step = 'restarting';
    await vscode.commands.executeCommand('catalint.restartServer');
    assert.ok(api.client.isRunning());
    step = "waiting for the new server's status";
    assert.equal((await reported).state, 'ok');
    step = "waiting for the new server's diagnostics";
    await republished;
    step = 'asking the new server for the catalog entry';
    const at = positionOf(doc, 'customer.email').translate(0, 'customer.'.length + 1);
    editor.selection = new vscode.Selection(at, at);
    const entry = await vscode.commands.executeCommand<CatalogEntryResult | null>('catalint.showCatalogEntry');
    assert.deepEqual(
      entry?.categories.map((c) => c.id),
      ['contact.email'],
    );
  });

  it('shows a broken catalint.json in the status, then recovers when it is fixed', async () => {
    // The workspace is a temporary copy (see runTest.ts): writing its files is safe.
    const config = fixtureUri('catalint.json');
    const folder = vscode.workspace.workspaceFolders![0].uri.toString();
    const nextStatus = (state: StatusParams['state']) =>
      new Promise<StatusParams>((resolve) => {
        const sub = api.status.onDidChange((s) => {
          if (s.folder === folder && s.state === state) {
            sub.dispose();
            resolve(s);
          }
        });
      });
    const original = await vscode.workspace.fs.readFile(config);

    const broken = nextStatus('error');
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{\n  "consent": 42\n}\n'));
    const error = await broken;
    assert.match(error.message, /catalint\.json:2:\d+/, 'the message names the file, line and column');

    const recovered = nextStatus('ok');
    await vscode.workspace.fs.writeFile(config, original);
    assert.ok((await recovered).categories > 0);
  });
});
