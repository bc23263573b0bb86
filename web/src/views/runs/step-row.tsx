import { jsonText, SHORT } from './json-text.js';
import { messagePath } from './run-paths.js';
import { StateBadge } from './state-badge.js';
import type { Step } from './types.js';

/** One step execution: its key and state, the handoff it posted and who holds it, what came of it. */
export function StepRow({ step }: { step: Step }) {
  return (
    <li class="runs-step" data-testid="run-step" data-key={step.key}>
      <div class="runs-step-head">
        <code class="runs-step-key">{step.key}</code>
        <StateBadge state={step.state} />
        {step.attempts > 1 && <span class="muted">{step.attempts} attempts</span>}
      </div>
      {step.task_id && <Handoff step={step} taskId={step.task_id} />}
      {step.result !== null && step.result !== undefined && <Result value={step.result} />}
      {step.error && (
        <p class="runs-step-error" data-testid="step-error">
          {step.error}
        </p>
      )}
    </li>
  );
}

function Handoff({ step, taskId }: { step: Step; taskId: string }) {
  return (
    <div class="runs-step-task" data-testid="step-task">
      <a href={messagePath(taskId)}>handoff {taskId}</a>
      {step.task && (
        <>
          {' '}
          <span class="badge">{step.task.state}</span> {step.task.holder ? <span data-testid="step-holder">held by {step.task.holder}</span> : <span class="muted">unclaimed</span>}
        </>
      )}
    </div>
  );
}

function Result({ value }: { value: unknown }) {
  const line = jsonText(value, true);
  if (line.length <= SHORT && !line.includes('\n')) return <code class="runs-step-result" data-testid="step-result">{line}</code>;
  return (
    <details class="runs-step-result" data-testid="step-result">
      <summary>{line.slice(0, SHORT).replaceAll('\n', ' ')}…</summary>
      <pre>{jsonText(value)}</pre>
    </details>
  );
}
