import { describe, expect, it } from 'vitest';
import type { StoreFixture } from './fixtures.js';
import { newSession, T0 } from './fixtures.js';

/** Full-text search: messages found once caught up, documents by path and text, queries as the hub builds them. */
export function describeSearch(fx: StoreFixture): void {
  describe('search', () => {
    const post = async (title: string, body: string) => {
      const channel = (await fx.store.channels.byName('general')) ?? (await fx.store.channels.create({ name: 'general', description: '', createdBy: null, createdAt: T0 }))!;
      return fx.store.messages.append({ channelId: channel.id, title, body, authorId: 's-search', createdAt: T0, replyTo: null, threadId: null });
    };

    it('search - a message is found once the index has caught up, with a snippet marking the match', async () => {
      await fx.store.sessions.create(newSession('s-search'));
      const posted = await post('🚀 Starting: migration', 'moving the billing tables to the new cluster');
      expect(await fx.store.search.messages('"billing"', 10)).toEqual([]);
      expect(await fx.store.search.catchUp(100)).toBe(true);
      const hits = await fx.store.search.messages('"billing"', 10);
      expect(hits).toEqual([{ id: posted.id, snippet: expect.stringContaining('«billing»') }]);
      expect(await fx.store.search.messages('"cluster" "moving"', 10)).toHaveLength(1);
      expect(await fx.store.search.messages('"migr"*', 10)).toHaveLength(1);
    });

    it('search - catchUp indexes in pages and each message once, reporting whether more remain', async () => {
      await fx.store.sessions.create(newSession('s-search'));
      for (let i = 0; i < 5; i++) await post(`note ${i}`, 'paging through the index');
      expect(await fx.store.search.catchUp(2)).toBe(false);
      expect(await fx.store.search.catchUp(2)).toBe(false);
      expect(await fx.store.search.catchUp(2)).toBe(true);
      expect(await fx.store.search.catchUp(2)).toBe(true);
      expect(await fx.store.search.messages('"paging"', 10)).toHaveLength(5);
    });

    it('search - a document is found by its path and its text; reindexing replaces, dropping removes', async () => {
      await fx.store.search.indexDocument('d-aaaaaaaaaa', 'plans/rollout.md', 'canary first, then everyone');
      expect((await fx.store.search.documents('"canary"', 10)).map((h) => h.id)).toEqual(['d-aaaaaaaaaa']);
      expect((await fx.store.search.documents('"rollout"', 10)).map((h) => h.id)).toEqual(['d-aaaaaaaaaa']);
      await fx.store.search.indexDocument('d-aaaaaaaaaa', 'plans/rollout.md', 'all at once');
      expect(await fx.store.search.documents('"canary"', 10)).toEqual([]);
      await fx.store.search.dropDocument('d-aaaaaaaaaa');
      expect(await fx.store.search.documents('"rollout"', 10)).toEqual([]);
    });
  });
}
