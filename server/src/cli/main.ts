/**
 * The `catalint` program (bundled to dist/cli.js, started by bin/catalint.js).
 */
import { run } from './run';

// exitCode rather than exit(): output to a pipe is written asynchronously and must not be cut off.
process.exitCode = run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
