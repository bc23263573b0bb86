import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { MessageView } from '../../api/types.js';
import { useLocation, useRoute } from 'preact-iso';
import { ChannelMessages } from './channel-messages.js';
import { useChannelList } from './channel-list.js';
import { ChannelNav } from './channel-nav.js';
import { channelPath, hashTarget } from './channel-path.js';
import { Composer } from './composer.js';
import { useFillHeight } from './fill-height.js';
import { placeOf, useLinkedMessage } from './linked-message.js';
import { useMessageFeed } from './message-feed.js';
import { ThreadPanel } from './thread-panel.js';
import { lookAt } from './unread.js';
import './channels.css';

const canonical = (name: string): string => name.replace(/^#/, '').toLowerCase();

/**
 * A channel, live: the channel list, its latest messages (or the window around a linked message),
 * a thread beside it when one is open (`?thread=`), and the composer.
 */
export function ChannelsView() {
  const { params } = useRoute();
  const { url, query, route } = useLocation();
  const requested = params.channel ?? 'general';
  const target = useMemo(hashTarget, [url]);
  const linked = useLinkedMessage(target);
  const view = useRef<HTMLDivElement>(null);
  useFillHeight(view);
  const list = useChannelList();

  // A linked message older than the window shown is shown by reading the channel forward from it.
  const [anchor, setAnchor] = useState<MessageView>();
  const from = anchor && anchor.id === target ? anchor : undefined;
  const feed = useMessageFeed({ channel: requested, since: from ? from.id : query.since, anchor: from });
  const name = feed.channel ?? canonical(requested);

  useEffect(() => {
    lookAt(name);
    document.title = `#${name} · Baton`;
    return () => {
      lookAt(undefined);
      document.title = 'Baton';
    };
  }, [name]);

  // A link to a message elsewhere (another channel, or a reply in a thread) is carried to where it is seen.
  useEffect(() => {
    if (!linked || linked.id !== target) return;
    const place = placeOf(linked);
    if (place.channel !== name) route(channelPath(place.channel, { thread: place.thread, at: linked.id }), true);
    else if (place.thread && query.thread !== place.thread) route(channelPath(name, { since: query.since, thread: place.thread, at: linked.id }), true);
  }, [linked, name]);

  useEffect(() => {
    if (!linked || linked.id !== target || from || placeOf(linked).thread || linked.channel !== feed.channel) return;
    if (!feed.loading && feed.error === undefined && !feed.messages.some((m) => m.id === linked.id)) setAnchor(linked);
  }, [linked, feed.loading, feed.messages]);

  const closeThread = (): void => {
    const root = query.thread;
    // A link to a reply in this thread would open it again on a reload: it is let go with the thread.
    const keep = linked && linked.id === target && placeOf(linked).thread === root ? undefined : target;
    route(channelPath(name, { since: query.since, at: keep }));
    // Back to where the thread was opened from, for a keyboard.
    if (root) queueMicrotask(() => document.getElementById(root)?.querySelector<HTMLElement>('.channels-thread-link')?.focus());
  };
  const description = list.channels?.find((c) => c.name === name)?.description;
  return (
    <section class={`view channels${query.thread ? ' channels-with-thread' : ''}`} ref={view}>
      <ChannelNav list={list} current={name} />
      <div class="channels-main">
        <header class="channels-head">
          <h1>#{name}</h1>
          {description && <p class="muted channels-description">{description}</p>}
        </header>
        <ChannelMessages feed={feed} channel={name} since={query.since} target={target} windowed={Boolean(from) || query.since !== undefined} />
        <Composer channel={name} onPosted={(m) => (feed.newer ? route(channelPath(name)) : feed.add(m))} />
      </div>
      {query.thread && <ThreadPanel channel={name} root={query.thread} target={target} onClose={closeThread} />}
    </section>
  );
}
