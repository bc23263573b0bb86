import type { TaskView } from '../../api/types.js';

const PRIORITY: Record<TaskView['priority'], number> = { urgent: 0, high: 1, normal: 2, low: 3 };
const SEVERITY: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

type Compare = (a: TaskView, b: TaskView) => number;

const by =
  (...rules: Compare[]): Compare =>
  (a, b) => {
    for (const rule of rules) {
      const d = rule(a, b);
      if (d) return d;
    }
    return 0;
  };

const time = (iso: string | null): number => (iso ? Date.parse(iso) : Infinity);

export const byPriority: Compare = (a, b) => PRIORITY[a.priority] - PRIORITY[b.priority];
export const bySeverity: Compare = (a, b) => (SEVERITY[a.severity ?? ''] ?? 4) - (SEVERITY[b.severity ?? ''] ?? 4);
export const escalatedFirst: Compare = (a, b) => Number(b.escalated) - Number(a.escalated);
/** The one waiting longest first. */
export const oldestFirst: Compare = (a, b) => time(a.created_at) - time(b.created_at);
/** The most recent outcome first. */
export const latestFirst: Compare = (a, b) => time(b.updated_at) - time(a.updated_at);
/** The lease that runs out soonest first. */
export const leaseFirst: Compare = (a, b) => time(a.lease_expires_at) - time(b.lease_expires_at);

export const sorted = (tasks: TaskView[], ...rules: Compare[]): TaskView[] => [...tasks].sort(by(...rules));
