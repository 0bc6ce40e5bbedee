/**
 * `--cache`: the findings of each file from the previous run, reused when nothing that decides
 * them changed. An entry holds only if all of these are what they were:
 * - the program (version, and the bundle's own size and time, so a rebuilt checkout never reads
 *   entries an older engine wrote);
 * - the file's effective configuration, compared by content (catalint.json, the catalog it
 *   builds, command-line overrides), not by file name or time;
 * - the file's content, by its hash. Every file is read and hashed on every run: a size and a
 *   time say nothing certain about content (an edit within the clock's resolution, a checkout
 *   that restores times), and hashing costs little next to analysing.
 *
 * The file: a line naming the format, a line with a checksum of the rest, a line of JSON
 * with the entries, then one block holding every entry's findings as `--format json` text, each
 * entry saying how many bytes its part is. A run that finds everything unchanged copies those
 * bytes into its report without parsing them, and does not write the file again. The checksum
 * guards against a file damaged or edited since this program wrote it: such a cache, or one that
 * does not have the expected shape, is ignored and rewritten.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { readRegularFile } from '../engine/text/read-file';
import { MAX_SOURCE_BYTES } from '../engine/languages/registry';
import type { Config } from '../engine/config/model';
import { toolVersion } from './meta';
import { writeFileAtomic } from './output';
import { FileFindings, type Tally } from './report';

export const DEFAULT_CACHE_FILE = '.catalintcache';

const MAGIC = 'catalint-cache/2\n';

export interface Entry {
  /** Of the file's bytes. */
  readonly hash: string;
  /** Of the file's configuration (see configKey). */
  readonly config: string;
  /** Shown as the run that stored them showed the file. */
  readonly findings: FileFindings;
}

/** One entry in the file: [file, hash, config index, shown, total, errors, warnings, text length]. */
type StoredEntry = [string, string, number, string, number, number, number, number];

interface Header {
  readonly tool: string;
  readonly configs: string[];
  readonly entries: StoredEntry[];
}

export class FileCache {
  private readonly next = new Map<string, Entry>();
  private readonly configKeys = new WeakMap<Config, string>();
  /** Whether the file would read back differently from what this run saw. */
  private changed: boolean;

  private constructor(
    private readonly file: string,
    private readonly tool: string,
    private readonly previous: ReadonlyMap<string, Entry>,
  ) {
    this.changed = previous.size === 0;
  }

  /** Reads the cache file; a missing, unreadable or malformed one starts empty. */
  static open(file: string): FileCache {
    const tool = toolFingerprint();
    let previous = new Map<string, Entry>();
    try {
      previous = parse(readRegularFile(file, MAX_CACHE_BYTES), tool) ?? previous;
    } catch {
      // Absent or unreadable: rebuilt by this run.
    }
    return new FileCache(file, tool, previous);
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
   * The stored findings of a file (absolute), when they still hold. The file is read and hashed
   * only when there is an entry to compare with (a first run reads each file once).
   */
  lookup(file: string, config: string): FileFindings | undefined {
    const entry = this.previous.get(file);
    if (!entry || entry.config !== config || entry.hash !== contentHash(file)) return undefined;
    this.next.set(file, entry);
    return entry.findings;
  }

  store(file: string, entry: Entry): void {
    this.next.set(file, entry);
    this.changed = true;
  }

  /**
   * Writes the entries of this run (files not linted this time are dropped, so the cache does not
   * grow with deleted files), unless they are what the file holds already. Atomic: a reader
   * never sees half a cache.
   */
  save(): void {
    if (!this.changed && this.next.size === this.previous.size) return;
    const configs: string[] = [];
    const configIndex = new Map<string, number>();
    const entries: StoredEntry[] = [];
    const texts: Uint8Array[] = [];
    for (const [file, { hash, config, findings }] of this.next) {
      let index = configIndex.get(config);
      if (index === undefined) configIndex.set(config, (index = configs.push(config) - 1));
      const { total, errors, warnings } = findings.tally;
      const json = findings.json;
      const text = typeof json === 'string' ? Buffer.from(json, 'utf8') : json;
      entries.push([file, hash, index, findings.file, total, errors, warnings, text.byteLength]);
      texts.push(text);
    }
    const header: Header = { tool: this.tool, configs, entries };
    const body = [Buffer.from(JSON.stringify(header) + '\n', 'utf8'), ...texts];
    writeFileAtomic(this.file, [`${MAGIC}${checksum(body)}\n`, ...body]);
  }
}

/** The entries of a cache file this program wrote, or undefined for any other content. */
function parse(data: Buffer, tool: string): Map<string, Entry> | undefined {
  if (data.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const sumEnd = data.indexOf(0x0a, MAGIC.length);
  if (sumEnd < 0 || data.toString('latin1', MAGIC.length, sumEnd) !== checksum([data.subarray(sumEnd + 1)])) return undefined;
  const headerEnd = data.indexOf(0x0a, sumEnd + 1);
  if (headerEnd < 0) return undefined;
  const header = JSON.parse(data.toString('utf8', sumEnd + 1, headerEnd)) as unknown;
  if (!isHeader(header) || header.tool !== tool) return undefined;
  // Each entry's text is its slice of the block, in bytes, kept as bytes (see FileFindings).
  let offset = headerEnd + 1;
  const entries = new Map<string, Entry>();
  for (const [file, hash, config, shown, total, errors, warnings, length] of header.entries) {
    const tally: Tally = { total, errors, warnings };
    entries.set(file, {
      hash,
      config: header.configs[config],
      findings: FileFindings.fromJson(shown, tally, data.subarray(offset, offset + length)),
    });
    offset += length;
  }
  return offset === data.length ? entries : undefined;
}

/** Undefined when the file cannot be read (linting it then says why). */
function contentHash(file: string): string | undefined {
  try {
    return sha256(readRegularFile(file, MAX_SOURCE_BYTES));
  } catch {
    return undefined;
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}

/**
 * Of the cache's content after the checksum line, to tell damage: CRC-32, three times faster
 * than SHA-256 over the tens of megabytes a large workspace's findings take, where Node has it
 * (20.15 on); SHA-256 elsewhere. The name of the one used is part of the line.
 */
function checksum(parts: readonly Uint8Array[]): string {
  const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  if (crc32) return `crc32:${parts.reduce((value, part) => crc32(part, value), 0)}`;
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return `sha256:${hash.digest('base64')}`;
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

function isHeader(x: unknown): x is Header {
  if (typeof x !== 'object' || x === null) return false;
  const h = x as Partial<Header>;
  return (
    typeof h.tool === 'string' &&
    Array.isArray(h.configs) &&
    h.configs.every((c) => typeof c === 'string') &&
    Array.isArray(h.entries) &&
    h.entries.every((e) => isStoredEntry(e, h.configs!.length))
  );
}

function isStoredEntry(x: unknown, configs: number): x is StoredEntry {
  if (!Array.isArray(x) || x.length !== 8) return false;
  const [file, hash, config, shown, ...counts] = x as unknown[];
  return (
    typeof file === 'string' &&
    typeof hash === 'string' &&
    typeof shown === 'string' &&
    Number.isInteger(config) &&
    (config as number) >= 0 &&
    (config as number) < configs &&
    counts.every((n) => Number.isInteger(n) && (n as number) >= 0)
  );
}

/** A cache file larger than this is not read (it starts empty): a device or a planted file. */
const MAX_CACHE_BYTES = 1024 * 1024 * 1024;
