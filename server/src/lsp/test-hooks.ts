/**
 * Seams for the server tests, inert unless the environment asks for them: nothing here runs in
 * an editor session that did not set these variables.
 */
import type { Connection } from 'vscode-languageserver/node';

/** With CATALINT_LSP_FAULT set, analysing a document that contains that marker throws. */
export function injectedFault(text: string): void {
  const marker = process.env.CATALINT_LSP_FAULT;
  if (marker && text.includes(marker)) throw new Error('injected fault for testing');
}

/**
 * With CATALINT_LSP_SCAN_WORKER_FAULT=exit, a workspace scan's worker thread exits after its
 * first batch, as a worker that crashed would: the rest of the scan must still be done.
 */
export function scanWorkerCrashes(): boolean {
  return process.env.CATALINT_LSP_SCAN_WORKER_FAULT === 'exit';
}

/**
 * With CATALINT_LSP_TEST_HOOKS=1, `catalint/test/heap` collects garbage (when node runs with
 * --expose-gc) and answers the heap in use, so the soak test measures the server, not noise.
 */
export function registerTestRequests(connection: Connection): void {
  if (process.env.CATALINT_LSP_TEST_HOOKS !== '1') return;
  connection.onRequest('catalint/test/heap', () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    return { heapUsed: process.memoryUsage().heapUsed, collected: gc !== undefined };
  });
}

/**
 * With CATALINT_LSP_TYPED_WORKER_FAULT=memory, the type-aware worker fills its heap before its
 * first analysis, as a project too large for the ceiling would: the worker's real heap limit
 * stops it, and the server must keep the syntactic result and say why.
 */
export function typedWorkerExhaustsMemory(): void {
  if (process.env.CATALINT_LSP_TYPED_WORKER_FAULT !== 'memory') return;
  const hoard: string[][] = [];
  for (;;) hoard.push(Array.from({ length: 1 << 16 }, (_, i) => `${i}:${hoard.length}`));
}
