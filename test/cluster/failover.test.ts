import { describe, expect, it } from 'vitest';
import type { HubClient } from '../../src/client/hub-client.js';
import { startCluster } from './support/cluster.js';

/** Asks again (no timer: each answer starts the next question) until the check holds or the deadline passes. */
async function eventually<T>(read: () => Promise<T>, holds: (value: T) => boolean, deadlineMs = 20_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (holds(value) || Date.now() > end) return value;
  }
}

/** Every message of a channel with a title like this, from the start. */
const titled = async (client: HubClient, channel: string, pattern: RegExp) =>
  (await client.read(channel, { limit: 200, since: '0' })).messages.filter((m) => pattern.test(m.title));

/** Nothing more arrives in the channel for this many seconds: the hub's own wait times out. */
async function quietFor(client: HubClient, channel: string, seconds: number): Promise<boolean> {
  const since = (await client.read(channel, { limit: 1 })).next_cursor;
  return (await client.wait([channel], { since, timeout: seconds })).timed_out;
}

describe('several nodes on one database: a node dies', () => {
  it('killing one node leaves the others serving their clients, and they reclaim its expired leases once each', async () => {
    const cluster = await startCluster(3, ['--escalate-after', '1']);
    const [doomed, , survivor] = cluster.nodes;
    const lead = await cluster.client(1, 'lead');
    const worker = await cluster.client(0, 'worker-on-n1');
    const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => lead.handoff({ task: `leased ${i}` }).then((h) => h.task.id)));
    for (const id of ids) await worker.claim(id, 2);
    // Clients of the other two nodes, mid-conversation when the node dies.
    const waiter = await cluster.client(1, 'waiter-on-n2');
    const poster = await cluster.client(2, 'poster-on-n3');
    const since = (await waiter.read('general', { limit: 1 })).next_cursor;
    const waiting = waiter.wait(['general'], { since, timeout: 60 });

    await doomed!.stop('SIGKILL');
    const posted = await poster.post('general', { title: 'still here after n1 died' });
    const woken = await waiting;
    expect(woken.messages.map((m) => m.id)).toEqual([posted.message.id]);

    const reopened = await eventually(
      () => Promise.all(ids.map((id) => waiter.task(id))),
      (tasks) => tasks.every((t) => t.state === 'open'),
    );
    expect(reopened.map((t) => [t.state, t.holder_id])).toEqual(ids.map(() => ['open', null]));
    // Two nodes sweep every second; each lapsed lease was returned once, with one message, and no more come.
    expect(await quietFor(waiter, 'alerts', 3)).toBe(true);
    const expiries = await titled(waiter, 'alerts', /^⚠️ Lease expired/);
    expect(expiries.map((m) => ids.find((id) => m.content.includes(id))).sort()).toEqual([...ids].sort());
    // And the work goes on: a worker of a surviving node claims what the dead node's worker held.
    const rescuer = await cluster.client(2, 'rescuer');
    for (const id of ids) expect((await rescuer.claim(id, 60)).task.claim).toBe(2);
    expect(survivor!.process.exitCode).toBeNull();
  }, 120_000);

  it('an alert nobody acknowledges is escalated once, though every node sweeps', async () => {
    const cluster = await startCluster(3, ['--escalate-after', '1']);
    const reporter = await cluster.client(1, 'reporter');
    const alert = await reporter.alert({ task: 'disk full on build box' });
    const escalated = await eventually(
      () => reporter.task(alert.task.id),
      (t) => t.escalated,
    );
    expect(escalated.escalated).toBe(true);
    // Three nodes sweep every second: three seconds of quiet after it means none escalated it again.
    expect(await quietFor(reporter, 'alerts', 3)).toBe(true);
    const escalations = await titled(reporter, 'alerts', /^🚨 Escalated/);
    expect(escalations.map((m) => m.thread_id)).toEqual([alert.task.id]);
  }, 120_000);
});
