import type { AuditEntry } from '../../hub/audit.js';

/** An audit entry as both control stores read it. */
export interface AuditRow {
  id: number;
  at: number;
  workspace: string | null;
  token_id: string | null;
  token_name: string;
  session_id: string | null;
  action: string;
  target: string | null;
  outcome: string;
  detail: string | null;
}

export const toAuditEntry = (r: AuditRow): AuditEntry & { id: number } => ({
  id: r.id,
  at: r.at,
  workspace: r.workspace,
  tokenId: r.token_id,
  tokenName: r.token_name,
  sessionId: r.session_id,
  action: r.action,
  target: r.target,
  outcome: r.outcome as AuditEntry['outcome'],
  ...(r.detail !== null ? { detail: r.detail } : {}),
});
