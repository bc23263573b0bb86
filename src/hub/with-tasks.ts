import type { Message } from '../domain/types.js';
import type { Store } from '../store/store.js';

/** Marks the messages that are handoffs or alerts with their task, so a read shows state and holder. */
export async function withTasks(store: Store, messages: Message[]): Promise<void> {
  const tasks = await store.tasks.forMessages(messages.map((m) => m.seq));
  for (const m of messages) {
    const task = tasks.get(m.seq);
    if (task) m.task = task;
  }
}
