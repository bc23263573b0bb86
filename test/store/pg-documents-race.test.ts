import { describe, expect, it } from 'vitest';
import { PgDb } from '../../src/store/postgres/pg-db.js';
import { openPgStore } from '../../src/store/postgres/pg-store.js';
import type { NewVersion, Store } from '../../src/store/store.js';
import { PG_URL, testDb } from '../support/pg.js';
import { atFileEnd } from '../support/cleanup.js';

const { schema } = testDb();

/** One workspace opened by several nodes at once, each with its own pool. */
async function nodesOn(count: number): Promise<Store[]> {
  const name = schema();
  const pools = Array.from({ length: count }, () => new PgDb(PG_URL, 2));
  atFileEnd(() => Promise.all(pools.map((pool) => pool.close())));
  const stores = await Promise.all(pools.map((pool) => openPgStore(pool, name)));
  await stores[0]!.sessions.create({ id: 's-writer01', name: 'writer', role: 'worker', client: 'test', kind: 'agent', firstSeen: 1, tokenId: null, resumeTokenHash: 'h' });
  return stores;
}

const upload = (path: string, n: number, extra: Partial<NewVersion> = {}): NewVersion => ({
  path,
  newId: `d-race${String(n).padStart(6, '0')}`,
  size: n,
  sha256: 'a'.repeat(64),
  contentType: 'text/plain',
  authorId: 's-writer01',
  createdAt: n,
  ...extra,
});

describe('postgres documents under concurrent nodes', () => {
  it('documents - nodes creating one new path with ifMatch 0 at once: one wins, the rest get its version', async () => {
    const nodes = await nodesOn(6);
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all(nodes.map((node, i) => node.documents.addVersion(upload(`r/${round}.md`, round * 10 + i, { ifMatch: 0 }))));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const lost of results.filter((r) => !r.ok)) expect(lost).toEqual({ ok: false, current: expect.objectContaining({ version: 1 }) });
    }
  });

  it('documents - nodes uploading one new path at once: one document, each upload a version', async () => {
    const nodes = await nodesOn(6);
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all(nodes.map((node, i) => node.documents.addVersion(upload(`r/${round}.md`, round * 10 + i))));
      const document = (await nodes[0]!.documents.byPath(`r/${round}.md`))!;
      expect(results.map((r) => r.ok && r.document.id)).toEqual(nodes.map(() => document.id));
      expect((await nodes[0]!.documents.versions(document.id)).map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('documents - nodes adding a version with the same ifMatch at once: one wins', async () => {
    const nodes = await nodesOn(6);
    for (let round = 0; round < 10; round++) {
      await nodes[0]!.documents.addVersion(upload(`r/${round}.md`, round * 10));
      const results = await Promise.all(nodes.map((node, i) => node.documents.addVersion(upload(`r/${round}.md`, round * 10 + i + 1, { ifMatch: 1 }))));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const lost of results.filter((r) => !r.ok)) expect(lost).toEqual({ ok: false, current: expect.objectContaining({ version: 2 }) });
    }
  });

  it('documents - nodes moving documents to one path at once: one wins', async () => {
    const nodes = await nodesOn(6);
    for (let round = 0; round < 10; round++) {
      const ids: string[] = [];
      for (let i = 0; i < nodes.length; i++) {
        const created = await nodes[0]!.documents.addVersion(upload(`from/${round}-${i}.md`, round * 10 + i));
        if (created.ok) ids.push(created.document.id);
      }
      const moved = await Promise.all(nodes.map((node, i) => node.documents.move(ids[i]!, `to/${round}.md`)));
      expect(moved.filter(Boolean)).toHaveLength(1);
    }
  });
});
