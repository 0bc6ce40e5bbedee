/**
 * `--cache`: the findings of each file from the previous run, reused when nothing that decides
 * them changed. An entry holds only if all of these are what they were:
 * - the program (version, and the bundle's own size and time, so a rebuilt checkout never reads
 *   entries an older engine wrote);
 * - the file's effective configuration, compared by content (catalint.json, the catalog it
 *   builds, command-line overrides), not by file name or time;
 * - the file's content: size and modification time are only a fast pre-check; when they differ,
 *   the content hash decides (a `touch` alone still hits). Metadata is trusted only for files
 *   that were already older than the run that stored them, so an edit within the file system's
 *   time resolution right after a run is still seen.
 * A cache file that cannot be read or does not have the expected shape is ignored and rewritten.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { Config } from '../engine/config/model';
import { toolVersion } from './meta';
import { writeFileAtomic } from './output';
import type { ReportFinding } from './report';

export const DEFAULT_CACHE_FILE = '.catalintcache';

const FORMAT = 'catalint-cache/1';
/** Metadata younger than this, relative to when it was recorded, is not trusted on its own. */
const RACY_MS = 2000;


interface Entry {
  readonly size: number;
  readonly mtimeMs: number;
  /** When the size and time were read. */
  readonly checkedAt: number;
  readonly hash: string;
  readonly config: string;
  readonly findings: readonly ReportFinding[];
}

interface CacheFile {
  readonly format: string;
  readonly tool: string;
  readonly files: Record<string, Entry>;
}

export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
}

export class FileCache {
  private readonly previous: ReadonlyMap<string, Entry>;
  private readonly next = new Map<string, Entry>();
  private readonly configKeys = new WeakMap<Config, string>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly tool: string,
    previous: Map<string, Entry>,
  ) {
    this.previous = previous;
  }

  /** Reads the cache file; a missing, unreadable or malformed one starts empty. */
  static open(file: string): FileCache {
    const tool = toolFingerprint();
    let previous = new Map<string, Entry>();
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      if (isCacheFile(data) && data.tool === tool) {
        previous = new Map(Object.entries(data.files).filter(([, e]) => isEntry(e)));
      }
    } catch {
      // Absent or corrupt: rebuilt by this run.
    }
    const cache = new FileCache(file, tool, previous);
    cache.changed = previous.size === 0;
    return cache;
  }

  /** The configuration's content as a key: equal configurations give equal keys whatever their files' names or times. */
  configKey(config: Config): string {
    let key = this.configKeys.get(config);
    if (key === undefined) {
      key = sha256(JSON.stringify(config, canonical));
      this.configKeys.set(config, key);
    }
    return key;
  }

  /**
   * The stored findings of a file (absolute) when they still hold, else undefined. Reads the
   * file only when its size matches and its time does not.
   */
  lookup(file: string, stat: FileStat, config: string, now: number): readonly ReportFinding[] | undefined {
    const entry = this.previous.get(file);
    if (!entry || entry.config !== config || entry.size !== stat.size) return undefined;
    if (entry.mtimeMs === stat.mtimeMs && entry.mtimeMs + RACY_MS < entry.checkedAt) {
      this.next.set(file, entry);
      return entry.findings;
    }
    let hash: string;
    try {
      hash = sha256(fs.readFileSync(file));
    } catch {
      return undefined; // the linting pass reports why it cannot be read
    }
    if (hash !== entry.hash) return undefined;
    // Same content under a new time: keep the findings, remember the new time.
    this.store(file, { ...entry, mtimeMs: stat.mtimeMs, checkedAt: now });
    return entry.findings;
  }

  store(file: string, entry: Entry): void {
    this.next.set(file, entry);
    this.changed = true;
  }

  /**
   * Writes the entries of this run (files not linted this time are dropped, so the cache does not
   * grow with deleted files). Atomic: a reader never sees half a cache.
   */
  save(): void {
    if (!this.changed && this.next.size === this.previous.size) return;
    const data: CacheFile = { format: FORMAT, tool: this.tool, files: Object.fromEntries(this.next) };
    writeFileAtomic(this.file, JSON.stringify(data));
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}

/** Stored findings as seen from the working directory of this run (their `file` is relative to it). */
export function shownAs(findings: readonly ReportFinding[], file: string): readonly ReportFinding[] {
  return findings.length === 0 || findings[0].file === file ? findings : findings.map((f) => ({ ...f, file }));
}

/** This program as built: its version, and its own script's size and time (a rebuilt checkout is another program). */
function toolFingerprint(): string {
  let build = '';
  try {
    const s = fs.statSync(__filename);
    build = `${s.size}:${s.mtimeMs}`;
  } catch {
    // No script file to look at: the version alone.
  }
  return `${toolVersion()}|${build}`;
}

/** JSON.stringify replacer: Maps and Sets as arrays, functions (the compiled matcher) left out. */
function canonical(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value.entries()];
  if (value instanceof Set) return [...value.values()];
  if (typeof value === 'function') return undefined;
  return value;
}

function isCacheFile(x: unknown): x is CacheFile {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Partial<CacheFile>;
  return c.format === FORMAT && typeof c.tool === 'string' && typeof c.files === 'object' && c.files !== null && !Array.isArray(c.files);
}

function isEntry(x: unknown): x is Entry {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Partial<Entry>;
  return (
    typeof e.size === 'number' &&
    typeof e.mtimeMs === 'number' &&
    typeof e.checkedAt === 'number' &&
    typeof e.hash === 'string' &&
    typeof e.config === 'string' &&
    Array.isArray(e.findings) &&
    e.findings.every(isStoredFinding)
  );
}

/** Enough of a finding's shape that every format renders it without failing. */
function isStoredFinding(x: unknown): x is ReportFinding {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as Record<string, unknown>;
  for (const k of POSITION_KEYS) if (!Number.isInteger(f[k]) || (f[k] as number) < 1) return false;
  for (const k of TEXT_KEYS) if (typeof f[k] !== 'string') return false;
  for (const k of LIST_KEYS) if (!Array.isArray(f[k])) return false;
  return f.kind === null || typeof f.kind === 'string';
}

const POSITION_KEYS = ['line', 'column', 'endLine', 'endColumn'] as const;
const TEXT_KEYS = ['file', 'rule', 'severity', 'name', 'message'] as const;
const LIST_KEYS = ['categories', 'required', 'declared', 'requirement'] as const;
