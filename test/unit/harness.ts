import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint, LineMap, loadConfig, type Config, type Finding } from '../../server/src/engine';

/** A workspace folder of its own for a test, with the given files written into it. */
export function workspace(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalint-unit-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

let defaultConfig: Config | undefined;

/** The built-in catalog and default settings, as a workspace without catalint.json gets. */
export function builtinConfig(): Config {
  return (defaultConfig ??= loadConfig({ root: workspace() }));
}

/** `rule name@line:column` for each finding: compact enough to assert whole files at once. */
export function findings(code: string, file = 'sample.ts', config: Config = builtinConfig()): string[] {
  return describe(lint({ text: code, path: path.join(config.root, file) }, config).findings, code);
}

export function describe(list: readonly Finding[], code: string): string[] {
  const lines = new LineMap(code);
  return list.map((f) => {
    const p = lines.position(f.span.start);
    return `${f.rule} ${code.slice(f.span.start, f.span.end)}@${p.line + 1}:${p.character + 1}`;
  });
}

/** Only the names flagged by `consent-required`. */
export function flagged(code: string, file = 'sample.ts', config: Config = builtinConfig()): string[] {
  return lint({ text: code, path: path.join(config.root, file) }, config)
    .findings.filter((f) => f.rule === 'consent-required')
    .map((f) => f.name);
}
