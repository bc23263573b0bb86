import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/hub/audit.js';
import type { ControlStore } from '../../src/store/control.js';
import { PgDb } from '../../src/store/postgres/pg-db.js';
import { openPgControl } from '../../src/store/postgres/pg-control.js';
import { atFileEnd } from '../support/cleanup.js';
import { PG_URL, testDb } from '../support/pg.js';
import { describeControlConformance } from './control-conformance.js';

const { db, schema } = testDb();

describeControlConformance('postgres', () => openPgControl(db, schema()));

const T0 = 1_768_899_600_000;

const token = (id: string, workspace: string | null) => ({
  id,
  hash: `hash-${id}`,
  name: id,
  role: 'agent' as const,
  workspace,
  createdAt: T0,
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
});

const entry = (action: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  at: T0,
  workspace: 'default',
  tokenId: 't-aaaaaa',
  tokenName: 'agent',
  sessionId: null,
  action,
  target: null,
  outcome: 'ok',
  ...overrides,
});

/** Two hub nodes: each its own pool on the same database, both opening the same control schema at once. */
async function twoNodes(): Promise<[ControlStore, ControlStore]> {
  const name = schema();
  const pools = [new PgDb(PG_URL, 2), new PgDb(PG_URL, 2)];
  atFileEnd(() => Promise.all(pools.map((pool) => pool.close())));
  const [a, b] = await Promise.all(pools.map((pool) => openPgControl(pool, name)));
  return [a!, b!];
}

describe('postgres control store', () => {
  it('nodes - a workspace created on one is listed by the other; removing it on the other revokes its tokens for both', async () => {
    const [a, b] = await twoNodes();
    expect(await a.workspaces.create({ name: 'alpha', trust: 'fenced', createdAt: T0 })).toBe(true);
    expect(await b.workspaces.create({ name: 'alpha', trust: 'trusted', createdAt: T0 })).toBe(false);
    expect((await b.workspaces.list()).map((w) => w.name)).toEqual(['alpha']);
    expect(await b.workspaces.setTrust('alpha', 'trusted')).toBe(true);
    expect((await a.workspaces.get('alpha'))?.trust).toBe('trusted');
    await a.tokens.create(token('t-alpha0', 'alpha'));
    expect(await b.workspaces.remove('alpha', T0 + 5)).toBe(true);
    expect(await a.workspaces.list()).toEqual([]);
    expect((await a.tokens.byHash('hash-t-alpha0'))?.revokedAt).toBe(T0 + 5);
  });

  it('nodes - a token revoked on one is revoked for the other, once', async () => {
    const [a, b] = await twoNodes();
    expect(await a.tokens.create(token('t-shared', 'default'))).toBe(true);
    expect(await b.tokens.create(token('t-shared', 'default'))).toBe(false);
    expect((await b.tokens.byHash('hash-t-shared'))?.revokedAt).toBeNull();
    expect(await b.tokens.revoke('t-shared', T0 + 7)).toBe(true);
    expect(await a.tokens.revoke('t-shared', T0 + 8)).toBe(false);
    expect((await a.tokens.get('t-shared'))?.revokedAt).toBe(T0 + 7);
    expect(await a.tokens.list(false)).toEqual([]);
  });

  it('nodes - touches from both, in any order, keep the newest use', async () => {
    const [a, b] = await twoNodes();
    await a.tokens.create(token('t-busy00', 'default'));
    const times = Array.from({ length: 40 }, (_, i) => T0 + ((i * 17) % 40));
    await Promise.all(times.map((at, i) => (i % 2 ? a : b).tokens.touch('t-busy00', at)));
    expect((await b.tokens.get('t-busy00'))?.lastUsedAt).toBe(Math.max(...times));
  });

  it('audit - batches from both nodes land whole and in order; paging by id reads every entry once', async () => {
    const [a, b] = await twoNodes();
    const batch = (node: string, n: number) => Array.from({ length: 50 }, (_, i) => entry(`${node}.${n}.${i}`));
    await Promise.all(Array.from({ length: 10 }, (_, n) => (n % 2 ? a : b).audit.append(batch(n % 2 ? 'a' : 'b', n))));
    const read: (AuditEntry & { id: number })[] = [];
    for (;;) {
      const page = await a.audit.query({ after: read.at(-1)?.id ?? 0, limit: 64 });
      if (page.length === 0) break;
      read.push(...page);
    }
    expect(read).toHaveLength(500);
    for (let n = 0; n < 10; n++) {
      const actions = read.map((e) => e.action).filter((action) => action.startsWith(`${n % 2 ? 'a' : 'b'}.${n}.`));
      expect(actions).toEqual(batch(n % 2 ? 'a' : 'b', n).map((e) => e.action));
    }
    expect((await b.audit.query({ limit: 1 }))[0]?.id).toBe(read.at(-1)!.id);
  });

  it('bad input - NUL characters find nothing and are stored replaced, never failing a call or a batch', async () => {
    const store = await openPgControl(db, schema());
    await store.tokens.create(token('t-real00', 'default'));
    expect(await store.tokens.get('t-\u0000')).toBeUndefined();
    expect(await store.tokens.byHash('\u0000')).toBeUndefined();
    expect(await store.tokens.revoke('t-\u0000', T0)).toBe(false);
    await store.tokens.touch('t-\u0000', T0);
    expect(await store.workspaces.get('a\u0000')).toBeUndefined();
    expect(await store.workspaces.setTrust('a\u0000', 'trusted')).toBe(false);
    expect(await store.workspaces.remove('a\u0000', T0)).toBe(false);
    await store.audit.append([entry('kept'), entry('odd', { target: 'x\u0000y', detail: '\u0000' })]);
    expect(await store.audit.query({ action: 'odd\u0000', limit: 10 })).toEqual([]);
    expect((await store.audit.query({ limit: 10 })).map((e) => [e.action, e.target, e.detail])).toEqual([
      ['odd', 'x\ufffdy', '\ufffd'],
      ['kept', null, undefined],
    ]);
  });
});
