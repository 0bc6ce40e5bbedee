import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Files shipped beside the code (the built-in catalog, the schemas). The engine runs from
 * `out/` (tests), `dist/` (CLI, server) and an installed extension, so it looks upward for
 * the package root instead of assuming a depth.
 */
let root: string | undefined;

export function packageRoot(): string {
  // Compiled copies outside the package (a scratch outDir) still find it from the working folder.
  root ??= findUp(__dirname) ?? findUp(process.cwd());
  if (!root) throw new Error(`catalint: cannot find its package root above ${__dirname}`);
  return root;
}

function findUp(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'catalog', 'builtin.catalog.json'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function assetPath(relative: string): string {
  return path.join(packageRoot(), relative);
}

export const BUILTIN_CATALOG = 'catalog/builtin.catalog.json';
export const CATALOG_SCHEMA = 'catalog/catalog.schema.json';
export const CONFIG_SCHEMA = 'catalog/config.schema.json';

export function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(assetPath('package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}
