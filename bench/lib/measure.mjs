// Runs a command as a child process and measures its wall time and peak resident memory.
// Peak memory comes from GNU time (`/usr/bin/time -v`, the rusage of the child tree: the
// largest single process) when it is installed, else from polling the child's VmHWM in /proc.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);
export const memorySource = hasGnuTime ? 'GNU time -v (max RSS)' : '/proc/<pid>/status VmHWM (polled every 5 ms)';

let serial = 0;

/**
 * @returns {Promise<{seconds: number, cpuSeconds: number, peakRssMb: number, exitCode: number, stderr: string}>}
 * cpuSeconds (user + system of the child tree) is what the work cost whatever else the machine
 * was doing; wall time is what a user waits.
 * stdout goes to `stdoutFile` (or is discarded), so the parent never pays to read it.
 */
export function measure(command, args, { cwd, stdoutFile } = {}) {
  const id = `${process.pid}-${++serial}`;
  const timeFile = join(tmpdir(), `catalint-bench-time-${id}.txt`);
  const errFile = join(tmpdir(), `catalint-bench-err-${id}.txt`);
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  const err = openSync(errFile, 'w');
  const [cmd, argv] = hasGnuTime ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', out, err] });
    let polledKb = 0;
    const poll = hasGnuTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) polledKb = Math.max(polledKb, Number(m[1]));
          } catch {
            /* exited between ticks */
          }
        }, 5);
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (poll) clearInterval(poll);
      if (typeof out === 'number') closeSync(out);
      closeSync(err);
      let peakKb = polledKb;
      let cpuSeconds = NaN;
      let exitCode = code ?? -1;
      if (hasGnuTime && existsSync(timeFile)) {
        const report = readFileSync(timeFile, 'utf8');
        peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1] ?? NaN);
        const field = (name) => Number(new RegExp(`${name} time \\(seconds\\): ([\\d.]+)`).exec(report)?.[1] ?? NaN);
        cpuSeconds = field('User') + field('System');
        // GNU time exits with the child's code; its report names a signal death explicitly.
        if (/Command terminated by signal/.test(report)) exitCode = -1;
      }
      const stderr = readFileSync(errFile, 'utf8');
      rmSync(timeFile, { force: true });
      rmSync(errFile, { force: true });
      resolve({ seconds, cpuSeconds, peakRssMb: peakKb / 1024, exitCode, stderr });
    });
  });
}
