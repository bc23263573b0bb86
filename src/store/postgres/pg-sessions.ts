import type { Session } from '../../domain/types.js';
import { SESSION_COLUMNS, toSession, type SessionRow } from '../rows/session-row.js';
import type { NewSession, SessionStore } from '../store.js';
import type { PgDb } from './pg-db.js';
import type { TableNames } from './pg-store.js';

export class PgSessions implements SessionStore {
  constructor(
    private readonly db: PgDb,
    private readonly s: TableNames,
  ) {}

  async create(session: NewSession): Promise<boolean> {
    const inserted = await this.db.query(
      `INSERT INTO ${this.s('sessions')} (id, name, role, client, kind, resume_token_hash, first_seen, last_seen, token_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [session.id, session.name, session.role, session.client, session.kind, session.resumeTokenHash, session.firstSeen, session.tokenId],
    );
    return inserted.length === 1;
  }

  async get(id: string): Promise<Session | undefined> {
    const [row] = await this.db.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM ${this.s('sessions')} WHERE id = $1`, [id]);
    return row && toSession(row);
  }

  async findResumable(name: string, tokenHash: string): Promise<Session | undefined> {
    const [row] = await this.db.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM ${this.s('sessions')} WHERE name = $1 AND resume_token_hash = $2`, [name, tokenHash]);
    return row && toSession(row);
  }

  async list(limit: number): Promise<Session[]> {
    return (await this.db.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM ${this.s('sessions')} ORDER BY last_seen DESC LIMIT $1`, [limit])).map(toSession);
  }

  async touch(id: string, at: number): Promise<void> {
    await this.db.query(`UPDATE ${this.s('sessions')} SET last_seen = GREATEST(last_seen, $1) WHERE id = $2`, [at, id]);
  }

  async removeIfUnused(id: string): Promise<boolean> {
    const s = this.s;
    const removed = await this.db.query(
      `DELETE FROM ${s('sessions')} x WHERE id = $1
         AND NOT EXISTS (SELECT 1 FROM ${s('messages')} WHERE author_id = x.id)
         AND NOT EXISTS (SELECT 1 FROM ${s('document_versions')} WHERE author_id = x.id)
         AND NOT EXISTS (SELECT 1 FROM ${s('documents')} WHERE created_by = x.id)
         AND NOT EXISTS (SELECT 1 FROM ${s('channels')} WHERE created_by = x.id)
         AND NOT EXISTS (SELECT 1 FROM ${s('runs')} WHERE created_by = x.id)
       RETURNING id`,
      [id],
    );
    return removed.length === 1;
  }

  async readCursor(sessionId: string, channelId: number): Promise<number> {
    const [row] = await this.db.query<{ seq: number }>(`SELECT seq FROM ${this.s('read_cursors')} WHERE session_id = $1 AND channel_id = $2`, [sessionId, channelId]);
    return row?.seq ?? 0;
  }

  async advanceReadCursor(sessionId: string, channelId: number, seq: number): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.s('read_cursors')} AS r (session_id, channel_id, seq) VALUES ($1, $2, $3)
       ON CONFLICT (session_id, channel_id) DO UPDATE SET seq = GREATEST(r.seq, excluded.seq)`,
      [sessionId, channelId, seq],
    );
  }
}
