import { useEffect, useRef } from 'preact/hooks';
import { now } from '../../state/clock.js';
import { ErrorNote } from '../../ui/error-note.js';
import { ago, clock } from '../../ui/time.js';
import { ApprovalBox } from './approval-box.js';
import { jsonText } from './json-text.js';
import { href } from '../../state/place.js';
import { StateBadge } from './state-badge.js';
import { StepRow } from './step-row.js';
import { useRun } from './use-run.js';

/** One run in full: its steps in the order they ran, the approval it waits for, what it produced. */
export function RunDetail({ id }: { id: string }) {
  const { run, error, show } = useRun(id);
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = run !== undefined;
  // On a narrow screen the list is hidden: the reader lands on what they chose.
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [id, loaded]);
  return (
    <aside class="runs-detail" aria-label="Run" data-testid="run-detail">
      <a class="runs-back" href={href('/runs')}>
        ← All runs
      </a>
      {error !== undefined && <ErrorNote error={error} />}
      {!run ? (
        error === undefined && <p class="muted">Loading…</p>
      ) : (
        <>
          <h2 class="runs-detail-name" tabIndex={-1} ref={heading}>
            {run.recipe} <StateBadge state={run.state} />
          </h2>
          <p class="runs-detail-meta muted">
            <code>{run.id}</code> · started{' '}
            <time dateTime={run.created_at} title={clock(run.created_at)}>
              {ago(run.created_at, now.value)}
            </time>{' '}
            · updated{' '}
            <time dateTime={run.updated_at} title={clock(run.updated_at)}>
              {ago(run.updated_at, now.value)}
            </time>
          </p>
          {run.error && (
            <p class="error" data-testid="run-error">
              {run.error}
            </p>
          )}
          {run.approval && <ApprovalBox run={run} approval={run.approval} onDecided={show} />}
          <h3 class="runs-section">Steps</h3>
          {run.steps.length === 0 ? (
            <p class="muted">No step has run yet.</p>
          ) : (
            <ol class="runs-steps">
              {run.steps.map((step) => (
                <StepRow key={step.key} step={step} />
              ))}
            </ol>
          )}
          {Object.keys(run.outputs).length > 0 && (
            <>
              <h3 class="runs-section">Outputs</h3>
              <pre class="runs-outputs" data-testid="run-outputs">
                {jsonText(run.outputs)}
              </pre>
            </>
          )}
        </>
      )}
    </aside>
  );
}
