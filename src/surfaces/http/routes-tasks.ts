import { Hono } from 'hono';
import { notFound } from '../../core/errors.js';
import type { Task } from '../../domain/tasks.js';
import type { Hub } from '../../hub/hub.js';
import { ACTIONS, isAction } from '../../hub/task-refusal.js';
import { messageView, outcomeView, taskView } from '../../hub/views.js';
import { callerOf } from './caller.js';
import { jsonBody, queryOf } from './request-input.js';

/** Handoffs and alerts: each route is one call of the hub's task service. */
export function taskRoutes(hub: Hub): Hono {
  const app = new Hono();
  const links = hub.context.links;
  const view = (task: Task) => taskView(task, links);

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
    return c.json(outcomeView(await hub.tasks.act(action, caller, { ...body, task_id: c.req.param('id') }), links));
  });
  return app;
}
