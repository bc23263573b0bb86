import type { Context, MiddlewareHandler } from 'hono';
import type { Caller, Hub } from '../../hub/hub.js';
import { accessOf, resolvedCaller, SESSION_HEADER } from './caller.js';

/**
 * Adds `notices` (a lease that ran out, a task taken away) to every JSON response of a request
 * that names a known session, refusals included: a former holder learns on its very next call.
 * Notices are handed out once, so only a JSON object response takes them.
 */
export function noticesMiddleware(hub: Hub): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!isJsonObjectResponse(c.res)) return;
    const caller = resolvedCaller(c) ?? (await namedCaller(hub, c));
    if (!caller) return;
    const notices = await hub.tasks.notices(caller);
    if (notices.length > 0) c.res = await withNotices(c.res, notices);
  };
}

// Only the header is looked at: touching res.body would turn the server's fast response into a stream.
const isJsonObjectResponse = (res: Response): boolean => (res.headers.get('content-type') ?? '').startsWith('application/json');

/** A route that did not resolve its caller still speaks for the session its header names, if that exists. */
async function namedCaller(hub: Hub, c: Context): Promise<Caller | undefined> {
  const id = c.req.header(SESSION_HEADER);
  if (!id) return undefined;
  try {
    const access = accessOf(c);
    return { session: await hub.sessions.identify(id, access), access };
  } catch {
    return undefined;
  }
}

async function withNotices(res: Response, notices: string[]): Promise<Response> {
  const body = (await res.json()) as unknown;
  const merged = typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, notices } : body;
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(merged), { status: res.status, headers });
}
