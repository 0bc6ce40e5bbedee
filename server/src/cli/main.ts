/**
 * The `catalint` program (bundled to dist/cli.js, started by bin/catalint.js).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { wantsLanguageServer } from './args';
import { isWorkerRequest, serveWorker } from './pool';
import { run } from './run';

const argv = process.argv.slice(2);
if (!isMainThread && isWorkerRequest(workerData) && parentPort) {
  // This same program, started by `--jobs` as a lint worker (see pool.ts).
  serveWorker(workerData, parentPort);
} else if (wantsLanguageServer(argv)) {
  // Required only when asked for: a lint run does not pay for the server's modules.
  const { startServer } = require('../lsp/server') as typeof import('../lsp/server');
  // This file, bundled, is the program a workspace scan's worker runs (with `--lsp`, it comes here).
  startServer('stdio', __filename);
} else {
  // `catalint | head` closes the pipe early: that ends the output, it is not a crash.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit();
  });
  // exitCode rather than exit(): output to a pipe is written asynchronously and must not be cut off.
  void run(argv, {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stdout: (s) => process.stdout.write(s),
    stdoutDrained: () => drained(process.stdout),
    stderr: (s) => process.stderr.write(s),
  }).then((code) => {
    process.exitCode = code;
  });
}

/** When a stream whose write returned false takes more: it drained, or it closed (an error such as EPIPE is handled above). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (!stream.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
