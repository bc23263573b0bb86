import { DEFAULT_WORKSPACE } from '../../src/domain/workspaces.js';
import { PgDb } from '../../src/store/postgres/pg-db.js';
import { workspaceSchema } from '../../src/store/postgres/pg-migrations.js';
import { openPgStore, tablesOf } from '../../src/store/postgres/pg-store.js';
import { CLAIMED_REPLIES_SQL, HANDOFF_AUTHOR, outcomeOf, seedHandoffAuthor, TASK_HOLDERS_SQL, type ClaimOutcome } from '../figures/claim-race.js';

const SCHEMA = workspaceSchema(DEFAULT_WORKSPACE);

/**
 * The default workspace's schema through the real adapter (as the first node would make it), then
 * `count` open handoffs as messages in handoffs plus their task rows, the same rows the SQLite fill
 * writes, in two statements. Returns the handoffs' positions.
 */
export async function fillPgHandoffs(store: string, count: number): Promise<number[]> {
  const db = new PgDb(store, 1);
  try {
    const now = Date.now();
    await seedHandoffAuthor(await openPgStore(db, SCHEMA), now);
    const s = tablesOf(SCHEMA);
    const [channel] = await db.query<{ id: number }>(`SELECT id FROM ${s('channels')} WHERE name = 'handoffs'`);
    const seqs = await db.query<{ seq: number }>(
      `INSERT INTO ${s('messages')} (channel_id, title, body, author_id, created_at)
        SELECT $1, '🔄 Handoff: Subtask ' || i, '**Task:** Subtask ' || i || E'\\n**Scope:** benchmark', $2, $3
        FROM generate_series(0, $4 - 1) AS i ORDER BY i RETURNING seq`,
      [channel!.id, HANDOFF_AUTHOR, now, count],
    );
    await db.query(
      `INSERT INTO ${s('tasks')} (seq, kind, channel_id, task, state, author_id, created_at, updated_at)
        SELECT seq, 'handoff', channel_id, substr(title, length('🔄 Handoff: ') + 1), 'open', author_id, created_at, created_at
        FROM ${s('messages')} WHERE channel_id = $1`,
      [channel!.id],
    );
    return seqs.map((r) => r.seq).sort((a, b) => a - b);
  } finally {
    await db.close();
  }
}

/** The claim replies and holders after a race, read straight from the database with the queries the SQLite check runs. */
export async function readPgOutcome(store: string): Promise<ClaimOutcome> {
  const db = new PgDb(store, 1);
  try {
    return await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL search_path TO "${SCHEMA}"`);
      const replies = await tx.query<{ thread_id: string; n: number }>(CLAIMED_REPLIES_SQL);
      const tasks = await tx.query<{ seq: number; holder_id: string | null; state: string }>(TASK_HOLDERS_SQL);
      return outcomeOf(replies.rows, tasks.rows);
    });
  } finally {
    await db.close();
  }
}
