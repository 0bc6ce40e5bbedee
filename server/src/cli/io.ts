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
  readonly stdout: (s: string | Uint8Array) => void;
  readonly stderr: (s: string) => void;
}
