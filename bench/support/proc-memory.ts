import { readFileSync, writeFileSync } from 'node:fs';

/** Resident memory of a process, in bytes, from /proc/<pid>/status (Linux). */
export interface ProcMemory {
  rss: number;
  /** The high-water mark of rss since start or since the last resetPeak. */
  peak: number;
}

export function readMemory(pid: number): ProcMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: kilobytes(status, 'VmRSS'), peak: kilobytes(status, 'VmHWM') };
}

/** Writing 5 to clear_refs resets VmHWM to the current rss, so a peak belongs to what follows. */
export function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

function kilobytes(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`/proc status has no ${field}`);
  return Number(match[1]) * 1024;
}
