import { hostname } from 'node:os';

/** What a worker does and how much of it: the command it runs per handoff, which handoffs, how many at once. */
export interface WorkerOptions {
  /** Run through the shell, once per claimed handoff. */
  exec: string;
  /** Tasks held at once. */
  concurrency: number;
  /** Handoffs wanting any of these; empty: every handoff. */
  labels: string[];
  /** The session name. */
  name: string;
  /** The lease each claim asks for; undefined: the hub's default. */
  leaseSeconds: number | undefined;
}

/** A flag's value that breaks its rule; the message names the flag, so the person can fix the command. */
export class WorkerOptionError extends Error {
  constructor(flag: string, rule: string) {
    super(`${flag}: ${rule}`);
    this.name = 'WorkerOptionError';
  }
}

export const MAX_CONCURRENCY = 64;
/** As the hub's session names: 1–80 characters without control characters. */
const NAME_MAX = 80;
/** As the hub's label filter. */
const LABEL_MAX = 80;
const CONTROL = /[\u0000-\u001f\u007f]/;

export function execOf(raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') throw new WorkerOptionError('--exec', 'is required: the command to run for each handoff');
  return raw;
}

export function concurrencyOf(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY) {
    throw new WorkerOptionError('--concurrency', `must be a whole number from 1 to ${MAX_CONCURRENCY} (got '${raw}')`);
  }
  return n;
}

export function leaseOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < 1) {
    throw new WorkerOptionError('--lease', `must be a whole number of seconds, at least 1 (got '${raw}')`);
  }
  return n;
}

/** `--label a --label b,c` → a, b, c: split as the hub splits a label list, so what is asked for can match. */
export function labelsOf(raw: string[] | undefined): string[] {
  const labels = (raw ?? []).flatMap((value) => value.split(/[,\s]+/)).filter(Boolean);
  for (const label of labels) {
    if (label.length > LABEL_MAX || CONTROL.test(label)) {
      throw new WorkerOptionError('--label', `'${label.slice(0, 40)}' must be at most ${LABEL_MAX} characters without control characters`);
    }
  }
  return [...new Set(labels)];
}

export function nameOf(raw: string | undefined): string {
  if (raw === undefined) return `worker-${hostname()}-${process.pid}`.slice(0, NAME_MAX);
  const name = raw.trim();
  if (!name || name.length > NAME_MAX || CONTROL.test(name)) {
    throw new WorkerOptionError('--name', `must be 1 to ${NAME_MAX} characters without control characters`);
  }
  return name;
}

/** The options as typed on the command line, checked. */
export function workerOptionsOf(flags: { exec?: string; concurrency?: string; label?: string[]; name?: string; lease?: string }): WorkerOptions {
  return {
    exec: execOf(flags.exec),
    concurrency: concurrencyOf(flags.concurrency),
    labels: labelsOf(flags.label),
    name: nameOf(flags.name),
    leaseSeconds: leaseOf(flags.lease),
  };
}
