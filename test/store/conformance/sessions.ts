import { describe, expect, it } from 'vitest';
import { newSession, T0, type StoreFixture } from './fixtures.js';

/** The Store contract for sessions. */
export function describeSessions(fx: StoreFixture): void {
  const { session, channel, post, uploadOk } = fx;
  describe('sessions', () => {
    it('sessions - a created session comes back whole, last seen at first seen', async () => {
      await session('s-aaaaaa', { name: 'coordinator', role: 'coordinator', client: 'amplifier', kind: 'human' });
      expect(await fx.store.sessions.get('s-aaaaaa')).toEqual({
        id: 's-aaaaaa',
        name: 'coordinator',
        role: 'coordinator',
        client: 'amplifier',
        kind: 'human',
        firstSeen: T0,
        lastSeen: T0,
        tokenId: null,
      });
    });

    it('sessions - keep the id of the token that registered them', async () => {
      await fx.store.sessions.create(newSession('s-tokend', { tokenId: 't-abcdef' }));
      expect((await fx.store.sessions.get('s-tokend'))?.tokenId).toBe('t-abcdef');
    });

    it('sessions - creating a taken id returns false and keeps the first session', async () => {
      await session('s-aaaaaa', { name: 'first' });
      expect(await fx.store.sessions.create(newSession('s-aaaaaa', { name: 'second' }))).toBe(false);
      expect((await fx.store.sessions.get('s-aaaaaa'))?.name).toBe('first');
      expect(await fx.store.sessions.list(10)).toHaveLength(1);
    });

    it('sessions - an unknown id is undefined', async () => {
      expect(await fx.store.sessions.get('s-nobody')).toBeUndefined();
    });

    it('sessions - findResumable needs both the name and the token hash', async () => {
      await session('s-aaaaaa', { name: 'worker', resumeTokenHash: 'h1' });
      await session('s-bbbbbb', { name: 'worker', resumeTokenHash: 'h2' });
      expect((await fx.store.sessions.findResumable('worker', 'h2'))?.id).toBe('s-bbbbbb');
      expect(await fx.store.sessions.findResumable('worker', 'h3')).toBeUndefined();
      expect(await fx.store.sessions.findResumable('other', 'h1')).toBeUndefined();
    });

    it('sessions - list puts the most recently seen first and honours the limit', async () => {
      await session('s-aaaaaa');
      await session('s-bbbbbb');
      await session('s-cccccc');
      await fx.store.sessions.touch('s-aaaaaa', T0 + 3000);
      await fx.store.sessions.touch('s-cccccc', T0 + 2000);
      await fx.store.sessions.touch('s-bbbbbb', T0 + 1000);
      expect((await fx.store.sessions.list(10)).map((s) => s.id)).toEqual(['s-aaaaaa', 's-cccccc', 's-bbbbbb']);
      expect((await fx.store.sessions.list(2)).map((s) => s.id)).toEqual(['s-aaaaaa', 's-cccccc']);
    });

    it('sessions - touch moves last seen forward and never back', async () => {
      await session('s-aaaaaa');
      await fx.store.sessions.touch('s-aaaaaa', T0 + 5000);
      await fx.store.sessions.touch('s-aaaaaa', T0 + 1000);
      const seen = await fx.store.sessions.get('s-aaaaaa');
      expect(seen?.lastSeen).toBe(T0 + 5000);
      expect(seen?.firstSeen).toBe(T0);
    });

    it('sessions - removeIfUnused removes a session that never wrote anything', async () => {
      await session('s-aaaaaa');
      expect(await fx.store.sessions.removeIfUnused('s-aaaaaa')).toBe(true);
      expect(await fx.store.sessions.get('s-aaaaaa')).toBeUndefined();
      expect(await fx.store.sessions.removeIfUnused('s-aaaaaa')).toBe(false);
    });

    it('sessions - removeIfUnused keeps a session that posted, uploaded or created a channel', async () => {
      const general = await channel('general');
      await post(general, await session('s-poster'), 'hello');
      await uploadOk('a.md', await session('s-upload'));
      await fx.store.channels.create({ name: 'alpha-review', description: '', createdBy: await session('s-create'), createdAt: T0 });
      for (const id of ['s-poster', 's-upload', 's-create']) {
        expect(await fx.store.sessions.removeIfUnused(id), id).toBe(false);
        expect(await fx.store.sessions.get(id), id).toBeDefined();
      }
    });

    it('sessions - a versioned upload keeps its author even when another created the document', async () => {
      const creator = await session('s-create');
      const editor = await session('s-editor');
      await uploadOk('a.md', creator);
      await uploadOk('a.md', editor);
      expect(await fx.store.sessions.removeIfUnused(editor)).toBe(false);
    });

    it('sessions - read cursors start at 0, are per session and channel, and only move forward', async () => {
      const a = await session('s-aaaaaa');
      const b = await session('s-bbbbbb');
      const general = await channel('general');
      const alerts = await channel('alerts');
      expect(await fx.store.sessions.readCursor(a, general)).toBe(0);
      await fx.store.sessions.advanceReadCursor(a, general, 7);
      await fx.store.sessions.advanceReadCursor(a, general, 3);
      expect(await fx.store.sessions.readCursor(a, general)).toBe(7);
      expect(await fx.store.sessions.readCursor(a, alerts)).toBe(0);
      expect(await fx.store.sessions.readCursor(b, general)).toBe(0);
      await fx.store.sessions.advanceReadCursor(a, general, 9);
      expect(await fx.store.sessions.readCursor(a, general)).toBe(9);
    });
  });
}
