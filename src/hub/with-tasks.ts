import type { Message } from '../domain/types.js';
import type { HubContext } from './context.js';

/** Marks the messages that are handoffs or alerts with their task, so a read shows state and holder. */
export async function withTasks(ctx: HubContext, messages: Message[]): Promise<void> {
  const tasks = await ctx.store.tasks.forMessages(messages.map((m) => m.seq));
  for (const m of messages) {
    const task = tasks.get(m.seq);
    if (task) m.task = task;
  }
}
