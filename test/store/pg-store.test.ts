import { describe, expect, it } from 'vitest';
import { PgDb } from '../../src/store/postgres/pg-db.js';
import { migratePg, PG_MIGRATIONS } from '../../src/store/postgres/pg-migrations.js';
import { openPgStore } from '../../src/store/postgres/pg-store.js';
import type { Store } from '../../src/store/store.js';
import { PG_URL, testDb } from '../support/pg.js';
import { T0 } from './conformance/fixtures.js';
import { describeStoreConformance, type AppendPlan, type ClaimPlan } from './store-conformance.js';

const { db, schema } = testDb();
/** The schema each opened store lives in, so other nodes (pools of their own) can open the same one. */
const schemas = new WeakMap<Store, string>();

async function openFresh(): Promise<Store> {
  const name = schema();
  const store = await openPgStore(db, name);
  schemas.set(store, name);
  return store;
}

/** Runs work on `count` nodes at once, each a store of its own pool on the schema of `store`. */
async function onNodes<T>(store: Store, count: number, work: (node: Store, i: number) => Promise<T>): Promise<T[]> {
  const pools = Array.from({ length: count }, () => new PgDb(PG_URL, 1));
  try {
    // Opened (and connected) first, so the work starts on every node together.
    const nodes = await Promise.all(pools.map((pool) => openPgStore(pool, schemas.get(store)!)));
    return await Promise.all(nodes.map((node, i) => work(node, i)));
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

/** Appends this writer's share of the plan: `w<writer>-<n>`, spread over the channels. */
async function appendAll(node: Store, writer: number, { perWriter, channelIds, authorId }: AppendPlan): Promise<void> {
  for (let n = 0; n < perWriter; n++) {
    const channelId = channelIds[n % channelIds.length]!;
    await node.messages.append({ channelId, title: `w${writer}-${n}`, body: '', authorId, createdAt: T0, replyTo: null, threadId: null });
  }
}

/** Tries to claim every task once, as one holder; the ids it won. */
async function claimAll(node: Store, holderId: string, { taskIds, channelId, now }: ClaimPlan): Promise<string[]> {
  const won: string[] = [];
  for (const id of taskIds) {
    const result = await node.tasks.change({
      id,
      expect: { states: ['open'], kind: 'handoff' },
      set: { state: 'claimed', holderId, claimedAt: now, leaseExpiresAt: now + 900_000, updatedAt: now },
      messages: [
        { channelId, title: `✋ Claimed by ${holderId}`, body: '', authorId: holderId, createdAt: now, replyTo: null, threadId: null, replyToTask: true },
      ],
    });
    if (result.ok) won.push(id);
  }
  return won;
}

describeStoreConformance('postgres', openFresh, {
  appendElsewhere: async (plan) => {
    await onNodes(plan.store, plan.writers, (node, writer) => appendAll(node, writer, plan));
  },
  claimElsewhere: (plan) => onNodes(plan.store, plan.holderIds.length, (node, i) => claimAll(node, plan.holderIds[i]!, plan)),
});

describe('postgres store', () => {
  it('migrations - nodes starting at once on a new database apply each step exactly once', async () => {
    for (let round = 0; round < 3; round++) {
      const name = schema();
      const nodes = Array.from({ length: 8 }, () => new PgDb(PG_URL, 1));
      try {
        await Promise.all(nodes.map((node) => migratePg(node, name, PG_MIGRATIONS)));
      } finally {
        await Promise.all(nodes.map((node) => node.close()));
      }
      const applied = await db.query<{ version: number }>(`SELECT version FROM "${name}".schema_migrations ORDER BY version`);
      expect(applied.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    }
  });

  it('migrations - reopening runs nothing again and keeps the data', async () => {
    const name = schema();
    const first: Store = await openPgStore(db, name);
    await first.channels.create({ name: 'kept', description: '', createdBy: null, createdAt: 1 });
    const before = await db.query(`SELECT version, applied_at FROM "${name}".schema_migrations ORDER BY version`);
    const second = await openPgStore(db, name);
    expect(await second.channels.byName('kept')).toBeDefined();
    expect(await db.query(`SELECT version, applied_at FROM "${name}".schema_migrations ORDER BY version`)).toEqual(before);
  });
});
