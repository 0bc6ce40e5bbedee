/**
 * The engine's configuration lookup (nearest `catalint.json`, or `--config`), plus what only
 * discovery needs: each configuration's include/exclude globs, compiled once.
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE } from '../engine/config/load';
import { ConfigResolver } from './config-lookup';
import type { Config } from '../engine/config/model';
import { relativePath } from '../engine/config/paths';

/** Kept for the language server, which imports it from here. */
export const CONFIG_FILE_NAME = CONFIG_FILE;

export interface ConfigRequest {
  readonly cwd: string;
  /** Absolute. */
  readonly configFile?: string;
  /** Absolute. */
  readonly catalogFile?: string;
}

export class Configs {
  private readonly resolver: ConfigResolver;
  private readonly scoped = new WeakMap<Config, ScopedConfig>();

  constructor(request: ConfigRequest) {
    this.resolver = new ConfigResolver(request);
  }

  /** The configuration of a file (absolute). Throws the engine's ConfigError. */
  forFile(file: string): ScopedConfig {
    const config = this.resolver.configFor(file);
    let s = this.scoped.get(config);
    if (!s) this.scoped.set(config, (s = new ScopedConfig(config)));
    return s;
  }

  /** The configuration of the files directly in a folder (absolute). */
  forDir(dir: string): ScopedConfig {
    return this.forFile(path.join(dir, CONFIG_FILE));
  }
}

/**
 * A configuration with its include/exclude globs compiled: which files it selects. The language
 * server uses it too, so the editor and the CLI lint the same files.
 */
export class ScopedConfig {
  private readonly included: (p: string) => boolean;
  private readonly excluded: (p: string) => boolean;

  constructor(readonly config: Config) {
    const options = { dot: true };
    this.included = config.include.length > 0 ? picomatch([...config.include], options) : () => true;
    this.excluded = config.exclude.length > 0 ? picomatch([...config.exclude], options) : () => false;
  }

  /** Whether discovery should lint this file (absolute). */
  selectsFile(file: string): boolean {
    const rel = relativePath(this.config, file);
    return this.included(rel) && !this.excluded(rel);
  }

  /** Whether discovery should look inside this folder (absolute); include globs are checked per file. */
  entersDir(dir: string): boolean {
    const rel = relativePath(this.config, dir);
    return rel === '' || !this.excluded(rel);
  }
}
