import type { AuditEntry } from '../../hub/audit.js';
import type { AuditQuery } from '../control.js';

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

/**
 * What follows `SELECT * FROM <audit>` for a query, in either control store: its filters, newest
 * first (or oldest first after a cursor), and its limit. `mark(n)` writes the n-th placeholder.
 */
export function auditFilter(query: AuditQuery, mark: (n: number) => string): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const match = (column: string, value: string | number | undefined, op = '=') => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} ${op} ${mark(params.length)}`);
  };
  match('workspace', query.workspace);
  match('token_id', query.tokenId);
  match('session_id', query.sessionId);
  match('action', query.action);
  match('id', query.after, '>');
  const order = query.after === undefined ? 'DESC' : 'ASC';
  params.push(query.limit);
  return { sql: `${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id ${order} LIMIT ${mark(params.length)}`, params };
}
