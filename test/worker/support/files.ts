import { existsSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { atFileEnd } from '../../support/cleanup.js';
import { tempDir } from '../../support/temp-dir.js';

/** Resolves once the file exists, woken by the directory changing, never by polling. */
export function fileAppears(file: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(dirname(file), (_event, name) => {
      if (name === basename(file) && existsSync(file)) done();
    });
    const done = () => {
      watcher.close();
      resolve();
    };
    if (existsSync(file)) done();
  });
}

/** The pid a slow agent wrote into its mark. */
export function pidIn(file: string): number {
  const pid = Number(readFileSync(file, 'utf8'));
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`${file} holds no pid`);
  return pid;
}

/** Ends a process left behind on purpose (an agent whose worker was killed), if it still runs. */
export function killIfAlive(pid: number): void {
  // 0 or a negative number would signal a whole process group: the test run's own.
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

export interface SlowAgent {
  /** Where the agent writes `<task>.started` and `<task>.terminated`. */
  marks: string;
  /** The file whose appearance lets it finish. */
  gate: string;
  /** The worker's env that makes its commands slow agents. */
  env: Record<string, string>;
  open(): void;
}

/**
 * Slow agents behind a fresh gate. The gate opens by itself when the test file ends, so an agent
 * whose worker was killed (or a failing test left waiting) finishes instead of lingering.
 */
export function slowAgents(mode: 'slow' | 'stubborn' = 'slow'): SlowAgent {
  const marks = tempDir('baton-marks-');
  const gate = join(tempDir('baton-gate-'), 'open');
  const open = () => writeFileSync(gate, '');
  atFileEnd(open);
  return { marks, gate, env: { AGENT_MODE: mode, AGENT_MARKS: marks, AGENT_GATE: gate }, open };
}
