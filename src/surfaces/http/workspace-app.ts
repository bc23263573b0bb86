import { Hono } from 'hono';
import { getPath } from 'hono/utils/url';
import { clip } from '../../core/text.js';
import type { Hub } from '../../hub/hub.js';
import type { Dashboard } from '../web/dashboard.js';
import { webPages } from '../web/pages.js';
import { forgetFirstContact } from './caller.js';
import { errorResponse } from './error-response.js';
import { channelRoutes } from './routes-channels.js';
import { documentRoutes } from './routes-documents.js';
import { jsonBodyLimit } from './json-body-limit.js';
import { noticesMiddleware } from './notices.js';
import { sessionRoutes } from './routes-sessions.js';
import { eventRoutes } from './routes-events.js';
import { searchRoutes } from './routes-search.js';
import { taskRoutes } from './routes-tasks.js';
import { runRoutes } from './routes-runs.js';
import type { Gauges } from './wait-gauge.js';

export interface WorkspaceAppOptions {
  /** Extra routes mounted at the root (the MCP endpoint). */
  mount?: (app: Hono) => void;
  onUnexpected?: (error: unknown) => void;
  /** The built dashboard its pages are drawn in. */
  dashboard?: Dashboard;
}

/**
 * One workspace's hub over HTTP: the API, the MCP endpoint and the pages. The hub's front app has
 * already checked the token; it hands each request over with its access in `env`, and the path is
 * read without its `/w/<workspace>` prefix.
 */
export function createWorkspaceApp(hub: Hub, gauges: Gauges, options: WorkspaceAppOptions): Hono {
  const app = new Hono({ getPath: (request) => withoutWorkspace(getPath(request)) });
  app.onError(async (error, c) => {
    await forgetFirstContact(hub, c).catch((e: unknown) => options.onUnexpected?.(e));
    return errorResponse(c, error, options.onUnexpected);
  });
  app.notFound((c) => c.json({ success: false, error: `no route for ${c.req.method} ${clip(c.req.path, 200)}`, code: 'not_found' }, 404));
  app.route('/api/v1', apiRoutes(hub, gauges));
  options.mount?.(app);
  app.route('/', webPages(hub, options.dashboard, options.onUnexpected));
  return app;
}

function apiRoutes(hub: Hub, gauges: Gauges): Hono {
  const api = new Hono();
  api.use('*', jsonBodyLimit(hub.context.limits.requestBytes));
  api.use('*', noticesMiddleware(hub));
  api.route('/', sessionRoutes(hub));
  api.route('/', channelRoutes(hub, gauges.waits));
  api.route('/', eventRoutes(hub, gauges.streams));
  api.route('/', searchRoutes(hub));
  api.route('/', documentRoutes(hub));
  api.route('/', taskRoutes(hub));
  api.route('/', runRoutes(hub));
  return api;
}

/** `/w/<workspace>/rest` → `/rest`; the default workspace's paths have no prefix. */
export function withoutWorkspace(path: string): string {
  if (!path.startsWith('/w/')) return path;
  const slash = path.indexOf('/', 3);
  return slash === -1 ? '/' : path.slice(slash);
}
