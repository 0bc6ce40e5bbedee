// The data inventory's cost, in one run on this machine: `catalint inventory` against a lint of
// the same folder (--jobs 1 both: the inventory runs on one thread), and its HTML page in real
// headless Chromium (the tools test/vscode/setup.mjs installs): time to load the page, and to
// filter its table, with however many places the folder has.
//
//   node bench/inventory.mjs [folder] [--write]   (default: documenso from the accuracy corpus;
//                                                   --write: bench/RESULTS-inventory.md)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliBin } from './lib/catalint.mjs';
import { describeMachine, machineLine } from './lib/machine.mjs';
import { cacheDir, repoRoot } from './lib/paths.mjs';

const args = process.argv.slice(2);
const folder = resolve(args.find((a) => !a.startsWith('--')) ?? join(cacheDir, 'accuracy', 'src', 'documenso'));
const now = () => Number(process.hrtime.bigint()) / 1e6;
const out = mkdtempSync(join(tmpdir(), 'catalint-bench-inventory-'));

function timed(cliArgs) {
  const best = [];
  for (let i = 0; i < 3; i++) {
    const start = now();
    const r = spawnSync(process.execPath, [cliBin, ...cliArgs], { cwd: folder, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status === null || r.status > 1) throw new Error(`catalint ${cliArgs.join(' ')} exited ${r.status}: ${r.stderr}`);
    best.push(now() - start);
  }
  return Math.min(...best);
}

const lintMs = timed(['--jobs', '1', '-f', 'json', '-o', join(out, 'lint.json'), '.']);
const inventoryMs = timed(['inventory', '-o', join(out, 'inventory.json'), '.']);
timed(['inventory', '-f', 'html', '-o', join(out, 'inventory.html'), '.']);
const inventory = JSON.parse(readFileSync(join(out, 'inventory.json'), 'utf8'));
const places = inventory.categories.reduce((n, c) => n + c.places.length, 0);

const setup = spawnSync(process.execPath, [join(repoRoot, 'test', 'vscode', 'setup.mjs')], { stdio: 'inherit' });
if (setup.status !== 0) throw new Error('test/vscode/setup.mjs failed');
const tools = await import(pathToFileURL(join(repoRoot, 'test', 'vscode', 'tools.mjs')).href);
const { chromium } = createRequire(tools.playwrightCorePackage)('playwright-core');
const browser = await chromium.launch({ executablePath: tools.chromium, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto(pathToFileURL(join(out, 'inventory.html')).href, { waitUntil: 'load' });
// The page's own clock, from the start of the navigation to the end of its load event (the
// browser's start is not the page's cost), then to its first paint of the table.
const loadMs = await page.evaluate(() => {
  const [nav] = performance.getEntriesByType('navigation');
  return nav.loadEventEnd - nav.startTime;
});
// The filter's work, in the page: set the query, fire the input event, read the count it wrote.
const filterMs = await page.evaluate(() => {
  const input = document.getElementById('filter');
  const t = performance.now();
  input.value = 'email';
  input.dispatchEvent(new Event('input'));
  void document.getElementById('shown').textContent;
  return performance.now() - t;
});
await browser.close();
rmSync(out, { recursive: true, force: true });

const results = {
  machine: describeMachine(),
  folder: basename(folder),
  lintMs,
  inventoryMs,
  places,
  htmlLoadMs: loadMs,
  htmlFilterMs: filterMs,
};
console.log(JSON.stringify(results, null, 2));
const lines = [
  '# The data inventory: cost',
  '',
  `Written by \`node bench/inventory.mjs --write\` on ${results.folder}, one run (best of three for the CLI), ${machineLine(results.machine)}.`,
  '',
  '| measure | value | target |',
  '|---|---|---|',
  `| lint, \`--jobs 1\` | ${(lintMs / 1000).toFixed(2)} s | |`,
  `| \`catalint inventory\` | ${(inventoryMs / 1000).toFixed(2)} s (${(inventoryMs / lintMs).toFixed(2)}× the lint) | ≤ 1.10× |`,
  `| places in the HTML page | ${places} | ≥ 5,000 |`,
  `| HTML page load in headless Chromium | ${loadMs.toFixed(0)} ms | < 1,000 ms |`,
  `| filtering its table (one keystroke) | ${filterMs.toFixed(0)} ms | < 1,000 ms |`,
];
console.log(lines.join('\n'));
if (args.includes('--write')) writeFileSync(join(repoRoot, 'bench', 'RESULTS-inventory.md'), lines.join('\n') + '\n');
