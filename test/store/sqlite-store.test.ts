import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { tempDir } from '../support/temp-dir.js';
import { describeStoreConformance, newSession } from './store-conformance.js';
import { runSqliteWorkers } from './support/sqlite-workers.js';

const dir = tempDir('baton-store-');
let counter = 0;
/** Which file each opened store lives in, so writers on other threads can open the same one. */
const files = new WeakMap<Store, string>();

function openFresh(): Store {
  const file = join(dir, `store-${counter++}.db`);
  const store = openSqliteStore(file);
  files.set(store, file);
  return store;
}

describeStoreConformance('sqlite', openFresh, {
  appendElsewhere: ({ store, writers, perWriter, channelIds, authorId }) =>
    runSqliteWorkers(
      Array.from({ length: writers }, (_, writer) => ({ mode: 'append' as const, file: files.get(store)!, writer, perWriter, channelIds, authorId })),
    ).then(() => {}),
  claimElsewhere: async ({ store, taskIds, holderIds, channelId, now }) => {
    const replies = await runSqliteWorkers(holderIds.map((holderId) => ({ mode: 'claim' as const, file: files.get(store)!, taskIds, holderId, channelId, now })));
    return replies.map((r) => r.won ?? []);
  },
});

interface MigrationRow {
  version: number;
  applied_at: number;
}

const migrationRows = (file: string): MigrationRow[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all() as MigrationRow[];
  } finally {
    db.close();
  }
};

describe('sqlite store', () => {
  it('migrations - every step runs once, is recorded, and is not run again when the file is reopened', async () => {
    const file = join(dir, 'reopen.db');
    const first = openSqliteStore(file);
    await first.sessions.create(newSession('s-keeper'));
    await first.close();
    const recorded = migrationRows(file);
    expect(recorded.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));

    const second = openSqliteStore(file);
    expect(await second.sessions.get('s-keeper')).toBeDefined();
    await second.close();
    expect(migrationRows(file)).toEqual(recorded);
  });

  it('migrations - connections opening a new file at the same moment apply each step exactly once', async () => {
    // A few rounds, since a race shows itself only some of the time.
    for (let round = 0; round < 4; round++) {
      const file = join(dir, `race-${round}.db`);
      // Start from an empty file already in WAL mode: switching the journal mode is a race of its own,
      // which the data dir lock (one hub per data dir) keeps away; this one is about the steps.
      const empty = new Database(file);
      empty.pragma('journal_mode = WAL');
      empty.close();
      await runSqliteWorkers(Array.from({ length: 8 }, () => ({ mode: 'open' as const, file })));
      expect(migrationRows(file).map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    }
  });

  it('sqlite store - the file is left in WAL mode, so readers never block the writer', async () => {
    const file = join(dir, 'pragmas.db');
    await openSqliteStore(file).close();
    const db = new Database(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });
});
