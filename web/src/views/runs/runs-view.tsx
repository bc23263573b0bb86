import { useRoute } from 'preact-iso';
import { ErrorNote } from '../../ui/error-note.js';
import { RunDetail } from './run-detail.js';
import { RunList } from './run-list.js';
import { useRuns } from './use-runs.js';
import './runs.css';

/** Recipe runs as they go (`/runs`), and one of them step by step beside the list (`/runs/<id>`). */
export function RunsView() {
  const { params } = useRoute();
  const selected = params.id;
  const { runs, error } = useRuns();
  return (
    <section class={`view runs${selected ? ' runs-with-detail' : ''}`}>
      <h1>Runs</h1>
      <div class="runs-layout">
        <div class="runs-list">
          {error !== undefined && <ErrorNote error={error} />}
          {runs ? <RunList runs={runs} selected={selected} /> : error === undefined && <p class="muted">Loading…</p>}
        </div>
        {selected && <RunDetail key={selected} id={selected} />}
      </div>
    </section>
  );
}
