import type { Context } from 'hono';
import { BatonError } from '../../core/errors.js';
import type { Caller, Hub } from '../../hub/hub.js';

export const SESSION_HEADER = 'x-baton-session';
export const SESSION_NAME_HEADER = 'x-baton-session-name';
export const CLIENT_HEADER = 'x-baton-client';
export const ROLE_HEADER = 'x-baton-role';

/**
 * The session a request speaks for: `X-Baton-Session: <id>` names an existing one; on first contact
 * `X-Baton-Session-Name` (with optional `X-Baton-Client`, `X-Baton-Role`) creates one, and the
 * response carries its id in `X-Baton-Session` for the next request.
 */
export async function callerOf(hub: Hub, c: Context): Promise<Caller> {
  const id = c.req.header(SESSION_HEADER);
  if (id) return { session: await hub.sessions.identify(id) };
  const name = c.req.header(SESSION_NAME_HEADER);
  if (!name) {
    throw new BatonError(
      'unauthenticated',
      `this request writes as a session: send ${SESSION_HEADER} (an id) or ${SESSION_NAME_HEADER} (to create one)`,
    );
  }
  const { session, resumeToken } = await hub.sessions.register({
    name,
    client: c.req.header(CLIENT_HEADER) ?? 'http',
    role: c.req.header(ROLE_HEADER),
  });
  c.header(SESSION_HEADER, session.id);
  c.header('x-baton-resume-token', resumeToken);
  return { session };
}
