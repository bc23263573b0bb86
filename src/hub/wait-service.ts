import { z } from 'zod';
import { BatonError } from '../core/errors.js';
import { intIn, parseInput } from '../core/validate.js';
import type { Channel, Message } from '../domain/types.js';
import type { HubEvent } from '../events/bus.js';
import { fitToBudget } from './budget.js';
import type { ChannelService } from './channel-service.js';
import type { Caller, HubContext } from './context.js';
import { formatCursor, parseCursor } from './cursor.js';
import { SharedReads } from './shared-reads.js';
import { titlePattern } from './title-pattern.js';
import { doorbell, type Doorbell, type Ring } from './doorbell.js';

export interface WaitResult {
  channels: string[];
  messages: Message[];
  next_cursor: string;
  timed_out: boolean;
  /** Set when the hub is stopping: the caller should wait again, later. */
  closing?: boolean;
}

const SCAN_BATCH = 500;

/**
 * Blocks until a message (optionally with a matching title) lands in one of the channels after
 * the cursor, or the timeout passes. Returns at once when one already exists. Waiters sleep on the
 * bus and re-read the store when woken, so a wake-up that races a read never loses a message.
 */
export class WaitService {
  private readonly schema;
  private closing = false;
  /** Waits in progress, so close() can let them answer before the store goes away. */
  private readonly active = new Set<Promise<WaitResult>>();
  /** Open waits per session, held to limits.waitsPerSession. */
  private readonly perSession = new Map<string, number>();

  private readonly reads: SharedReads;

  constructor(
    private readonly ctx: HubContext,
    private readonly channels: ChannelService,
  ) {
    const { limits } = ctx;
    this.reads = new SharedReads(ctx.store, ctx.bus);
    this.schema = z.object({
      channels: z.array(z.string().max(200)).min(1).max(20),
      since: z.unknown().optional(),
      title: z.string().max(400).optional(),
      timeout: z.coerce.number().min(0).max(limits.waitMaxMs / 1000).optional(),
      limit: intIn(1, limits.readLimitMax).default(20),
      max_chars: intIn(500, limits.readCharsMax).default(limits.readChars),
    });
  }

  async wait(caller: Caller, raw: unknown, signal?: AbortSignal): Promise<WaitResult> {
    const id = caller.session.id;
    const open = this.perSession.get(id) ?? 0;
    if (open >= this.ctx.limits.waitsPerSession) {
      throw new BatonError('rate_limited', `wait: session ${id} already has ${open} waits open, the most one session may hold`);
    }
    this.perSession.set(id, open + 1);
    const waiting = this.waitNow(caller, raw, signal);
    this.active.add(waiting);
    try {
      return await waiting;
    } finally {
      this.active.delete(waiting);
      const left = (this.perSession.get(id) ?? 1) - 1;
      if (left > 0) this.perSession.set(id, left);
      else this.perSession.delete(id);
    }
  }

  private async waitNow(caller: Caller, raw: unknown, signal?: AbortSignal): Promise<WaitResult> {
    const input = parseInput(this.schema, raw);
    const channels = await this.resolveAll(input.channels);
    const pattern = titlePattern(input.title);
    const since = parseCursor(input.since);
    const timeoutMs = input.timeout === undefined ? this.ctx.limits.waitDefaultMs : input.timeout * 1000;
    const starts = since !== undefined ? new Map(channels.map((c) => [c.id, since])) : await this.readCursors(caller, channels);
    const wake = this.wakeOn(channels, timeoutMs, signal);
    try {
      let from = Math.min(...starts.values());
      for (;;) {
        const scan = await this.scan(channels, starts, from, pattern, input.limit);
        if (scan.matches.length > 0 || wake.ended()) {
          const kept = fitToBudget(scan.matches, input.max_chars, 'oldest');
          const next = kept.leftOut > 0 ? kept.messages.at(-1)!.seq : scan.upTo;
          if (since === undefined) await this.markRead(caller, channels, next);
          return this.result(channels, kept.messages, next, scan.matches.length === 0);
        }
        from = scan.upTo;
        await wake.next();
      }
    } finally {
      wake.stop();
    }
  }

  /**
   * Answers every waiter now (the hub is stopping) and resolves once all have returned; new waits
   * return at once.
   */
  async close(): Promise<void> {
    this.closing = true;
    this.ctx.bus.publish({ type: 'shutdown' });
    await Promise.allSettled([...this.active]);
  }

  private result(channels: Channel[], messages: Message[], next: number, timedOut: boolean): WaitResult {
    return {
      channels: channels.map((c) => c.name),
      messages,
      next_cursor: formatCursor(next),
      timed_out: timedOut,
      ...(timedOut && this.closing ? { closing: true } : {}),
    };
  }

  private async resolveAll(names: string[]): Promise<Channel[]> {
    const channels = await Promise.all(names.map((n) => this.channels.resolve(n)));
    return [...new Map(channels.map((c) => [c.id, c])).values()];
  }

  private async readCursors(caller: Caller, channels: Channel[]): Promise<Map<number, number>> {
    const sessions = this.ctx.store.sessions;
    const entries = await Promise.all(
      channels.map(async (c) => [c.id, await sessions.readCursor(caller.session.id, c.id)] as const),
    );
    return new Map(entries);
  }

  /** Reads forward from `from` to the head, keeping what is new for its channel and matches. */
  private async scan(channels: Channel[], starts: Map<number, number>, from: number, pattern: RegExp | undefined, limit: number) {
    const channelIds = channels.map((c) => c.id);
    const matches: Message[] = [];
    let upTo = from;
    let head: number | undefined;
    for (;;) {
      const read = await this.reads.after(channelIds, upTo, SCAN_BATCH);
      head ??= read.head;
      const batch = read.batch;
      for (const m of batch) {
        upTo = m.seq;
        if (m.seq <= starts.get(m.channelId)! || (pattern && !pattern.test(m.title))) continue;
        matches.push(m);
        if (matches.length === limit) return { matches, upTo };
      }
      if (batch.length < SCAN_BATCH) return { matches, upTo: Math.max(upTo, head) };
    }
  }

  private async markRead(caller: Caller, channels: Channel[], upTo: number): Promise<void> {
    for (const c of channels) await this.ctx.store.sessions.advanceReadCursor(caller.session.id, c.id, upTo);
  }

  /** A wake-up source: a post in one of the channels (or a resync), the timeout, an abort, or shutdown. */
  private wakeOn(channels: Channel[], timeoutMs: number, signal?: AbortSignal): Doorbell {
    const ids = new Set(channels.map((c) => c.id));
    const meaning = (e: HubEvent): Ring =>
      e.type === 'shutdown' ? 'end' : e.type === 'resync' || (e.type === 'message' && ids.has(e.channelId)) ? 'ring' : undefined;
    return doorbell(this.ctx.bus, meaning, { endAfterMs: timeoutMs, ended: this.closing, ...(signal ? { signal } : {}) });
  }
}
