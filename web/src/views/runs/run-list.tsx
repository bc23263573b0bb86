import { now } from '../../state/clock.js';
import { ago, clock } from '../../ui/time.js';
import { runPath } from './run-paths.js';
import { StateBadge } from './state-badge.js';
import type { Run } from './types.js';

/** The newest runs: recipe, state, how many steps are done, when it last moved. */
export function RunList({ runs, selected }: { runs: readonly Run[]; selected: string | undefined }) {
  if (runs.length === 0) return <p class="muted">No recipe has run yet.</p>;
  return (
    <ul class="runs-rows">
      {runs.map((run) => (
        <RunRow key={run.id} run={run} selected={run.id === selected} />
      ))}
    </ul>
  );
}

function RunRow({ run, selected }: { run: Run; selected: boolean }) {
  const done = run.steps.filter((step) => step.state === 'completed' || step.state === 'skipped').length;
  return (
    <li class={`runs-row${selected ? ' selected' : ''}`} data-testid="run-row" data-run={run.id}>
      <a class="runs-recipe" href={runPath(run.id)} aria-current={selected ? 'page' : undefined}>
        {run.recipe}
      </a>
      <StateBadge state={run.state} />
      <span class="runs-meta muted">
        <span data-testid="run-progress">
          {done}/{run.steps.length} steps
        </span>{' '}
        ·{' '}
        <time dateTime={run.updated_at} title={clock(run.updated_at)}>
          {ago(run.updated_at, now.value)}
        </time>
      </span>
    </li>
  );
}
