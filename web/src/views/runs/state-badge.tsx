/** The colour of a run's or a step's state, through the kind classes the stylesheet defines. */
const KINDS: Record<string, string> = {
  completed: 'kind-done',
  failed: 'kind-alert',
  cancelled: 'kind-alert',
  waiting: 'kind-claim',
  paused_for_approval: 'kind-claim',
  running: 'kind-start',
  skipped: 'runs-skipped',
};

export function StateBadge({ state }: { state: string }) {
  return (
    <span class={`badge runs-state ${KINDS[state] ?? ''}`} data-state={state}>
      {state.replaceAll('_', ' ')}
    </span>
  );
}
