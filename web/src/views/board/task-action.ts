import { useState } from 'preact/hooks';
import { api } from '../../api/http.js';
import type { TaskOutcome, TaskView } from '../../api/types.js';
import type { LiveTasks } from './live-tasks.js';

export type TaskActionName = 'cancel' | 'reassign' | 'ack' | 'resolve';

/**
 * Runs one action on a task as the person's session. The answer moves the card at once (the stream
 * says the same a moment later); a refusal is kept as the task's note, shown on its card.
 */
export function useTaskAction(tasks: LiveTasks, task: TaskView) {
  const [busy, setBusy] = useState(false);
  const run = async (action: TaskActionName, body: Record<string, unknown> = {}): Promise<boolean> => {
    setBusy(true);
    tasks.note(task.id, undefined);
    try {
      const outcome = await api<TaskOutcome>(`/tasks/${encodeURIComponent(task.id)}/${action}`, { method: 'POST', body });
      tasks.put(outcome.task);
      return true;
    } catch (error) {
      tasks.note(task.id, error);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
