import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { tooLarge } from '../../core/errors.js';
import type { Hub } from '../../hub/hub.js';
import type { Opened } from '../../hub/document-service.js';
import { callerOf } from './caller.js';
import { jsonBody, queryOf } from './request-input.js';

export function documentRoutes(hub: Hub): Hono {
  const app = new Hono();
  const docs = hub.documents;

  app.get('/documents', async (c) => c.json(await docs.list(queryOf(c))));
  app.post('/documents', async (c) => c.json({ success: true, ...(await docs.upload(await callerOf(hub, c), await jsonBody(c))) }, 201));
  // Streams the request body to the blob store: a large document never sits whole in memory.
  app.put('/documents/content', async (c) => {
    const caller = await callerOf(hub, c);
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > hub.context.limits.documentBytes) {
      throw tooLarge('content', `document is larger than the limit of ${hub.context.limits.documentBytes} bytes`);
    }
    const query = queryOf(c);
    const contentType = query.content_type ?? plainType(c.req.header('content-type'));
    const source = c.req.raw.body ?? Readable.from([]);
    const result = await docs.uploadStream(caller, { ...query, content_type: contentType }, source as AsyncIterable<Uint8Array>);
    return c.json({ success: true, ...result }, 201);
  });
  app.get('/documents/content', async (c) => rawResponse(await docs.open(queryOf(c))));
  app.get('/documents/text', async (c) => c.json(await docs.download(queryOf(c))));
  app.get('/documents/versions', async (c) => c.json(await docs.versions(queryOf(c))));
  app.post('/documents/move', async (c) => c.json(await docs.move(await callerOf(hub, c), await jsonBody(c))));
  app.post('/documents/delete', async (c) => c.json(await docs.remove(await callerOf(hub, c), await jsonBody(c))));
  app.post('/documents/restore', async (c) => {
    await callerOf(hub, c);
    return c.json(await docs.restore(await jsonBody(c)));
  });
  return app;
}

/** A generic octet-stream body says nothing; let the hub infer the type from the name instead. */
function plainType(header: string | undefined): string | undefined {
  if (!header || /^application\/(octet-stream|x-www-form-urlencoded)\b/i.test(header)) return undefined;
  return header;
}

/** Raw bytes, streamed. Served as an attachment and sandboxed so an uploaded page cannot run as the hub. */
export function rawResponse(opened: Opened, disposition: 'inline' | 'attachment' = 'attachment'): Response {
  const { version, document } = opened;
  const body = Readable.toWeb(opened.open()) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'content-type': version.contentType,
      'content-length': String(version.size),
      'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(document.name)}`,
      etag: `"${version.sha256}"`,
      'x-baton-version': String(version.version),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-cache',
    },
  });
}
