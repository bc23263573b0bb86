import { useRoute } from 'preact-iso';
import { api } from '../../api/http.js';
import { on } from '../../state/live.js';
import { ErrorNote } from '../../ui/error-note.js';
import { useLiveRead } from './live-read.js';
import { SessionDetail } from './session-detail.js';
import { SessionList } from './session-list.js';
import type { DirectoryEntry } from '../../api/types.js';
import './sessions.css';

/** The directory's largest page: a workspace with more sessions shows the most recently seen. */
const LIMIT = 200;

const readDirectory = async (): Promise<DirectoryEntry[]> => (await api<{ sessions: DirectoryEntry[] }>('/sessions', { query: { limit: LIMIT } })).sessions;

/** Who is in the workspace (`/sessions`), and one of them in full beside the list (`/sessions/<id>`). */
export function SessionsView() {
  const { params } = useRoute();
  const selected = params.id;
  const directory = useLiveRead(readDirectory, (again) => [on('ready', again), on('message', again), on('task', again)], []);
  return (
    <section class={`view sessions${selected ? ' sessions-with-detail' : ''}`}>
      <h1>Sessions</h1>
      <div class="sessions-layout">
        <div class="sessions-list">
          {directory.error !== undefined && <ErrorNote error={directory.error} />}
          {directory.value ? <SessionList entries={directory.value} selected={selected} /> : directory.error === undefined && <p class="muted">Loading…</p>}
        </div>
        {selected && <SessionDetail key={selected} id={selected} />}
      </div>
    </section>
  );
}
