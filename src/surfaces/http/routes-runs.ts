import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { tooLarge } from '../../core/errors.js';
import type { Hub } from '../../hub/hub.js';
import { STEP_BODY_BYTES } from '../../hub/run-inputs.js';
import { runView, stepView } from '../../hub/views.js';
import type { RunRecord } from '../../recipes/run-log.js';
import { callerOf } from './caller.js';
import { jsonBody, queryOf } from './request-input.js';

/** Recipe runs: each route is one call of the hub's run service. */
export function runRoutes(hub: Hub): Hono {
  const app = new Hono();
  const views = async (runs: RunRecord[]) => {
    const tasks = await hub.runs.tasksOf(runs.flatMap((run) => run.steps));
    return runs.map((run) => runView(run, tasks));
  };
  const view = async (run: RunRecord) => (await views([run]))[0]!;

  app.get('/runs', async (c) => c.json({ runs: await views(await hub.runs.list(queryOf(c))) }));
  app.get('/runs/:id', async (c) => c.json({ run: await view(await hub.runs.get(c.req.param('id'))) }));
  app.post('/runs', async (c) => {
    const caller = await callerOf(hub, c);
    return c.json({ success: true, run: await view(await hub.runs.create(caller, await jsonBody(c))) }, 201);
  });
  app.put('/runs/:id/steps', stepBodyLimit(), async (c) => {
    const caller = await callerOf(hub, c);
    const step = await hub.runs.saveStep(caller, c.req.param('id'), await jsonBody(c));
    return c.json({ success: true, step: stepView(step, await hub.runs.tasksOf([step])) });
  });
  app.patch('/runs/:id', async (c) => {
    const caller = await callerOf(hub, c);
    return c.json({ success: true, run: await view(await hub.runs.update(caller, c.req.param('id'), await jsonBody(c))) });
  });
  app.post('/runs/:id/cancel', async (c) => {
    const caller = await callerOf(hub, c);
    const { run, cancelled } = await hub.runs.cancel(caller, c.req.param('id'), await jsonBody(c));
    return c.json({ success: true, run: await view(run), cancelled_tasks: cancelled });
  });
  app.post('/runs/:id/approval', async (c) => {
    const caller = await callerOf(hub, c);
    return c.json({ success: true, run: await view(await hub.runs.decide(caller, c.req.param('id'), await jsonBody(c))) });
  });
  return app;
}

/**
 * The API's body limit leaves PUT to the streamed document upload; a step has its own. A declared
 * length is checked without touching the body, so the connection stays usable after a refusal.
 */
function stepBodyLimit(): MiddlewareHandler {
  const refuse = (): never => {
    throw tooLarge('body', `body: over ${STEP_BODY_BYTES} bytes: a step's result may be at most half of that`);
  };
  const counted = bodyLimit({ maxSize: STEP_BODY_BYTES, onError: refuse });
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    if (Number(declared) > STEP_BODY_BYTES) refuse();
    return next();
  };
}
