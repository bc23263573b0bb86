import type { Migration } from './migrations.js';

/** The control file's schema: workspaces, tokens (hashes only), the audit log. */
export const CONTROL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE workspaces (
        name TEXT PRIMARY KEY,
        trust TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        workspace TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER,
        revoked_at INTEGER
      );
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        workspace TEXT,
        token_id TEXT,
        token_name TEXT NOT NULL,
        session_id TEXT,
        action TEXT NOT NULL,
        target TEXT,
        outcome TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX audit_by_workspace ON audit (workspace, id);
      CREATE INDEX audit_by_token ON audit (token_id, id);
      CREATE INDEX audit_by_session ON audit (session_id, id);
    `,
  },
  {
    version: 2,
    sql: `
      ALTER TABLE tokens ADD COLUMN last_used_at INTEGER;
      CREATE INDEX audit_by_time ON audit (at);
    `,
  },
];
