/**
 * Lints one file as the report needs it: read, analyse, positions made 1-based. The same
 * function runs in the main thread and in the pool's workers, so the output cannot depend on
 * which one did the work.
 */
import { readRegularFile } from '../engine/text/read-file';
import { MAX_SOURCE_BYTES } from '../engine/languages/registry';
import { decodeSource } from '../engine/text/decode';
import { sha256 } from './cache';
import type { Configs } from '../workspace/configs';
import type { TypedFile } from '../engine/languages/typescript/declarations';
import { reasonOf } from '../workspace/reasons';
import { FileFindings, toReportFinding, type ReportFinding } from './report';

export interface FileJob {
  /** Position in the run's sorted file list: outcomes are merged by it. */
  readonly slot: number;
  readonly abs: string;
  readonly shown: string;
  /** Size on disk, to hand out the largest files first. */
  readonly bytes: number;
}

export type FileOutcome =
  | {
      readonly kind: 'linted';
      readonly findings: FileFindings;
      /** Of the bytes analysed, when the cache asked for it. */ readonly hash?: string;
    }
  | { readonly kind: 'failure'; readonly reason: string };

export function lintFile(job: FileJob, configs: Configs, wantHash: boolean, typed?: TypedFile): FileOutcome {
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(job.abs, MAX_SOURCE_BYTES);
  } catch (e) {
    return { kind: 'failure', reason: reasonOf(e) };
  }
  const text = decodeSource(bytes);
  try {
    const { lint, LineMap } = engine();
    const result = lint({ text, path: job.abs }, configs.forFile(job.abs).config, typed ? { typed } : {});
    const findings: ReportFinding[] = [];
    if (result.findings.length > 0) {
      const lines = new LineMap(text);
      for (const finding of result.findings) findings.push(toReportFinding(finding, job.shown, lines));
    }
    return { kind: 'linted', findings: FileFindings.of(job.shown, findings), hash: wantHash ? sha256(bytes) : undefined };
  } catch (e) {
    // An engine bug must not take the whole run down, nor pass unnoticed.
    return { kind: 'failure', reason: `internal error while analysing: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The findings of `text` as if it were `abs` (an earlier version of it: `--changed-since`'s base). */
export function lintText(text: string, abs: string, shown: string, configs: Configs): ReportFinding[] {
  const { lint, LineMap } = engine();
  const result = lint({ text, path: abs }, configs.forFile(abs).config);
  const lines = new LineMap(text);
  return result.findings.map((f) => toReportFinding(f, shown, lines));
}

let analyser: Analyser | undefined;

interface Analyser {
  readonly lint: typeof import('../engine/lint').lint;
  readonly LineMap: typeof import('../engine/text/positions').LineMap;
}

/**
 * The analyser, loaded on the first file that needs it: it holds the TypeScript compiler, which
 * takes longer to load than a run whose every file comes from the cache takes in all.
 */
function engine(): Analyser {
  if (!analyser) {
    const { lint } = require('../engine/lint') as typeof import('../engine/lint');
    const { LineMap } = require('../engine/text/positions') as typeof import('../engine/text/positions');
    analyser = { lint, LineMap };
  }
  return analyser;
}
