import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api } from '../../api/http.js';
import type { SessionView } from '../../api/types.js';
import { ErrorNote } from '../../ui/error-note.js';
import { FormActions } from './form-actions.js';

interface Props {
  /** Who holds it now: not offered again. */
  holderId: string | null;
  busy: boolean;
  onSubmit: (sessionId: string) => void;
  onClose: () => void;
}

/** Sessions that are still around come first; gone ones are offered after them. */
export function ReassignForm({ holderId, busy, onSubmit, onClose }: Props) {
  const id = useId();
  const [sessions, setSessions] = useState<SessionView[]>();
  const [failure, setFailure] = useState<unknown>();
  const [chosen, setChosen] = useState('');
  const field = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    api<{ sessions: SessionView[] }>('/sessions', { query: { limit: 200 } })
      .then((answer) => setSessions(answer.sessions.filter((s) => s.id !== holderId)))
      .catch(setFailure);
  }, [holderId]);
  useEffect(() => field.current?.focus(), []);
  const around = sessions?.filter((s) => s.presence !== 'gone') ?? [];
  const gone = sessions?.filter((s) => s.presence === 'gone') ?? [];
  return (
    <form
      class="board-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) onSubmit(chosen);
      }}
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <label for={id}>Reassign to</label>
      {failure !== undefined && <ErrorNote error={failure} />}
      <select id={id} ref={field} value={chosen} onChange={(event) => setChosen(event.currentTarget.value)}>
        <option value="">{sessions ? 'Choose a session…' : failure === undefined ? 'Loading sessions…' : 'No sessions'}</option>
        {around.length > 0 && <optgroup label="Around now">{around.map(option)}</optgroup>}
        {gone.length > 0 && <optgroup label="Gone">{gone.map(option)}</optgroup>}
      </select>
      <FormActions submit="Hand over" disabled={busy || !chosen} onClose={onClose} />
    </form>
  );
}

const option = (s: SessionView) => (
  <option value={s.id}>
    {s.name} ({s.id}{s.kind === 'human' ? ', person' : ''}, {s.presence})
  </option>
);
