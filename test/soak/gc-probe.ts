/**
 * Preloaded into the language server under test (NODE_OPTIONS=--expose-gc --require this): on
 * SIGUSR2 it collects garbage fully and writes the process's memory figures to the file
 * CATALINT_SOAK_MEMORY_FILE names. The server itself is unchanged; this only lets the soak
 * test compare live memory, not whatever garbage happens to be uncollected at that instant.
 */
import * as fs from 'node:fs';

const target = process.env.CATALINT_SOAK_MEMORY_FILE;
const collect = (globalThis as { gc?: () => void }).gc;

if (target && collect) {
  let n = 0;
  process.on('SIGUSR2', () => {
    collect();
    collect();
    const m = process.memoryUsage();
    const sample = { n: ++n, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
    // Written beside, then renamed: the test reacts to the file appearing and must read it whole.
    fs.writeFileSync(`${target}.tmp`, JSON.stringify(sample));
    fs.renameSync(`${target}.tmp`, target);
  });
}
