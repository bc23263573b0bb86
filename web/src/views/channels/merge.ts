import type { MessageView } from '../../api/types.js';

/**
 * The messages shown, with `incoming` added after them in order. A message already shown is
 * replaced in place, never shown twice; so is one `incoming` brings twice (a read's page and the
 * live events held while it ran may both hold it): its last copy, at its first place.
 */
export function merge(shown: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  if (!incoming.length) return shown as MessageView[];
  const fresh = new Map(incoming.map((m) => [m.id, m]));
  const kept = shown.map((m) => fresh.get(m.id) ?? m);
  const known = new Set(shown.map((m) => m.id));
  return [...kept, ...[...fresh.values()].filter((m) => !known.has(m.id))];
}

/** What a channel's window shows of threads: each root's replies, counted, and when the last came. */
export interface ThreadSummary {
  count: number;
  last: string;
}

export const isReply = (m: MessageView): boolean => m.thread_id !== m.id;

export function threadSummaries(messages: readonly MessageView[]): Map<string, ThreadSummary> {
  const summaries = new Map<string, ThreadSummary>();
  for (const m of messages) {
    if (!isReply(m)) continue;
    const known = summaries.get(m.thread_id);
    summaries.set(m.thread_id, { count: (known?.count ?? 0) + 1, last: m.timestamp });
  }
  return summaries;
}
