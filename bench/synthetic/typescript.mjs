// Synthetic TypeScript: services that handle customer data and vehicle telemetry, some with
// declared consent (directives, guards), some without, mixed with unrelated code whose names
// only look like catalog data. Every unit is a realistic fragment, not filler.
import { CUSTOMER_FIELDS, NOUNS, ONLINE_FIELDS, TELEMETRY_FIELDS, TRAPS, VERBS } from './words.mjs';

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const some = (rnd, list, min, max) => {
  const n = rnd.int(min, max);
  const out = new Set();
  while (out.size < Math.min(n, list.length)) out.add(rnd.pick(list));
  return [...out];
};
const fnName = (rnd, i) => `${rnd.pick(VERBS)}${rnd.pick(NOUNS)}${i}`;

function customerModel(rnd, i) {
  const fields = some(rnd, CUSTOMER_FIELDS, 5, 12);
  return [
    `export interface Customer${i} {`,
    `  id: string;`,
    ...fields.map((f) => `  ${f}: ${f === 'dateOfBirth' ? 'Date' : 'string'};`),
    `  createdAt: Date;`,
    `  status: 'active' | 'archived';`,
    `}`,
    '',
  ];
}

function telemetryModel(rnd, i) {
  const fields = some(rnd, TELEMETRY_FIELDS, 4, 9);
  return [
    `export type VehicleSample${i} = {`,
    `  recordedAt: number;`,
    ...fields.map((f) => `  ${f}: ${f === 'vin' ? 'string' : 'number'};`),
    `  firmware: string;`,
    `};`,
    '',
  ];
}

function customerFunction(rnd, i, consent) {
  const fields = some(rnd, CUSTOMER_FIELDS, 2, 6);
  const name = fnName(rnd, i);
  const lines = [];
  if (consent === 'jsdoc') lines.push('/**', ` * ${cap(name)} for the CRM export.`, ' * @consent customer-consent', ' */');
  else if (consent === 'line') lines.push('// @consent customer-consent');
  else lines.push(`/** ${cap(name)}: builds the payload the mailer expects. */`);
  lines.push(`export async function ${name}(customer: CustomerRecord, out: Sink): Promise<number> {`);
  lines.push(`  const { ${fields.slice(0, 2).join(', ')} } = customer;`);
  lines.push(`  const payload = {`);
  for (const f of fields.slice(2)) lines.push(`    ${f}: customer.${f},`);
  lines.push(`    ${fields[0]},`, `    requestedAt: Date.now(),`, `  };`);
  lines.push(`  if (!payload.${fields[0]}) {`, `    throw new Error('missing field ${i}');`, `  }`);
  lines.push(`  for (let attempt = 0; attempt < ${rnd.int(2, 5)}; attempt++) {`);
  lines.push(`    const ok = await out.write(JSON.stringify(payload));`, `    if (ok) return attempt;`, `  }`);
  lines.push(`  return -1;`, `}`, '');
  return lines;
}

function telemetryFunction(rnd, i, consent) {
  const fields = some(rnd, TELEMETRY_FIELDS, 2, 5);
  const name = fnName(rnd, i);
  const body = fields.map((f) => `    summary.${f} = sample.${f};`);
  const lines = [];
  if (consent === 'guard') {
    lines.push(`export function ${name}(ctx: ConsentContext, sample: VehicleSample, summary: Partial<VehicleSample>): void {`);
    lines.push(`  if (hasConsent(ctx, "connected-drive")) {`, ...body, `  }`);
    lines.push(`  summary.recordedAt = sample.recordedAt;`, `}`, '');
  } else if (consent === 'early-return') {
    lines.push(`export function ${name}(ctx: ConsentContext, sample: VehicleSample, summary: Partial<VehicleSample>): void {`);
    lines.push(`  if (!hasConsent(ctx, "connected-drive")) return;`);
    lines.push(...body.map((l) => l.slice(2)), `}`, '');
  } else if (consent === 'require') {
    lines.push(`export function ${name}(ctx: ConsentContext, sample: VehicleSample, summary: Partial<VehicleSample>): void {`);
    lines.push(`  requireConsent(ctx, "connected-drive");`);
    lines.push(...body.map((l) => l.slice(2)), `}`, '');
  } else {
    lines.push(`export function ${name}(sample: VehicleSample, summary: Partial<VehicleSample>): void {`);
    lines.push(...body.map((l) => l.slice(2)));
    lines.push(`  summary.recordedAt = Math.round(sample.recordedAt / ${rnd.int(10, 1000)});`, `}`, '');
  }
  return lines;
}

function onlineFunction(rnd, i, consent) {
  const fields = some(rnd, ONLINE_FIELDS, 1, 3);
  const lines = [];
  if (consent) lines.push('/** @consent registered-user, cookie-consent */');
  lines.push(`export function track${rnd.pick(NOUNS)}${i}(visit: Visit): Record<string, unknown> {`);
  lines.push(`  return {`, ...fields.map((f) => `    ${f}: visit.${f},`), `    page: visit.route,`, `  };`, `}`, '');
  return lines;
}

function repositoryClass(rnd, i) {
  const fields = some(rnd, CUSTOMER_FIELDS, 2, 4);
  const noun = rnd.pick(NOUNS);
  return [
    `export class ${noun}Repository${i} {`,
    `  private readonly cache = new Map<string, ${noun}Row>();`,
    `  constructor(private readonly db: Database) {}`,
    '',
    `  /** @consent customer-consent */`,
    `  async findByCustomer(customerId: string): Promise<${noun}Row[]> {`,
    `    const rows = await this.db.query(sql\`SELECT ${fields.map((f) => f.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())).join(', ')} FROM customers WHERE id = \${customerId}\`);`,
    `    for (const row of rows) this.cache.set(row.id, row);`,
    `    return rows;`,
    `  }`,
    '',
    `  size(): number {`,
    `    return this.cache.size;`,
    `  }`,
    `}`,
    '',
  ];
}

/** Code with no catalog data: parsing, maths, UI; some names are traps that must stay silent. */
function unrelatedFunction(rnd, i) {
  const kind = rnd.int(0, 4);
  const [trap, type] = rnd.pick(TRAPS);
  if (kind === 0) {
    return [
      `export function parse${rnd.pick(NOUNS)}Line${i}(line: string, ${trap}: ${type}): string[] {`,
      `  const parts: string[] = [];`,
      `  let current = '';`,
      `  for (const ch of line) {`,
      `    if (ch === ',' && !current.endsWith('\\\\')) {`,
      `      parts.push(current.trim());`,
      `      current = '';`,
      `    } else {`,
      `      current += ch;`,
      `    }`,
      `  }`,
      `  parts.push(current.trim(), String(${trap}));`,
      `  return parts;`,
      `}`,
      '',
    ];
  }
  if (kind === 1) {
    return [
      `export function layout${i}(el: HTMLElement, chart: ChartOptions): void {`,
      `  el.style.position = 'absolute';`,
      `  el.style.width = \`\${${rnd.int(10, 400)}}px\`;`,
      `  chart.range = [0, ${rnd.int(10, 100)}];`,
      `  document.title = 'Dashboard ${i}';`,
      `}`,
      '',
    ];
  }
  if (kind === 2) {
    return [
      `export const animation${i} = {`,
      `  speed: ${rnd.int(1, 9) / 10},`,
      `  easing: 'ease-in-out',`,
      `  durationMs: ${rnd.int(100, 900)},`,
      `};`,
      '',
      `export function completion${i}(prompt: string): CompletionRequest {`,
      `  return { prompt, temperature: 0.${rnd.int(1, 9)}, maxTokens: ${rnd.int(64, 2048)} };`,
      `}`,
      '',
    ];
  }
  if (kind === 3) {
    return [
      `export function matrixProduct${i}(a: number[][], b: number[][]): number[][] {`,
      `  const out = a.map(() => new Array<number>(b[0].length).fill(0));`,
      `  for (let r = 0; r < a.length; r++)`,
      `    for (let c = 0; c < b[0].length; c++)`,
      `      for (let k = 0; k < b.length; k++) out[r][c] += a[r][k] * b[k][c];`,
      `  return out;`,
      `}`,
      '',
    ];
  }
  return [
    `export class RetryPolicy${i} {`,
    `  constructor(private readonly ${trap}: ${type}, private readonly limit = ${rnd.int(2, 9)}) {}`,
    `  next(attempt: number): number | undefined {`,
    `    return attempt < this.limit ? 2 ** attempt * ${rnd.int(10, 250)} : undefined;`,
    `  }`,
    `  describe(): string {`,
    `    return \`retry \${this.limit} (\${this.${trap}})\`;`,
    `  }`,
    `}`,
    '',
  ];
}

const HEADER = [
  `import type { CustomerRecord, VehicleSample, Visit, ConsentContext, Database, Sink } from '../types';`,
  `import { hasConsent, requireConsent } from '@acme/consent';`,
  `import { sql } from '@acme/db';`,
  '',
];

/** One TypeScript file of about `targetLines` lines; `flavour` sets what it is mostly about. */
export function typescriptFile(rnd, flavour, targetLines) {
  const lines = [...HEADER];
  let i = 0;
  while (lines.length < targetLines) {
    i++;
    const unit = flavour === 'unrelated' ? 'unrelated' : rnd.weighted(UNIT_WEIGHTS[flavour]);
    lines.push(...UNITS[unit](rnd, i));
  }
  return lines.join('\n') + '\n';
}

const UNITS = {
  customerModel,
  telemetryModel,
  customerConsented: (rnd, i) => customerFunction(rnd, i, rnd.chance(0.6) ? 'jsdoc' : 'line'),
  customerUnconsented: (rnd, i) => customerFunction(rnd, i, 'none'),
  telemetryConsented: (rnd, i) => telemetryFunction(rnd, i, rnd.pick(['guard', 'early-return', 'require'])),
  telemetryUnconsented: (rnd, i) => telemetryFunction(rnd, i, 'none'),
  online: (rnd, i) => onlineFunction(rnd, i, rnd.chance(0.5)),
  repository: repositoryClass,
  unrelated: unrelatedFunction,
};

const UNIT_WEIGHTS = {
  customer: { customerModel: 1, customerConsented: 4, customerUnconsented: 2, repository: 2, unrelated: 4 },
  telemetry: { telemetryModel: 1, telemetryConsented: 4, telemetryUnconsented: 2, online: 2, unrelated: 4 },
};
