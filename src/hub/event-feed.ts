import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import type { Channel, Message } from '../domain/types.js';
import type { ChannelService } from './channel-service.js';
import type { HubContext } from './context.js';
import { parseCursor } from './cursor.js';
import type { HubEvent } from '../events/bus.js';
import { doorbell, type Ring } from './doorbell.js';
import { SharedReads } from './shared-reads.js';

/**
 * What a feed hands out: committed messages in order (resumable by their position), live document,
 * task and run changes (not resumable: a client that reconnects reads the current state), and a beat when idle.
 */
export type FeedItem =
  | { kind: 'message'; message: Message }
  | { kind: 'document'; documentId: string; version: number }
  | { kind: 'task'; taskId: string }
  | { kind: 'run'; runId: string }
  | { kind: 'beat' };

export interface Feed {
  /** Only these channels; undefined for every channel, those made later included. */
  channels: Channel[] | undefined;
  /** Messages after this position. */
  after: number;
}

const FeedInput = z.object({
  channels: z.array(z.string().max(200)).max(50).optional(),
  since: z.unknown().optional(),
});

/** The events that wake a feed. */
const RINGING = new Set<HubEvent['type']>(['message', 'document', 'task', 'run', 'resync']);

/** Messages read per store call; a feed far behind catches up in pages of this size. */
const PAGE = 200;

/**
 * The live feed of a workspace, for event streams: it reads by cursor and sleeps on the bus, like a
 * wait, so a dropped connection resumes from its last message position and misses nothing.
 */
export class EventFeed {
  /** Streams woken by one post read it once between them, as waiters do. */
  private readonly reads: SharedReads;
  private everyChannel: Promise<Channel[]> | undefined;

  constructor(
    private readonly ctx: HubContext,
    private readonly channels: ChannelService,
  ) {
    this.reads = new SharedReads(ctx.store, ctx.bus);
  }

  /** Checks the request before any event is sent: unknown channels and bad cursors are refused here. */
  async open(raw: unknown): Promise<Feed> {
    const input = parseInput(FeedInput, raw);
    const channels = input.channels?.length ? await Promise.all(input.channels.map((name) => this.channels.resolve(name))) : undefined;
    const since = parseCursor(input.since);
    return { channels, after: since ?? (await this.ctx.store.messages.head()) };
  }

  /** Follows the feed until the signal aborts or the hub stops; a beat comes after `beatMs` of quiet. */
  async *follow(feed: Feed, signal: AbortSignal, beatMs = 15_000): AsyncGenerator<FeedItem> {
    const wake = this.wakeUp(signal);
    let after = feed.after;
    try {
      for (;;) {
        const messages = await this.page(feed, after);
        for (const message of messages) yield { kind: 'message', message };
        after = messages.at(-1)?.seq ?? after;
        if (messages.length === PAGE) continue;
        for (const change of wake.changes.splice(0)) yield change;
        if (wake.ended()) return;
        if (!(await wake.next(beatMs))) yield { kind: 'beat' };
      }
    } finally {
      wake.stop();
    }
  }

  private async page(feed: Feed, after: number): Promise<Message[]> {
    const channels = feed.channels ?? (await this.allChannels());
    return (await this.reads.after(channels.map((c) => c.id), after, PAGE)).batch;
  }

  /** Every channel, those made a moment ago included; listed once per turn of the event loop for all streams. */
  private allChannels(): Promise<Channel[]> {
    if (!this.everyChannel) {
      this.everyChannel = this.ctx.store.channels.list();
      setImmediate(() => (this.everyChannel = undefined));
    }
    return this.everyChannel;
  }

  /** Rung by any message, document, task or run (all but messages are kept to be handed out), ended by an abort or shutdown. */
  private wakeUp(signal: AbortSignal) {
    const changes: FeedItem[] = [];
    const meaning = (event: HubEvent): Ring => {
      if (event.type === 'document') changes.push({ kind: 'document', documentId: event.documentId, version: event.version });
      if (event.type === 'task' && !changes.some((c) => c.kind === 'task' && c.taskId === event.taskId)) changes.push({ kind: 'task', taskId: event.taskId });
      // A run saves many steps in a burst; one event carries the run as it is by the time it is sent.
      if (event.type === 'run' && !changes.some((c) => c.kind === 'run' && c.runId === event.runId)) changes.push({ kind: 'run', runId: event.runId });
      return event.type === 'shutdown' ? 'end' : RINGING.has(event.type) ? 'ring' : undefined;
    };
    return { changes, ...doorbell(this.ctx.bus, meaning, { signal }) };
  }
}
