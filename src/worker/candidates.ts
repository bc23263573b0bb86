import type { TaskView } from '../client/wire-types.js';

const RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** A worker without labels takes every handoff; one with labels, those wanting any of them. */
export function wants(labels: readonly string[], task: Pick<TaskView, 'kind' | 'labels'>): boolean {
  if (task.kind !== 'handoff') return false;
  return labels.length === 0 || task.labels.some((label) => labels.includes(label));
}

/**
 * The open handoffs this worker may claim, as last seen on the hub's stream or list: most urgent
 * first, then oldest. A stale entry costs one refused claim, so entries leave only on news.
 */
export class Candidates {
  private readonly open = new Map<string, TaskView>();

  constructor(private readonly labels: readonly string[]) {}

  /** Takes in a task as it is now: kept when it is an open handoff this worker wants, forgotten otherwise. */
  see(task: TaskView): void {
    if (task.state === 'open' && wants(this.labels, task)) this.open.set(task.id, task);
    else this.open.delete(task.id);
  }

  forget(id: string): void {
    this.open.delete(id);
  }

  get size(): number {
    return this.open.size;
  }

  /** The best one, taken out; put it back with see() when the claim could not be tried. */
  take(): TaskView | undefined {
    let best: TaskView | undefined;
    for (const task of this.open.values()) if (!best || before(task, best)) best = task;
    if (best) this.open.delete(best.id);
    return best;
  }
}

function before(a: TaskView, b: TaskView): boolean {
  const rank = (RANK[a.priority] ?? 2) - (RANK[b.priority] ?? 2);
  if (rank !== 0) return rank < 0;
  if (a.created_at !== b.created_at) return a.created_at < b.created_at;
  return seqOf(a.id) < seqOf(b.id);
}

/** Task ids are their message's position, `m-<base 36>`. */
const seqOf = (id: string): number => parseInt(id.replace(/^m-/, ''), 36) || 0;
