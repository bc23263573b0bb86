import { now } from '../../state/clock.js';
import { ago, clock } from '../../ui/time.js';
import { Holdings } from './holdings.js';
import { isPerson } from './presence-groups.js';
import { sessionPath } from './session-paths.js';
import type { DirectoryEntry } from '../../api/types.js';

/** One session of the directory: who, through what, when last seen, and what it holds. */
export function SessionRow({ entry, selected }: { entry: DirectoryEntry; selected: boolean }) {
  return (
    <li class={`sessions-row${selected ? ' selected' : ''}`} data-testid="session-row" data-presence={entry.presence} data-session={entry.id}>
      <div class="sessions-who">
        <span class={`sessions-dot ${entry.presence}`} aria-hidden="true" />
        <a class="sessions-name" href={sessionPath(entry.id)} aria-current={selected ? 'page' : undefined}>
          {entry.name}
        </a>
        <KindTag kind={entry.kind} />
      </div>
      <div class="sessions-meta">
        <code class="sessions-id">{entry.id}</code>
        <span title="client">{entry.client}</span>
        <span title="role">{entry.role}</span>
        <span>
          seen{' '}
          <time dateTime={entry.last_seen} title={clock(entry.last_seen)}>
            {ago(entry.last_seen, now.value)}
          </time>
        </span>
      </div>
      <div class="sessions-holding">
        <Holdings holds={entry.holds} />
      </div>
    </li>
  );
}

/** People and agents look alike in the directory otherwise. */
export function KindTag({ kind }: { kind: string }) {
  const person = isPerson(kind);
  return <span class={`sessions-kind ${person ? 'person' : 'agent'}`}>{person ? 'person' : 'agent'}</span>;
}
