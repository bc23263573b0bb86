import { Hono } from 'hono';
import type { Hub } from '../../hub/hub.js';
import { accessOf, callerOf } from './caller.js';
import { jsonBody, queryOf } from './request-input.js';

export function sessionRoutes(hub: Hub): Hono {
  const app = new Hono();
  app.post('/sessions', async (c) => {
    const { session, resumeToken, resumed } = await hub.sessions.register(await jsonBody(c), accessOf(c));
    return c.json({ success: true, session: await hub.sessions.view(session.id), resume_token: resumeToken, resumed }, resumed ? 200 : 201);
  });
  app.get('/sessions', async (c) => c.json({ sessions: await hub.sessions.list(queryOf(c)) }));
  app.get('/sessions/:id', async (c) => c.json({ session: await hub.sessions.view(c.req.param('id')) }));
  app.get('/sessions/:id/messages', async (c) => c.json(await hub.sessions.recentMessages(c.req.param('id'), queryOf(c))));
  app.get('/whoami', async (c) => {
    const caller = await callerOf(hub, c);
    return c.json({ session: await hub.sessions.view(caller.session.id) });
  });
  app.get('/status', async (c) => c.json(await hub.status.get(await callerOf(hub, c))));
  return app;
}
