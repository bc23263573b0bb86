import { z } from 'zod';
import { invalidInput } from '../core/errors.js';
import { flag, intIn, parseInput } from '../core/validate.js';
import type { Channel, Message } from '../domain/types.js';
import { fitToBudget, type Fitted } from './budget.js';
import { ALERT_STATES, HANDOFF_STATES, type TaskState } from '../domain/tasks.js';
import { withTasks } from './with-tasks.js';
import type { ChannelService } from './channel-service.js';
import type { Caller, HubContext } from './context.js';
import { formatCursor, parseCursor } from './cursor.js';

export interface ReadResult {
  channel: string;
  messages: Message[];
  next_cursor: string;
  /** True when messages were left out; `note` says how to get them. */
  truncated: boolean;
  note?: string;
}

interface Page {
  /** Every message at or below head was visible when the page was read. */
  head: number;
  messages: Message[];
  /** More messages exist beyond the limit. */
  more: boolean;
  /** The position the page starts after. */
  from: number;
}

type Mode = { kind: 'latest' } | { kind: 'since'; after: number } | { kind: 'unread' };

export class ReadService {
  private readonly schema;

  constructor(
    private readonly ctx: HubContext,
    private readonly channels: ChannelService,
  ) {
    const { limits } = ctx;
    this.schema = z.object({
      channel: z.string().min(1).max(200),
      limit: intIn(1, limits.readLimitMax).default(20),
      since: z.unknown().optional(),
      thread: z.string().max(40).optional(),
      unread: flag.optional(),
      status: z.enum([...HANDOFF_STATES, ...ALERT_STATES]).optional(),
      max_chars: intIn(500, limits.readCharsMax).default(limits.readChars),
    });
  }

  /**
   * Reads one channel: the latest N, everything after a cursor, one thread, or what this session has
   * not read yet. Always bounded by max_chars, always with next_cursor.
   */
  async read(caller: Caller, raw: unknown): Promise<ReadResult> {
    const input = parseInput(this.schema, raw);
    const channel = await this.channels.resolve(input.channel);
    const since = parseCursor(input.since);
    if (since !== undefined && input.unread) throw invalidInput('unread', "cannot be combined with 'since'");
    if (input.status) return this.byStatus(channel, input.status, input.limit, input.max_chars);
    const thread = input.thread ? await this.threadIn(channel, input.thread) : undefined;
    const mode: Mode = since !== undefined ? { kind: 'since', after: since } : input.unread ? { kind: 'unread' } : { kind: 'latest' };
    const page = await this.page(caller, channel, mode, input.limit, thread);
    const fitted = fitToBudget(page.messages, input.max_chars, mode.kind === 'latest' ? 'newest' : 'oldest');
    const result = this.result(channel, page, fitted, mode);
    await withTasks(this.ctx.store, result.messages);
    if (!thread) await this.markRead(caller, channel, this.coveredFrom(page, fitted.leftOut, mode), result.next_cursor);
    return result;
  }

  /** "Check before starting" in one call: the handoffs (or alerts) of a channel in one state, oldest first. */
  private async byStatus(channel: Channel, status: TaskState, limit: number, maxChars: number): Promise<ReadResult> {
    const { store } = this.ctx;
    const head = await store.messages.head();
    const tasks = await store.tasks.list({ channelId: channel.id, states: [status], limit: limit + 1 });
    const messages = (await Promise.all(tasks.slice(0, limit).map((t) => store.messages.get(t.id)))).filter((m) => m !== undefined);
    const fitted = fitToBudget(messages, maxChars, 'oldest');
    await withTasks(this.ctx.store, fitted.messages);
    const more = tasks.length > limit || fitted.leftOut > 0;
    return {
      channel: channel.name,
      messages: fitted.messages,
      next_cursor: formatCursor(head),
      truncated: more,
      ...(more ? { note: `more ${status} items exist: raise limit, or list them with collab_tasks list` } : {}),
    };
  }

  private async threadIn(channel: Channel, id: string): Promise<string> {
    const root = await this.ctx.store.messages.get(id);
    if (!root || root.channelId !== channel.id) throw invalidInput('thread', `message '${id}' is not in channel '${channel.name}'`);
    return root.threadId ?? root.id;
  }

  /** Fetches one more than asked so the result knows whether more exist. */
  private async page(caller: Caller, channel: Channel, mode: Mode, limit: number, thread?: string): Promise<Page> {
    const { store } = this.ctx;
    // Read the head before the messages: everything at or below it is already visible.
    const head = await store.messages.head();
    if (mode.kind === 'latest') {
      const rows = await store.messages.latest(channel.id, limit + 1, thread);
      const more = rows.length > limit;
      const messages = more ? rows.slice(1) : rows;
      return { head, messages, more, from: more ? rows[0]!.seq : 0 };
    }
    const after = mode.kind === 'since' ? mode.after : await store.sessions.readCursor(caller.session.id, channel.id);
    const rows = await store.messages.after({ channelIds: [channel.id], after, limit: limit + 1, threadId: thread });
    const more = rows.length > limit;
    return { head: Math.max(head, after), messages: more ? rows.slice(0, limit) : rows, more, from: after };
  }

  private result(channel: Channel, page: Page, fitted: Fitted, mode: Mode): ReadResult {
    const { messages: kept, leftOut } = fitted;
    const base = { channel: channel.name, messages: kept };
    const cutNote = fitted.cut ? `message ${fitted.cut} was cut to fit max_chars: open its web_url, or read it with a larger max_chars` : undefined;
    if (mode.kind === 'latest') {
      const earlier = page.more || leftOut > 0;
      const from = leftOut > 0 ? page.from : 0;
      const earlierNote = earlier ? `earlier messages are not shown: page through them with since='${formatCursor(from)}'` : undefined;
      return { ...base, next_cursor: formatCursor(pastAll(page.head, kept)), ...truncation(leftOut > 0, earlierNote, cutNote) };
    }
    const complete = !page.more && leftOut === 0;
    const next = complete ? pastAll(page.head, kept) : (kept.at(-1)?.seq ?? page.head);
    const moreNote = complete ? undefined : `more messages follow: read again with since='${formatCursor(next)}'`;
    return { ...base, next_cursor: formatCursor(next), ...truncation(!complete, moreNote, cutNote) };
  }

  /** Where the returned messages start covering the channel without a gap. */
  private coveredFrom(page: Page, leftOut: number, mode: Mode): number {
    if (mode.kind !== 'latest' || leftOut === 0) return page.from;
    return page.messages[leftOut - 1]!.seq;
  }

  /** Reading advances the session's unread cursor when the result covers everything from it on. */
  private async markRead(caller: Caller, channel: Channel, from: number, next: string): Promise<void> {
    const sessions = this.ctx.store.sessions;
    const cursor = await sessions.readCursor(caller.session.id, channel.id);
    if (from <= cursor && Number(next) > cursor) await sessions.advanceReadCursor(caller.session.id, channel.id, Number(next));
  }
}

/**
 * The cursor after a complete page: the head read before the page, or the last message when one
 * committed after that head made it into the page (else the next read would return it again).
 */
const pastAll = (head: number, kept: Message[]): number => Math.max(head, kept.at(-1)?.seq ?? 0);

/** Truncated when messages were left out or a body was cut; the notes say how to get the rest. */
function truncation(leftOut: boolean, note: string | undefined, cutNote: string | undefined): { truncated: boolean; note?: string } {
  const notes = [note, cutNote].filter((n) => n !== undefined);
  return { truncated: leftOut || cutNote !== undefined, ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
}
