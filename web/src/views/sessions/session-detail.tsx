import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../../api/http.js';
import { now } from '../../state/clock.js';
import { on } from '../../state/live.js';
import { href } from '../../state/place.js';
import { ErrorNote } from '../../ui/error-note.js';
import { ago, clock } from '../../ui/time.js';
import { Holdings } from './holdings.js';
import { useLiveRead } from './live-read.js';
import { RecentMessage } from './recent-message.js';
import { KindTag } from './session-row.js';
import type { DirectoryEntry, SessionMessages } from '../../api/types.js';

const RECENT = 20;

interface Detail {
  session: DirectoryEntry;
  recent: SessionMessages;
}

/** A session in full, with what it wrote lately; a new post of its own shows up as it is committed. */
export function SessionDetail({ id }: { id: string }) {
  const path = `/sessions/${encodeURIComponent(id)}`;
  const detail = useLiveRead<Detail>(
    async () => {
      const [one, recent] = await Promise.all([api<{ session: DirectoryEntry }>(path), api<SessionMessages>(`${path}/messages`, { query: { limit: RECENT } })]);
      return { session: one.session, recent };
    },
    (again) => [on('ready', again), on('task', again), on('message', (message) => message.sender_id === id && again())],
    [id],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = detail.value !== undefined;
  // The list may be hidden beside the panel (a narrow screen): the reader lands on what they chose.
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [id, loaded]);

  return (
    <aside class="sessions-detail" aria-label="Session" data-testid="session-detail">
      <a class="sessions-back" href={href('/sessions')}>
        ← All sessions
      </a>
      {detail.error !== undefined && <ErrorNote error={detail.error} />}
      {!detail.value ? (
        detail.error === undefined && <p class="muted">Loading…</p>
      ) : (
        <>
          <Facts session={detail.value.session} heading={heading} />
          <h3 class="sessions-recent-title">Recent messages</h3>
          {detail.value.recent.messages.length === 0 ? (
            <p class="muted">Nothing posted yet.</p>
          ) : (
            <ol class="sessions-messages">
              {detail.value.recent.messages.map((message) => (
                <RecentMessage key={message.id} message={message} />
              ))}
            </ol>
          )}
        </>
      )}
    </aside>
  );
}

function Facts({ session, heading }: { session: DirectoryEntry; heading: RefObject<HTMLHeadingElement> }) {
  return (
    <>
      <h2 class="sessions-detail-name" tabIndex={-1} ref={heading}>
        <span class={`sessions-dot ${session.presence}`} aria-hidden="true" /> {session.name} <KindTag kind={session.kind} />
      </h2>
      <dl class="sessions-facts">
        <dt>Id</dt>
        <dd>
          <code>{session.id}</code>
        </dd>
        <dt>Presence</dt>
        <dd data-testid="session-presence">{session.presence}</dd>
        <dt>Client</dt>
        <dd>{session.client}</dd>
        <dt>Role</dt>
        <dd>{session.role}</dd>
        <dt>Last seen</dt>
        <dd>
          <time dateTime={session.last_seen} title={clock(session.last_seen)}>
            {ago(session.last_seen, now.value)}
          </time>
        </dd>
        <dt>First seen</dt>
        <dd>
          <time dateTime={session.first_seen}>{clock(session.first_seen)}</time>
        </dd>
        <dt>Holds</dt>
        <dd>
          <Holdings holds={session.holds} />
        </dd>
      </dl>
    </>
  );
}
