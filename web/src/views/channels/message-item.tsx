import type { MessageView } from '../../api/types.js';
import { kindOf } from '../../ui/kind.js';
import { Markdown } from '../../ui/markdown.js';
import { AgoTime } from './ago-time.js';
import type { ThreadSummary } from './merge.js';
import { TaskBadge } from './task-badge.js';

export interface MessageItemProps {
  message: MessageView;
  /** The element's id: the message id in the channel, prefixed in the thread panel so ids stay unique. */
  domId: string;
  highlighted: boolean;
  /** Where its thread opens, with what the window knows of it (none inside the thread panel). */
  thread?: { href: string; summary: ThreadSummary | undefined } | undefined;
}

/** One message: who and when, its title in the colour of its kind, its markdown body, its task, its thread. */
export function MessageItem({ message, domId, highlighted, thread }: MessageItemProps) {
  const kind = kindOf(message.title);
  return (
    <article
      class={`channels-msg${kind ? ` kind-${kind.kind}` : ''}${highlighted ? ' highlight' : ''}`}
      data-testid="message"
      id={domId}
      data-kind={kind?.kind}
      aria-current={highlighted ? 'true' : undefined}
    >
      <header class="channels-msg-head">
        <span class="channels-sender" title={message.sender_id}>
          {message.sender}
        </span>
        <AgoTime iso={message.timestamp} />
        <TaskBadge message={message} />
      </header>
      {message.title && (
        <p class="channels-title">
          {kind && <span class="sr-only">{kind.label}: </span>}
          {message.title}
        </p>
      )}
      {message.content && <Markdown text={message.content} class="md channels-body" />}
      {thread && <ThreadLink {...thread} />}
    </article>
  );
}

function ThreadLink({ href, summary }: { href: string; summary: ThreadSummary | undefined }) {
  return (
    <p class="channels-thread-line">
      <a class={`channels-thread-link${summary ? ' channels-has-replies' : ''}`} href={href} data-testid="thread-link">
        {summary ? `${summary.count} ${summary.count === 1 ? 'reply' : 'replies'}` : 'Reply in thread'}
      </a>
      {summary && <AgoTime iso={summary.last} prefix="last reply " />}
    </p>
  );
}

/** A preview of a message as plain text (never markup): its title, else the start of its body. */
const preview = (m: MessageView): string => {
  const text = m.title || m.content.replace(/\s+/g, ' ').trim();
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
};

/** A reply whose thread began before the messages shown: one line in the channel, opening the thread. */
export function ReplyLine({ message, highlighted, threadHref }: { message: MessageView; highlighted: boolean; threadHref: string }) {
  const kind = kindOf(message.title);
  return (
    <article
      class={`channels-msg channels-reply${kind ? ` kind-${kind.kind}` : ''}${highlighted ? ' highlight' : ''}`}
      data-testid="message"
      id={message.id}
      data-kind={kind?.kind}
      aria-current={highlighted ? 'true' : undefined}
    >
      <span aria-hidden="true">↳ </span>
      <span class="channels-sender" title={message.sender_id}>
        {message.sender}
      </span>{' '}
      replied in a thread: {kind && <span class="sr-only">{kind.label}: </span>}
      <span class="channels-reply-text">{preview(message)}</span>{' '}
      <a class="channels-thread-link" href={threadHref} data-testid="thread-link">
        Open thread
      </a>{' '}
      <AgoTime iso={message.timestamp} />
      <TaskBadge message={message} />
    </article>
  );
}
