import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

/** The adapter's own INSERT (src/store/sqlite/sqlite-messages.ts), so the ceiling does the hub's work. */
export const INSERT_MESSAGE = `INSERT INTO messages (channel_id, title, body, author_id, created_at, reply_to, thread_id)
  VALUES (@channelId, @title, @body, @authorId, @createdAt, @replyTo, @threadId) RETURNING seq`;

export interface Seeded {
  sessionId: string;
  channelId: number;
}

/**
 * Creates the hub's schema in `file` through the real adapter (migrations and all) with one author
 * session and one channel, then closes it, so the file can be opened directly or by a hub.
 */
export async function seedStore(file: string, channelName: string): Promise<Seeded> {
  const store = openSqliteStore(file);
  try {
    const now = Date.now();
    const sessionId = 's-bench0';
    await store.sessions.create({ id: sessionId, name: 'bench-author', role: 'agent', client: 'baton-bench', kind: 'agent', firstSeen: now, resumeTokenHash: '-', tokenId: null });
    const channel = await store.channels.create({ name: channelName, description: 'benchmark', createdBy: null, createdAt: now });
    if (!channel) throw new Error(`channel ${channelName} exists already`);
    return { sessionId, channelId: channel.id };
  } finally {
    await store.close();
  }
}

/** The SQLite file opened without the hub, with the pragmas the adapter sets (src/store/sqlite/sqlite-store.ts). */
export function openDirect(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}
