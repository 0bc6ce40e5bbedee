/**
 * Every TypeScript, JavaScript, SQL, Prisma and JSON example of README.md, run through the real
 * `catalint` process: the README must never show a result the product does not produce.
 *
 * The convention, in README.md:
 *
 * 1. The line right above each fenced block of a checked language is an annotation:
 *
 *      <!-- example file=src/consent.ts -->
 *
 *    `file=` is where the block is written, in a fresh workspace (a temporary folder holding an
 *    empty `.git`, so the lookup of catalint.json stops there). Optional: `with=a,b` also writes
 *    the blocks whose `file=` is `a`, `b` (a catalint.json that names a catalog example);
 *    `run="catalint ARGS"` runs with these arguments instead of `catalint .` (`--format json`
 *    is always added). Or, for a block that shows the CLI's output:
 *
 *      <!-- example output-of="catalint --format json examples/connected-car/src/..." -->
 *
 *    which is run from the checkout root: its JSON output must equal the block.
 *    A block without an annotation fails, so no new example slips in unchecked; shell, YAML
 *    and plain blocks are not checked and must carry none; any other language fails until it
 *    is sorted into one of the two lists below.
 *
 * 2. In code blocks, end-of-line comments (`//`, `--` in SQL) state each line's result, as a
 *    reader would read them:
 *
 *      log(v.mileage);          // ✗ consent-required mileage: explanation
 *      log(v.mileage);          // ok: explanation
 *
 *    `✗ RULE [NAME[, NAME]]` (several `✗` on one line for several rules) says the line is
 *    reported with that rule, for exactly those names, or for any names when none are given.
 *    `// ok` and an unmarked line both mean: nothing reported there. A block's stated result
 *    is its markers and nothing else: every finding the CLI reports, whatever its rule or
 *    severity, must be marked.
 *
 * 3. A JSON example (a catalint.json, a catalog) cannot carry comments on its lines, so the
 *    line right after its closing fence states its result:
 *
 *      <!-- expect: valid; lead.leadName → silenced; src/telemetry/a.ts: vehicle.mileage → ok -->
 *
 *    Clauses are separated by `;` and may span lines. `valid`: the CLI accepts the example
 *    (exit 0 or 1, no configuration error). `[PATH:] SUBJECT.NAME → OUTCOME` writes a probe,
 *    `export function probe(SUBJECT: Subject) { return SUBJECT.NAME; }`, to PATH (default
 *    `src/probe-N.ts`) beside the example, and OUTCOME is either `CATEGORY [SEVERITY]` (a
 *    consent-required finding for NAME with that category, and that severity), `ok` (nothing
 *    reported for NAME) or `silenced` (nothing reported for NAME here, although the same probe
 *    in a workspace without the example is reported: the example is what silences it).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalint, jsonReport, repoRoot, workspace, type CliResult, type JsonFinding, type JsonReport } from './helpers';

const README = path.join(repoRoot(), 'README.md');

/** Languages whose examples are run, with the comment that starts a marker and the file endings a block may be written to. */
const CHECKED = new Map<string, { readonly comment: '//' | '--' | null; readonly extensions: readonly string[] }>(
  Object.entries({
    ts: { comment: '//', extensions: ['.ts', '.tsx', '.mts', '.cts'] },
    typescript: { comment: '//', extensions: ['.ts', '.mts', '.cts'] },
    tsx: { comment: '//', extensions: ['.tsx'] },
    js: { comment: '//', extensions: ['.js', '.mjs', '.cjs', '.jsx'] },
    javascript: { comment: '//', extensions: ['.js', '.mjs', '.cjs'] },
    jsx: { comment: '//', extensions: ['.jsx'] },
    sql: { comment: '--', extensions: ['.sql'] },
    prisma: { comment: '//', extensions: ['.prisma'] },
    json: { comment: null, extensions: ['.json'] },
    jsonc: { comment: null, extensions: ['.json', '.jsonc'] },
  }),
);

/** Languages that show commands or layouts, never run: they must carry no annotation, which would promise a check. */
const UNCHECKED = new Set(['sh', 'bash', 'shell', 'console', 'yaml', 'yml', '', 'text', 'plain']);

function language(block: Block) {
  const known = CHECKED.get(block.lang);
  assert.ok(known, `README.md:${block.fenceLine}: ${block.lang} is not a checked language`);
  return known;
}

const RULES = new Set(['consent-required', 'catalog-field', 'unknown-condition', 'unused-directive', 'skipped-file']);
const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

// ── Reading README.md ──────────────────────────────────────────────────────────────────────

interface Block {
  readonly lang: string;
  /** 1-based README line of the opening fence. */
  readonly fenceLine: number;
  readonly text: string;
  /** The text inside `<!-- example … -->` on the line above the fence. */
  readonly annotation?: string;
  /** The text after `expect:` in the comment right after the closing fence. */
  readonly expect?: string;
}

interface Readme {
  readonly blocks: readonly Block[];
  /** `<!-- example` / `<!-- expect` comments attached to no block: a check that would silently not run. */
  readonly strays: readonly string[];
}

function readReadme(): Readme {
  const lines = fs.readFileSync(README, 'utf8').split(/\r?\n/);
  const blocks: Block[] = [];
  const attached = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]);
    if (!open) continue;
    const close = closingFence(lines, i, open[1]);
    const annotation = /^<!--\s*example\b(.*?)-->\s*$/.exec(lines[i - 1] ?? '');
    if (annotation) attached.add(i - 1);
    const expect = expectComment(lines, close + 1);
    if (expect) attached.add(close + 1);
    blocks.push({
      lang: open[2].toLowerCase(),
      fenceLine: i + 1,
      text: lines.slice(i + 1, close).join('\n') + '\n',
      annotation: annotation?.[1].trim(),
      expect,
    });
    i = close;
  }
  const strays = lines.flatMap((line, i) =>
    /<!--\s*(example|expect)\b/.test(line) && !attached.has(i) ? [`README.md:${i + 1}: ${line}`] : [],
  );
  return { blocks, strays };
}

function closingFence(lines: readonly string[], open: number, fence: string): number {
  for (let j = open + 1; j < lines.length; j++) {
    const m = /^(`{3,}|~{3,})\s*$/.exec(lines[j]);
    if (m && m[1][0] === fence[0] && m[1].length >= fence.length) return j;
  }
  throw new Error(`README.md:${open + 1}: a fence that is never closed`);
}

/** `<!-- expect: … -->` starting on this line, possibly over several lines. */
function expectComment(lines: readonly string[], start: number): string | undefined {
  if (!/^<!--\s*expect:/.test(lines[start] ?? '')) return undefined;
  let text = '';
  for (let j = start; j < lines.length; j++) {
    text += lines[j] + '\n';
    if (lines[j].includes('-->')) break;
  }
  return text
    .replace(/^<!--\s*expect:/, '')
    .replace(/-->[\s\S]*$/, '')
    .trim();
}

// ── What an annotation says ────────────────────────────────────────────────────────────────

type Example =
  | { readonly kind: 'output'; readonly block: Block; readonly args: readonly string[] }
  | {
      readonly kind: 'input';
      readonly block: Block;
      readonly file: string;
      readonly with: readonly string[];
      readonly args: readonly string[];
    };

function parseAnnotation(block: Block): Example {
  const where = `README.md:${block.fenceLine}`;
  const attributes = new Map<string, string>();
  const rest = block.annotation!.replace(/([\w-]+)=(?:"([^"]*)"|(\S+))/g, (_all, key: string, quoted?: string, bare?: string) => {
    attributes.set(key, quoted ?? bare ?? '');
    return '';
  });
  assert.equal(rest.trim(), '', `${where}: annotation text that is not key=value: ${rest.trim()}`);
  for (const key of attributes.keys())
    assert.ok(['file', 'with', 'run', 'output-of'].includes(key), `${where}: unknown annotation key ${key}`);

  const outputOf = attributes.get('output-of');
  if (outputOf !== undefined) {
    assert.equal(attributes.size, 1, `${where}: output-of stands alone`);
    assert.equal(block.lang, 'json', `${where}: only a JSON report can be compared`);
    return { kind: 'output', block, args: commandArgs(outputOf, where) };
  }
  const file = attributes.get('file');
  assert.ok(file, `${where}: the annotation names no file=`);
  assert.ok(language(block).extensions.includes(path.extname(file)), `${where}: a ${block.lang} block written to ${file}`);
  const run = attributes.get('run');
  return {
    kind: 'input',
    block,
    file,
    with: attributes.get('with')?.split(',').filter(Boolean) ?? [],
    args: ['--format', 'json', ...(run === undefined ? ['.'] : commandArgs(run, where))],
  };
}

/** `catalint A B` as [A, B]: the annotation shows the command a reader would type. */
function commandArgs(command: string, where: string): string[] {
  const [program, ...args] = command.trim().split(/\s+/);
  assert.equal(program, 'catalint', `${where}: a command that does not start with catalint: ${command}`);
  return args;
}

// ── Running an example ─────────────────────────────────────────────────────────────────────

/** A fresh workspace whose `.git` makes it a repository root, so no catalint.json above it applies. */
function repository(files: Record<string, string>): string {
  const dir = workspace(files);
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

/** The report of a run that must have worked: exit 0 or 1 is a verdict, 2 a broken configuration or input. */
function runOk(args: readonly string[], cwd: string): JsonReport {
  const r: CliResult = catalint(args, { cwd });
  assert.ok(r.status === 0 || r.status === 1, `catalint ${args.join(' ')} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  const report = jsonReport(r);
  assert.deepEqual(report.failures, [], 'files that could not be read');
  return report;
}

/** The files an example needs: itself, and the blocks it names with `with=`. */
function exampleFiles(example: Extract<Example, { kind: 'input' }>, all: readonly Example[]): Record<string, string> {
  const files: Record<string, string> = { [example.file]: example.block.text };
  for (const name of example.with) {
    const other = all.find((e) => e.kind === 'input' && e.file === name);
    assert.ok(other, `README.md:${example.block.fenceLine}: with=${name} names no example's file=`);
    files[name] = other.block.text;
  }
  return files;
}

// ── Code blocks: the markers ───────────────────────────────────────────────────────────────

interface Stated {
  readonly rule: string;
  /** Empty: any names. */
  readonly names: readonly string[];
}

/** The ✗ markers of each line (1-based line of the block); an `ok` line states nothing is reported, as an unmarked one. */
function markers(block: Block): Map<number, Stated[]> {
  const comment = language(block).comment!;
  const byLine = new Map<number, Stated[]>();
  block.text.split('\n').forEach((line, i) => {
    const at = line.search(new RegExp(`(?:^|\\s)${comment}\\s*(?:✗|ok\\b)`));
    if (at < 0) return;
    const text = line.slice(at).trim().slice(comment.length).trim();
    if (text.startsWith('ok')) return;
    byLine.set(
      i + 1,
      text
        .split('✗')
        .slice(1)
        .map((segment) => parseMarker(segment, `README.md:${block.fenceLine + 1 + i}`)),
    );
  });
  return byLine;
}

function parseMarker(segment: string, where: string): Stated {
  const m = /^\s*([a-z]+(?:-[a-z]+)*)((?:[\s,]+[\w$@-]+)*)\s*(?::.*)?$/.exec(segment);
  assert.ok(m, `${where}: a ✗ marker is "✗ rule [name, …][: why]", not "✗${segment}"`);
  assert.ok(RULES.has(m[1]), `${where}: unknown rule ${m[1]}`);
  return { rule: m[1], names: m[2].split(/[\s,]+/).filter(Boolean) };
}

/** Findings as `README.md:LINE rule name`, so a failure points at the README line to look at. */
function checkMarkers(example: Extract<Example, { kind: 'input' }>, report: JsonReport): void {
  const offset = example.block.fenceLine; // block line 1 is the README line after the fence
  const place = (f: JsonFinding) => (f.file === example.file ? `README.md:${f.line + offset}` : `${f.file}:${f.line}`);
  const stated = markers(example.block);
  const expected: string[] = [];
  for (const [line, marks] of stated) {
    for (const mark of marks) {
      for (const name of mark.names.length ? mark.names : ['*']) expected.push(`README.md:${line + offset} ${mark.rule} ${name}`);
    }
  }
  // A marker without names accepts any names of its rule on its line: shown as `*`, once.
  const anyName = new Set<string>();
  const named: string[] = [];
  for (const f of report.findings) {
    const mark = f.file === example.file ? stated.get(f.line)?.find((m) => m.rule === f.rule) : undefined;
    if (mark && mark.names.length === 0) anyName.add(`${place(f)} ${f.rule} *`);
    else named.push(`${place(f)} ${f.rule} ${f.name}`);
  }
  assert.deepEqual(
    [...anyName, ...named].sort(),
    expected.sort(),
    `what ${example.file} (README.md:${example.block.fenceLine}) states vs what the CLI reports`,
  );
}

// ── JSON examples: the expect clauses ──────────────────────────────────────────────────────

interface Probe {
  readonly clause: string;
  readonly file: string;
  readonly subject: string;
  readonly name: string;
  readonly outcome:
    { readonly kind: 'ok' | 'silenced' } | { readonly kind: 'reported'; readonly category: string; readonly severity?: string };
}

function parseExpect(block: Block): { valid: boolean; probes: Probe[] } {
  const where = `README.md:${block.fenceLine}`;
  assert.ok(block.expect, `${where}: a ${block.lang} example states its result in <!-- expect: … --> right after the block`);
  let valid = false;
  const probes: Probe[] = [];
  for (const clause of block.expect
    .split(';')
    .map((c) => c.replace(/\s+/g, ' ').trim())
    .filter(Boolean)) {
    if (clause === 'valid') {
      valid = true;
      continue;
    }
    const m = /^(?:(\S+): )?([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*) ?(?:→|->) ?(\S+)(?: (\S+))?$/.exec(clause);
    assert.ok(m, `${where}: an expect clause is "valid" or "[path:] subject.name → outcome", not "${clause}"`);
    const [, file = `src/probe-${probes.length + 1}.ts`, subject, name, first, severity] = m;
    assert.ok(!probes.some((p) => p.file === file), `${where}: two probes in ${file}`);
    let outcome: Probe['outcome'];
    if (first === 'ok' || first === 'silenced') {
      assert.equal(severity, undefined, `${where}: ${clause}`);
      outcome = { kind: first };
    } else {
      assert.ok(severity === undefined || SEVERITIES.has(severity), `${where}: unknown severity in ${clause}`);
      outcome = { kind: 'reported', category: first, severity };
    }
    probes.push({ clause, file, subject, name, outcome });
  }
  return { valid, probes };
}

function probeSource(probe: Probe): string {
  const type = probe.subject[0].toUpperCase() + probe.subject.slice(1);
  return `export function probe(${probe.subject}: ${type}) {\n  return ${probe.subject}.${probe.name};\n}\n`;
}

function probeFindings(report: JsonReport, probe: Probe): string[] {
  return report.findings
    .filter((f) => f.file === probe.file && f.name === probe.name)
    .map((f) => `${f.rule} ${f.severity} ${f.name} [${f.categories.join(', ')}]`);
}

function checkProbe(probe: Probe, report: JsonReport, baseline: () => JsonReport): void {
  const found = probeFindings(report, probe);
  const outcome = probe.outcome;
  if (outcome.kind === 'reported') {
    const wanted = `consent-required ${outcome.severity ?? '*'} ${probe.name} ${outcome.category}`;
    const hit = report.findings.some(
      (f) =>
        f.file === probe.file &&
        f.name === probe.name &&
        f.rule === 'consent-required' &&
        f.categories.includes(outcome.category) &&
        (outcome.severity === undefined || f.severity === outcome.severity),
    );
    assert.ok(hit, `"${probe.clause}": stated ${wanted}, reported ${JSON.stringify(found)}`);
    return;
  }
  assert.deepEqual(found, [], `"${probe.clause}": stated ${outcome.kind}`);
  if (outcome.kind === 'silenced') {
    // Silent is not enough: without the example the same probe must be reported, or the claim says nothing.
    assert.notDeepEqual(
      probeFindings(baseline(), probe),
      [],
      `"${probe.clause}": not reported without the example either, so it silences nothing`,
    );
  }
}

function checkJsonExample(example: Extract<Example, { kind: 'input' }>, all: readonly Example[]): void {
  const { valid, probes } = parseExpect(example.block);
  assert.ok(valid, `README.md:${example.block.fenceLine}: a configuration or catalog example states "valid": the CLI accepts it`);
  const files = exampleFiles(example, all);
  const sources = Object.fromEntries(probes.map((p) => [p.file, probeSource(p)]));
  const report = runOk(example.args, repository({ ...files, ...sources }));
  let base: JsonReport | undefined;
  const baseline = () => (base ??= runOk(['--format', 'json', '.'], repository(sources)));
  for (const probe of probes) checkProbe(probe, report, baseline);
}

// ── The tests ──────────────────────────────────────────────────────────────────────────────

function checkExample(example: Example, all: readonly Example[]): void {
  if (example.kind === 'output') {
    const r = catalint(example.args, { cwd: repoRoot() });
    assert.deepEqual(
      jsonReport(r),
      JSON.parse(example.block.text),
      `README.md:${example.block.fenceLine}: the output of catalint ${example.args.join(' ')}`,
    );
    return;
  }
  if (language(example.block).comment === null) return checkJsonExample(example, all);
  assert.equal(
    example.block.expect,
    undefined,
    `README.md:${example.block.fenceLine}: a code example states its results in markers, not <!-- expect -->`,
  );
  const files = exampleFiles(example, all);
  const report = runOk(example.args, repository(files));
  // A file the CLI does not analyse (a language it does not read) would pass any "ok" silently.
  const analysed = Object.keys(files).filter((f) => !f.endsWith('.json')).length;
  assert.equal(report.fileCount, analysed, `README.md:${example.block.fenceLine}: ${example.file} was not analysed`);
  checkMarkers(example, report);
}

function parsedOrNothing(block: Block): Example[] {
  try {
    return [parseAnnotation(block)];
  } catch {
    return [];
  }
}

const readme = readReadme();
const annotated = readme.blocks.filter((b) => CHECKED.has(b.lang) && b.annotation !== undefined);

describe('README.md examples, through the real CLI', function () {
  // Each example starts one or two real processes, on a machine that may be busy.
  this.timeout(90_000);

  it('annotates every block of a checked language, and only those', () => {
    const problems = [...readme.strays.map((s) => `${s} (attached to no block)`)];
    for (const block of readme.blocks) {
      const where = `README.md:${block.fenceLine} \`\`\`${block.lang}`;
      if (CHECKED.has(block.lang)) {
        if (block.annotation === undefined) problems.push(`${where}: no <!-- example … --> on the line above`);
      } else if (!UNCHECKED.has(block.lang)) {
        problems.push(`${where}: a language this test neither checks nor knows to skip`);
      } else if (block.annotation !== undefined || block.expect !== undefined) {
        problems.push(`${where}: annotated, but ${block.lang || 'plain'} blocks are never run`);
      }
    }
    assert.deepEqual(problems, []);
  });

  for (const block of annotated) {
    it(`README.md:${block.fenceLine} ${block.lang} <!-- example ${block.annotation} -->`, () => {
      const example = parseAnnotation(block);
      // Another block's broken annotation fails its own test, not this one: only its file= is looked up here.
      const all = annotated.flatMap((b) => (b === block ? [example] : parsedOrNothing(b)));
      checkExample(example, all);
    });
  }
});
