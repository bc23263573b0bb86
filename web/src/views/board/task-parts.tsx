import type { ComponentChildren } from 'preact';
import type { TaskView } from '../../api/types.js';
import { now } from '../../state/clock.js';
import { href, localPath } from '../../state/place.js';
import { ErrorNote } from '../../ui/error-note.js';
import { Markdown } from '../../ui/markdown.js';
import { ago, clock, leaseLeft } from '../../ui/time.js';
import type { LiveTasks } from './live-tasks.js';
import { safeLink } from './safe-link.js';
import './card.css';

/** The task's name, linking to the message that announced it. */
export function TaskName({ task }: { task: TaskView }) {
  return (
    <h3 class="board-name">
      <a href={localPath(task.web_url)}>{task.task}</a>
    </h3>
  );
}

/** Who holds it, linking to their session. */
export function Holder({ task, label }: { task: TaskView; label: string }) {
  if (!task.holder_id) return null;
  return (
    <span class="board-holder">
      {label} <a href={href(`/sessions/${encodeURIComponent(task.holder_id)}`)}>{task.holder ?? task.holder_id}</a>
    </span>
  );
}

/** The time left on a claim, counting down every second. */
export function LeaseLeft({ task }: { task: TaskView }) {
  const left = leaseLeft(task.lease_expires_at, now.value);
  if (!left) return null;
  const expired = left === 'expired';
  return (
    <span class={`board-lease${expired ? ' expired' : ''}`} data-testid="lease" title={task.lease_expires_at ? `lease ends ${clock(task.lease_expires_at)}` : undefined}>
      {expired ? 'lease expired' : <>lease <time>{left}</time> left</>}
    </span>
  );
}

export function Age({ iso, prefix }: { iso: string; prefix: string }) {
  return (
    <time class="board-age" dateTime={iso} title={clock(iso)}>
      {prefix} {ago(iso, now.value)}
    </time>
  );
}

/** Labels agents gave the task (the kind of instance wanted). */
export function Labels({ labels }: { labels: readonly string[] }) {
  if (!labels.length) return null;
  return (
    <ul class="board-labels" aria-label="labels">
      {labels.map((label) => (
        <li>{label}</li>
      ))}
    </ul>
  );
}

/** Links an agent gave: hub pages open in place, others in a new tab, anything not http(s) stays text. */
export function Links({ title, links }: { title: string; links: readonly string[] }) {
  if (!links.length) return null;
  return (
    <div class="board-links">
      <span class="muted">{title}</span>
      <ul>
        {links.map((raw) => {
          const link = safeLink(raw);
          if (!link) return <li class="muted">{raw}</li>;
          return <li>{link.local ? <a href={link.href}>{link.text}</a> : <a href={link.href} target="_blank" rel="noopener noreferrer nofollow">{link.text}</a>}</li>;
        })}
      </ul>
    </div>
  );
}

/** A result, as the Markdown its author wrote; long ones scroll inside the card. */
export function Result({ text }: { text: string | null }) {
  if (!text) return null;
  return <Markdown text={text} class="md board-result" />;
}

/** Why it failed or was cancelled: plain text. */
export function Reason({ text }: { text: string | null }) {
  if (!text) return null;
  return <p class="board-reason">{text}</p>;
}

/** The refusal of the last action tried on this card, until it is dismissed or another is tried. */
export function CardNote({ tasks, id }: { tasks: LiveTasks; id: string }) {
  const error = tasks.notes.value.get(id);
  if (error === undefined) return null;
  return (
    <div class="board-note">
      <ErrorNote error={error} />
      <button type="button" onClick={() => tasks.note(id, undefined)}>
        Dismiss
      </button>
    </div>
  );
}

export function Meta({ children }: { children: ComponentChildren }) {
  return <div class="board-meta">{children}</div>;
}

/** Urgent and high work stands out; normal says nothing. */
export function Priority({ priority }: { priority: TaskView['priority'] }) {
  if (priority === 'normal') return null;
  return <span class={`board-priority priority-${priority}`}>{priority}</span>;
}
