import { describe, expect, it } from 'vitest';
import { T0, type StoreFixture } from './fixtures.js';

/** The Store contract for channels. */
export function describeChannels(fx: StoreFixture): void {
  const { session, channel } = fx;
  describe('channels', () => {
    it('channels - create returns the channel with an id, byName finds it', async () => {
      const creator = await session('s-aaaaaa');
      const created = await fx.store.channels.create({ name: 'alpha-review', description: 'reviews', createdBy: creator, createdAt: T0 });
      expect(created).toEqual({ id: expect.any(Number), name: 'alpha-review', description: 'reviews', createdBy: creator, createdAt: T0 });
      expect(await fx.store.channels.byName('alpha-review')).toEqual(created);
    });

    it('channels - a taken name is refused with undefined and the first stays', async () => {
      await fx.store.channels.create({ name: 'general', description: 'first', createdBy: null, createdAt: T0 });
      expect(await fx.store.channels.create({ name: 'general', description: 'second', createdBy: null, createdAt: T0 })).toBeUndefined();
      expect((await fx.store.channels.byName('general'))?.description).toBe('first');
      expect(await fx.store.channels.list()).toHaveLength(1);
    });

    it('channels - an unknown name is undefined', async () => {
      expect(await fx.store.channels.byName('nowhere')).toBeUndefined();
    });

    it('channels - list returns every channel in creation order', async () => {
      for (const n of ['general', 'alerts', 'handoffs', 'alpha-review']) await channel(n);
      expect((await fx.store.channels.list()).map((c) => c.name)).toEqual(['general', 'alerts', 'handoffs', 'alpha-review']);
    });
  });
}
