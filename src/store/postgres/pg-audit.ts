import type { AuditEntry } from '../../hub/audit.js';
import type { AuditQuery, AuditStore } from '../control.js';
import { auditFilter, toAuditEntry, type AuditRow } from '../rows/audit-row.js';
import { logLockKey, takeLogLock, unstorable, type PgDb } from './pg-db.js';
import type { TableNames } from './pg-store.js';

/** PostgreSQL text cannot hold NUL; one such entry must not fail the whole batch, so it is written as U+FFFD. */
const storable = (value: string | number | null) => (typeof value === 'string' ? value.replaceAll('\u0000', '\ufffd') : value);

/** An entry as one value per column, in column order. */
const columnsOf = (e: AuditEntry) =>
  [e.at, e.workspace, e.tokenId, e.tokenName, e.sessionId, e.action, e.target, e.outcome, e.detail ?? null].map(storable);

/**
 * The hub's audit log, shared by every node. Readers page through it by id (`after`), so each append
 * takes the audit log's lock before drawing its ids (logLockKey in pg-db.ts), as the message log does.
 */
export class PgAudit implements AuditStore {
  private readonly insert: string;
  private readonly lockKey: string;

  constructor(
    private readonly db: PgDb,
    private readonly s: TableNames,
    schema: string,
  ) {
    this.lockKey = logLockKey(schema, 'audit');
    // One statement for the batch: the lock, then the entries in the order given.
    this.insert = `WITH audit_lock AS (${takeLogLock('$10')})
      INSERT INTO ${s('audit')} (at, workspace, token_id, token_name, session_id, action, target, outcome, detail)
      SELECT e.at, e.workspace, e.token_id, e.token_name, e.session_id, e.action, e.target, e.outcome, e.detail
      FROM audit_lock, unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
        WITH ORDINALITY AS e (at, workspace, token_id, token_name, session_id, action, target, outcome, detail, n)
      ORDER BY e.n`;
  }

  async prune(before: number): Promise<number> {
    return (await this.db.pool.query(`DELETE FROM ${this.s('audit')} WHERE at < $1`, [before])).rowCount ?? 0;
  }

  async append(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map(columnsOf);
    const columns = rows[0]!.map((_, i) => rows.map((row) => row[i]));
    await this.db.query(this.insert, [...columns, this.lockKey]);
  }

  async query(query: AuditQuery): Promise<(AuditEntry & { id: number })[]> {
    const { sql, params } = auditFilter(query, (n) => `$${n}`);
    // No stored entry holds NUL, so a filter with one matches nothing.
    if (params.some((p) => typeof p === 'string' && unstorable(p))) return [];
    return (await this.db.query<AuditRow>(`SELECT * FROM ${this.s('audit')} ${sql}`, params)).map(toAuditEntry);
  }
}
