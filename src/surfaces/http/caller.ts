import type { Context } from 'hono';
import { BatonError, isBatonError } from '../../core/errors.js';
import type { Access } from '../../hub/access.js';
import type { Caller, Hub } from '../../hub/hub.js';

export const SESSION_HEADER = 'x-baton-session';
export const SESSION_NAME_HEADER = 'x-baton-session-name';
export const RESUME_TOKEN_HEADER = 'x-baton-resume-token';
export const CLIENT_HEADER = 'x-baton-client';
export const ROLE_HEADER = 'x-baton-role';

/** The header each registration field arrives in, so an error names what the client actually sent. */
const HEADER_OF: Record<string, string> = {
  name: SESSION_NAME_HEADER,
  role: ROLE_HEADER,
  client: CLIENT_HEADER,
  resume_token: RESUME_TOKEN_HEADER,
};

/** Sessions created on first contact, by request, so a request that fails can take its session back. */
const firstContacts = new WeakMap<Request, string>();

/** The caller each request resolved to, so the response can carry that session's notices. */
const callers = new WeakMap<Request, Caller>();

/** The caller a request already resolved to, if it did. */
export const resolvedCaller = (c: Context): Caller | undefined => callers.get(c.req.raw);

/**
 * The session a request speaks for: `X-Baton-Session: <id>` names an existing one; on first contact
 * `X-Baton-Session-Name` (with optional `X-Baton-Client`, `X-Baton-Role`, or `X-Baton-Resume-Token`
 * to get an earlier session back) registers one, and the response carries its id in
 * `X-Baton-Session` for the next request.
 */
export async function callerOf(hub: Hub, c: Context): Promise<Caller> {
  const caller = await resolveCaller(hub, c);
  callers.set(c.req.raw, caller);
  return caller;
}

/** The rights the request's token gave it, set by the workspace dispatch before any route runs. */
export function accessOf(c: Context): Access {
  const access = (c.env as { access?: Access } | undefined)?.access;
  if (!access) throw new Error('a workspace route ran without the access of its request');
  return access;
}

async function resolveCaller(hub: Hub, c: Context): Promise<Caller> {
  const access = accessOf(c);
  const id = c.req.header(SESSION_HEADER);
  if (id) return { session: await hub.sessions.identify(id, access), access };
  const name = headerText(c, SESSION_NAME_HEADER);
  if (!name) {
    throw new BatonError(
      'unauthenticated',
      `this request acts as a session: send ${SESSION_HEADER} (an id) or ${SESSION_NAME_HEADER} (to create one)`,
    );
  }
  const { session, resumeToken, resumed } = await registerFromHeaders(hub, c, name);
  if (!resumed) firstContacts.set(c.req.raw, session.id);
  c.header(SESSION_HEADER, session.id);
  c.header(RESUME_TOKEN_HEADER, resumeToken);
  return { session, access };
}

async function registerFromHeaders(hub: Hub, c: Context, name: string) {
  try {
    return await hub.sessions.register({
      name,
      client: headerText(c, CLIENT_HEADER) ?? 'http',
      role: headerText(c, ROLE_HEADER),
      resume_token: c.req.header(RESUME_TOKEN_HEADER) || undefined,
    }, accessOf(c));
  } catch (error) {
    throw inHeaderTerms(error);
  }
}

function inHeaderTerms(error: unknown): unknown {
  if (!isBatonError(error) || !error.field || !HEADER_OF[error.field]) return error;
  const header = HEADER_OF[error.field]!;
  return new BatonError(error.code, `${header}${error.message.slice(error.field.length)}`, header);
}

/** Header values are bytes; non-ASCII names arrive percent-encoded (`Jos%C3%A9`). */
function headerText(c: Context, header: string): string | undefined {
  const raw = c.req.header(header);
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * A request that failed leaves nothing behind: the session it created on first contact is removed
 * (when it wrote nothing) and its id is not handed out.
 */
export async function forgetFirstContact(hub: Hub, c: Context): Promise<void> {
  const id = firstContacts.get(c.req.raw);
  if (!id) return;
  firstContacts.delete(c.req.raw);
  c.header(SESSION_HEADER, undefined);
  c.header(RESUME_TOKEN_HEADER, undefined);
  await hub.sessions.discardIfUnused(id);
}
