import type { MessageView } from '../../api/types.js';
import { now } from '../../state/clock.js';
import { href } from '../../state/place.js';
import { kindOf } from '../../ui/kind.js';
import { Markdown } from '../../ui/markdown.js';
import { ago, clock } from '../../ui/time.js';
import { messagePath } from './session-paths.js';

/** One message a session wrote: its title styled by kind (a link to it), where and when, and its body. */
export function RecentMessage({ message }: { message: MessageView }) {
  const kind = kindOf(message.title);
  return (
    <li class={`sessions-message${kind ? ` kind-${kind.kind}` : ''}`} data-testid="session-message" data-message={message.id}>
      <div class="sessions-message-head">
        <a class="sessions-message-title" href={messagePath(message.id)}>
          {kind && <span class="badge">{kind.label}</span>}
          {kind && ' '}
          {message.title || <span class="muted">(no title)</span>}
        </a>
        {message.task && (
          <span class="badge sessions-task" title={message.task.holder ? `held by ${message.task.holder}` : undefined}>
            {message.task.kind} {message.task.state}
          </span>
        )}
      </div>
      <div class="sessions-message-meta muted">
        <a href={href(`/c/${encodeURIComponent(message.channel)}`)}>#{message.channel}</a> ·{' '}
        <time dateTime={message.timestamp} title={clock(message.timestamp)}>
          {ago(message.timestamp, now.value)}
        </time>
      </div>
      {message.content && <Markdown text={message.content} class="md sessions-message-body" />}
    </li>
  );
}
