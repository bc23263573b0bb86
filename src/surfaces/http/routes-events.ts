import { Hono } from 'hono';
import { streamSSE, type SSEMessage } from 'hono/streaming';
import type { FeedItem } from '../../hub/event-feed.js';
import type { Hub } from '../../hub/hub.js';
import type { Message } from '../../domain/types.js';
import { messageView, runView, taskView } from '../../hub/views.js';
import { channelList, queryOf } from './request-input.js';
import type { WaitGauge } from './wait-gauge.js';

/**
 * GET /events: the workspace live, as server-sent events. Each message carries its position as the
 * event id, so a client that reconnects with Last-Event-ID (or `since`) gets everything it missed.
 */
export function eventRoutes(hub: Hub, streams: WaitGauge): Hono {
  const app = new Hono();
  // Streams woken by one post share its message object, so it is turned into text once for all of them.
  const written = new WeakMap<Message, SSEMessage>();
  const tasks = new SharedViews(async (id) => taskView(await hub.tasks.get(id), hub.context.links));
  const runs = new SharedViews((id) => runNow(hub, id));
  const sse = async (item: FeedItem): Promise<SSEMessage> => {
    if (item.kind === 'task') return { event: 'task', data: await tasks.text(item.taskId) };
    if (item.kind === 'run') return { event: 'run', data: await runs.text(item.runId) };
    if (item.kind !== 'message') return other(item, hub);
    const known = written.get(item.message);
    if (known) return known;
    const event = { event: 'message', id: String(item.message.seq), data: JSON.stringify(messageView(item.message, hub.context.links)) };
    written.set(item.message, event);
    return event;
  };
  app.get('/events', async (c) => {
    const feed = await hub.events.open({ channels: channelList(c), since: c.req.header('last-event-id') || c.req.query('since') });
    c.header('x-accel-buffering', 'no');
    return streamSSE(c, (stream) =>
      streams.around(async () => {
        const stop = new AbortController();
        stream.onAbort(() => stop.abort());
        c.req.raw.signal.addEventListener('abort', () => stop.abort());
        // Tells a browser how long to wait before it reconnects, once, up front.
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ cursor: String(feed.after) }), retry: 2000 });
        for await (const item of hub.events.follow(feed, stop.signal)) {
          if (stream.aborted || stream.closed) break;
          await stream.writeSSE(await sse(item));
        }
      }),
    );
  });
  return app;
}

/** A task's or a run's view as text, read and serialized once for every stream woken by the same change. */
class SharedViews {
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly read: (id: string) => Promise<unknown>) {}

  text(id: string): Promise<string> {
    let known = this.pending.get(id);
    if (!known) {
      known = this.read(id).then((view) => JSON.stringify(view));
      this.pending.set(id, known);
      setImmediate(() => this.pending.delete(id));
    }
    return known;
  }
}

/** A run as it is now, without its recipe text: that never changes, and a run saves many steps. */
async function runNow(hub: Hub, id: string) {
  const run = await hub.runs.get(id);
  const { text: _text, ...view } = runView(run, await hub.runs.tasksOf(run.steps));
  return view;
}

function other(item: Exclude<FeedItem, { kind: 'message' | 'task' | 'run' }>, hub: Hub): SSEMessage {
  switch (item.kind) {
    case 'document':
      return { event: 'document', data: JSON.stringify({ document_id: item.documentId, version: item.version, web_url: hub.context.links.document(item.documentId, item.version) }) };
    case 'beat':
      return { event: 'beat', data: '{}' };
  }
}
