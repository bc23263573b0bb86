import type { Implementation } from '@modelcontextprotocol/sdk/types.js';
import type { Session } from '../../domain/types.js';
import type { Access } from '../../hub/access.js';
import type { Hub } from '../../hub/hub.js';
import { ROLE_HEADER, SESSION_HEADER, SESSION_NAME_HEADER } from '../http/caller.js';

/**
 * The Baton session an MCP session speaks for. `register` can re-bind it, so tool calls read it
 * afresh each time.
 */
export interface SessionBinding {
  session: Session;
  /** The rights of the token that opened the MCP session; every later request must bring the same token. */
  readonly access: Access;
  /** Made on first contact; dropped again if the client registers before using it. */
  autoCreated: boolean;
}

/**
 * On initialize: `X-Baton-Session` names an existing session; otherwise a new one is named after
 * the client (or `X-Baton-Session-Name`), so list_users shows "claude-code", not a bare id.
 */
export async function bindSession(hub: Hub, headers: Headers, clientInfo: Implementation, access: Access): Promise<SessionBinding> {
  const id = headers.get(SESSION_HEADER);
  if (id) return { session: await hub.sessions.identify(id, access), access, autoCreated: false };
  const client = plainName(clientInfo.name) ?? 'mcp-client';
  const { session } = await hub.sessions.register({
    name: plainName(headers.get(SESSION_NAME_HEADER)) ?? client,
    client,
    role: plainName(headers.get(ROLE_HEADER)),
  }, access);
  return { session, access, autoCreated: true };
}

/** A client's self-chosen name, made fit for a session name: no control characters, at most 80. */
function plainName(raw: string | null | undefined): string | undefined {
  const name = (raw ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 80).trim();
  return name || undefined;
}
