import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** CPU jiffies of the whole machine since boot, from the first line of /proc/stat (Linux). */
function cpuTimes(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, v) => sum + v, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** CPU ticks of this process and of its children that have exited (the hubs it started), from /proc/self/stat. */
function ownTicks(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  // utime, stime, cutime, cstime are fields 14-17 of the line; the slice starts at field 3.
  return fields.slice(11, 15).reduce((sum, v) => sum + v, 0);
}

/**
 * Starts watching what else runs on the machine; the function returned gives the share of all
 * cores that other processes used meanwhile (0..1). A hub counts as ours once it has exited.
 */
export function watchOthers(): () => number {
  const machine = cpuTimes();
  const own = ownTicks();
  return () => {
    const now = cpuTimes();
    const total = now.total - machine.total;
    const others = now.busy - machine.busy - (ownTicks() - own);
    return total === 0 ? 0 : Math.max(0, others / total);
  };
}

/** The share of all cores that was busy over the next `ms` milliseconds (0..1). */
export async function busyShare(ms = 500): Promise<number> {
  const start = cpuTimes();
  await sleep(ms);
  const end = cpuTimes();
  return end.total === start.total ? 0 : (end.busy - start.busy) / (end.total - start.total);
}

export interface Quiet {
  /** Busy share of the machine just before the figure started. */
  busy: number;
  waitedSeconds: number;
}

/**
 * Waits (at most maxSeconds) until the machine is nearly idle, so other work on a shared machine
 * does not land in a figure's tail. Returns how busy it was when the figure started.
 */
export async function waitForQuiet(threshold: number, maxSeconds: number): Promise<Quiet> {
  const start = performance.now();
  let busy = await busyShare();
  while (busy > threshold && performance.now() - start < maxSeconds * 1000) busy = await busyShare();
  return { busy, waitedSeconds: (performance.now() - start) / 1000 };
}
