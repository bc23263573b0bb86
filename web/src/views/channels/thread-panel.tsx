import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ErrorNote } from '../../ui/error-note.js';
import { useBringIntoView } from './bring-into-view.js';
import { Composer } from './composer.js';
import { followHubLinks } from './hub-links.js';
import { useMessageFeed } from './message-feed.js';
import { MessageItem } from './message-item.js';
import { useStickToBottom } from './stick-to-bottom.js';

export interface ThreadPanelProps {
  channel: string;
  root: string;
  target: string | undefined;
  onClose(): void;
}

/** A thread beside its channel, live like it, with a reply box; Escape or the close button shuts it. */
export function ThreadPanel({ channel, root, target, onClose }: ThreadPanelProps) {
  const { route } = useLocation();
  const feed = useMessageFeed({ channel, thread: root });
  const heading = useRef<HTMLHeadingElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const atBottom = useStickToBottom(box, list);
  const linked = target && feed.messages.some((m) => m.id === target) ? target : undefined;
  useBringIntoView(linked && `thread-${linked}`, Boolean(linked), atBottom);
  useEffect(() => heading.current?.focus(), [root]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  const first = feed.messages[0];
  return (
    <aside class="channels-thread" data-testid="thread" aria-labelledby="channels-thread-heading">
      <header class="channels-thread-head">
        <h2 id="channels-thread-heading" ref={heading} tabIndex={-1}>
          Thread
          {first && <span class="channels-thread-of muted"> · {first.title || first.sender}</span>}
        </h2>
        <button type="button" class="channels-close" onClick={onClose} aria-label="Close thread" title="Close (Esc)">
          ✕
        </button>
      </header>
      <div
        class="channels-scroll"
        ref={box}
        data-testid="thread-messages"
        role="log"
        aria-label="Messages in this thread"
        tabIndex={0}
        onClick={followHubLinks(route)}
      >
        <div class="channels-list" ref={list}>
          {feed.error !== undefined && <ErrorNote error={feed.error} />}
          {feed.loading && !feed.messages.length && <p class="muted">Loading…</p>}
          {feed.messages.map((m) => (
            <MessageItem message={m} domId={`thread-${m.id}`} highlighted={m.id === linked} />
          ))}
        </div>
      </div>
      <Composer channel={channel} replyTo={root} onPosted={feed.add} />
    </aside>
  );
}
