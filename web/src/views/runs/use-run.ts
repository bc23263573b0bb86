import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/http.js';
import { on } from '../../state/live.js';
import { debounced } from '../../ui/debounced.js';
import { runApi } from './run-paths.js';
import type { Run } from './types.js';

/** A handoff's claim, renewals and reply come close together: one read after them is enough. */
const SETTLE_MS = 300;

export interface RunState {
  run?: Run;
  error?: unknown;
  /** Takes a run the hub answered with (after a decision), without waiting for its event. */
  show(run: Run): void;
}

/**
 * One run, kept current: its own `run` events replace it, a change to a handoff one of its steps
 * posted reads it again (the step shows that task's holder and state), and so does a reopened stream.
 */
export function useRun(id: string): RunState {
  const [state, setState] = useState<Omit<RunState, 'show'>>({});
  const current = useRef<Run>();
  current.current = state.run;
  useEffect(() => {
    let alive = true;
    let reads = 0;
    setState({});
    const read = (): void => {
      const mine = ++reads;
      api<{ run: Run }>(runApi(id))
        .then(({ run }) => alive && mine === reads && setState({ run }))
        .catch((error: unknown) => alive && mine === reads && setState((kept) => ({ ...kept, error })));
    };
    const again = debounced(read, SETTLE_MS);
    const stops = [
      on('ready', read),
      on('run', (run) => {
        if (run.id !== id) return;
        reads++; // a read still on its way is older than this event
        setState({ run });
      }),
      on('task', (task) => current.current?.steps.some((step) => step.task_id === task.id) && again()),
    ];
    read();
    return () => {
      alive = false;
      again.cancel();
      stops.forEach((stop) => stop());
    };
  }, [id]);
  return { ...state, show: (run) => setState({ run }) };
}
