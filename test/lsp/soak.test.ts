/**
 * A long editing session over a real connection: 10,000 edits across 50 documents with
 * configuration changes in between. Every request is answered, the server's heap after the run
 * stays within 10% of the heap after warm-up, and closed documents keep no diagnostics.
 */
import * as assert from 'node:assert/strict';
import { FileChangeType, type Hover, type TextEdit } from 'vscode-languageserver-protocol';
import { positionOf, TempWorkspace, TestClient } from './client';

const DOCUMENTS = 50;
const EDITS = 10_000;
const WARM_UP = 1_000;

const source = (i: number): string => `export function handler${i}(customer: Customer, vehicle: Vehicle): void {
  mailer.send(customer.email);
  log(vehicle.mileage, template.fileName);
}
`;

/** Deterministic, so a failure replays. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SNIPPETS = ['  notify(customer.phone);\n', '// @consent customer-consent\n', 'x', '  const total = order.price;\n', '\n', '}{', '`'];

describe('LSP soak', function () {
  this.timeout(300_000);
  let ws: TempWorkspace;
  let client: TestClient;

  before(async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < DOCUMENTS; i++) files[`src/doc${i}.ts`] = source(i);
    ws = new TempWorkspace(files);
    client = new TestClient({ CATALINT_LSP_TEST_HOOKS: '1' }, ['--expose-gc']);
    client.settings = { '': { debounceMs: 0 } };
    await client.initialize([ws.uri()]);
  });

  after(async () => {
    await client.dispose();
    ws.dispose();
  });

  it('serves 10,000 edits across 50 documents without growing or leaving diagnostics behind', async () => {
    const random = prng(20261124);
    const uris = Array.from({ length: DOCUMENTS }, (_, i) => ws.uri(`src/doc${i}.ts`));
    await Promise.all(uris.map((uri, i) => client.open(uri, source(i))));
    const responses: Promise<Hover | null>[] = [];

    const edit = async (): Promise<void> => {
      const uri = uris[Math.floor(random() * DOCUMENTS)];
      const doc = client.documents.get(uri)!;
      const at = Math.floor(random() * (doc.text.length + 1));
      const remove = random() < 0.4 ? Math.min(doc.text.length - at, Math.floor(random() * 8)) : 0;
      const insert = random() < 0.7 ? SNIPPETS[Math.floor(random() * SNIPPETS.length)] : '';
      const change: TextEdit = { range: { start: positionOf(doc.text, at), end: positionOf(doc.text, at + remove) }, newText: insert };
      await client.sendChange(uri, [change]);
      if (random() < 0.02) responses.push(client.hover(uri, positionOf(doc.text, Math.floor(random() * doc.text.length))));
    };
    let configRound = 0;
    const changeConfig = async (): Promise<void> => {
      configRound++;
      ws.write('catalint.json', JSON.stringify(configRound % 2 ? { consent: { 'src/doc1*.ts': ['customer-consent'] } } : { ignoreNames: ['mileage'] }));
      await client.fileChanged(ws.uri('catalint.json'), configRound === 1 ? FileChangeType.Created : FileChangeType.Changed);
    };
    /** Every document analysed at its latest version: a hover flushes pending analyses. */
    const settle = async (): Promise<void> => {
      await Promise.all(uris.map((uri) => client.hover(uri, { line: 0, character: 0 })));
    };
    const heap = async (): Promise<number> => {
      const r = (await client.connection.sendRequest('catalint/test/heap')) as { heapUsed: number; collected: boolean };
      assert.ok(r.collected, 'the server runs without --expose-gc');
      return r.heapUsed;
    };

    for (let i = 0; i < WARM_UP; i++) {
      await edit();
      if (i % 500 === 499) await changeConfig();
    }
    await settle();
    const warm = await heap();
    for (let i = WARM_UP; i < EDITS; i++) {
      await edit();
      if (i % 500 === 499) await changeConfig();
    }
    await settle();
    const after = await heap();
    const settled = await Promise.allSettled(responses);
    assert.equal(settled.filter((r) => r.status === 'rejected').length, 0, 'a hover went unanswered');
    assert.ok(responses.length > 100, `${responses.length} requests only`);
    assert.ok(after <= warm * 1.1, `heap grew from ${(warm / 1e6).toFixed(1)} MB to ${(after / 1e6).toFixed(1)} MB`);

    for (const uri of uris) await client.close(uri);
    await settle();
    for (const uri of uris) {
      const last = client.published.filter((p) => p.uri === uri).pop();
      assert.deepEqual(last?.diagnostics, [], `${uri} kept diagnostics after closing`);
    }
    // eslint-disable-next-line no-console
    console.log(`      soak: ${EDITS} edits, ${responses.length} hovers, ${configRound} config changes, heap ${(warm / 1e6).toFixed(1)} MB -> ${(after / 1e6).toFixed(1)} MB`);
  });
});
