import * as assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { find, TempWorkspace, TestClient } from './client';

const SERVICE = `interface Customer {
  email: string;
}

export function locate(ctx: Ctx, point: Point, customer: Customer): void {
  if (hasConsent(ctx, 'cookie-consent')) {
    store(point.latitude, customer.email);
  }
  render(template.fileName);
}
`;

describe('LSP hover and catalog entry', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: TestClient;
  const uri = (): string => ws.uri('src/geo.ts');

  before(async () => {
    ws = new TempWorkspace({ 'src/geo.ts': SERVICE });
    client = new TestClient();
    await client.initialize([ws.uri()]);
    await client.open(uri(), SERVICE);
  });

  after(async () => {
    await client.dispose();
    ws.dispose();
  });

  it('explains a flagged name: categories with both labels, group, kind, term, context, required and declared', async () => {
    const hover = await client.hover(uri(), find(SERVICE, 'latitude'));
    assert.ok(hover);
    const md = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(md, /\*\*`online\.position`\*\* Informations de position — position information/);
    assert.match(md, /\*\*`vehicle\.position`\*\* Position \(prise en charge des voitures de location, stationnement\) — vehicle position/);
    assert.match(md, /group: `vehicle` \(DONNÉES D'UTILISATION DU VÉHICULE .*\); kind: telemetry/);
    assert.match(md, /Matched term `latitude` \(strong\)/);
    assert.match(md, /Belongs to `point`/);
    assert.match(md, /Requires: any of `registered-user`, `connected-drive`\./);
    assert.match(md, /Declared in scope: `cookie-consent` \(guard\)\./);
    assert.deepEqual(hover.range?.start, find(SERVICE, 'latitude'));
  });

  it('explains a classified field and says what its uses require', async () => {
    const md = ((await client.hover(uri(), find(SERVICE, 'email')))!.contents as MarkupContent).value;
    assert.match(md, /`contact\.email`\*\* E-mail — e-mail address/);
    assert.match(md, /uses of it require `customer-consent`/);
  });

  it('has nothing to say about names that are not catalog data', async () => {
    assert.equal(await client.hover(uri(), find(SERVICE, 'fileName')), null);
    assert.equal(await client.hover(uri(), find(SERVICE, 'render')), null);
  });

  it('answers catalint/catalogEntry with the catalog entries of the name under the cursor', async () => {
    const entry = (await client.connection.sendRequest('catalint/catalogEntry', { uri: uri(), position: find(SERVICE, 'email);') })) as {
      name: string;
      categories: { id: string; label: { fr?: string }; group: { id: string }; requires: string[][]; strong: string[] }[];
      sources: string[];
    };
    assert.equal(entry.name, 'email');
    assert.equal(entry.categories[0].id, 'contact.email');
    assert.equal(entry.categories[0].label.fr, 'E-mail');
    assert.equal(entry.categories[0].group.id, 'contact');
    assert.deepEqual(entry.categories[0].requires, [['customer-consent']]);
    assert.ok(entry.categories[0].strong.includes('email'));
    assert.match(entry.sources[0], /builtin\.catalog\.json$/);
    assert.equal(await client.connection.sendRequest('catalint/catalogEntry', { uri: uri(), position: find(SERVICE, 'fileName') }), null);
  });
});
