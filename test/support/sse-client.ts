import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { atFileEnd } from './cleanup.js';
import { authHeaders } from './hub-tokens.js';

export interface EventStream {
  status: number;
  /** The next event, or undefined when the stream ended. */
  next(): Promise<EventSourceMessage | undefined>;
  /** The next event of this type, skipping others (heartbeats, say). */
  nextOf(type: string): Promise<EventSourceMessage | undefined>;
  close(): void;
}

/**
 * A server-sent events client over fetch, as a page with a token in hand would use: the hub's admin
 * token unless headers bring another, Last-Event-ID when resuming. Closed when the test file ends.
 */
export async function openEvents(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { ...authHeaders(url), accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const queue: EventSourceMessage[] = [];
  const waiting: ((event: EventSourceMessage | undefined) => void)[] = [];
  let ended = false;
  const parser = createParser({
    onEvent: (event) => {
      const waiter = waiting.shift();
      if (waiter) waiter(event);
      else queue.push(event);
    },
  });
  const finish = () => {
    ended = true;
    for (const waiter of waiting.splice(0)) waiter(undefined);
  };
  if (response.ok && response.body) {
    void (async () => {
      try {
        for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) parser.feed(chunk);
      } catch {
        // Closed by the test, or the hub went away.
      }
      finish();
    })();
  } else finish();
  const next = (): Promise<EventSourceMessage | undefined> =>
    queue.length > 0 ? Promise.resolve(queue.shift()) : ended ? Promise.resolve(undefined) : new Promise((resolve) => waiting.push(resolve));
  const stream: EventStream = {
    status: response.status,
    next,
    nextOf: async (type) => {
      for (let event = await next(); event; event = await next()) if ((event.event ?? 'message') === type) return event;
      return undefined;
    },
    close: () => abort.abort(),
  };
  atFileEnd(() => stream.close());
  return stream;
}
