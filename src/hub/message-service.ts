import { z } from 'zod';
import { invalidInput, notFound } from '../core/errors.js';
import { cleanText, parseInput } from '../core/validate.js';
import type { Message } from '../domain/types.js';
import type { ChannelService } from './channel-service.js';
import { checkMessageBody } from './message-body.js';
import type { Caller, HubContext } from './context.js';
import { audit, authorize, fieldOf } from './permissions.js';
import type { NewMessage } from '../store/store.js';
import type { TaskService } from './task-service.js';
import { isClaimTitle, isInvestigatingTitle } from './task-text.js';

export interface PostInput {
  channel: string;
  title?: string | undefined;
  body?: string | undefined;
  reply_to?: string | undefined;
}

export class MessageService {
  private readonly schema;

  constructor(
    private readonly ctx: HubContext,
    private readonly channels: ChannelService,
    private readonly tasks: TaskService,
  ) {
    this.schema = z.object({
      channel: z.string().min(1).max(200),
      title: cleanText(ctx.limits.titleChars).optional(),
      body: z.string().optional(),
      reply_to: z.string().max(40).optional(),
    });
  }

  /** Appends a message (a reply when reply_to names one) and wakes everyone waiting on its channel. */
  async post(caller: Caller, raw: unknown): Promise<Message> {
    await authorize(this.ctx, caller, 'message.post', fieldOf(raw, 'channel'));
    const input = parseInput(this.schema, raw);
    const title = input.title?.trim() ?? '';
    const body = input.body ?? '';
    if (!title && !body.trim()) throw invalidInput('message', 'a title or a message body is required');
    checkMessageBody(body, this.ctx.limits.messageBytes, 'message');
    const channel = await this.channels.resolve(input.channel);
    const parent = input.reply_to ? await this.parentIn(channel.id, input.reply_to) : undefined;
    const draft: NewMessage = {
      channelId: channel.id,
      title,
      body,
      authorId: caller.session.id,
      createdAt: this.ctx.clock.now(),
      replyTo: parent?.id ?? null,
      threadId: parent ? (parent.threadId ?? parent.id) : null,
    };
    const message = (await this.byConvention(caller, draft, channel.name, parent)) ?? (await this.ctx.store.messages.append(draft));
    this.ctx.bus.publish({ type: 'message', channelId: channel.id, seq: message.seq });
    await audit(this.ctx, caller, 'message.post', message.id);
    return message;
  }

  /**
   * The origin's conventions are real operations here: a `🔄`/`🚨` post creates a task, and a
   * `✋ Claimed` (`✋ Investigating`) reply claims (acknowledges) it atomically, or is refused.
   */
  private async byConvention(caller: Caller, draft: NewMessage, channel: string, parent: Message | undefined): Promise<Message | undefined> {
    if (!parent) return this.tasks.createFromPost(draft, channel);
    const action = isClaimTitle(draft.title) ? 'claim' : isInvestigatingTitle(draft.title) ? 'ack' : undefined;
    if (!action) return undefined;
    const task = await this.ctx.store.tasks.get(parent.threadId ?? parent.id);
    // A `✋ Investigating` in a handoff's thread (or `✋ Claimed` under an alert) is just a reply.
    if (!task || task.kind !== (action === 'claim' ? 'handoff' : 'alert')) return undefined;
    const outcome = await this.tasks.act(action, caller, { task_id: task.id }, draft);
    return outcome.messages[0];
  }

  async get(id: string): Promise<Message> {
    const message = await this.ctx.store.messages.get(id);
    if (!message) throw notFound(`Message '${id}' not found`);
    return message;
  }

  private async parentIn(channelId: number, id: string): Promise<Message> {
    const parent = await this.ctx.store.messages.get(id);
    if (!parent) throw invalidInput('reply_to', `message '${id}' not found`);
    if (parent.channelId !== channelId) throw invalidInput('reply_to', `message '${id}' is in channel '${parent.channel}'`);
    return parent;
  }
}
