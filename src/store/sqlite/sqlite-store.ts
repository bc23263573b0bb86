import Database from 'better-sqlite3';
import type { Store } from '../store.js';
import { migrate } from './migrations.js';
import { SqliteSessions } from './sqlite-sessions.js';
import { SqliteChannels } from './sqlite-channels.js';
import { SqliteMessages } from './sqlite-messages.js';
import { SqliteDocuments } from './sqlite-documents.js';
import { SqliteTasks } from './sqlite-tasks.js';
import { SqliteSearch } from './sqlite-search.js';
import { SqliteRuns } from './sqlite-runs.js';

export interface SqliteOptions {
  /** Milliseconds a writer waits for the lock before giving up. */
  busyTimeoutMs?: number;
}

/** Opens (creating and migrating) the embedded store: one SQLite file in WAL mode. */
export function openSqliteStore(file: string, options: SqliteOptions = {}): Store {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL survives a process crash; only a power loss can take the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.pragma('foreign_keys = ON');
  migrate(db);
  const messages = new SqliteMessages(db);
  return {
    sessions: new SqliteSessions(db),
    channels: new SqliteChannels(db),
    messages,
    documents: new SqliteDocuments(db),
    tasks: new SqliteTasks(db, messages),
    search: new SqliteSearch(db),
    runs: new SqliteRuns(db),
    close: async () => {
      db.close();
    },
  };
}
