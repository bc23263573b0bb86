import type { TaskView } from '../../api/types.js';
import { useInlineForm } from '../board/inline-form.js';
import type { LiveTasks } from '../board/live-tasks.js';
import { canWrite } from '../board/roles.js';
import { useTaskAction } from '../board/task-action.js';
import { Age, CardNote, Holder, Labels, Links, Meta, Result, TaskName } from '../board/task-parts.js';
import { TextForm } from '../board/text-form.js';

const KIND: Record<string, string> = { open: 'alert', acknowledged: 'claim', resolved: 'done' };

/** One alert: how bad, whether anyone is on it, and what came of it; anyone who may write can take it on. */
export function AlertCard({ task, tasks }: { task: TaskView; tasks: LiveTasks }) {
  const escalated = task.state === 'open' && task.escalated;
  return (
    <article
      class={`board-card alert-card kind-${KIND[task.state] ?? 'alert'}${escalated ? ' alert-escalated' : ''}`}
      data-testid="task-card"
      data-task-id={task.id}
      data-state={task.state}
    >
      <TaskName task={task} />
      <Meta>
        {task.severity && <span class={`alert-severity severity-${task.severity}`}>{task.severity}</span>}
        {escalated && <span class="alert-badge" data-testid="escalated">escalated</span>}
        <Labels labels={task.labels} />
      </Meta>
      {task.scope && <p class="board-scope">{task.scope}</p>}
      <Meta>
        <Holder task={task} label="acknowledged by" />
        <Age iso={task.created_at} prefix="raised" />
        {task.state === 'resolved' && <Age iso={task.updated_at} prefix="resolved" />}
      </Meta>
      {task.state === 'resolved' && <Result text={task.result} />}
      <Links title="Context" links={task.context} />
      <CardNote tasks={tasks} id={task.id} />
      {canWrite() && task.state !== 'resolved' && <AlertActions task={task} tasks={tasks} />}
    </article>
  );
}

function AlertActions({ task, tasks }: { task: TaskView; tasks: LiveTasks }) {
  const { form, buttons, open, close } = useInlineForm<'resolve'>();
  const { busy, run } = useTaskAction(tasks, task);
  if (form === 'resolve') {
    return (
      <TextForm
        label="What was done (optional)"
        submit="Resolve alert"
        busy={busy}
        onClose={close}
        onSubmit={(result) => void run('resolve', result ? { result } : {}).then((ok) => ok && close())}
      />
    );
  }
  return (
    <div class="board-actions" ref={buttons}>
      {task.state === 'open' && (
        <button type="button" class="primary" disabled={busy} onClick={() => void run('ack')}>
          Acknowledge
        </button>
      )}
      <button type="button" data-opens="resolve" disabled={busy} onClick={() => open('resolve')}>
        Resolve
      </button>
    </div>
  );
}
