import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verdictOf, type Figure } from './figure.js';
import type { Machine } from './machine.js';
import { RESULTS_DIR } from './paths.js';

/** How busy the machine was around one figure group. */
export interface GroupLoad {
  busy_share_before: number;
  waited_for_quiet_s: number;
  /** Share of all cores used by processes other than the benchmark and its hubs while the group ran. */
  others_share_during: number;
  loadavg_before: number;
  loadavg_after: number;
}

export interface RunRecord {
  name: string;
  started_at: string;
  seconds: number;
  machine: Machine;
  load: Record<string, GroupLoad>;
  config: unknown;
  figures: Figure[];
}

/** Writes bench/results/<name>.json (one file per run), atomically through a .tmp file. */
export function writeResults(run: RunRecord): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${run.name}.json`);
  const figures = run.figures.map((f) => ({ ...f, verdict: verdictOf(f) }));
  const all_targets_met = figures.every((f) => f.verdict !== 'MISS');
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ ...run, all_targets_met, figures }, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

/** A name that sorts by time: run-2026-01-20T10-15-00. */
export const defaultRunName = (at: Date): string => `run-${at.toISOString().slice(0, 19).replaceAll(':', '-')}`;
