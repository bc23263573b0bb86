import type { Store } from '../store.js';
import { ident, type PgDb } from './pg-db.js';
import { migratePg, PG_MIGRATIONS } from './pg-migrations.js';
import { PgChannels } from './pg-channels.js';
import { PgDocuments } from './pg-documents.js';
import { PgMessages } from './pg-messages.js';
import { PgRuns } from './pg-runs.js';
import { PgSearch } from './pg-search.js';
import { PgSessions } from './pg-sessions.js';
import { PgTasks } from './pg-tasks.js';

/** Table names of one schema, quoted and qualified, so one pool serves every workspace. */
export type TableNames = (table: string) => string;

export const tablesOf = (schema: string): TableNames => {
  const s = ident(schema);
  return (table) => `${s}.${ident(table)}`;
};

/**
 * Opens (creating and migrating) one workspace's store in its own schema of a shared database.
 * Closing it leaves the pool open: the pool belongs to whoever made it.
 */
export async function openPgStore(db: PgDb, schema: string): Promise<Store> {
  await migratePg(db, schema, PG_MIGRATIONS);
  const s = tablesOf(schema);
  const messages = new PgMessages(db, s, schema);
  return {
    sessions: new PgSessions(db, s),
    channels: new PgChannels(db, s),
    messages,
    documents: new PgDocuments(db, s),
    tasks: new PgTasks(db, s, messages),
    search: new PgSearch(db, s),
    runs: new PgRuns(db, s),
    close: async () => {},
  };
}
