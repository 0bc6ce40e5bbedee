/**
 * SQL written inside TypeScript: a string or template literal, handed over by the TypeScript
 * scanner as the raw text of its parts. The text is cooked (escapes resolved, `${...}` turned
 * into placeholders) for the SQL scanner, and every range it reports is mapped back onto the
 * characters of the `.ts` file, so `\u00e9` or a line continuation never shifts a finding.
 */
import type { SqlDialect } from '../../config/model';
import type { Span } from '../../occurrence';
import { type HostFragment, type Scan, ScanBuilder, shiftScan } from '../../scan';
import { LineMap } from '../../text/positions';
import type { DocumentMemory } from '../typescript/memory';
import { guessDialect } from './dialect';
import { PLACEHOLDER_CHAR } from './lexer';
import { scanSql } from './scanner';

export interface EmbeddedText {
  readonly kind: 'text';
  /** The raw text between delimiters, in host (`.ts`) offsets. */
  readonly span: Span;
  /** As written: escapes not cooked. */
  readonly raw: string;
}

export interface EmbeddedSubstitution {
  readonly kind: 'substitution';
  /** The `${...}` in host offsets. */
  readonly span: Span;
  readonly expression: string;
}

/** A literal of a host language that holds SQL, in host offsets. */
export type EmbeddedFragment = HostFragment;

export interface EmbeddedSqlOptions {
  readonly dialect: SqlDialect;
  /** Lines of the host file, for the line a `catalint-disable-next-line` applies to. */
  readonly hostLines: LineMap;
  /** Called as the SQL is analysed; throws to stop an analysis over its time budget, or cancelled. */
  readonly checkpoint?: () => void;
}

/** The cooked SQL and, for each of its UTF-16 units, the host range it came from. */
export interface CookedSql {
  readonly text: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

export function scanEmbeddedSql(fragment: EmbeddedFragment, options: EmbeddedSqlOptions): Scan {
  const cooked = cookFragment(fragment);
  const scan = scanSql(cooked.text, { dialect: options.dialect, checkpoint: options.checkpoint });
  const map = (s: Span): Span => mapSpan(cooked, s, fragment);
  return {
    // In the host's function, when it has one: that is where the SQL runs.
    occurrences: scan.occurrences.map((o) => ({
      ...o,
      span: map(o.span),
      ...(fragment.container !== undefined ? { container: fragment.container } : {}),
    })),
    // Consent for SQL in a string comes from the TypeScript around it only: a string's text may
    // come from anywhere (a user, a file), and a `@consent` inside it would declare consent for
    // the SQL and every expression interpolated into it. It declares nothing, and is said to.
    regions: [],
    suppressions: scan.suppressions.map((s) => {
      const span = map(s.span);
      return { ...s, span, line: options.hostLines.position(span.end).line + 1 };
    }),
    conditionRefs: scan.conditionRefs.map((r) => ({ ...r, span: map(r.span) })),
    // A literal holds a fragment of SQL as often as a statement (`AND x = ${y}`, `COUNT(*)`,
    // a column list): that it is no statement the analyser recognises is no news, and one note
    // per fragment would put a squiggle on most query builders. SQL files keep their notes.
    notes: [],
    strayDirectives: [...scan.strayDirectives, ...scan.regions.flatMap((r) => (r.declaredAt ? [r.declaredAt] : []))].map(map),
    embedded: [],
    localFunctions: [],
    localCalls: [],
  };
}

export function cookFragment(fragment: EmbeddedFragment): CookedSql {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (s: string, from: number, to: number) => {
    for (let k = 0; k < s.length; k++) {
      starts.push(from);
      ends.push(to);
    }
    text += s;
  };
  for (const part of fragment.parts) {
    if (part.kind === 'substitution') {
      emit(PLACEHOLDER_CHAR, part.span.start, part.span.end);
      continue;
    }
    const raw = part.raw;
    const base = part.span.start;
    let i = 0;
    while (i < raw.length) {
      const c = raw[i]!;
      if (c !== '\\') {
        emit(c, base + i, base + i + 1);
        i++;
        continue;
      }
      const { cooked, length } = escape(raw, i);
      emit(cooked, base + i, base + i + length);
      i += length;
    }
  }
  return { text, starts, ends };
}

const SIMPLE: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };

/** One JavaScript escape sequence at `i` (a backslash): what it stands for and its raw length. */
function escape(raw: string, i: number): { cooked: string; length: number } {
  const c = raw[i + 1];
  if (c === undefined) return { cooked: '\\', length: 1 };
  if (c === '\r') return { cooked: '', length: raw[i + 2] === '\n' ? 3 : 2 };
  if (c === '\n' || c === '\u2028' || c === '\u2029') return { cooked: '', length: 2 };
  if (SIMPLE[c] !== undefined) return { cooked: SIMPLE[c]!, length: 2 };
  if (c === 'x') {
    const hex = /^[0-9a-fA-F]{2}/.exec(raw.slice(i + 2, i + 4));
    if (hex) return { cooked: String.fromCharCode(parseInt(hex[0], 16)), length: 4 };
  }
  if (c === 'u') {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(raw.slice(i + 2, i + 11));
    if (braced) {
      const cp = parseInt(braced[1]!, 16);
      if (cp <= 0x10ffff) return { cooked: String.fromCodePoint(cp), length: 2 + braced[0].length };
    }
    const hex = /^[0-9a-fA-F]{4}/.exec(raw.slice(i + 2, i + 6));
    if (hex) return { cooked: String.fromCharCode(parseInt(hex[0], 16)), length: 6 };
  }
  if (c === '0' && !/[0-9]/.test(raw[i + 2] ?? '')) return { cooked: '\0', length: 2 };
  // `\``, `\\`, `\'`, `\"`, `\$` and any other character stand for themselves.
  const cp = raw.codePointAt(i + 1)!;
  const ch = String.fromCodePoint(cp);
  return { cooked: ch, length: 1 + ch.length };
}

function mapSpan(cooked: CookedSql, s: Span, fragment: EmbeddedFragment): Span {
  const n = cooked.starts.length;
  if (n === 0) return { start: fragment.span.start, end: fragment.span.start };
  const startAt = Math.min(s.start, n - 1);
  const start = s.start >= n ? cooked.ends[n - 1]! : cooked.starts[startAt]!;
  if (s.end <= s.start) return { start, end: start };
  const end = cooked.ends[Math.min(s.end, n) - 1]!;
  return { start, end: Math.max(start, end) };
}

/**
 * The SQL of every literal a host-language scan handed over, added to `out`. The TypeScript
 * around a literal gives its consent. With a memory, a literal whose text is unchanged since the
 * last analysis is not scanned again: its results only move with it. A host that passes its
 * `checkpoint` keeps its time budget and cancellation inside the SQL too.
 */
export function scanEmbedded(
  text: string,
  fragments: readonly HostFragment[],
  configured: SqlDialect | undefined,
  out: ScanBuilder,
  memory: DocumentMemory | undefined,
  checkpoint?: () => void,
): void {
  if (fragments.length === 0) return;
  const hostLines = LineMap.of(text);
  for (const fragment of fragments) {
    const dialectOf = (): SqlDialect => configured ?? guessDialect(fragment.parts.map((p) => (p.kind === 'text' ? p.raw : ' ')).join(''));
    if (!memory) {
      out.merge(scanEmbeddedSql(fragment, { dialect: dialectOf(), hostLines, checkpoint }));
      continue;
    }
    const at = fragment.span.start;
    const line = hostLines.position(at).line;
    const key = `${configured ?? ''}\u0000${text.slice(at, fragment.span.end)}`;
    const known = memory.sql.get(key) ?? memory.sqlUsed.get(key);
    if (known) {
      memory.sqlUsed.set(key, known);
      out.merge(known.scan, at, line - known.line);
      continue;
    }
    const scan = scanEmbeddedSql(fragment, { dialect: dialectOf(), hostLines, checkpoint });
    memory.sqlUsed.set(key, { scan: shiftScan(scan, -at, 0), line });
    out.merge(scan);
  }
  memory?.settleSql();
}
