import { Hono } from 'hono';
import type { Hub } from '../../hub/hub.js';
import { formatCursor } from '../../hub/cursor.js';
import { messageView } from '../../hub/views.js';
import type { Message } from '../../domain/types.js';
import { callerOf } from './caller.js';
import { channelList, jsonBody, queryOf } from './request-input.js';
import type { WaitGauge } from './wait-gauge.js';

export function channelRoutes(hub: Hub, waits: WaitGauge): Hono {
  const app = new Hono();
  const links = hub.context.links;
  const views = (messages: Message[]) => messages.map((m) => messageView(m, links));

  app.get('/channels', async (c) => c.json({ channels: await hub.channels.list() }));
  app.post('/channels', async (c) => {
    const caller = await callerOf(hub, c);
    const channel = await hub.channels.create(caller, await jsonBody(c));
    return c.json({ success: true, channel }, 201);
  });
  app.post('/channels/:channel/messages', async (c) => {
    const caller = await callerOf(hub, c);
    const body = await jsonBody(c);
    const message = await hub.messages.post(caller, {
      channel: c.req.param('channel'),
      title: body.title,
      body: body.body ?? body.message,
      reply_to: body.reply_to,
    });
    return c.json({ success: true, cursor: formatCursor(message.seq), message: messageView(message, links) }, 201);
  });
  app.get('/channels/:channel/messages', async (c) => {
    const result = await hub.reads.read(await callerOf(hub, c), { ...queryOf(c), channel: c.req.param('channel') });
    return c.json({ ...result, messages: views(result.messages) });
  });
  app.get('/messages/:id', async (c) => c.json({ message: messageView(await hub.messages.get(c.req.param('id')), links) }));
  app.get('/wait', async (c) => {
    const caller = await callerOf(hub, c);
    const input = { ...queryOf(c), channels: channelList(c) };
    const result = await waits.around(() => hub.waits.wait(caller, input, c.req.raw.signal));
    return c.json({ ...result, messages: views(result.messages) });
  });
  return app;
}
