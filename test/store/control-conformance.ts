import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/hub/audit.js';
import type { ControlStore, TokenRecord } from '../../src/store/control.js';

const T0 = 1_768_899_600_000;

const token = (id: string, overrides: Partial<TokenRecord & { hash: string }> = {}): TokenRecord & { hash: string } => ({
  id,
  hash: `hash-${id}`,
  name: `name-${id}`,
  role: 'agent',
  workspace: 'default',
  createdAt: T0,
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
  ...overrides,
});

const entry = (action: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  at: T0,
  workspace: 'default',
  tokenId: 't-aaaaaa',
  tokenName: 'agent',
  sessionId: 's-aaaaaa',
  action,
  target: 'm-1',
  outcome: 'ok',
  ...overrides,
});

/** The ControlStore contract, written against the interface alone, on a fresh store for each test. */
export function describeControlConformance(name: string, open: () => Promise<ControlStore> | ControlStore): void {
  describe(`control store conformance: ${name}`, () => {
    let store: ControlStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('workspaces - create, get, list by name; a taken name is refused and keeps the first', async () => {
      expect(await store.workspaces.create({ name: 'beta', trust: 'fenced', createdAt: T0 })).toBe(true);
      expect(await store.workspaces.create({ name: 'alpha', trust: 'trusted', createdAt: T0 + 1 })).toBe(true);
      expect(await store.workspaces.create({ name: 'beta', trust: 'trusted', createdAt: T0 + 2 })).toBe(false);
      expect(await store.workspaces.get('beta')).toEqual({ name: 'beta', trust: 'fenced', createdAt: T0 });
      expect(await store.workspaces.get('nope')).toBeUndefined();
      expect((await store.workspaces.list()).map((w) => w.name)).toEqual(['alpha', 'beta']);
    });

    it('workspaces - trust changes; a missing workspace reports false', async () => {
      await store.workspaces.create({ name: 'alpha', trust: 'fenced', createdAt: T0 });
      expect(await store.workspaces.setTrust('alpha', 'trusted')).toBe(true);
      expect((await store.workspaces.get('alpha'))?.trust).toBe('trusted');
      expect(await store.workspaces.setTrust('nope', 'trusted')).toBe(false);
    });

    it('workspaces - remove revokes every live token of that workspace in the same step, and only those', async () => {
      await store.workspaces.create({ name: 'alpha', trust: 'fenced', createdAt: T0 });
      await store.tokens.create(token('t-inalph', { workspace: 'alpha' }));
      await store.tokens.create(token('t-oldrev', { workspace: 'alpha', revokedAt: T0 }));
      await store.tokens.create(token('t-indflt', { workspace: 'default' }));
      await store.tokens.create(token('t-admin0', { workspace: null, role: 'admin' }));
      expect(await store.workspaces.remove('alpha', T0 + 5)).toBe(true);
      expect(await store.workspaces.get('alpha')).toBeUndefined();
      expect((await store.tokens.get('t-inalph'))?.revokedAt).toBe(T0 + 5);
      expect((await store.tokens.get('t-oldrev'))?.revokedAt).toBe(T0);
      expect((await store.tokens.get('t-indflt'))?.revokedAt).toBeNull();
      expect((await store.tokens.get('t-admin0'))?.revokedAt).toBeNull();
      expect(await store.workspaces.remove('alpha', T0 + 6)).toBe(false);
    });

    it('tokens - found by hash and id; a taken id or hash is refused', async () => {
      const { hash, ...record } = token('t-aaaaaa', { expiresAt: T0 + 1000 });
      expect(await store.tokens.create({ ...record, hash })).toBe(true);
      expect(await store.tokens.create(token('t-aaaaaa', { hash: 'other' }))).toBe(false);
      expect(await store.tokens.create(token('t-bbbbbb', { hash }))).toBe(false);
      expect(await store.tokens.byHash(hash)).toEqual(record);
      expect(await store.tokens.get('t-aaaaaa')).toEqual(record);
      expect(await store.tokens.byHash('unknown')).toBeUndefined();
    });

    it('tokens - list is newest first; revoked ones only when asked; revoke happens once', async () => {
      await store.tokens.create(token('t-old000', { createdAt: T0 }));
      await store.tokens.create(token('t-new000', { createdAt: T0 + 10 }));
      expect((await store.tokens.list(false)).map((t) => t.id)).toEqual(['t-new000', 't-old000']);
      expect(await store.tokens.revoke('t-old000', T0 + 20)).toBe(true);
      expect(await store.tokens.revoke('t-old000', T0 + 30)).toBe(false);
      expect(await store.tokens.revoke('t-nobody', T0 + 30)).toBe(false);
      expect((await store.tokens.list(false)).map((t) => t.id)).toEqual(['t-new000']);
      expect((await store.tokens.list(true)).map((t) => [t.id, t.revokedAt])).toEqual([
        ['t-new000', null],
        ['t-old000', T0 + 20],
      ]);
    });

    it('tokens - touch records the last use and never moves it back', async () => {
      await store.tokens.create(token('t-used00'));
      await store.tokens.touch('t-used00', T0 + 100);
      await store.tokens.touch('t-used00', T0 + 50);
      expect((await store.tokens.get('t-used00'))?.lastUsedAt).toBe(T0 + 100);
      await store.tokens.touch('t-nobody', T0);
    });

    it('audit - prune deletes the entries recorded before a time, and only those', async () => {
      await store.audit.append([entry('old.one', { at: T0 - 10 }), entry('old.two', { at: T0 - 1 }), entry('kept', { at: T0 })]);
      expect(await store.audit.prune(T0)).toBe(2);
      expect((await store.audit.query({ limit: 10 })).map((e) => e.action)).toEqual(['kept']);
      expect(await store.audit.prune(T0)).toBe(0);
    });

    it('audit - appends in order; newest first, filtered, or oldest first after an id', async () => {
      await store.audit.append([entry('message.post'), entry('document.upload', { sessionId: 's-bbbbbb' })]);
      await store.audit.append([entry('task.claim', { outcome: 'denied', workspace: 'alpha', detail: 'why' })]);
      const all = await store.audit.query({ limit: 10 });
      expect(all.map((e) => e.action)).toEqual(['task.claim', 'document.upload', 'message.post']);
      expect(all[0]).toMatchObject({ outcome: 'denied', workspace: 'alpha', detail: 'why' });
      expect(all[2]).not.toHaveProperty('detail');
      const first = all[2]!.id;
      expect((await store.audit.query({ after: first, limit: 10 })).map((e) => e.action)).toEqual(['document.upload', 'task.claim']);
      expect((await store.audit.query({ sessionId: 's-bbbbbb', limit: 10 })).map((e) => e.action)).toEqual(['document.upload']);
      expect((await store.audit.query({ workspace: 'alpha', limit: 10 })).map((e) => e.action)).toEqual(['task.claim']);
      expect((await store.audit.query({ action: 'message.post', tokenId: 't-aaaaaa', limit: 10 })).map((e) => e.id)).toEqual([first]);
      expect(await store.audit.query({ limit: 1 })).toHaveLength(1);
    });
  });
}
