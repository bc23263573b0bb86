import type { ControlStore } from '../control.js';
import type { PgDb } from './pg-db.js';
import { CONTROL_SCHEMA, migratePg, PG_CONTROL_MIGRATIONS } from './pg-migrations.js';
import { PgAudit } from './pg-audit.js';
import { tablesOf } from './pg-store.js';
import { PgTokens } from './pg-tokens.js';
import { PgWorkspaces } from './pg-workspaces.js';

/**
 * Opens (creating and migrating) the control schema that every node of the hub shares.
 * Closing it leaves the pool open: the pool belongs to whoever made it.
 */
export async function openPgControl(db: PgDb, schema = CONTROL_SCHEMA): Promise<ControlStore> {
  await migratePg(db, schema, PG_CONTROL_MIGRATIONS);
  const s = tablesOf(schema);
  return {
    workspaces: new PgWorkspaces(db, s),
    tokens: new PgTokens(db, s),
    audit: new PgAudit(db, s, schema),
    close: async () => {},
  };
}
