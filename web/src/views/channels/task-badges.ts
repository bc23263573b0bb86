import { signal } from '@preact/signals';
import type { MessageView, TaskView } from '../../api/types.js';
import { on } from '../../state/live.js';

export type Badge = NonNullable<MessageView['task']>;

/**
 * The task state of every handoff and alert that changed since the page loaded. A read carries a
 * badge as it was then; the stream's task events keep it true afterwards (a message that arrives
 * live carries none, its task event follows it).
 */
export const liveBadges = signal<ReadonlyMap<string, Badge>>(new Map());

const badgeOf = (t: TaskView): Badge => ({
  kind: t.kind,
  state: t.state,
  holder: t.holder,
  holder_id: t.holder_id,
  lease_expires_at: t.lease_expires_at,
  ...(t.escalated ? { escalated: true as const } : {}),
});

on('task', (task) => {
  const next = new Map(liveBadges.value);
  next.set(task.id, badgeOf(task));
  liveBadges.value = next;
});

/** The freshest badge known for a message. */
export const badgeFor = (message: MessageView): Badge | undefined => liveBadges.value.get(message.id) ?? message.task;
