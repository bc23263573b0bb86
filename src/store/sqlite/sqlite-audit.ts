import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../hub/audit.js';
import type { AuditQuery, AuditStore } from '../control.js';
import { toAuditEntry, type AuditRow } from '../rows/audit-row.js';

export class SqliteAudit implements AuditStore {
  private readonly insert;
  private readonly appendAll;
  private readonly pruneStmt;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO audit (at, workspace, token_id, token_name, session_id, action, target, outcome, detail)
       VALUES (@at, @workspace, @tokenId, @tokenName, @sessionId, @action, @target, @outcome, @detail)`,
    );
    this.pruneStmt = db.prepare('DELETE FROM audit WHERE at < ?');
    this.appendAll = db.transaction((entries: readonly AuditEntry[]) => {
      for (const e of entries) this.insert.run({ ...e, detail: e.detail ?? null });
    });
  }

  async prune(before: number): Promise<number> {
    return this.pruneStmt.run(before).changes;
  }

  async append(entries: readonly AuditEntry[]): Promise<void> {
    this.appendAll(entries);
  }

  async query(query: AuditQuery): Promise<(AuditEntry & { id: number })[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const match = (column: string, value: string | number | undefined, op = '=') => {
      if (value === undefined) return;
      where.push(`${column} ${op} ?`);
      params.push(value);
    };
    match('workspace', query.workspace);
    match('token_id', query.tokenId);
    match('session_id', query.sessionId);
    match('action', query.action);
    match('id', query.after, '>');
    const order = query.after === undefined ? 'DESC' : 'ASC';
    const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id ${order} LIMIT ?`;
    return this.db.prepare<(string | number)[], AuditRow>(sql).all(...params, query.limit).map(toAuditEntry);
  }
}
