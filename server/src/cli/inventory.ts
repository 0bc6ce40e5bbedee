/**
 * `catalint inventory [paths]`: the data map for privacy teams, from the same discovery,
 * configuration and engine as a lint (see workspace/inventory.ts). JSON is the contract;
 * Markdown is for a pull-request comment or a wiki. `--compare old.json` adds what changed.
 */
import * as path from 'node:path';
import { parse, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { ConfigError } from '../engine/errors';
import { LineMap } from '../engine/text/positions';
import { readRegularFile } from '../engine/text/read-file';
import { Configs } from '../workspace/configs';
import { discover, MissingPath } from '../workspace/discover';
import { compareInventories, type Inventory, type InventoryChanges, INVENTORY_VERSION } from '../workspace/inventory';
import { scanInventory } from '../workspace/inventory-scan';
import { reasonOf } from '../workspace/reasons';
import { UsageError } from './args';
import { ExitCode, type Io } from './io';
import { writeReport, writeToStream } from './output';
import { printable } from './printable';
import type { InventoryOptions } from './inventory-options';
import { html } from '../workspace/inventory-html';
import { fidesDataset, fidesKey } from './inventory-fides';
import { shareOf, sizeOf } from './shard';

export async function inventoryCommand(options: InventoryOptions, io: Io): Promise<ExitCode> {
  const { cwd } = io;
  const configs = new Configs({ cwd });
  let found: ReturnType<typeof discover>;
  try {
    found = discover(options.paths, cwd, configs);
  } catch (e) {
    throw e instanceof MissingPath ? new UsageError(e.message) : e;
  }
  const before = options.compare === undefined ? undefined : readInventory(path.resolve(cwd, options.compare), options.compare);
  const files = options.shard
    ? shareOf(
        found.files.map((abs) => ({ abs, shown: path.relative(cwd, abs), bytes: sizeOf(abs) })),
        options.shard,
      ).map((f) => f.abs)
    : found.files;
  const scanned = (await scanInventory(files, configs, { cwd, includeTests: options.includeTests }))!;
  const failures = scanned.failures.map((f) => `${f.file}: ${f.reason}`);
  const code = await writeInventory(scanned.inventory, options, before, io);
  for (const f of failures) io.stderr(`catalint: cannot read ${printable(f)}\n`);
  return failures.length > 0 ? ExitCode.Trouble : code;
}

/** Writes an inventory in the options' format (to stdout or --output-file), compared with `before` when given. */
export async function writeInventory(
  inventory: Inventory,
  options: Pick<InventoryOptions, 'format' | 'outputFile' | 'compare' | 'linkTemplate' | 'dataset'>,
  before: Inventory | undefined,
  io: Io,
): Promise<ExitCode> {
  const { cwd } = io;
  const changes = before && compareInventories(before, inventory);
  const compared = changes && { file: options.compare!, changes };
  const content =
    options.format === 'json'
      ? [JSON.stringify(changes ? { ...inventory, changes } : inventory, null, 2) + '\n']
      : options.format === 'html'
        ? [html(inventory, { linkTemplate: options.linkTemplate, changes: compared })]
        : options.format === 'fides'
          ? [fidesDataset(inventory, fidesKey(options.dataset ?? path.basename(cwd)))]
          : [markdown(inventory, compared)];
  if (options.outputFile === undefined) await writeToStream(content, io.stdout, io.stdoutDrained);
  else {
    try {
      writeReport(path.resolve(cwd, options.outputFile), content);
    } catch (e) {
      io.stderr(`catalint: cannot write ${printable(options.outputFile)}: ${reasonOf(e)}\n`);
      return ExitCode.Trouble;
    }
  }
  return ExitCode.Clean;
}

/** An earlier JSON inventory; anything else is a positioned error (exit 2), read before anything is written. */
function readInventory(abs: string, shown: string): Inventory {
  let text: string;
  try {
    text = readRegularFile(abs, 512 * 1024 * 1024).toString('utf8');
  } catch (e) {
    throw new ConfigError([{ file: abs, line: 1, column: 1, message: `--compare: cannot read it: ${reasonOf(e)}` }]);
  }
  const errors: ParseError[] = [];
  const value = parse(text, errors, { disallowComments: true, allowTrailingComma: false }) as Partial<Inventory> | null;
  if (errors.length > 0) {
    const at = new LineMap(text).position(errors[0].offset);
    throw new ConfigError([
      { file: abs, line: at.line + 1, column: at.character + 1, message: `--compare: not JSON (${printParseErrorCode(errors[0].error)})` },
    ]);
  }
  if (value?.version !== INVENTORY_VERSION || !Array.isArray(value.categories) || !value.totals)
    throw new ConfigError([
      {
        file: abs,
        line: 1,
        column: 1,
        message: `--compare: ${printable(shown)} is not an inventory of 'catalint inventory --format json' (version ${INVENTORY_VERSION})`,
      },
    ]);
  return value as Inventory;
}

/** A table cell: no pipe, backtick or line break of a path or name can break the table. */
function cell(s: string): string {
  return printable(s).replace(/[|`\\]/g, (c) => `\\${c}`);
}

function code(s: string): string {
  return `\`${printable(s).replace(/`/g, "'")}\``;
}

function requirement(r: Inventory['categories'][number]['requires']): string {
  return r.length === 0 ? 'none' : r.map((alt) => alt.join(' + ')).join(' or ');
}

export function markdown(inv: Inventory, compared?: { file: string; changes: InventoryChanges }): string {
  const t = inv.totals;
  const out: string[] = ['# Data inventory', ''];
  out.push(
    `${t.categories} categories of catalog data in ${t.files} files: ${t.uses} uses (${t.unconsented} without the consent they need) and ${t.declarations} declarations.`,
    '',
  );
  if (compared) {
    const c = compared.changes;
    out.push(`## Changes since ${code(compared.file)}`, '');
    out.push(`- Uses: ${c.usesBefore} → ${c.usesNow}; without consent: ${c.unconsentedBefore} → ${c.unconsentedNow}`);
    out.push(`- New categories: ${c.addedCategories.length ? c.addedCategories.map(code).join(', ') : 'none'}`);
    out.push(`- No longer used: ${c.removedCategories.length ? c.removedCategories.map(code).join(', ') : 'none'}`);
    out.push(
      `- Categories in new modules: ${c.newModules.length ? c.newModules.map((m) => `${code(m.category)} in ${code(m.module)}`).join(', ') : 'none'}`,
    );
    out.push(`- Uses that lost their consent, or are new without it: ${c.lostConsent.length}`);
    for (const p of c.lostConsent) out.push(`  - ${code(`${p.file}:${p.line}`)} ${code(p.name)}`);
    out.push('');
  }
  out.push(
    '## By category',
    '',
    '| category | label | kind | requires | uses | without consent | declarations | modules |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const c of inv.categories) {
    const label = c.label.fr ? `${cell(c.label.en)} (${cell(c.label.fr)})` : cell(c.label.en);
    out.push(
      `| ${code(c.id)} | ${label} | ${c.kind} | ${cell(requirement(c.requires))} | ${c.uses} | ${c.unconsented} | ${c.declarations} | ${c.modules.map(cell).join(', ')} |`,
    );
  }
  out.push('', '## By module', '', '| module | categories | uses | without consent |', '|---|---|---|---|');
  for (const m of inv.modules) out.push(`| ${cell(m.module)} | ${m.categories.map(code).join(', ')} | ${m.uses} | ${m.unconsented} |`);
  out.push('', '## By consent condition', '', '| condition | label | uses in its scope | categories |', '|---|---|---|---|');
  for (const c of inv.conditions) out.push(`| ${code(c.id)} | ${cell(c.label)} | ${c.uses} | ${c.categories.map(code).join(', ')} |`);
  if (inv.tables.length > 0) {
    out.push('', '## SQL tables', '', '| table | column | categories |', '|---|---|---|');
    for (const t of inv.tables)
      for (const col of t.columns) out.push(`| ${cell(t.table)} | ${cell(col.column)} | ${col.categories.map(code).join(', ')} |`);
  }
  out.push('', '## Places', '');
  for (const c of inv.categories) {
    out.push(
      `<details><summary>${code(c.id)}: ${c.places.length}</summary>`,
      '',
      '| place | name | role | consent in scope | met |',
      '|---|---|---|---|---|',
    );
    for (const p of c.places) {
      out.push(
        `| ${cell(`${p.file}:${p.line}`)}${p.in ? ` in ${code(p.in)}` : ''} | ${code(p.name)} | ${p.role} | ${p.declared.map(code).join(', ') || 'none'} | ${p.met ? 'yes' : '**no**'} |`,
      );
    }
    out.push('', '</details>', '');
  }
  return out.join('\n') + '\n';
}
