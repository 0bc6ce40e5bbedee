/**
 * The inventory as one self-contained HTML page (`catalint inventory --format html`, and the
 * editor's Data Inventory report) for people who would rather look
 * than read, opened from a CI artifact with no network: a heat map of categories by module
 * (drawn here as inline SVG), and a table of every place that sorts and filters (the first 500
 * shown, then all on request, so that thousands of places open at once). Its content
 * security policy forbids any request, so the page cannot load anything even if a name tried.
 */
import type { Inventory, InventoryChanges } from './inventory';

export interface HtmlOptions {
  /**
   * A link for each place, with `{file}` and `{line}` replaced (`https://github.com/o/r/blob/<sha>/{file}#L{line}`);
   * none: places are not links.
   */
  readonly linkTemplate?: string;
  readonly changes?: { readonly file: string; readonly changes: InventoryChanges };
}

const CELL = 28;
const LABEL_WIDTH = 260;
const HEADER_HEIGHT = 150;

export function html(inv: Inventory, options: HtmlOptions = {}): string {
  const t = inv.totals;
  const modules = inv.modules.map((m) => m.module);
  const counts = new Map<string, { uses: number; unconsented: number; declarations: number }>();
  for (const c of inv.categories) {
    for (const p of c.places) {
      const key = `${c.id}\u0000${p.module}`;
      const n = counts.get(key) ?? { uses: 0, unconsented: 0, declarations: 0 };
      counts.set(key, n);
      if (p.role === 'declaration') n.declarations++;
      else {
        n.uses++;
        if (!p.met) n.unconsented++;
      }
    }
  }
  const max = Math.max(1, ...[...counts.values()].map((n) => n.uses + n.declarations));
  // Room on the right for the last module names, written at an angle.
  const width = LABEL_WIDTH + modules.length * CELL + 140;
  const height = HEADER_HEIGHT + inv.categories.length * CELL + 10;
  const svg: string[] = [
    `<svg id="heatmap" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="Categories by module">`,
  ];
  modules.forEach((m, x) => {
    const cx = LABEL_WIDTH + x * CELL + CELL / 2;
    svg.push(`<text class="module" x="${cx}" y="${HEADER_HEIGHT - 6}" transform="rotate(-50 ${cx} ${HEADER_HEIGHT - 6})">${esc(m)}</text>`);
  });
  inv.categories.forEach((c, y) => {
    const top = HEADER_HEIGHT + y * CELL;
    svg.push(`<text class="category" x="${LABEL_WIDTH - 8}" y="${top + CELL / 2 + 4}" text-anchor="end">${esc(c.id)}</text>`);
    modules.forEach((m, x) => {
      const n = counts.get(`${c.id}\u0000${m}`);
      if (!n) return;
      const strength = 0.15 + 0.85 * ((n.uses + n.declarations) / max);
      const fill = n.unconsented > 0 ? `rgba(200,40,40,${strength.toFixed(3)})` : `rgba(40,90,200,${strength.toFixed(3)})`;
      svg.push(
        `<rect class="cell" x="${LABEL_WIDTH + x * CELL + 1}" y="${top + 1}" width="${CELL - 2}" height="${CELL - 2}" fill="${fill}"` +
          ` data-category="${esc(c.id)}" data-module="${esc(m)}" data-uses="${n.uses}" data-unconsented="${n.unconsented}" data-declarations="${n.declarations}">` +
          `<title>${esc(`${c.id} in ${m}: ${n.uses} uses (${n.unconsented} without consent), ${n.declarations} declarations`)}</title></rect>`,
      );
    });
  });
  svg.push('</svg>');

  // The places go in as data, and the page renders the rows it shows: parsing thousands of
  // table rows is what made a large inventory slow to open.
  const places = inv.categories.flatMap((c) =>
    c.places.map((p) => ({
      category: c.id,
      kind: c.kind,
      module: p.module,
      file: p.file,
      line: p.line,
      ...(p.in ? { in: p.in } : {}),
      name: p.name,
      role: p.role,
      declared: p.declared.join(', ') || 'none',
      met: p.met,
      ...(options.linkTemplate ? { href: link(options.linkTemplate, p.file, p.line) } : {}),
    })),
  );
  // `<` escaped: no name or path can end the script element.
  const data = JSON.stringify(places).replace(/</g, '\\u003c');

  const changes = options.changes
    ? `<section id="changes"><h2>Changes since ${esc(options.changes.file)}</h2><ul>` +
      `<li>Uses: ${options.changes.changes.usesBefore} → ${options.changes.changes.usesNow}; without consent: ${options.changes.changes.unconsentedBefore} → ${options.changes.changes.unconsentedNow}</li>` +
      `<li>New categories: ${esc(options.changes.changes.addedCategories.join(', ') || 'none')}</li>` +
      `<li>No longer used: ${esc(options.changes.changes.removedCategories.join(', ') || 'none')}</li>` +
      `<li>Uses that lost their consent, or are new without it: ${options.changes.changes.lostConsent.length}</li></ul></section>`
    : '';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Data inventory</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }
h1 { margin-bottom: 0.2rem; }
#totals { color: #555; }
svg text { font: 12px system-ui, sans-serif; fill: #333; }
table { border-collapse: collapse; margin-top: 1rem; width: 100%; table-layout: fixed; }
td { overflow-wrap: anywhere; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { cursor: pointer; background: #f4f4f4; user-select: none; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
tr.unmet td:last-child { color: #b00020; font-weight: 600; }
#filter { padding: 4px 8px; width: 24rem; }
.legend span { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: middle; }
</style>
</head>
<body>
<h1>Data inventory</h1>
<p id="totals">${t.categories} categories of catalog data in ${t.files} files: ${t.uses} uses (${t.unconsented} without the consent they need) and ${t.declarations} declarations.</p>
${changes}
<h2>Categories by module</h2>
<p class="legend">Darker: more uses and declarations.<span style="background:rgba(40,90,200,.8)"></span>all consented<span style="background:rgba(200,40,40,.8)"></span>some without consent</p>
${svg.join('\n')}
<h2>Places</h2>
<input id="filter" type="search" placeholder="Filter: category, file, name, condition…" aria-label="Filter the places">
<span id="shown"></span> <button id="more" hidden>Show all</button>
<table id="places">
<thead><tr><th>category</th><th>kind</th><th>module</th><th>place</th><th>name</th><th>role</th><th>consent in scope</th><th>met</th></tr></thead>
<tbody></tbody>
</table>
<script type="application/json" id="data">${data}</script>
<script>
(() => {
  const all = JSON.parse(document.getElementById('data').textContent);
  const PAGE = 500;
  const body = document.querySelector('#places tbody');
  const shown = document.getElementById('shown');
  const more = document.getElementById('more');
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
  const text = (p) => [p.category, p.kind, p.module, p.file + ':' + p.line, p.in || '', p.name, p.role, p.declared, p.met ? 'yes' : 'no'].join(' ').toLowerCase();
  const keys = [(p) => p.category, (p) => p.kind, (p) => p.module, (p) => p.file + ':' + String(p.line).padStart(7, '0'), (p) => p.name, (p) => p.role, (p) => p.declared, (p) => (p.met ? 'yes' : 'no')];
  let list = all;
  let limit = PAGE;
  const render = () => {
    const rows = list.slice(0, limit).map((p) => {
      const where = esc(p.file + ':' + p.line);
      const place = (p.href ? '<a href="' + esc(p.href) + '">' + where + '</a>' : where) + (p.in ? ' <small>in ' + esc(p.in) + '</small>' : '');
      return '<tr class="' + (p.met ? 'met' : 'unmet') + '"><td>' + esc(p.category) + '</td><td>' + esc(p.kind) + '</td><td>' + esc(p.module) +
        '</td><td data-sort="' + esc(keys[3](p)) + '">' + place + '</td><td><code>' + esc(p.name) + '</code></td><td>' + esc(p.role) +
        '</td><td>' + esc(p.declared) + '</td><td>' + (p.met ? 'yes' : 'no') + '</td></tr>';
    });
    body.innerHTML = rows.join('');
    shown.textContent = Math.min(limit, list.length) + ' of ' + list.length + ' places' + (list.length < all.length ? ' (' + all.length + ' in all)' : '');
    more.hidden = list.length <= limit;
    more.textContent = 'Show all ' + list.length;
  };
  document.getElementById('filter').addEventListener('input', (e) => {
    const q = e.target.value.trim().toLowerCase();
    list = q === '' ? all : all.filter((p) => text(p).includes(q));
    limit = PAGE;
    render();
  });
  more.addEventListener('click', () => {
    limit = Infinity;
    render();
  });
  document.querySelectorAll('#places th').forEach((th, i) => {
    th.addEventListener('click', () => {
      const up = th.getAttribute('aria-sort') !== 'ascending';
      document.querySelectorAll('#places th').forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
      const collator = new Intl.Collator(undefined, { numeric: true });
      list = [...list].sort((a, b) => (up ? 1 : -1) * collator.compare(keys[i](a), keys[i](b)));
      render();
    });
  });
  render();
})();
</script>
</body>
</html>
`;
}

function link(template: string, file: string, line: number): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  return template.replaceAll('{file}', path).replaceAll('{line}', String(line));
}

/** Text for HTML content and attributes. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
