import type { HubContext } from './context.js';
import type { TaskService } from './task-service.js';

const BATCH = 100;

/**
 * Returns lapsed claims to open and escalates alerts nobody acknowledged. Every step is a
 * compare-and-set, so several hubs sweeping the same store never do the same work twice.
 */
export class TaskSweeper {
  constructor(
    private readonly ctx: HubContext,
    private readonly tasks: TaskService,
  ) {}

  async sweep(): Promise<{ expired: number; escalated: number }> {
    const now = this.ctx.clock.now();
    let expired = 0;
    for (const task of await this.ctx.store.tasks.lapsed(now, BATCH)) if (await this.tasks.expire(task, now)) expired++;
    let escalated = 0;
    const before = now - this.ctx.limits.alertEscalateMs;
    for (const alert of await this.ctx.store.tasks.unacknowledged(before, BATCH)) {
      const result = await this.ctx.store.tasks.change({
        id: alert.id,
        expect: { states: ['open'], kind: 'alert', unescalated: true, createdBefore: before },
        set: { escalatedAt: now, updatedAt: now },
        messages: [{ channelId: alert.channelId, title: `🚨 Escalated: ${alert.task}`, body: `No one has acknowledged ${alert.id} since ${new Date(alert.createdAt).toISOString()}`, authorId: alert.authorId, createdAt: now, replyTo: null, threadId: null, replyToTask: true }],
      });
      if (!result.ok) continue;
      escalated++;
      for (const m of result.messages) this.ctx.bus.publish({ type: 'message', channelId: m.channelId, seq: m.seq });
      this.ctx.bus.publish({ type: 'alert_escalated', taskId: alert.id });
      this.tasks.changed(alert.id);
    }
    return { expired, escalated };
  }
}
