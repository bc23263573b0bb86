import { beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/domain/types.js';
import type { Store } from '../../../src/store/store.js';
import { T0, type AppendPlan, type ConformanceOptions, type StoreFixture } from './fixtures.js';

/** The Store contract for messages. */
export function describeMessages(fx: StoreFixture, options: ConformanceOptions): void {
  const { session, channel, post } = fx;
  describe('messages', () => {
    let author: string;
    let general: number;
    let alerts: number;
    beforeEach(async () => {
      author = await session('s-author', { name: 'worker-a' });
      general = await channel('general');
      alerts = await channel('alerts');
    });

    it('messages - append assigns increasing seq and m-<base36 seq> ids, with channel and author names', async () => {
      const appended: Message[] = [];
      for (let i = 0; i < 40; i++) appended.push(await post(i % 2 ? general : alerts, author, `m${i}`));
      for (let i = 1; i < appended.length; i++) expect(appended[i]!.seq).toBeGreaterThan(appended[i - 1]!.seq);
      for (const m of appended) expect(m.id).toBe(`m-${m.seq.toString(36)}`);
      expect(appended[1]).toMatchObject({ channelId: general, channel: 'general', authorId: author, authorName: 'worker-a', title: 'm1', body: 'body of m1', createdAt: T0, replyTo: null, threadId: null });
    });

    it('messages - get returns the message by id; unknown and malformed ids are undefined', async () => {
      const m = await post(general, author, '✅ Complete: X');
      expect(await fx.store.messages.get(m.id)).toEqual(m);
      expect(await fx.store.messages.get(`m-${(m.seq + 100).toString(36)}`)).toBeUndefined();
      expect(await fx.store.messages.get('not-an-id')).toBeUndefined();
    });

    it('messages - after returns one channel ascending from the cursor, up to the limit', async () => {
      const posted: Message[] = [];
      for (let i = 0; i < 10; i++) posted.push(await post(i % 2 ? general : alerts, author, `m${i}`));
      const generalOnes = posted.filter((m) => m.channelId === general);
      const all = await fx.store.messages.after({ channelIds: [general], after: 0, limit: 100 });
      expect(all.map((m) => m.id)).toEqual(generalOnes.map((m) => m.id));
      const fromSecond = await fx.store.messages.after({ channelIds: [general], after: generalOnes[1]!.seq, limit: 2 });
      expect(fromSecond.map((m) => m.id)).toEqual(generalOnes.slice(2, 4).map((m) => m.id));
    });

    it('messages - after with several channels interleaves them by seq', async () => {
      const handoffs = await channel('handoffs');
      const posted: Message[] = [];
      for (let i = 0; i < 9; i++) posted.push(await post([general, alerts, handoffs][i % 3]!, author, `m${i}`));
      const two = await fx.store.messages.after({ channelIds: [general, handoffs], after: 0, limit: 100 });
      expect(two.map((m) => m.title)).toEqual(posted.filter((m) => m.channelId !== alerts).map((m) => m.title));
      const limited = await fx.store.messages.after({ channelIds: [general, handoffs], after: posted[0]!.seq, limit: 3 });
      expect(limited.map((m) => m.title)).toEqual(['m2', 'm3', 'm5']);
    });

    it('messages - a thread is its root and its replies, and nothing else', async () => {
      const root = await post(general, author, '🔄 Handoff: X');
      await post(general, author, 'unrelated');
      const r1 = await post(general, author, 're 1', { replyTo: root.id, threadId: root.id });
      const r2 = await post(general, author, 're 2', { replyTo: r1.id, threadId: root.id });
      await post(general, author, 'unrelated 2');
      expect(r2).toMatchObject({ replyTo: r1.id, threadId: root.id });
      const thread = await fx.store.messages.after({ channelIds: [general], after: 0, limit: 100, threadId: root.id });
      expect(thread.map((m) => m.id)).toEqual([root.id, r1.id, r2.id]);
      const rest = await fx.store.messages.after({ channelIds: [general], after: root.seq, limit: 100, threadId: root.id });
      expect(rest.map((m) => m.id)).toEqual([r1.id, r2.id]);
      expect((await fx.store.messages.latest(general, 2, root.id)).map((m) => m.id)).toEqual([r1.id, r2.id]);
      expect((await fx.store.messages.latest(general, 10, root.id)).map((m) => m.id)).toEqual([root.id, r1.id, r2.id]);
    });

    it('messages - latest returns the newest N of one channel in ascending order', async () => {
      for (let i = 0; i < 8; i++) await post(i < 6 ? general : alerts, author, `m${i}`);
      expect((await fx.store.messages.latest(general, 3)).map((m) => m.title)).toEqual(['m3', 'm4', 'm5']);
      expect((await fx.store.messages.latest(general, 100)).map((m) => m.title)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
      expect(await fx.store.messages.latest(await channel('empty'), 5)).toEqual([]);
    });

    it('messages - byAuthor returns one session\'s newest N, every channel, newest first', async () => {
      const other = await session('s-other', { name: 'worker-b' });
      const mine: Message[] = [];
      for (let i = 0; i < 9; i++) {
        const m = await post(i % 2 ? general : alerts, i % 3 === 2 ? other : author, `m${i}`);
        if (m.authorId === author) mine.push(m);
      }
      const newestFirst = mine.map((m) => m.id).reverse();
      expect((await fx.store.messages.byAuthor(author, 100)).map((m) => m.id)).toEqual(newestFirst);
      const three = await fx.store.messages.byAuthor(author, 3);
      expect(three.map((m) => m.id)).toEqual(newestFirst.slice(0, 3));
      expect(three[0]).toEqual(mine.at(-1));
      expect((await fx.store.messages.byAuthor(other, 100)).map((m) => m.title)).toEqual(['m8', 'm5', 'm2']);
      expect(await fx.store.messages.byAuthor(await session('s-quiet'), 10)).toEqual([]);
    });

    it('messages - head is 0 when empty, then the newest position overall', async () => {
      expect(await fx.store.messages.head()).toBe(0);
      await post(general, author, 'a');
      const last = await post(alerts, author, 'b');
      expect(await fx.store.messages.head()).toBe(last.seq);
    });

    it('messages - countAfter counts one channel after a position', async () => {
      const first = await post(general, author, 'a');
      await post(general, author, 'b');
      await post(alerts, author, 'c');
      await post(general, author, 'd');
      expect(await fx.store.messages.countAfter(general, 0)).toBe(3);
      expect(await fx.store.messages.countAfter(general, first.seq)).toBe(2);
      expect(await fx.store.messages.countAfter(alerts, await fx.store.messages.head())).toBe(0);
    });

    it('messages - a reader following after cursors sees every concurrent append exactly once', async () => {
      const plan: AppendPlan = { store: fx.store, writers: 6, perWriter: 150, channelIds: [general, alerts], authorId: author };
      let writing = true;
      const writers = (options.appendElsewhere ?? appendHere)(plan).finally(() => (writing = false));
      const seen = await follow(fx.store, plan.channelIds, () => writing);
      await writers;
      expect(seen.length).toBe(plan.writers * plan.perWriter);
      expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.seq).toBeGreaterThan(seen[i - 1]!.seq);
      for (let w = 0; w < plan.writers; w++) {
        const mine = seen.filter((m) => m.title.startsWith(`w${w}-`)).map((m) => m.title);
        expect(mine).toEqual(Array.from({ length: plan.perWriter }, (_, n) => `w${w}-${n}`));
      }
    });
  });
}

/** Writers as concurrent calls on one store, interleaved with each other. */
async function appendHere(plan: AppendPlan): Promise<void> {
  await Promise.all(
    Array.from({ length: plan.writers }, async (_, w) => {
      for (let n = 0; n < plan.perWriter; n++) {
        await plan.store.messages.append({
          channelId: plan.channelIds[n % plan.channelIds.length]!,
          title: `w${w}-${n}`,
          body: '',
          authorId: plan.authorId,
          createdAt: T0,
          replyTo: null,
          threadId: null,
        });
        await new Promise(setImmediate);
      }
    }),
  );
}

/** Follows `after` cursors in small pages while `busy()` holds, then until a page comes back short. */
async function follow(store: Store, channelIds: number[], busy: () => boolean): Promise<Message[]> {
  const seen: Message[] = [];
  let cursor = 0;
  for (;;) {
    const stillBusy = busy();
    const page = await store.messages.after({ channelIds, after: cursor, limit: 37 });
    seen.push(...page);
    cursor = page.at(-1)?.seq ?? cursor;
    if (!stillBusy && page.length < 37) return seen;
    if (page.length === 0) await new Promise(setImmediate);
  }
}
