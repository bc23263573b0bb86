import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { setTimeout as sleep } from 'node:timers/promises';
import { Backoff } from './backoff.js';
import { HubClientError, HubUnreachableError, isTransient, type ClientErrorCode } from './client-error.js';

/** Where the live stream is: a workspace's base URL (`…/w/<name>` or the hub's own) and the token. */
export interface StreamTarget {
  baseUrl: string;
  token: string | undefined;
  /** Only these channels' messages (task and document events come regardless). */
  channels?: string[];
}

/** One event of the stream, its data parsed. */
export interface LiveEvent {
  event: string;
  data: unknown;
}

export interface LiveHandlers {
  /** Every event, `ready` included: it comes at each (re)connection, when state kept elsewhere must be read again. */
  event(event: LiveEvent): void;
  /** The connection dropped; the next try is in `retryMs`. */
  dropped?(reason: string, retryMs: number): void;
}

/** The hub beats every 15 s on a quiet stream; this long without a byte means the connection is dead. */
const SILENCE_MS = 45_000;

/**
 * Follows a workspace's live stream (`GET /api/v1/events`) until the signal aborts, reconnecting with
 * backoff whenever it drops or goes silent, from the last message seen, so no message is missed.
 * Throws only when the hub refuses the stream (a revoked token, say): trying again would not change
 * its answer.
 */
export async function followEvents(target: StreamTarget, handlers: LiveHandlers, signal: AbortSignal): Promise<void> {
  const backoff = new Backoff();
  const position = { lastId: undefined as string | undefined };
  while (!signal.aborted) {
    let reason: string;
    try {
      await streamOnce(target, handlers, signal, position, () => backoff.reset());
      reason = 'the hub ended it';
    } catch (error) {
      if (signal.aborted) return;
      if (!isTransient(error)) throw error;
      reason = error instanceof Error ? error.message : String(error);
    }
    if (signal.aborted) return;
    const wait = backoff.next();
    handlers.dropped?.(reason, wait);
    try {
      await sleep(wait, undefined, { signal });
    } catch {
      return;
    }
  }
}

/** One connection: resolves when the hub ends it, throws when it fails or goes silent. */
async function streamOnce(target: StreamTarget, handlers: LiveHandlers, signal: AbortSignal, position: { lastId: string | undefined }, connected: () => void): Promise<void> {
  const abort = new AbortController();
  const stop = () => abort.abort();
  signal.addEventListener('abort', stop, { once: true });
  let silent = false;
  const arm = () =>
    setTimeout(() => {
      silent = true;
      abort.abort();
    }, SILENCE_MS);
  let watchdog = arm();
  try {
    const response = await open(urlOf(target, position.lastId), target.token, abort.signal);
    const parser = createParser({ onEvent: (event) => deliver(event, handlers, position, connected) });
    for await (const chunk of response.body!.pipeThrough(new TextDecoderStream(), { signal: abort.signal })) {
      clearTimeout(watchdog);
      watchdog = arm();
      parser.feed(chunk);
    }
  } catch (error) {
    if (silent) throw new HubClientError('unreachable', `nothing from the hub for ${SILENCE_MS / 1000} s`, 0);
    throw error;
  } finally {
    clearTimeout(watchdog);
    signal.removeEventListener('abort', stop);
  }
}

function urlOf(target: StreamTarget, since: string | undefined): string {
  const url = new URL(`${target.baseUrl}/api/v1/events`);
  if (target.channels?.length) url.searchParams.set('channels', target.channels.join(','));
  if (since) url.searchParams.set('since', since);
  return url.href;
}

async function open(url: string, token: string | undefined, signal: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) }, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new HubUnreachableError(url, error);
  }
  if (response.ok && response.body) return response;
  const text = await response.text().catch(() => '');
  const wire = parsed(text);
  const message = typeof wire?.error === 'string' ? wire.error : `the hub answered ${response.status} to its event stream`;
  throw new HubClientError(typeof wire?.code === 'string' ? (wire.code as ClientErrorCode) : 'bad_response', message, response.status);
}

function deliver(event: EventSourceMessage, handlers: LiveHandlers, position: { lastId: string | undefined }, connected: () => void): void {
  if (event.id) position.lastId = event.id;
  if (event.event === 'ready') connected();
  handlers.event({ event: event.event ?? 'message', data: parsed(event.data) });
}

function parsed(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
