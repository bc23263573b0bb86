import type { Role } from '../../domain/roles.js';
import type { TokenRecord } from '../control.js';

/** A token as both control stores read it: every column but its hash. */
export interface TokenRow {
  id: string;
  name: string;
  role: string;
  workspace: string | null;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

export const TOKEN_COLUMNS = 'id, name, role, workspace, created_at, expires_at, revoked_at, last_used_at';

export const toToken = (r: TokenRow): TokenRecord => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  workspace: r.workspace,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});
