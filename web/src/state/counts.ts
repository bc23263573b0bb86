import { signal } from '@preact/signals';
import { api } from '../api/http.js';
import type { TaskList } from '../api/types.js';
import { on } from './live.js';
import { debounced } from '../ui/debounced.js';

/** The two numbers always in sight: open handoffs and alerts nobody has acknowledged. */
export const openHandoffs = signal<number | undefined>(undefined);
export const openAlerts = signal<number | undefined>(undefined);
export const escalatedAlerts = signal(0);

const LIMIT = 500;

async function refresh(): Promise<void> {
  const [handoffs, alerts] = await Promise.all([
    api<TaskList>('/tasks', { query: { kind: 'handoff', state: 'open', limit: LIMIT } }),
    api<TaskList>('/tasks', { query: { kind: 'alert', state: 'open', limit: LIMIT } }),
  ]);
  openHandoffs.value = handoffs.tasks.length;
  openAlerts.value = alerts.tasks.length;
  escalatedAlerts.value = alerts.tasks.filter((t) => t.escalated).length;
}

/** Counts are read again (once, however many changes come together) whenever a task changes. */
const soon = debounced(() => void refresh().catch(() => {}), 150);

/** Reads the counts now, then again whenever a task changes or the stream reconnects. */
export function followCounts(): void {
  soon();
  on('ready', soon);
  on('task', soon);
}

/** "500+" when there are more than one read shows. */
export const shown = (count: number | undefined): string => (count === undefined ? '…' : count >= LIMIT ? `${LIMIT}+` : String(count));
