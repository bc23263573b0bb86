import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http.js';
import { on } from '../../state/live.js';
import type { Run } from './types.js';

const LIMIT = 50;

export interface RunsState {
  runs?: Run[];
  error?: unknown;
}

/** The newest runs, changed in place as `run` events arrive; read again whenever the stream reopens. */
export function useRuns(): RunsState {
  const [state, setState] = useState<RunsState>({});
  useEffect(() => {
    let alive = true;
    const read = (): void => {
      api<{ runs: Run[] }>('/runs', { query: { limit: LIMIT } })
        .then(({ runs }) => alive && setState({ runs }))
        .catch((error: unknown) => alive && setState((kept) => ({ ...kept, error })));
    };
    const stops = [on('ready', read), on('run', (run) => setState((kept) => ({ ...kept, runs: withRun(kept.runs, run) })))];
    read();
    return () => {
      alive = false;
      stops.forEach((stop) => stop());
    };
  }, []);
  return state;
}

/** A changed run replaces its row; a new one goes first (the list is newest first). */
function withRun(runs: Run[] | undefined, run: Run): Run[] | undefined {
  if (!runs) return runs;
  const at = runs.findIndex((r) => r.id === run.id);
  if (at < 0) return [run, ...runs].slice(0, LIMIT);
  return runs.map((r, i) => (i === at ? run : r));
}
