// The machine a figure was measured on; every result carries it.
import os from 'node:os';

export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

export const machineLine = (m) => `${m.cores} × ${m.cpu}, ${m.memoryGb} GiB RAM, ${m.os}, Node ${m.node}`;
