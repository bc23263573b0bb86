import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../hub/audit.js';
import type { AuditQuery, AuditStore } from '../control.js';
import { auditFilter, toAuditEntry, type AuditRow } from '../rows/audit-row.js';

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
    const { sql, params } = auditFilter(query, () => '?');
    return this.db.prepare<(string | number)[], AuditRow>(`SELECT * FROM audit ${sql}`).all(...params).map(toAuditEntry);
  }
}
