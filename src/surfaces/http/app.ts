import { Hono } from 'hono';
import type { AdminService } from '../../access/admin-service.js';
import { BatonError } from '../../core/errors.js';
import { DEFAULT_WORKSPACE } from '../../domain/workspaces.js';
import type { WorkspaceHubs } from '../../server/workspace-hubs.js';
import { assetRoutes } from '../web/assets.js';
import type { Dashboard } from '../web/dashboard.js';
import { loginPage } from '../web/login.js';
import { errorResponse } from './error-response.js';
import { cookieOpens, isPage, type Gate } from './gate.js';
import { adminRoutes } from './routes-admin.js';
import type { Gauges } from './wait-gauge.js';

export interface HttpAppOptions {
  version: string;
  gate: Gate;
  workspaces: WorkspaceHubs;
  admin: AdminService;
  gauges: Gauges;
  /** The largest JSON body of the hub-wide routes (the workspaces' own come from their limits). */
  requestBytes: number;
  /** Web pages set their cookie Secure when the hub is reached over https. */
  secureCookies: boolean;
  /** The built dashboard, whose assets the front door serves to anyone. */
  dashboard?: Dashboard;
  onUnexpected?: (error: unknown) => void;
}

/**
 * The hub's front door: `/healthz` and `/login` for anyone, the admin API, and every other path
 * handed to its workspace (`/w/<name>/…`, or `default` without the prefix) once the token, its
 * rate and its workspace are checked.
 */
export function createHttpApp(options: HttpAppOptions): Hono {
  const { gate, workspaces } = options;
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    // Set on the response itself: c.header() after next() would rebuild every response as a stream.
    c.res.headers.set('x-content-type-options', 'nosniff');
  });
  app.onError((error, c) => errorResponse(c, error, options.onUnexpected));
  app.get('/healthz', (c) => c.json({ ok: true, name: 'baton', version: options.version, waiting: options.gauges.waits.pending, streams: options.gauges.streams.pending }));
  app.route('/', loginPage(gate, options.secureCookies));
  app.route('/', assetRoutes(options.dashboard));
  app.route('/api/v1', adminRoutes(gate, options.admin, options.requestBytes));
  app.all('*', async (c) => {
    const { workspace, path } = workspaceOf(c.req.path);
    const page = isPage(path);
    const access = await gate.access(c, cookieOpens(c, path)).catch((error: unknown) => {
      if (page && (c.req.method === 'GET' || c.req.method === 'HEAD') && error instanceof BatonError && error.code === 'unauthenticated') return undefined;
      throw error;
    });
    if (!access) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    gate.limit(c, access);
    await gate.enter(access, workspace);
    const response = await workspaces.serve(workspace, c.req.raw, { access });
    if (!response) throw new BatonError('not_found', `Workspace '${workspace}' not found`);
    return response;
  });
  return app;
}

/** Which workspace a path is for, and the path within it. */
export function workspaceOf(path: string): { workspace: string; path: string } {
  const match = /^\/w\/([^/]*)(\/.*)?$/.exec(path);
  if (!match) return { workspace: DEFAULT_WORKSPACE, path };
  return { workspace: safeDecode(match[1]!), path: match[2] ?? '/' };
}

const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

