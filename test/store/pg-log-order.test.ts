import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { logLockKey, takeLogLock } from '../../src/store/postgres/pg-db.js';
import { openPgStore } from '../../src/store/postgres/pg-store.js';
import { PG_URL, testDb } from '../support/pg.js';
import { newSession } from './store-conformance.js';

const { db, schema } = testDb();

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  return client;
}

/** Resolves once some backend is blocked waiting for an advisory lock. */
async function someoneWaitsForTheLock(): Promise<void> {
  for (;;) {
    const [row] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
    );
    if (row!.n > 0) return;
  }
}

describe('postgres: positions commit in order', () => {
  it('the hazard: a plain identity column commits out of order, so a reader could pass a position that appears later', async () => {
    const name = schema();
    await db.query(`CREATE SCHEMA "${name}"; CREATE TABLE "${name}".log (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text)`);
    const [first, second] = [await connect(), await connect()];
    try {
      await first.query('BEGIN');
      const { rows: a } = await first.query<{ seq: string }>(`INSERT INTO "${name}".log (v) VALUES ('first') RETURNING seq`);
      await second.query(`INSERT INTO "${name}".log (v) VALUES ('second')`);
      // A reader now sees position 2 and not 1: a cursor moved to 2 would never read 1.
      expect((await db.query<{ seq: number }>(`SELECT seq FROM "${name}".log ORDER BY seq`)).map((r) => r.seq)).toEqual([2]);
      await first.query('COMMIT');
      expect(Number(a[0]!.seq)).toBe(1);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });

  it('an append waits while another writer of the same workspace holds the log lock, and draws the next position only after that commit', async () => {
    const name = schema();
    const store = await openPgStore(db, name);
    await store.sessions.create(newSession('s-writer'));
    const channel = (await store.channels.create({ name: 'general', description: '', createdBy: null, createdAt: 1 }))!;
    const message = (title: string) => ({ channelId: channel.id, title, body: '', authorId: 's-writer', createdAt: 1, replyTo: null, threadId: null });
    const inFlight = await connect();
    try {
      // Another node mid-append: it holds the lock and has drawn its position, but not committed.
      await inFlight.query('BEGIN');
      await inFlight.query(takeLogLock('$1'), [logLockKey(name, 'messages')]);
      const { rows } = await inFlight.query<{ seq: string }>(
        `INSERT INTO "${name}".messages (channel_id, title, body, author_id, created_at) VALUES ($1, 'in flight', '', 's-writer', 1) RETURNING seq`,
        [channel.id],
      );
      let appended = false;
      const later = store.messages.append(message('later')).then((m) => ((appended = true), m));
      await someoneWaitsForTheLock();
      expect(appended).toBe(false);
      // Nothing past the in-flight position is visible meanwhile, so no reader can step over it.
      expect(await store.messages.after({ channelIds: [channel.id], after: 0, limit: 10 })).toEqual([]);
      await inFlight.query('COMMIT');
      const m = await later;
      expect(m.seq).toBeGreaterThan(Number(rows[0]!.seq));
      expect((await store.messages.after({ channelIds: [channel.id], after: 0, limit: 10 })).map((x) => x.title)).toEqual(['in flight', 'later']);
    } finally {
      await inFlight.end();
    }
  });

  it('workspaces do not wait for each other: each has its own log lock', async () => {
    const [nameA, nameB] = [schema(), schema()];
    const b = await openPgStore(db, nameB);
    await b.sessions.create(newSession('s-writer'));
    const channel = (await b.channels.create({ name: 'general', description: '', createdBy: null, createdAt: 1 }))!;
    const holder = await connect();
    try {
      // Workspace A's log lock held by a writer that has not committed.
      await holder.query('BEGIN');
      await holder.query(takeLogLock('$1'), [logLockKey(nameA, 'messages')]);
      const m = await b.messages.append({ channelId: channel.id, title: 'b goes on', body: '', authorId: 's-writer', createdAt: 1, replyTo: null, threadId: null });
      expect(m.title).toBe('b goes on');
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });
});
