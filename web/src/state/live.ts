import { signal } from '@preact/signals';
import type { MessageView, RunView, TaskView } from '../api/types.js';
import { apiUrl } from '../api/http.js';

/** What the hub's event stream carries, by event name. */
export interface LiveEvents {
  /** The stream (re)opened: views that keep state (the board, counts) read it again. */
  ready: { cursor: string };
  message: MessageView;
  task: TaskView;
  document: { document_id: string; version: number; web_url: string };
  /** A recipe run after any change, without its recipe text. */
  run: Omit<RunView, 'text'>;
}

type Handler<K extends keyof LiveEvents> = (data: LiveEvents[K]) => void;

/** Whether the stream is open; the header shows it. */
export const connected = signal(false);

const handlers: { [K in keyof LiveEvents]: Set<Handler<K>> } = { ready: new Set(), message: new Set(), task: new Set(), document: new Set(), run: new Set() };
let source: EventSource | undefined;
let lastId: string | undefined;

/** Listens for one kind of event; returns the function that stops listening. */
export function on<K extends keyof LiveEvents>(kind: K, handler: Handler<K>): () => void {
  (handlers[kind] as Set<Handler<K>>).add(handler);
  return () => (handlers[kind] as Set<Handler<K>>).delete(handler);
}

/**
 * One stream for the whole app. The browser reconnects by itself with Last-Event-ID; when the hub
 * refuses or has gone for good (the stream closes), it is opened again from the last message seen,
 * so nothing is missed either way.
 */
export function startLive(): void {
  source?.close();
  source = new EventSource(apiUrl('/events', { query: { since: lastId } }));
  source.addEventListener('open', () => (connected.value = true));
  source.addEventListener('error', () => {
    connected.value = false;
    if (source?.readyState === EventSource.CLOSED) setTimeout(startLive, 3000);
  });
  for (const kind of Object.keys(handlers) as (keyof LiveEvents)[]) {
    source.addEventListener(kind, (event) => {
      const message = event as MessageEvent<string>;
      if (message.lastEventId) lastId = message.lastEventId;
      const data = JSON.parse(message.data) as never;
      for (const handler of handlers[kind]) (handler as (d: never) => void)(data);
    });
  }
}
