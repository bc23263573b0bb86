import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { BatonError, isBatonError } from '../../core/errors.js';
import type { Hub } from '../../hub/hub.js';
import { webPages } from '../web/pages.js';
import { channelRoutes } from './routes-channels.js';
import { documentRoutes } from './routes-documents.js';
import { sessionRoutes } from './routes-sessions.js';

export interface HttpAppOptions {
  version: string;
  /** Extra routes mounted at the root (the MCP endpoint). */
  mount?: (app: Hono) => void;
  onUnexpected?: (error: unknown) => void;
}

/** JSON bodies stay small; documents of any size go through the streaming PUT. */
const JSON_BODY_BYTES = 8 * 1024 * 1024;

/** The hub over HTTP: `fetch(Request) → Response`, so tests can call it in-process too. */
export function createHttpApp(hub: Hub, options: HttpAppOptions): Hono {
  const app = new Hono();
  app.onError((error, c) => {
    const known = isBatonError(error) ? error : undefined;
    if (!known) options.onUnexpected?.(error);
    const shown = known ?? new BatonError('invalid_input', 'the hub could not handle this request');
    return c.json(shown.toJSON(), (known ? known.status : 500) as 400);
  });
  app.notFound((c) => c.json({ success: false, error: `no route for ${c.req.method} ${c.req.path}`, code: 'not_found' }, 404));

  app.get('/healthz', (c) => c.json({ ok: true, name: 'baton', version: options.version }));
  const api = new Hono();
  api.use('*', async (c, next) => {
    if (c.req.method === 'PUT') return next();
    return bodyLimit({
      maxSize: JSON_BODY_BYTES,
      onError: () => {
        throw new BatonError('too_large', `request body is over ${JSON_BODY_BYTES} bytes: upload large documents with PUT /api/v1/documents/content`, 'body');
      },
    })(c, next);
  });
  api.route('/', sessionRoutes(hub));
  api.route('/', channelRoutes(hub));
  api.route('/', documentRoutes(hub));
  app.route('/api/v1', api);
  options.mount?.(app);
  app.route('/', webPages(hub));
  return app;
}
