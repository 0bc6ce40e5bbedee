/**
 * What a command gets from its process, and the exit code it gives back.
 */
export const enum ExitCode {
  Clean = 0,
  Problems = 1,
  Trouble = 2,
}

export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTTY: boolean;
  /** Writes to stdout; false when the stream's buffer is full, and more should wait for `stdoutDrained`. */
  readonly stdout: (s: string | Uint8Array) => boolean;
  /** Resolves when stdout takes more again (or has closed). */
  readonly stdoutDrained: () => Promise<void>;
  readonly stderr: (s: string) => void;
}
