import { Hono } from 'hono';
import { tooLarge } from '../../core/errors.js';
import type { Hub } from '../../hub/hub.js';
import { callerOf } from './caller.js';
import { rawResponse } from './raw-response.js';
import { jsonBody, queryOf } from './request-input.js';

export function documentRoutes(hub: Hub): Hono {
  const app = new Hono();
  const docs = hub.documents;

  app.get('/documents', async (c) => c.json(await docs.list(queryOf(c))));
  app.post('/documents', async (c) => {
    const caller = await callerOf(hub, c);
    return c.json({ success: true, ...(await docs.upload(caller, await jsonBody(c))) }, 201);
  });
  // Streams the request body to the blob store: a large document never sits whole in memory.
  app.put('/documents/content', async (c) => {
    const caller = await callerOf(hub, c);
    const limit = hub.context.limits.documentBytes;
    if (Number(c.req.header('content-length') ?? 0) > limit) {
      throw tooLarge('content', `document is larger than the limit of ${limit} bytes`);
    }
    const query = queryOf(c);
    const declared = declaredType(c.req.header('content-type'));
    const target = { ...query, content_type: query.content_type ?? declared.contentType };
    const source: AsyncIterable<Uint8Array> | Uint8Array[] = c.req.raw.body ?? [];
    return c.json({ success: true, ...(await docs.uploadStream(caller, target, source, declared.text)) }, 201);
  });
  app.get('/documents/content', async (c) => rawResponse(await docs.open(queryOf(c)), c.req.raw));
  app.get('/documents/text', async (c) => c.json(await docs.download(queryOf(c))));
  app.get('/documents/versions', async (c) => c.json(await docs.versions(queryOf(c))));
  app.post('/documents/move', async (c) => {
    const caller = await callerOf(hub, c);
    return c.json(await docs.move(caller, await jsonBody(c)));
  });
  app.post('/documents/delete', async (c) => {
    const caller = await callerOf(hub, c);
    return c.json(await docs.remove(caller, await jsonBody(c)));
  });
  app.post('/documents/restore', async (c) => {
    const caller = await callerOf(hub, c);
    return c.json(await docs.restore(caller, await jsonBody(c)));
  });
  return app;
}

/**
 * What a PUT's Content-Type says. The defaults of clients (octet-stream, form, text/plain) say little,
 * so the hub infers the type from the name instead; text/plain still tells it the bytes are text.
 */
function declaredType(header: string | undefined): { contentType?: string; text: boolean } {
  if (!header || /^application\/(octet-stream|x-www-form-urlencoded)\b/i.test(header)) return { text: false };
  if (/^text\/plain\b/i.test(header)) return { text: true };
  return { contentType: header, text: false };
}
