/**
 * Findings set aside on disk while a large run goes on. The report is ordered by file and its
 * counts come first in some formats, so every file's findings are kept until the run ends; on
 * 100 MB of code that is hundreds of megabytes of findings. Past a budget, each file's findings
 * text is appended to one temporary file and read back, one file at a time, when the report is
 * written: memory then grows with the number of files, not of findings.
 *
 * The file is private to the run (a fresh folder of the temp folder, mode 0600), unlinked as
 * soon as it is open where the system allows it (so a crash leaves nothing behind), and removed
 * when the run ends otherwise.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileFindings } from './report';

/** Findings text kept in memory before the rest goes to disk. */
export const DEFAULT_SPILL_BUDGET = 64 * 1024 * 1024;

export class FindingsSpill {
  private held = 0;
  private store: SpillFile | undefined;
  /** Why the disk could not be used (a full or read-only temp folder): then all stays in memory. */
  private refused: string | undefined;

  constructor(private readonly budget = DEFAULT_SPILL_BUDGET) {}

  /** `findings` as the run keeps it: its text, in memory within the budget, else on disk. */
  keep(findings: FileFindings): FileFindings {
    if (findings.tally.total === 0) return findings;
    const json = findings.readJson();
    const bytes = typeof json === 'string' ? Buffer.from(json, 'utf8') : json;
    // As text either way: a file's findings as objects take several times their text.
    if (this.held + bytes.byteLength > this.budget && this.refused === undefined) {
      try {
        const store = (this.store ??= SpillFile.create());
        const at = store.append(bytes);
        return FileFindings.fromJson(findings.file, findings.tally, () => store.read(at.offset, at.length));
      } catch (e) {
        // The report matters more than the memory: it is kept whole, only the budget is exceeded.
        this.refused = e instanceof Error ? e.message : String(e);
      }
    }
    this.held += bytes.byteLength;
    return FileFindings.fromJson(findings.file, findings.tally, bytes);
  }

  /** Why findings past the budget stayed in memory, if they did. */
  get refusal(): string | undefined {
    return this.refused;
  }

  /** Whether anything went to disk (for CATALINT_TRACE=pool and the tests). */
  get spilled(): boolean {
    return this.store !== undefined;
  }

  close(): void {
    this.store?.close();
    this.store = undefined;
  }
}

class SpillFile {
  private size = 0;

  private constructor(
    private readonly dir: string,
    private fd: number | undefined,
  ) {}

  static create(): SpillFile {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalint-spill-'));
    const file = path.join(dir, 'findings');
    const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
    try {
      // Gone from the folder, alive through the descriptor: nothing is left if the run dies.
      fs.unlinkSync(file);
      fs.rmdirSync(dir);
    } catch {
      // Windows keeps an open file; close() removes it.
    }
    return new SpillFile(dir, fd);
  }

  append(bytes: Uint8Array): { offset: number; length: number } {
    const offset = this.size;
    let written = 0;
    while (written < bytes.byteLength)
      written += fs.writeSync(this.descriptor(), bytes, written, bytes.byteLength - written, offset + written);
    this.size += bytes.byteLength;
    return { offset, length: bytes.byteLength };
  }

  read(offset: number, length: number): Uint8Array {
    const out = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = fs.readSync(this.descriptor(), out, got, length - got, offset + got);
      if (n === 0) throw new Error('the temporary file of findings was cut short');
      got += n;
    }
    return out;
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private descriptor(): number {
    if (this.fd === undefined) throw new Error('the temporary file of findings is closed');
    return this.fd;
  }
}
