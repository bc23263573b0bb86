import type { Task } from '../../domain/tasks.js';
import type { Hub } from '../../hub/hub.js';
import type { Action } from '../../hub/task-refusal.js';
import { messageView, outcomeView, taskView } from '../../hub/views.js';
import { callerOf, given, pick, type Args, type Operation, type ToolContext, type ToolHandler } from './tool-call.js';
import { contractError, success } from './tool-result.js';

/** Each operation reads only its own parameters, named as the hub names its inputs. */
const CREATE_FIELDS = ['kind', 'task', 'context', 'scope', 'next_steps', 'priority', 'labels', 'severity', 'channel', 'assignee', 'body'] as const;
const LIST_FIELDS = ['state', 'kind', 'label', 'mine', 'channel', 'limit'] as const;
const ACTION_FIELDS: Readonly<Record<Action, readonly string[]>> = {
  claim: ['lease_seconds'],
  renew: ['lease_seconds', 'claim'],
  release: ['reason', 'claim'],
  complete: ['result', 'links', 'claim', 'next'],
  fail: ['reason', 'claim'],
  cancel: ['reason'],
  reassign: ['to', 'lease_seconds'],
  ack: [],
  resolve: ['result'],
};

const view = (hub: Hub, task: Task) => taskView(task, hub.context.links);

async function list(ctx: ToolContext, a: Args) {
  const tasks = await ctx.hub.tasks.list(callerOf(ctx), pick(a, LIST_FIELDS));
  return success({ tasks: tasks.map((t) => view(ctx.hub, t)) });
}

async function get(ctx: ToolContext, a: Args) {
  if (!given(a.task_id)) return contractError("task_id required for 'get'", { field: 'task_id' });
  return success({ task: view(ctx.hub, await ctx.hub.tasks.get(String(a.task_id))) });
}

async function create(ctx: ToolContext, a: Args) {
  if (!given(a.task)) return contractError("task required for 'create'", { field: 'task' });
  const outcome = await ctx.hub.tasks.create(callerOf(ctx), pick(a, CREATE_FIELDS));
  const message = outcome.messages[0];
  return success({ success: true, task: view(ctx.hub, outcome.task), ...(message ? { message: messageView(message, ctx.hub.context.links) } : {}) });
}

/** Every state change is one hub action on one task. */
const action =
  (name: Action): Operation =>
  async (ctx, a) => {
    if (!given(a.task_id)) return contractError(`task_id required for '${name}'`, { field: 'task_id' });
    const outcome = await ctx.hub.tasks.act(name, callerOf(ctx), { task_id: a.task_id, ...pick(a, ACTION_FIELDS[name]) });
    return success(outcomeView(outcome, ctx.hub.context.links));
  };

export const taskTool: ToolHandler = {
  operations: {
    list,
    get,
    create,
    ...Object.fromEntries((Object.keys(ACTION_FIELDS) as Action[]).map((name) => [name, action(name)])),
  },
  fieldNames: {},
};
