import { useMemo, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ErrorNote } from '../../ui/error-note.js';
import { useBringIntoView } from './bring-into-view.js';
import { channelPath } from './channel-path.js';
import { followHubLinks } from './hub-links.js';
import { isReply, threadSummaries } from './merge.js';
import type { Feed } from './message-feed.js';
import { MessageItem, ReplyLine } from './message-item.js';
import { useStickToBottom } from './stick-to-bottom.js';

export interface ChannelMessagesProps {
  feed: Feed;
  channel: string;
  /** The cursor the window was read from, kept in every link of the page. */
  since: string | undefined;
  /** The message the page links to (`#<id>`). */
  target: string | undefined;
  /** The window starts at a linked message rather than ending at the newest. */
  windowed: boolean;
}

/**
 * The channel's messages, oldest at the top. A reply is counted on its root when the root is
 * shown, else it gets a line of its own that opens its thread.
 */
export function ChannelMessages({ feed, channel, since, target, windowed }: ChannelMessagesProps) {
  const { route } = useLocation();
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const atBottom = useStickToBottom(box, list);
  const { messages } = feed;
  const summaries = useMemo(() => threadSummaries(messages), [messages]);
  const roots = useMemo(() => new Set(messages.filter((m) => !isReply(m)).map((m) => m.id)), [messages]);
  const shown = useMemo(() => messages.filter((m) => !isReply(m) || !roots.has(m.thread_id)), [messages, roots]);
  const linked = messages.find((m) => m.id === target);
  const highlight = linked && isReply(linked) && roots.has(linked.thread_id) ? linked.thread_id : linked?.id;
  useBringIntoView(highlight, shown.some((m) => m.id === highlight), atBottom);
  const threadHref = (root: string): string => channelPath(channel, { since, thread: root, at: target });
  return (
    <div
      class="channels-scroll"
      ref={box}
      data-testid="messages"
      role="log"
      aria-label={`Messages in #${channel}`}
      tabIndex={0}
      onClick={followHubLinks(route)}
    >
      <div class="channels-list" ref={list}>
        {windowed && (
          <p class="channels-window muted">
            Shown from a linked message on. <a href={channelPath(channel)}>Jump to the latest</a>
          </p>
        )}
        {feed.error !== undefined && <ErrorNote error={feed.error} />}
        {feed.loading && !messages.length && <p class="muted">Loading…</p>}
        {!feed.loading && feed.error === undefined && !messages.length && <p class="muted channels-empty">No messages in #{channel} yet.</p>}
        {shown.map((m) =>
          isReply(m) ? (
            <ReplyLine message={m} highlighted={m.id === highlight} threadHref={threadHref(m.thread_id)} />
          ) : (
            <MessageItem message={m} domId={m.id} highlighted={m.id === highlight} thread={{ href: threadHref(m.id), summary: summaries.get(m.id) }} />
          ),
        )}
        {feed.newer && (
          <button type="button" class="channels-newer" onClick={feed.readNewer} disabled={feed.loading}>
            Show newer messages
          </button>
        )}
      </div>
    </div>
  );
}
