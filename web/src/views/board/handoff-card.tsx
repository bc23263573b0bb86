import type { TaskView } from '../../api/types.js';
import { useInlineForm } from './inline-form.js';
import type { LiveTasks } from './live-tasks.js';
import { ReassignForm } from './reassign-form.js';
import { canCoordinate } from './roles.js';
import { useTaskAction } from './task-action.js';
import { Age, CardNote, Holder, Labels, LeaseLeft, Links, Meta, Priority, Reason, Result, TaskName } from './task-parts.js';
import { TextForm } from './text-form.js';

/** The colour of each state, from the status kinds. */
const KIND: Record<string, string> = { open: 'handoff', claimed: 'claim', completed: 'done', failed: 'alert', cancelled: 'warn' };

/** States that end a handoff: the card says when. */
const ENDED: readonly string[] = ['completed', 'failed', 'cancelled'];

/** One handoff: what it is, who holds it and for how long, what came of it; a coordinator can move it on. */
export function HandoffCard({ task, tasks }: { task: TaskView; tasks: LiveTasks }) {
  return (
    <article class={`board-card kind-${KIND[task.state] ?? 'handoff'}`} data-testid="task-card" data-task-id={task.id} data-state={task.state}>
      <TaskName task={task} />
      <Meta>
        <Priority priority={task.priority} />
        {task.state === 'cancelled' && <span class="badge kind-warn">cancelled</span>}
        <Labels labels={task.labels} />
      </Meta>
      {task.scope && <p class="board-scope">{task.scope}</p>}
      <Meta>
        <Holder task={task} label={task.state === 'claimed' ? 'held by' : 'by'} />
        {task.state === 'claimed' && <LeaseLeft task={task} />}
        <Age iso={task.created_at} prefix="opened" />
        {ENDED.includes(task.state) && <Age iso={task.updated_at} prefix={task.state} />}
      </Meta>
      {(task.state === 'failed' || task.state === 'cancelled') && <Reason text={task.reason} />}
      {task.state === 'completed' && <Result text={task.result} />}
      <Links title="Context" links={task.context} />
      <Links title="Results" links={task.result_links} />
      <CardNote tasks={tasks} id={task.id} />
      {canCoordinate() && (task.state === 'open' || task.state === 'claimed') && <CoordinatorActions task={task} tasks={tasks} />}
    </article>
  );
}

function CoordinatorActions({ task, tasks }: { task: TaskView; tasks: LiveTasks }) {
  const { form, buttons, open, close } = useInlineForm<'reassign' | 'cancel'>();
  const { busy, run } = useTaskAction(tasks, task);
  const closeIfDone = (ok: boolean): void => void (ok && close());
  if (form === 'reassign') {
    return <ReassignForm holderId={task.holder_id} busy={busy} onClose={close} onSubmit={(to) => void run('reassign', { to }).then(closeIfDone)} />;
  }
  if (form === 'cancel') {
    return <TextForm label="Why cancel it?" submit="Cancel handoff" required danger busy={busy} onClose={close} onSubmit={(reason) => void run('cancel', { reason }).then(closeIfDone)} />;
  }
  return (
    <div class="board-actions" ref={buttons}>
      <button type="button" data-opens="reassign" onClick={() => open('reassign')}>
        Reassign
      </button>
      <button type="button" class="danger" data-opens="cancel" onClick={() => open('cancel')}>
        Cancel
      </button>
    </div>
  );
}
