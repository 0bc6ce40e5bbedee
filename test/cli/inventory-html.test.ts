/**
 * The inventory's HTML page in real Chromium (headless, driven by playwright-core from the
 * tools test/vscode/setup.mjs installs): the picture and the table say what the JSON inventory
 * says, the filter and the sorting work, links follow the template, and the page asks the
 * network for nothing. A screenshot is kept in .vscode-test/inventory.png.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalint, EXAMPLE, repoRoot, workspace } from './helpers';

interface Inventory {
  categories: { id: string; places: { file: string; line: number; module: string; role: string; met: boolean }[] }[];
}

// playwright-core's types (and the DOM's) are not dependencies of this project: the little used here, typed here.
interface El {
  readonly textContent: string | null;
  readonly hidden: boolean;
  readonly dataset: Record<string, string | undefined>;
  getAttribute(name: string): string | null;
}
interface Locator {
  count(): Promise<number>;
  evaluateAll<R>(fn: (elements: El[]) => R): Promise<R>;
  fill(text: string): Promise<void>;
  click(): Promise<void>;
}
interface Page {
  on(event: 'request', listener: (request: { url(): string }) => void): void;
  goto(url: string): Promise<unknown>;
  locator(selector: string): Locator;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
}
interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

describe('inventory HTML page, in real Chromium', function () {
  this.timeout(300_000);
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  let inv: Inventory;
  const template = 'https://example.com/o/r/blob/abc123/{file}#L{line}';

  before(async () => {
    // Installs code-server's Chromium driver once (the VS Code suites use the same); idempotent.
    const setup = spawnSync(process.execPath, [path.join(repoRoot(), 'test', 'vscode', 'setup.mjs')], { stdio: 'inherit' });
    assert.equal(setup.status, 0, 'test/vscode/setup.mjs failed');
    const tools = (await import(pathToFileURL(path.join(repoRoot(), 'test', 'vscode', 'tools.mjs')).href)) as {
      chromium: string;
      playwrightCorePackage: string;
    };
    const { chromium } = createRequire(tools.playwrightCorePackage)('playwright-core') as {
      chromium: { launch(o: object): Promise<Browser> };
    };
    const dir = workspace({});
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    inv = JSON.parse(catalint(['inventory', '.'], { cwd: dir }).stdout) as Inventory;
    const made = catalint(['inventory', '-f', 'html', '--link', template, '-o', 'inventory.html', '.'], { cwd: dir });
    assert.equal(made.status, 0, made.stderr);
    browser = await chromium.launch({ executablePath: tools.chromium, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(path.join(dir, 'inventory.html')).href);
  });

  after(async () => {
    await browser?.close();
  });

  it('draws a row per category and a cell per category and module, with the counts of the JSON inventory', async () => {
    // As it opens: the picture and the top of the table (docs/inventory.png is a copy).
    await page.screenshot({ path: path.join(repoRoot(), '.vscode-test', 'inventory.png'), fullPage: false });
    const rows = await page.locator('#heatmap text.category').evaluateAll((els) => els.map((e) => e.textContent));
    assert.deepEqual(
      rows,
      inv.categories.map((c) => c.id),
    );
    const cells = await page
      .locator('#heatmap rect.cell')
      .evaluateAll((els) =>
        els.map(
          (e) =>
            `${e.getAttribute('data-category')} ${e.getAttribute('data-module')} ${e.getAttribute('data-uses')}/${e.getAttribute('data-unconsented')}`,
        ),
      );
    const expected = new Map<string, { uses: number; unconsented: number }>();
    for (const c of inv.categories) {
      for (const p of c.places) {
        const key = `${c.id} ${p.module}`;
        const n = expected.get(key) ?? { uses: 0, unconsented: 0 };
        expected.set(key, n);
        if (p.role === 'use') {
          n.uses++;
          if (!p.met) n.unconsented++;
        }
      }
    }
    assert.deepEqual(cells.sort(), [...expected].map(([key, n]) => `${key} ${n.uses}/${n.unconsented}`).sort());
  });

  it('lists every place, filters, sorts, and links each place by the template', async () => {
    const places = inv.categories.flatMap((c) => c.places.map((p) => ({ ...p, category: c.id })));
    assert.equal(await page.locator('#places tbody tr').count(), places.length);
    const first = places[0];
    const hrefs = await page.locator('#places tbody a').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    assert.ok(hrefs.includes(`https://example.com/o/r/blob/abc123/${first.file}#L${first.line}`), hrefs.slice(0, 3).join('\n'));

    await page.locator('#filter').fill('vehicle.mileage');
    const visible = await page.locator('#places tbody tr').evaluateAll((els) => els.filter((e) => !e.hidden).length);
    assert.equal(visible, places.filter((p) => p.category === 'vehicle.mileage').length);
    assert.equal(
      await page.locator('#shown').evaluateAll((els) => els[0].textContent),
      `${visible} of ${visible} places (${places.length} in all)`,
    );

    await page.locator('#filter').fill('');
    await page.locator('#places th:nth-child(4)').click();
    const order = await page.locator('#places tbody tr td:nth-child(4)').evaluateAll((els) => els.map((e) => e.dataset.sort ?? ''));
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })),
    );
  });

  it('opens thousands of places at once: the first 500 rendered, the rest on request', async () => {
    const dir = workspace({
      'src/many.ts':
        Array.from({ length: 600 }, (_, i) => `export const e${i} = (customer: Customer) => customer.email;`).join('\n') + '\n',
    });
    assert.equal(catalint(['inventory', '-f', 'html', '-o', 'inventory.html', '.'], { cwd: dir }).status, 0);
    const many = await browser.newPage();
    await many.goto(pathToFileURL(path.join(dir, 'inventory.html')).href);
    assert.equal(await many.locator('#places tbody tr').count(), 500);
    assert.equal(await many.locator('#shown').evaluateAll((els) => els[0].textContent), '500 of 600 places');
    await many.locator('#more').click();
    assert.equal(await many.locator('#places tbody tr').count(), 600);
  });

  it('asks the network for nothing: the page is its one request', () => {
    assert.equal(requests.length, 1, requests.join('\n'));
    assert.match(requests[0], /^file:.*inventory\.html$/);
  });
});
