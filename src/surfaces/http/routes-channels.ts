import { Hono } from 'hono';
import type { Hub } from '../../hub/hub.js';
import { messageView } from '../../hub/views.js';
import type { Message } from '../../domain/types.js';
import { callerOf } from './caller.js';
import { jsonBody, queryOf } from './request-input.js';

export function channelRoutes(hub: Hub): Hono {
  const app = new Hono();
  const links = hub.context.links;
  const views = (messages: Message[]) => messages.map((m) => messageView(m, links));

  app.get('/channels', async (c) => c.json({ channels: await hub.channels.list() }));
  app.post('/channels', async (c) => {
    const channel = await hub.channels.create(await callerOf(hub, c), await jsonBody(c));
    return c.json({ success: true, channel }, 201);
  });
  app.post('/channels/:channel/messages', async (c) => {
    const body = await jsonBody(c);
    const message = await hub.messages.post(await callerOf(hub, c), {
      channel: c.req.param('channel'),
      title: body.title,
      body: body.body ?? body.message,
      reply_to: body.reply_to,
    });
    return c.json({ success: true, cursor: String(message.seq), message: messageView(message, links) }, 201);
  });
  app.get('/channels/:channel/messages', async (c) => {
    const result = await hub.reads.read(await callerOf(hub, c), { ...queryOf(c), channel: c.req.param('channel') });
    return c.json({ ...result, messages: views(result.messages) });
  });
  app.get('/messages/:id', async (c) => c.json({ message: messageView(await hub.messages.get(c.req.param('id')), links) }));
  app.get('/wait', async (c) => {
    const query = queryOf(c);
    const channels = (query.channels ?? query.channel ?? '').split(',').filter(Boolean);
    const result = await hub.waits.wait(await callerOf(hub, c), { ...query, channels }, c.req.raw.signal);
    return c.json({ ...result, messages: views(result.messages) });
  });
  return app;
}
