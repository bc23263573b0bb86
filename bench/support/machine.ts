import { cpus, release, totalmem } from 'node:os';
import { availableParallelism } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memory_gb: number;
  node: string;
  kernel: string;
}

/** The machine a run measured, so figures from different machines are never compared unknowingly. */
export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: `${process.platform} ${release()}`,
  };
}
