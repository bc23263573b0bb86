import { invalidInput, notFound } from '../core/errors.js';
import { checkMessageBody } from './message-body.js';
import { parseInput } from '../core/validate.js';
import type { Task, TaskFields, TaskState } from '../domain/tasks.js';
import type { Message } from '../domain/types.js';
import type { NewMessage, NewTaskMessage, TaskChange } from '../store/store.js';
import type { ChannelService } from './channel-service.js';
import type { Caller, HubContext } from './context.js';
import { actionSchema, createSchema, listSchema, type ActionInput, type CreateInput } from './task-inputs.js';
import { refusal, type Action } from './task-refusal.js';
import { audit, authorize, fieldOf } from './permissions.js';
import { ALERT_MARK, HANDOFF_MARK, handoffBody, taskNameOf } from './task-text.js';

export interface Outcome {
  task: Task;
  messages: Message[];
  next?: Task;
}

/**
 * Handoffs and alerts as tasks. Every state change is one compare-and-set in the store, written
 * together with the messages that announce it; a caller that loses gets an error and nothing is
 * written. "First claim wins" is a guarantee, not a convention.
 */
export class TaskService {
  private readonly actions;
  /** Sessions whose stored notices this hub has looked at, and those given a notice since. */
  private readonly checked = new Set<string>();
  private readonly pending = new Set<string>();

  constructor(
    private readonly ctx: HubContext,
    private readonly channels: ChannelService,
  ) {
    this.actions = actionSchema(ctx.limits);
    ctx.bus.subscribe((event) => {
      if (event.type === 'notice') this.pending.add(event.sessionId);
    });
  }

  async create(caller: Caller, raw: unknown): Promise<Outcome> {
    await authorize(this.ctx, caller, 'task.create');
    const input = parseInput(createSchema, raw);
    const created = await this.ctx.store.tasks.create(await this.newTask(caller, input, input.kind));
    this.announce(created.message);
    this.changed(created.task.id);
    await audit(this.ctx, caller, 'task.create', created.task.id);
    return { task: created.task, messages: [{ ...created.message, task: created.task }] };
  }

  /** A top-level `🔄` post in handoffs or `🚨` post in alerts is a task too. */
  async createFromPost(message: NewMessage, channel: string): Promise<Message | undefined> {
    const kind = channel === 'handoffs' && message.title.startsWith(HANDOFF_MARK) ? 'handoff' : channel === 'alerts' && message.title.startsWith(ALERT_MARK) ? 'alert' : undefined;
    if (!kind || message.replyTo) return undefined;
    const fields: TaskFields = { task: taskNameOf(message.title), context: linksIn(message.body), scope: '', nextSteps: [], priority: 'normal', labels: [], severity: null };
    const created = await this.ctx.store.tasks.create({ message, task: { ...fields, kind, state: 'open' } });
    this.changed(created.task.id);
    return { ...created.message, task: created.task };
  }

  async get(id: string): Promise<Task> {
    const task = await this.ctx.store.tasks.get(id);
    if (!task) throw notFound(`Task '${id}' not found`);
    return task;
  }

  async list(caller: Caller, raw: unknown): Promise<Task[]> {
    const input = parseInput(listSchema, raw);
    const channel = input.channel ? await this.channels.resolve(input.channel) : undefined;
    return this.ctx.store.tasks.list({
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.state ? { states: [input.state] } : {}),
      ...(input.label ? { label: input.label } : {}),
      ...(input.mine === true || input.mine === 'true' ? { holderId: caller.session.id } : {}),
      ...(channel ? { channelId: channel.id } : {}),
      limit: input.limit,
    });
  }

  /** Runs an action; `message` is the caller's own post when the action came as a convention (`✋ Claimed`). */
  async act(action: Action, caller: Caller, raw: unknown, message?: NewMessage): Promise<Outcome> {
    await authorize(this.ctx, caller, `task.${action}`, fieldOf(raw, 'task_id'));
    const input = parseInput(this.actions, raw);
    const now = this.ctx.clock.now();
    // Read once: the change needs its name and thread, and a claim first returns a lapsed lease to open.
    const task = await this.ctx.store.tasks.get(input.task_id);
    if (action === 'claim' && task && lapsed(task, now)) await this.expire(task, now);
    const change = await this.changeFor(action, caller, input, now, task, message);
    const result = await this.ctx.store.tasks.change(change);
    if (!result.ok) {
      const original = result.current ? undefined : await this.ctx.store.messages.get(input.task_id);
      throw refusal(action, input.task_id, result.current, original, caller.session.id, now, input.claim);
    }
    for (const m of [...result.messages, ...(result.next ? [result.next.message] : [])]) this.announce(m);
    this.changed(input.task_id);
    if (result.next) this.changed(result.next.task.id);
    this.noticesWritten(change);
    await audit(this.ctx, caller, `task.${action}`, input.task_id);
    return { task: result.task, messages: result.messages, ...(result.next ? { next: result.next.task } : {}) };
  }

  private async changeFor(action: Action, caller: Caller, input: ActionInput, now: number, task: Task | undefined, own?: NewMessage): Promise<TaskChange> {
    const me = caller.session.id;
    const held = { states: ['claimed' as TaskState], holderId: me, leaseLiveAt: now, ...(input.claim ? { fence: input.claim } : {}) };
    const lease = now + (input.lease_seconds ? input.lease_seconds * 1000 : this.ctx.limits.leaseDefaultMs);
    const name = task?.task ?? input.task_id;
    const reply = (title: string, body: string) => own ?? this.threadReply(task, caller, title, body, now);
    const base = { id: input.task_id };
    // Arbitration tells the holder it read here; an unchanged claim number keeps that the holder.
    const unchanged = task ? { fence: task.fence } : {};
    switch (action) {
      case 'claim':
        return { ...base, expect: { states: ['open'], kind: 'handoff' }, set: { state: 'claimed', holderId: me, claimedAt: now, leaseExpiresAt: lease, updatedAt: now }, messages: [reply(`✋ Claimed: ${name}`, `Session ${caller.session.name} (${me}) taking it`)] };
      case 'renew':
        return { ...base, expect: held, set: { leaseExpiresAt: lease, updatedAt: now } };
      case 'release':
        return { ...base, expect: held, set: { state: 'open', holderId: null, leaseExpiresAt: null, reason: input.reason ?? null, reasonBy: me, updatedAt: now }, messages: [reply(`↩️ Released: ${name}`, input.reason ?? 'Back to open')] };
      case 'complete':
        return this.completion(base.id, caller, input, now, held, name, reply);
      case 'fail':
        return { ...base, expect: held, set: { state: 'failed', reason: input.reason ?? null, reasonBy: me, leaseExpiresAt: null, updatedAt: now }, messages: [reply(`❌ Failed: ${name}`, input.reason ?? '')], next: await this.alertFor(caller, `🚨 Blocked: ${name}`, input.reason ?? 'no reason given', now) };
      case 'cancel':
        return { ...base, expect: { states: ['open', 'claimed'], kind: 'handoff', ...unchanged }, set: { state: 'cancelled', leaseExpiresAt: null, reason: input.reason ?? null, reasonBy: me, updatedAt: now }, messages: [reply(`🛑 Cancelled: ${name}`, input.reason ?? '')], ...this.tellHolder(task, `task ${input.task_id} (${name}) was cancelled by ${caller.session.name}`, now) };
      case 'reassign':
        return { ...base, expect: { states: ['open', 'claimed'], kind: 'handoff', ...unchanged }, set: { state: 'claimed', holderId: await this.sessionId(input.to), claimedAt: now, leaseExpiresAt: lease, updatedAt: now }, messages: [reply(`🔀 Reassigned: ${name}`, `to ${input.to} by ${caller.session.name} (${me})`)], ...this.tellHolder(task, `task ${input.task_id} (${name}) was reassigned to ${input.to}`, now) };
      case 'ack':
        return { ...base, expect: { states: ['open'], kind: 'alert' }, set: { state: 'acknowledged', holderId: me, claimedAt: now, updatedAt: now }, messages: [reply('✋ Investigating', `Session ${caller.session.name} (${me}) picking up`)] };
      case 'resolve':
        return { ...base, expect: { states: ['open', 'acknowledged'], kind: 'alert' }, set: { state: 'resolved', result: input.result ?? null, resultBy: me, updatedAt: now }, messages: [reply(`✅ Resolved: ${name}`, input.result ?? '')] };
    }
  }

  /** Completion posts `✅ Complete` to general with the links, replies in the thread, and may chain the next handoff. */
  private async completion(id: string, caller: Caller, input: ActionInput, now: number, held: TaskChange['expect'], name: string, reply: (t: string, b: string) => NewMessage): Promise<TaskChange> {
    const general = await this.channels.resolve('general');
    const links = input.links ?? [];
    const body = [input.result ?? '', links.length ? `Results: ${links.join(' ')}` : ''].filter(Boolean).join('\n');
    const next = input.next ? await this.newTask(caller, input.next, 'handoff') : undefined;
    return {
      id,
      expect: held,
      set: { state: 'completed', result: input.result ?? null, resultBy: caller.session.id, resultLinks: links, leaseExpiresAt: null, updatedAt: now },
      messages: [
        { channelId: general.id, title: `✅ Complete: ${name}`, body: `${body}\nSession ${caller.session.name} (${caller.session.id})`.trim(), authorId: caller.session.id, createdAt: now, replyTo: null, threadId: null },
        reply(`✅ Complete: ${name}`, body),
      ],
      ...(next ? { next } : {}),
    };
  }

  private threadReply(task: Task | undefined, caller: Caller, title: string, body: string, now: number): NewMessage & { replyToTask: boolean } {
    return { channelId: task?.channelId ?? 0, title, body, authorId: caller.session.id, createdAt: now, replyTo: null, threadId: null, replyToTask: true };
  }

  private tellHolder(task: Task | undefined, text: string, now: number): Pick<TaskChange, 'notices'> {
    return task?.holderId ? { notices: [{ sessionId: task.holderId, text, createdAt: now }] } : {};
  }

  private async alertFor(caller: Caller, title: string, body: string, now: number): Promise<NewTaskMessage> {
    const alerts = await this.channels.resolve('alerts');
    const fields: TaskFields = { task: taskNameOf(title), context: [], scope: '', nextSteps: [], priority: 'high', labels: [], severity: 'high' };
    return { message: { channelId: alerts.id, title, body, authorId: caller.session.id, createdAt: now, replyTo: null, threadId: null }, task: { ...fields, kind: 'alert', state: 'open' } };
  }

  private async newTask(caller: Caller, input: Omit<CreateInput, 'kind'>, kind: 'handoff' | 'alert'): Promise<NewTaskMessage> {
    const channel = await this.channels.resolve(input.channel ?? (kind === 'handoff' ? 'handoffs' : 'alerts'));
    const now = this.ctx.clock.now();
    const fields: TaskFields = {
      task: input.task,
      context: input.context ?? [],
      scope: input.scope ?? '',
      nextSteps: input.next_steps ?? [],
      priority: input.priority ?? 'normal',
      labels: input.labels ?? [],
      severity: kind === 'alert' ? (input.severity ?? 'medium') : null,
    };
    const title = kind === 'handoff' ? `${HANDOFF_MARK} Handoff: ${fields.task}` : `${ALERT_MARK} Alert: ${fields.task}`;
    const holderId = input.assignee ? await this.sessionId(input.assignee, 'assignee') : undefined;
    if (input.body !== undefined) checkMessageBody(input.body, this.ctx.limits.messageBytes, 'body');
    return {
      message: { channelId: channel.id, title, body: input.body?.trim() ? input.body : handoffBody(fields, caller.session), authorId: caller.session.id, createdAt: now, replyTo: null, threadId: null },
      task: { ...fields, kind, state: holderId ? 'claimed' : 'open', ...(holderId ? { holderId, leaseExpiresAt: now + this.ctx.limits.leaseDefaultMs } : {}) },
    };
  }

  private async sessionId(raw: string | undefined, field: 'to' | 'assignee' = 'to'): Promise<string> {
    if (!raw) throw invalidInput(field, 'is required: the session id to give the task to');
    const session = await this.ctx.store.sessions.get(raw);
    if (!session) throw invalidInput(field, `session '${raw}' not found`);
    return session.id;
  }

  /** Returns a lapsed claim to open, posts a notice in alerts, and tells the former holder. Once, on any node. */
  async expire(task: Task, now: number): Promise<boolean> {
    const alerts = await this.channels.resolve('alerts');
    const change: TaskChange = {
      id: task.id,
      expect: { states: ['claimed'], fence: task.fence, leaseLapsedAt: now },
      set: { state: 'open', holderId: null, leaseExpiresAt: null, reason: 'lease expired', reasonBy: null, updatedAt: now },
      messages: [{ channelId: alerts.id, title: `⚠️ Lease expired: ${task.task}`, body: `${task.holderName} (${task.holderId}) held ${task.id}; it is open again`, authorId: task.authorId, createdAt: now, replyTo: null, threadId: null }],
      notices: task.holderId ? [{ sessionId: task.holderId, text: `your lease on ${task.id} (${task.task}) expired; it is open again and your claim ${task.fence} is void`, createdAt: now }] : [],
    };
    const result = await this.ctx.store.tasks.change(change);
    if (!result.ok) return false;
    for (const m of result.messages) this.announce(m);
    this.changed(task.id);
    this.noticesWritten(change);
    return result.ok;
  }

  /**
   * Pending notices for this session, handed out once. Asked on every call, so the store is asked
   * only the first time this hub meets a session (notices may predate it) and after a notice event.
   */
  async notices(caller: Caller): Promise<string[]> {
    const id = caller.session.id;
    if (this.checked.has(id) && !this.pending.has(id)) return [];
    if (this.checked.size >= CHECKED_MAX) this.checked.clear();
    this.checked.add(id);
    this.pending.delete(id);
    return this.ctx.store.tasks.takeNotices(id);
  }

  private noticesWritten(change: TaskChange): void {
    for (const n of change.notices ?? []) this.ctx.bus.publish({ type: 'notice', sessionId: n.sessionId });
  }

  /** Tells live views (the dashboard's board) that a task moved; a renewal posts no message but still moves its lease. */
  changed(taskId: string): void {
    this.ctx.bus.publish({ type: 'task', taskId });
  }

  private announce(message: Message): void {
    this.ctx.bus.publish({ type: 'message', channelId: message.channelId, seq: message.seq });
  }
}

const CHECKED_MAX = 10_000;

const lapsed = (task: Task, now: number): boolean => task.state === 'claimed' && task.leaseExpiresAt !== null && task.leaseExpiresAt <= now;

const linksIn = (text: string): string[] => [...text.matchAll(/https?:\/\/[^\s)>\]]+/g)].map((m) => m[0]);
