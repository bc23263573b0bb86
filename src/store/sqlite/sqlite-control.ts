import Database from 'better-sqlite3';
import type { ControlStore } from '../control.js';
import { CONTROL_MIGRATIONS } from './control-migrations.js';
import { migrate } from './migrations.js';
import { SqliteAudit } from './sqlite-audit.js';
import { SqliteTokens } from './sqlite-tokens.js';
import { SqliteWorkspaces } from './sqlite-workspaces.js';

/** Opens (creating and migrating) the control file beside the workspaces' stores. */
export function openSqliteControl(file: string): ControlStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db, CONTROL_MIGRATIONS);
  return {
    workspaces: new SqliteWorkspaces(db),
    tokens: new SqliteTokens(db),
    audit: new SqliteAudit(db),
    close: async () => {
      db.close();
    },
  };
}
