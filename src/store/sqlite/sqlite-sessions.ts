import type Database from 'better-sqlite3';
import type { Session } from '../../domain/types.js';
import { SESSION_COLUMNS, toSession, type SessionRow } from '../rows/session-row.js';
import type { NewSession, SessionStore } from '../store.js';

export class SqliteSessions implements SessionStore {
  private readonly insert;
  private readonly byId;
  private readonly resumable;
  private readonly recent;
  private readonly touchStmt;
  private readonly cursorGet;
  private readonly cursorSet;
  private readonly unused;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO sessions (id, name, role, client, kind, resume_token_hash, first_seen, last_seen, token_id)
       VALUES (@id, @name, @role, @client, @kind, @resumeTokenHash, @firstSeen, @firstSeen, @tokenId)`,
    );
    this.byId = db.prepare<[string], SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`);
    this.resumable = db.prepare<[string, string], SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE name = ? AND resume_token_hash = ?`,
    );
    this.recent = db.prepare<[number], SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions ORDER BY last_seen DESC LIMIT ?`);
    this.touchStmt = db.prepare('UPDATE sessions SET last_seen = MAX(last_seen, ?) WHERE id = ?');
    this.cursorGet = db.prepare<[string, number], number>(
      'SELECT seq FROM read_cursors WHERE session_id = ? AND channel_id = ?',
    ).pluck();
    this.cursorSet = db.prepare(
      `INSERT INTO read_cursors (session_id, channel_id, seq) VALUES (?, ?, ?)
       ON CONFLICT (session_id, channel_id) DO UPDATE SET seq = MAX(seq, excluded.seq)`,
    );
    this.unused = db.prepare(
      `DELETE FROM sessions WHERE id = ?
         AND NOT EXISTS (SELECT 1 FROM messages WHERE author_id = sessions.id)
         AND NOT EXISTS (SELECT 1 FROM document_versions WHERE author_id = sessions.id)
         AND NOT EXISTS (SELECT 1 FROM documents WHERE created_by = sessions.id)
         AND NOT EXISTS (SELECT 1 FROM channels WHERE created_by = sessions.id)
         AND NOT EXISTS (SELECT 1 FROM runs WHERE created_by = sessions.id)`,
    );
  }

  async create(session: NewSession): Promise<boolean> {
    return this.insert.run(session).changes === 1;
  }

  async get(id: string): Promise<Session | undefined> {
    const row = this.byId.get(id);
    return row && toSession(row);
  }

  async findResumable(name: string, tokenHash: string): Promise<Session | undefined> {
    const row = this.resumable.get(name, tokenHash);
    return row && toSession(row);
  }

  async list(limit: number): Promise<Session[]> {
    return this.recent.all(limit).map(toSession);
  }

  async touch(id: string, at: number): Promise<void> {
    this.touchStmt.run(at, id);
  }

  async removeIfUnused(id: string): Promise<boolean> {
    return this.unused.run(id).changes === 1;
  }

  async readCursor(sessionId: string, channelId: number): Promise<number> {
    return this.cursorGet.get(sessionId, channelId) ?? 0;
  }

  async advanceReadCursor(sessionId: string, channelId: number, seq: number): Promise<void> {
    this.cursorSet.run(sessionId, channelId, seq);
  }
}
