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
 * Portable between clones and CI runners: entries are named by the file's path relative to the
 * cache file's folder, the configuration is compared with the paths of that folder and of the
 * Catalint installation written relatively, and the program is named by its version and the hash
 * of its bundle (not the bundle's time, which every install sets anew). A cache restored by a
 * CI's cache action in another clone, under the same key, is used as it is.
 *
 * The file: a line naming the format, a line with a checksum of the rest, a line of JSON
 * with the entries, then one block holding every entry's findings as `--format json` text, each
 * entry saying how many bytes its part is. A run that finds everything unchanged copies those
 * bytes into its report without parsing them, and does not write the file again. The checksum
 * tells a damaged file: such a cache, or one that does not have the expected shape, is ignored
 * and rewritten.
 *
 * The checksum proves nothing against someone who edits the file on purpose: anyone can
 * recompute it. What is trusted is a key: each entry carries an HMAC-SHA256, under a secret
 * key, of everything it says (the program, the file's name, content hash and configuration, the
 * shown name, the counts and the findings' text). An entry whose HMAC does not verify is not
 * used: that file is linted again, and its entry rewritten. The key is `CATALINT_CACHE_KEY` when
 * set (a CI secret: a cache restored on another runner then still holds), else a random key
 * made once in the user's cache folder (`$XDG_CACHE_HOME/catalint/cache-key`, else
 * `~/.cache/catalint`; `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows), the user's own,
 * mode 0600. A cache written under another key (another user, another runner) is a cold run, not
 * an error. Without a usable key (no such folder, a key file others can read or write) the cache
 * is neither read nor written: every file is linted, and CATALINT_TRACE=cache says why.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { readRegularFile } from '../engine/text/read-file';
import { MAX_SOURCE_BYTES } from '../engine/languages/registry';
import type { Config } from '../engine/config/model';
import { packageRoot } from '../engine/assets';
import { toolVersion } from './meta';
import { writeFileAtomic } from './output';
import { FileFindings, type Tally } from './report';

export const DEFAULT_CACHE_FILE = '.catalintcache';

const MAGIC = 'catalint-cache/4\n';

/** The key file's name in the user's cache folder. */
export const KEY_FILE = 'cache-key';

export interface Entry {
  /** Of the file's bytes. */
  readonly hash: string;
  /** Of the file's configuration (see configKey). */
  readonly config: string;
  /** Shown as the run that stored them showed the file. */
  readonly findings: FileFindings;
  /** HMAC of the entry as read from the file, checked before the entry is used (see macOf). */
  readonly mac?: string;
}

/** One entry in the file: [file, hash, config index, shown, total, errors, warnings, text length, HMAC]. */
type StoredEntry = [string, string, number, string, number, number, number, number, string];

interface Header {
  readonly tool: string;
  /** Names the key the entries' HMACs are under (not the key: an HMAC of a fixed text). */
  readonly key: string;
  readonly configs: string[];
  readonly entries: StoredEntry[];
}

export class FileCache {
  private readonly next = new Map<string, Entry>();
  private readonly configKeys = new WeakMap<Config, string>();
  /** Whether the file would read back differently from what this run saw. */
  private changed: boolean;

  /** The folder entries are named relative to, and the paths a configuration is keyed relative to. */
  private readonly base: string;
  private readonly portablePaths: readonly (readonly [string, string])[];

  private constructor(
    private readonly file: string,
    private readonly tool: string,
    /** Undefined: no usable key, so nothing is read from the cache or written to it. */
    private readonly key: Buffer | undefined,
    private readonly previous: ReadonlyMap<string, Entry>,
    private readonly trace: ((message: string) => void) | undefined,
  ) {
    this.changed = previous.size === 0;
    this.base = path.dirname(path.resolve(file));
    // Longest first, so that a cache inside the installation (or the reverse) maps each path once.
    this.portablePaths = (
      [
        [this.base, '<cache>'],
        [packageRoot(), '<catalint>'],
      ] as const
    )
      .map(([dir, name]) => [JSON.stringify(dir).slice(1, -1), name] as const)
      .sort((a, b) => b[0].length - a[0].length);
  }

  /** How the cache names a file: its path relative to the cache's folder, with `/`. */
  private nameOf(file: string): string {
    return path.relative(this.base, file).split(path.sep).join('/');
  }

  /**
   * Reads the cache file; a missing, unreadable or malformed one, or one written under another
   * key, starts empty. `env` gives CATALINT_CACHE_KEY and the user's cache folder.
   */
  static open(file: string, options: { env?: NodeJS.ProcessEnv; trace?: (message: string) => void } = {}): FileCache {
    const { env = process.env, trace } = options;
    const tool = toolFingerprint();
    const key = cacheKey(env);
    if (typeof key === 'string') {
      trace?.(`not used: ${key}; every file is linted`);
      return new FileCache(file, tool, undefined, new Map(), trace);
    }
    let previous = new Map<string, Entry>();
    try {
      const read = parse(readRegularFile(file, MAX_CACHE_BYTES), tool, keyId(key));
      if (read === 'other key') trace?.('written under another key; every file is linted');
      else if (read) previous = read;
    } catch {
      // Absent or unreadable: rebuilt by this run.
    }
    return new FileCache(file, tool, key, previous, trace);
  }

  /** The configuration's content as a key: equal configurations give equal keys whatever their files' names or times. */
  configKey(config: Config): string {
    let key = this.configKeys.get(config);
    if (key === undefined) {
      let text = JSON.stringify(config, canonical);
      for (const [dir, name] of this.portablePaths) text = text.split(dir).join(name);
      key = sha256(text);
      this.configKeys.set(config, key);
    }
    return key;
  }

  /**
   * The stored findings of a file (absolute), when they still hold. The file is read and hashed
   * only when there is an entry to compare with (a first run reads each file once).
   */
  lookup(file: string, config: string): FileFindings | undefined {
    const name = this.nameOf(file);
    const entry = this.previous.get(name);
    if (!entry || entry.config !== config) return undefined;
    if (!this.verify(name, entry)) {
      this.trace?.(`entry fails its HMAC, not used: ${file}`);
      return undefined;
    }
    if (entry.hash !== contentHash(file)) return undefined;
    this.next.set(name, entry);
    return entry.findings;
  }

  store(file: string, entry: Entry): void {
    if (!this.key) return;
    this.next.set(this.nameOf(file), { hash: entry.hash, config: entry.config, findings: entry.findings });
    this.changed = true;
  }

  /** `name`: as the cache names the file (see nameOf), which the HMAC covers. */
  private verify(name: string, entry: Entry): boolean {
    if (!this.key || entry.mac === undefined) return false;
    const expected = Buffer.from(macOf(this.key, this.tool, name, entry.hash, entry.config, entry.findings), 'base64');
    const given = Buffer.from(entry.mac, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * Writes the entries of this run (files not linted this time are dropped, so the cache does not
   * grow with deleted files), unless they are what the file holds already. Atomic: a reader
   * never sees half a cache.
   */
  save(): void {
    const key = this.key;
    if (!key || (!this.changed && this.next.size === this.previous.size)) return;
    const configs: string[] = [];
    const configIndex = new Map<string, number>();
    const entries: StoredEntry[] = [];
    const texts: Uint8Array[] = [];
    for (const [file, { hash, config, findings, mac }] of this.next) {
      let index = configIndex.get(config);
      if (index === undefined) configIndex.set(config, (index = configs.push(config) - 1));
      const { total, errors, warnings } = findings.tally;
      const text = textOf(findings);
      // An entry read back (and verified by lookup) keeps its HMAC: nothing it covers changed.
      const entryMac = mac ?? macOf(key, this.tool, file, hash, config, findings);
      entries.push([file, hash, index, findings.file, total, errors, warnings, text.byteLength, entryMac]);
      texts.push(text);
    }
    const header: Header = { tool: this.tool, key: keyId(key), configs, entries };
    const body = [Buffer.from(JSON.stringify(header) + '\n', 'utf8'), ...texts];
    writeFileAtomic(this.file, [`${MAGIC}${checksum(body)}\n`, ...body]);
  }
}

/**
 * The entries of a cache file this program wrote, or undefined for any other content, or
 * 'other key' for a cache written under another key. The entries' HMACs are checked when they
 * are looked up (a run over some files pays only for those).
 */
function parse(data: Buffer, tool: string, key: string): Map<string, Entry> | 'other key' | undefined {
  if (data.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const sumEnd = data.indexOf(0x0a, MAGIC.length);
  if (sumEnd < 0 || data.toString('latin1', MAGIC.length, sumEnd) !== checksum([data.subarray(sumEnd + 1)])) return undefined;
  const headerEnd = data.indexOf(0x0a, sumEnd + 1);
  if (headerEnd < 0) return undefined;
  const header = JSON.parse(data.toString('utf8', sumEnd + 1, headerEnd)) as unknown;
  if (!isHeader(header) || header.tool !== tool) return undefined;
  if (header.key !== key) return 'other key';
  // Each entry's text is its slice of the block, in bytes, kept as bytes (see FileFindings).
  let offset = headerEnd + 1;
  const entries = new Map<string, Entry>();
  for (const [file, hash, config, shown, total, errors, warnings, length, mac] of header.entries) {
    const tally: Tally = { total, errors, warnings };
    entries.set(file, {
      hash,
      config: header.configs[config],
      findings: FileFindings.fromJson(shown, tally, data.subarray(offset, offset + length)),
      mac,
    });
    offset += length;
  }
  return offset === data.length ? entries : undefined;
}

function textOf(findings: FileFindings): Uint8Array {
  const json = findings.json;
  return typeof json === 'string' ? Buffer.from(json, 'utf8') : json;
}

/**
 * An entry's HMAC: of everything that decides whether it is used and what it puts in the report.
 * The fields go in as one JSON array (unambiguous: no field can run into the next), then the
 * findings' bytes, whose length the array gives.
 */
function macOf(key: Buffer, tool: string, file: string, hash: string, config: string, findings: FileFindings): string {
  const text = textOf(findings);
  const { total, errors, warnings } = findings.tally;
  const fields = JSON.stringify([
    'catalint-cache-entry/1',
    tool,
    file,
    hash,
    config,
    findings.file,
    total,
    errors,
    warnings,
    text.byteLength,
  ]);
  return createHmac('sha256', key)
    .update(fields + '\n', 'utf8')
    .update(text)
    .digest('base64');
}

/** Names a key in the cache file without giving it away. */
function keyId(key: Buffer): string {
  return createHmac('sha256', key).update('catalint-cache key id').digest('base64').slice(0, 22);
}

/**
 * The key the cache's entries are signed with, or why there is none: CATALINT_CACHE_KEY, else
 * the user's own key file, made on first use.
 */
function cacheKey(env: NodeJS.ProcessEnv): Buffer | string {
  const given = env.CATALINT_CACHE_KEY;
  if (given) return createHash('sha256').update('catalint-cache-key\n').update(given, 'utf8').digest();
  const dir = privateCacheDir(env);
  if (typeof dir !== 'string' || dir.startsWith('!')) return dir === undefined ? 'no user cache folder for its key' : dir.slice(1);
  const file = path.join(dir, KEY_FILE);
  try {
    return readKeyFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return `its key ${file} is not usable: ${(e as Error).message}`;
  }
  // First use: the key is written whole under another name, then linked into place, so a run
  // beside this one never reads half a key; if one got there first, its key is the key.
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    fs.writeFileSync(temp, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(temp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    return readKeyFile(file);
  } catch (e) {
    return `cannot make its key ${file}: ${(e as Error).message}`;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** The key in a key file, which must be the user's own and no one else's to read or write. */
function readKeyFile(file: string): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    const s = fs.fstatSync(fd);
    if (!s.isFile()) throw new Error('not a regular file');
    if (process.platform !== 'win32') {
      if (s.uid !== process.getuid?.()) throw new Error('not owned by this user');
      if ((s.mode & 0o077) !== 0) throw new Error('others may read or write it (it must be mode 0600)');
    }
    if (s.size > 4096) throw new Error('too large');
    const key = Buffer.from(fs.readFileSync(fd, 'utf8').trim(), 'base64');
    if (key.length < 16) throw new Error('too short');
    return key;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The user's cache folder for Catalint (as bin/catalint.js finds it), made if needed; undefined
 * when there is none, or a reason after `!` when it is not the user's own or others can write it.
 */
function privateCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  let base = env.XDG_CACHE_HOME;
  if (!base) {
    if (process.platform === 'win32') base = env.LOCALAPPDATA;
    else {
      const home = env.HOME || os.homedir();
      base = home ? path.join(home, ...(process.platform === 'darwin' ? ['Library', 'Caches'] : ['.cache'])) : undefined;
    }
  }
  if (!base || !path.isAbsolute(base)) return undefined;
  const dir = path.join(base, 'catalint');
  // One level at a time, never `recursive`: on some file systems (/proc) that loops forever.
  for (const d of [base, dir]) {
    try {
      fs.mkdirSync(d, { mode: 0o700 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return `!cannot make the user cache folder ${d}: ${(e as Error).message}`;
    }
  }
  try {
    const s = fs.statSync(dir);
    if (!s.isDirectory()) return `!${dir} is not a folder`;
    if (process.platform !== 'win32' && (s.uid !== process.getuid?.() || (s.mode & 0o022) !== 0))
      return `!the user cache folder ${dir} is not this user's alone`;
  } catch (e) {
    return `!${(e as Error).message}`;
  }
  return dir;
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

/**
 * This program as built: its version, and the hash of its own script (a rebuilt checkout is
 * another program; the same build installed elsewhere, at another time, is the same one).
 */
function toolFingerprint(): string {
  let build = '';
  try {
    build = createHash('sha256').update(fs.readFileSync(__filename)).digest('base64').slice(0, 22);
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
    typeof h.key === 'string' &&
    Array.isArray(h.configs) &&
    h.configs.every((c) => typeof c === 'string') &&
    Array.isArray(h.entries) &&
    h.entries.every((e) => isStoredEntry(e, h.configs!.length))
  );
}

function isStoredEntry(x: unknown, configs: number): x is StoredEntry {
  if (!Array.isArray(x) || x.length !== 9) return false;
  const [file, hash, config, shown, ...rest] = x as unknown[];
  const mac = rest.pop();
  const counts = rest;
  return (
    typeof file === 'string' &&
    typeof hash === 'string' &&
    typeof shown === 'string' &&
    typeof mac === 'string' &&
    Number.isInteger(config) &&
    (config as number) >= 0 &&
    (config as number) < configs &&
    counts.every((n) => Number.isInteger(n) && (n as number) >= 0)
  );
}

/** A cache file larger than this is not read (it starts empty): a device or a planted file. */
const MAX_CACHE_BYTES = 1024 * 1024 * 1024;
