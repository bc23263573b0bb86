import { href } from '../../state/place.js';

export interface ChannelPlace {
  /** The thread open beside the channel (its root message id). */
  thread?: string | undefined;
  /** The hub's cursor to read the channel forward from, instead of its latest messages. */
  since?: string | undefined;
  /** The message to bring into view. */
  at?: string | undefined;
}

/** The page path of a channel (and, optionally, an open thread and a message to show). */
export function channelPath(channel: string, place: ChannelPlace = {}): string {
  const query = new URLSearchParams();
  if (place.since !== undefined) query.set('since', place.since);
  if (place.thread !== undefined) query.set('thread', place.thread);
  const search = query.size ? `?${query}` : '';
  const hash = place.at ? `#${encodeURIComponent(place.at)}` : '';
  return href(`/c/${encodeURIComponent(channel)}${search}${hash}`);
}

/** The message named by the page's `#<id>`, if any. */
export function hashTarget(): string | undefined {
  if (location.hash.length < 2) return undefined;
  try {
    return decodeURIComponent(location.hash.slice(1));
  } catch {
    return undefined;
  }
}
