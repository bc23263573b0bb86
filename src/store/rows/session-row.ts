import type { Session, SessionKind } from '../../domain/types.js';

/** A session as both adapters read it: every column but the resume token's hash. */
export interface SessionRow {
  id: string;
  name: string;
  role: string;
  client: string;
  kind: string;
  first_seen: number;
  last_seen: number;
  token_id: string | null;
}

export const SESSION_COLUMNS = 'id, name, role, client, kind, first_seen, last_seen, token_id';

export const toSession = (r: SessionRow): Session => ({
  id: r.id,
  name: r.name,
  role: r.role,
  client: r.client,
  kind: r.kind as SessionKind,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  tokenId: r.token_id,
});
