import type Database from 'better-sqlite3';

/** Versioned schema steps; each runs once, in order, inside one transaction, when the hub starts. */
export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        client TEXT NOT NULL,
        kind TEXT NOT NULL,
        resume_token_hash TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
      );
      CREATE INDEX sessions_by_name ON sessions (name);
      CREATE TABLE channels (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL,
        created_by TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        channel_id INTEGER NOT NULL REFERENCES channels (id),
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        author_id TEXT NOT NULL REFERENCES sessions (id),
        created_at INTEGER NOT NULL,
        reply_to TEXT,
        thread_id TEXT
      );
      CREATE INDEX messages_by_channel ON messages (channel_id, seq);
      CREATE INDEX messages_by_thread ON messages (thread_id, seq) WHERE thread_id IS NOT NULL;
      CREATE INDEX messages_by_author ON messages (author_id);
      CREATE TABLE read_cursors (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        channel_id INTEGER NOT NULL REFERENCES channels (id),
        seq INTEGER NOT NULL,
        PRIMARY KEY (session_id, channel_id)
      ) WITHOUT ROWID;
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        name TEXT NOT NULL,
        folder TEXT NOT NULL,
        current_version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL REFERENCES sessions (id),
        deleted_at INTEGER,
        deleted_by TEXT
      );
      CREATE UNIQUE INDEX documents_live_path ON documents (path) WHERE deleted_at IS NULL;
      CREATE INDEX documents_by_folder ON documents (folder) WHERE deleted_at IS NULL;
      CREATE TABLE document_versions (
        document_id TEXT NOT NULL REFERENCES documents (id),
        version INTEGER NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        content_type TEXT NOT NULL,
        author_id TEXT NOT NULL REFERENCES sessions (id),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (document_id, version)
      ) WITHOUT ROWID;
      CREATE INDEX document_versions_by_blob ON document_versions (sha256);
      CREATE INDEX document_versions_by_author ON document_versions (author_id);
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE tasks (
        seq INTEGER PRIMARY KEY REFERENCES messages (seq),
        kind TEXT NOT NULL,
        channel_id INTEGER NOT NULL REFERENCES channels (id),
        task TEXT NOT NULL,
        state TEXT NOT NULL,
        holder_id TEXT REFERENCES sessions (id),
        claimed_at INTEGER,
        lease_expires_at INTEGER,
        fence INTEGER NOT NULL DEFAULT 0,
        context TEXT NOT NULL DEFAULT '[]',
        scope TEXT NOT NULL DEFAULT '',
        next_steps TEXT NOT NULL DEFAULT '[]',
        priority TEXT NOT NULL DEFAULT 'normal',
        labels TEXT NOT NULL DEFAULT '[]',
        severity TEXT,
        result TEXT,
        result_links TEXT NOT NULL DEFAULT '[]',
        reason TEXT,
        author_id TEXT NOT NULL REFERENCES sessions (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        escalated_at INTEGER
      );
      CREATE INDEX tasks_by_state ON tasks (kind, state, seq);
      CREATE INDEX tasks_by_holder ON tasks (holder_id) WHERE holder_id IS NOT NULL;
      CREATE INDEX tasks_lapsing ON tasks (lease_expires_at) WHERE state = 'claimed';
      CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX notices_by_session ON notices (session_id, id);
    `,
  },
  {
    version: 3,
    sql: `ALTER TABLE sessions ADD COLUMN token_id TEXT;`,
  },
  {
    version: 4,
    sql: `
      ALTER TABLE tasks ADD COLUMN result_by TEXT;
      ALTER TABLE tasks ADD COLUMN reason_by TEXT;
    `,
  },
  {
    version: 5,
    sql: `
      CREATE VIRTUAL TABLE messages_fts USING fts5(title, body, content = 'messages', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
      CREATE TABLE search_progress (name TEXT PRIMARY KEY, upto INTEGER NOT NULL);
      INSERT INTO search_progress (name, upto) VALUES ('messages', 0);
      CREATE VIRTUAL TABLE documents_fts USING fts5(document_id UNINDEXED, path, body, tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO documents_fts (document_id, path, body) SELECT id, path, '' FROM documents WHERE deleted_at IS NULL;
    `,
  },
  {
    version: 6,
    sql: `
      CREATE TABLE runs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        recipe TEXT NOT NULL,
        source TEXT NOT NULL,
        text TEXT NOT NULL,
        state TEXT NOT NULL,
        inputs TEXT NOT NULL,
        context TEXT NOT NULL,
        outputs TEXT NOT NULL,
        error TEXT,
        approval TEXT,
        created_by TEXT NOT NULL REFERENCES sessions (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX runs_by_state ON runs (state, seq);
      CREATE INDEX runs_by_creator ON runs (created_by);
      CREATE TABLE run_steps (
        run_id TEXT NOT NULL REFERENCES runs (id),
        key TEXT NOT NULL,
        step_id TEXT NOT NULL,
        stage TEXT,
        item INTEGER,
        round INTEGER,
        state TEXT NOT NULL,
        task_id TEXT,
        result TEXT NOT NULL,
        error TEXT,
        attempts INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        -- A rowid table: steps list in the order they were first saved, which is the order they ran.
        PRIMARY KEY (run_id, key)
      );
    `,
  },
];

export function migrate(db: Database.Database, steps: readonly Migration[] = MIGRATIONS): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const appliedNow = db.prepare('SELECT version FROM schema_migrations').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  // What is applied is read under the write lock: two connections opening a new file at once
  // would otherwise both see it empty and both run step 1.
  db.transaction(() => {
    const applied = new Set(appliedNow.all() as number[]);
    for (const step of steps.filter((m) => !applied.has(m.version))) {
      db.exec(step.sql);
      record.run(step.version, Date.now());
    }
  }).immediate();
  return steps.at(-1)?.version ?? 0;
}
