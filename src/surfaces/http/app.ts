import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isBatonError } from '../../core/errors.js';
import type { Hub } from '../../hub/hub.js';
import { webPages } from '../web/pages.js';
import { forgetFirstContact } from './caller.js';
import { channelRoutes } from './routes-channels.js';
import { documentRoutes } from './routes-documents.js';
import { jsonBodyLimit } from './json-body-limit.js';
import { noticesMiddleware } from './notices.js';
import { sessionRoutes } from './routes-sessions.js';
import { taskRoutes } from './routes-tasks.js';
import { WaitGauge } from './wait-gauge.js';

export interface HttpAppOptions {
  version: string;
  /** Extra routes mounted at the root (the MCP endpoint). */
  mount?: (app: Hono) => void;
  onUnexpected?: (error: unknown) => void;
}

/** The hub over HTTP: `fetch(Request) → Response`, so tests can call it in-process too. */
export function createHttpApp(hub: Hub, options: HttpAppOptions): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    // Set on the response itself: c.header() after next() would rebuild every response as a stream.
    c.res.headers.set('x-content-type-options', 'nosniff');
  });
  app.onError(async (error, c) => {
    await forgetFirstContact(hub, c).catch((e: unknown) => options.onUnexpected?.(e));
    return errorResponse(c, error, options);
  });
  app.notFound((c) => c.json({ success: false, error: `no route for ${c.req.method} ${clip(c.req.path)}`, code: 'not_found' }, 404));

  const waits = new WaitGauge();
  app.get('/healthz', (c) => c.json({ ok: true, name: 'baton', version: options.version, waiting: waits.pending }));
  app.route('/api/v1', apiRoutes(hub, waits));
  options.mount?.(app);
  app.route('/', webPages(hub, options.onUnexpected));
  return app;
}

function apiRoutes(hub: Hub, waits: WaitGauge): Hono {
  const api = new Hono();
  api.use('*', jsonBodyLimit);
  api.use('*', noticesMiddleware(hub));
  api.route('/', sessionRoutes(hub));
  api.route('/', channelRoutes(hub, waits));
  api.route('/', documentRoutes(hub));
  api.route('/', taskRoutes(hub));
  return api;
}

/** Every refusal is the same JSON shape; only a fault of the hub itself is a 500. */
function errorResponse(c: Context, error: unknown, options: HttpAppOptions): Response {
  if (isBatonError(error)) return c.json(error.toJSON(), error.status as ContentfulStatusCode);
  if (error instanceof HTTPException && error.status < 500) {
    return c.json({ success: false, error: error.message || 'bad request', code: 'invalid_input' }, error.status);
  }
  options.onUnexpected?.(error);
  return c.json({ success: false, error: 'internal error: the hub could not handle this request (details are in its log)', code: 'internal' }, 500);
}

const clip = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}…` : text);
