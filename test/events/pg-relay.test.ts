import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../src/events/bus.js';
import { PgRelay, type ControlEvent } from '../../src/events/pg-relay.js';
import { atFileEnd } from '../support/cleanup.js';
import { freshDatabase, testDb } from '../support/pg.js';

const { db } = testDb();

async function relayOn(url: string, node: string, errors: string[] = []): Promise<PgRelay> {
  const relay = new PgRelay({ url, node, onError: (message) => errors.push(message), retryMs: 10 });
  await relay.start();
  atFileEnd(() => relay.close());
  return relay;
}

/** Collects what a listener hears, and resolves when a check over it holds. */
function collector<E>() {
  const heard: E[] = [];
  let wake = () => {};
  return {
    heard,
    listen: (event: E) => {
      heard.push(event);
      wake();
    },
    until: (holds: (heard: E[]) => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => holds(heard) && resolve();
        wake = check;
        check();
      }),
  };
}

describe('events between nodes over LISTEN/NOTIFY', () => {
  it("a workspace's events reach the same workspace on the other node, in order, once; not other workspaces; shutdown stays home", async () => {
    const url = await freshDatabase();
    const [one, two] = [await relayOn(url, 'n1'), await relayOn(url, 'n2')];
    const here = collector<HubEvent>();
    const there = collector<HubEvent>();
    const elsewhere = collector<HubEvent>();
    one.bus('alpha').subscribe(here.listen);
    two.bus('alpha').subscribe(there.listen);
    two.bus('beta').subscribe(elsewhere.listen);
    const sent: HubEvent[] = Array.from({ length: 50 }, (_, i) => ({ type: 'message', channelId: 1, seq: i + 1 }));
    for (const event of sent) one.bus('alpha').publish(event);
    one.bus('alpha').publish({ type: 'shutdown' });
    one.bus('alpha').publish({ type: 'task', taskId: 'm-99' });
    await there.until((h) => h.length >= 51);
    expect(there.heard).toEqual([...sent, { type: 'task', taskId: 'm-99' }]);
    // The publishing node's own listeners heard everything once, at once, and nothing echoed back.
    expect(here.heard).toEqual([...sent, { type: 'shutdown' }, { type: 'task', taskId: 'm-99' }]);
    expect(elsewhere.heard).toEqual([]);
  });

  it('a burst larger than one notification may carry arrives whole, split over several', async () => {
    const url = await freshDatabase();
    const [one, two] = [await relayOn(url, 'n1'), await relayOn(url, 'n2')];
    const there = collector<HubEvent>();
    two.bus('w').subscribe(there.listen);
    const sent: HubEvent[] = Array.from({ length: 2000 }, (_, i) => ({ type: 'task', taskId: `m-${i.toString(36)}` }));
    for (const event of sent) one.bus('w').publish(event);
    await there.until((h) => h.length >= sent.length);
    expect(there.heard).toEqual(sent);
  });

  it('control news reaches every other node', async () => {
    const url = await freshDatabase();
    const [one, two, three] = [await relayOn(url, 'n1'), await relayOn(url, 'n2'), await relayOn(url, 'n3')];
    const [a, b, self] = [collector<ControlEvent>(), collector<ControlEvent>(), collector<ControlEvent>()];
    two.onControl(a.listen);
    three.onControl(b.listen);
    one.onControl(self.listen);
    one.announce({ type: 'token_revoked', id: 't-abcdef' });
    await Promise.all([a.until((h) => h.length > 0), b.until((h) => h.length > 0)]);
    expect([a.heard, b.heard]).toEqual([[{ type: 'token_revoked', id: 't-abcdef' }], [{ type: 'token_revoked', id: 't-abcdef' }]]);
    expect(self.heard).toEqual([]);
  });

  it('a control listener that fails is reported as an error of its node; the other listeners still hear, and the process goes on', async () => {
    const url = await freshDatabase();
    const errors: string[] = [];
    const one = await relayOn(url, 'n1');
    const two = new PgRelay({ url, node: 'n2', onError: (message, error) => errors.push(`${message}: ${(error as Error).message}`) });
    await two.start();
    atFileEnd(() => two.close());
    const heard = collector<ControlEvent>();
    two.onControl(() => {
      throw new Error('thrown at once');
    });
    two.onControl(async () => {
      throw new Error('rejected later');
    });
    two.onControl(heard.listen);
    one.announce({ type: 'workspace_changed', name: 'alpha' });
    one.announce({ type: 'workspace_removed', name: 'alpha' });
    await heard.until((h) => h.length >= 2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard.heard).toEqual([
      { type: 'workspace_changed', name: 'alpha' },
      { type: 'workspace_removed', name: 'alpha' },
    ]);
    expect(errors.sort()).toEqual([
      'could not apply workspace_changed from another node: rejected later',
      'could not apply workspace_changed from another node: thrown at once',
      'could not apply workspace_removed from another node: rejected later',
      'could not apply workspace_removed from another node: thrown at once',
    ]);
  });

  it('when its listening connection is cut, a node listens again and wakes every reader to read again', async () => {
    const url = await freshDatabase();
    const errors: string[] = [];
    const [one, two] = [await relayOn(url, 'n1'), await relayOn(url, 'n2', errors)];
    const there = collector<HubEvent>();
    two.bus('w').subscribe(there.listen);
    const dbName = new URL(url).pathname.slice(1);
    await db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'baton-listen' AND query LIKE 'LISTEN%'", [dbName]);
    await there.until((h) => h.some((e) => e.type === 'resync'));
    expect(errors.some((m) => m.includes('listening again'))).toBe(true);
    // It hears again.
    one.bus('w').publish({ type: 'run', runId: 'r-after' });
    await there.until((h) => h.some((e) => e.type === 'run'));
    expect(there.heard.at(-1)).toEqual({ type: 'run', runId: 'r-after' });
  });
});
