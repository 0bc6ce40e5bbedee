/**
 * The data inventory over a real LSP connection: the workspace's data with its consent, open
 * documents as they are in the editor (unsaved), and the HTML report of the same inventory.
 */
import * as assert from 'node:assert/strict';
import { TempWorkspace, TestClient } from './client';

interface Result {
  folders: {
    folder: string;
    categories: {
      id: string;
      uses: number;
      unconsented: number;
      places: { uri: string; line: number; name: string; met: boolean; declared: string[] }[];
    }[];
  }[];
}

describe('LSP: the data inventory', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  let client: TestClient;

  beforeEach(async () => {
    ws = new TempWorkspace({
      'src/a.ts': '// @consent customer-consent\nexport function f(customer: Customer) { return customer.email; }\n',
      'src/b.ts': 'export const g = (vehicle: Vehicle) => vehicle.mileage;\n',
      'src/a.test.ts': 'export const t = (customer: Customer) => customer.phone;\n',
    });
    client = new TestClient();
    await client.initialize([ws.uri()]);
  });

  afterEach(async () => {
    await client.dispose();
    ws.dispose();
  });

  it('maps the workspace with the consent in scope at each place, test files apart (near miss: an unsaved edit counts)', async () => {
    const result = (await client.connection.sendRequest('catalint/inventory', {})) as Result;
    assert.equal(result.folders.length, 1);
    const by = new Map(result.folders[0].categories.map((c) => [c.id, c]));
    assert.deepEqual([...by.keys()], ['contact.email', 'vehicle.mileage']);
    assert.deepEqual(
      by.get('contact.email')!.places.map((p) => [p.uri, p.line, p.name, p.met, p.declared]),
      [[ws.uri('src/a.ts'), 1, 'email', true, ['customer-consent']]],
    );
    assert.equal(by.get('vehicle.mileage')!.unconsented, 1);

    // The editor's text wins: an unsaved document that drops the consent.
    await client.open(ws.uri('src/a.ts'), 'export function f(customer: Customer) { return customer.email; }\n');
    const edited = (await client.connection.sendRequest('catalint/inventory', {})) as Result;
    const email = edited.folders[0].categories.find((c) => c.id === 'contact.email')!;
    assert.deepEqual(
      email.places.map((p) => [p.line, p.met]),
      [[0, false]],
    );
  });

  it('answers the same inventory as one HTML page', async () => {
    const page = (await client.connection.sendRequest('catalint/inventoryReport', {})) as string;
    assert.match(page, /^<!doctype html>/);
    assert.match(page, /2 categories of catalog data in 2 files: 2 uses \(1 without the consent they need\)/);
  });
});
