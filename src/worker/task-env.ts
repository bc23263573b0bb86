import type { TaskView } from '../client/wire-types.js';
import type { WorkerHub } from './worker-hub.js';

/** The command's environment: the worker's own, plus where it works and which task it is doing. */
export function taskEnv(hub: WorkerHub, task: TaskView): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BATON_URL: hub.baseUrl,
    BATON_SESSION: hub.session,
    BATON_WORKSPACE: hub.workspace,
    BATON_TASK_ID: task.id,
    BATON_TASK_TITLE: task.task,
    BATON_TASK_LABELS: task.labels.join(','),
    BATON_CLAIM: String(task.claim),
  };
  if (hub.token) env.BATON_TOKEN = hub.token;
  else delete env.BATON_TOKEN;
  return env;
}
