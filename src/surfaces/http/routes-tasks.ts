import { Hono } from 'hono';
import { notFound } from '../../core/errors.js';
import type { Task } from '../../domain/tasks.js';
import type { Hub } from '../../hub/hub.js';
import type { Outcome } from '../../hub/task-service.js';
import type { Action } from '../../hub/task-refusal.js';
import { messageView, taskView } from '../../hub/views.js';
import { callerOf } from './caller.js';
import { jsonBody, queryOf } from './request-input.js';

const ACTIONS: readonly Action[] = ['claim', 'renew', 'release', 'complete', 'fail', 'cancel', 'reassign', 'ack', 'resolve'];
const isAction = (name: string): name is Action => (ACTIONS as readonly string[]).includes(name);

/** Handoffs and alerts: each route is one call of the hub's task service. */
export function taskRoutes(hub: Hub): Hono {
  const app = new Hono();
  const links = hub.context.links;
  const view = (task: Task) => taskView(task, links);
  const outcome = (o: Outcome) => ({
    success: true as const,
    task: view(o.task),
    messages: o.messages.map((m) => messageView(m, links)),
    ...(o.next ? { next: view(o.next) } : {}),
  });

  app.get('/tasks', async (c) => {
    const tasks = await hub.tasks.list(await callerOf(hub, c), queryOf(c));
    return c.json({ tasks: tasks.map(view) });
  });
  app.get('/tasks/:id', async (c) => c.json({ task: view(await hub.tasks.get(c.req.param('id'))) }));
  app.post('/tasks', async (c) => {
    const caller = await callerOf(hub, c);
    const created = await hub.tasks.create(caller, await jsonBody(c));
    return c.json({ success: true, task: view(created.task), message: messageView(created.messages[0]!, links) }, 201);
  });
  app.post('/tasks/:id/:action', async (c) => {
    const action = c.req.param('action');
    if (!isAction(action)) throw notFound(`no task action '${action.slice(0, 40)}': use one of ${ACTIONS.join(', ')}`);
    const caller = await callerOf(hub, c);
    const body = await jsonBody(c);
    return c.json(outcome(await hub.tasks.act(action, caller, { ...body, task_id: c.req.param('id') })));
  });
  return app;
}
