import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../src/events/bus.js';
import { createHub } from '../../src/hub/hub.js';
import { messageView } from '../../src/hub/views.js';
import { storageOf } from '../support/test-hub.js';
import { hubForTest } from './support/hub.js';
import { refused, refusedAndNothingStored } from './support/stored.js';
import { alert, claimedHandoff, expectNoticesOnce, handoff, messagesIn, repliesTo } from './support/tasks.js';

const MIN = 60_000;

describe('tasks: leases, fencing and escalation', () => {
  it('tasks - a lapsed lease is swept back to open, with a notice in alerts, and the former holder is told once', async () => {
    const { t, lead, bob, task } = await claimedHandoff();
    t.clock.advance(15 * MIN - 1);
    expect(await t.hub.sweeper.sweep()).toEqual({ expired: 0, escalated: 0 });
    expect((await t.hub.tasks.get(task.id))!.state).toBe('claimed');
    t.clock.advance(1);
    expect(await t.hub.sweeper.sweep()).toEqual({ expired: 1, escalated: 0 });
    expect(await t.hub.tasks.get(task.id)).toMatchObject({ state: 'open', holderId: null, leaseExpiresAt: null, reason: 'lease expired', fence: 1 });
    const alerts = await messagesIn(t, 'alerts');
    expect(alerts.map((m) => m.title)).toEqual(['⚠️ Lease expired: Review API']);
    expect(alerts[0]!.body).toContain(`bob (${bob.session.id}) held ${task.id}`);
    await expectNoticesOnce(t, bob, [new RegExp(`your lease on ${task.id} \\(Review API\\) expired.*claim 1 is void`)]);
    expect(await t.hub.tasks.notices(lead)).toEqual([]);
    expect(await t.hub.sweeper.sweep()).toEqual({ expired: 0, escalated: 0 });
  });

  it('tasks - a holder that already asked for notices still hears of a later expiry, once', async () => {
    const { t, bob, task } = await claimedHandoff();
    expect(await t.hub.tasks.notices(bob)).toEqual([]);
    t.clock.advance(16 * MIN);
    await t.hub.sweeper.sweep();
    await expectNoticesOnce(t, bob, [new RegExp(`your lease on ${task.id} .*expired`)]);
  });

  it('tasks - the expired holder cannot complete, renew or release, and the task is claimable again', async () => {
    const { t, bob, carol, task } = await claimedHandoff();
    t.clock.advance(16 * MIN);
    await t.hub.sweeper.sweep();
    for (const action of ['complete', 'renew', 'release'] as const) {
      await refusedAndNothingStored(t, () => t.hub.tasks.act(action, bob, { task_id: task.id, claim: 1 }), { code: 'conflict', says: 'is open' });
    }
    const again = await t.hub.tasks.act('claim', carol, { task_id: task.id });
    expect(again.task).toMatchObject({ state: 'claimed', holderId: carol.session.id, fence: 2 });
    await refusedAndNothingStored(t, () => t.hub.tasks.act('complete', bob, { task_id: task.id }), { code: 'conflict', says: `you do not hold '${task.id}': it is claimed by carol` });
    expect((await t.hub.tasks.act('complete', carol, { task_id: task.id })).task.state).toBe('completed');
  });

  it('tasks - before any sweep, a lapsed holder is refused, and a claim by someone else expires the old claim first', async () => {
    const { t, bob, carol, task } = await claimedHandoff();
    t.clock.advance(15 * MIN);
    await refusedAndNothingStored(t, () => t.hub.tasks.act('complete', bob, { task_id: task.id }), { code: 'conflict', says: `your lease on '${task.id}' ran out` });
    await refusedAndNothingStored(t, () => t.hub.tasks.act('renew', bob, { task_id: task.id }), { code: 'conflict', says: 'ran out' });
    const claimed = await t.hub.tasks.act('claim', carol, { task_id: task.id });
    expect(claimed.task).toMatchObject({ holderId: carol.session.id, fence: 2 });
    expect((await messagesIn(t, 'alerts')).map((m) => m.title)).toEqual(['⚠️ Lease expired: Review API']);
    await expectNoticesOnce(t, bob, [/expired/]);
    expect(await t.hub.sweeper.sweep()).toEqual({ expired: 0, escalated: 0 });
  });

  it('tasks - fencing: an old claim number is refused after the same session claims again', async () => {
    const { t, bob, task, claim: first } = await claimedHandoff();
    t.clock.advance(20 * MIN);
    await t.hub.sweeper.sweep();
    const second = await t.hub.tasks.act('claim', bob, { task_id: task.id });
    expect([first.task.fence, second.task.fence]).toEqual([1, 2]);
    for (const action of ['complete', 'renew', 'release'] as const) {
      await refusedAndNothingStored(t, () => t.hub.tasks.act(action, bob, { task_id: task.id, claim: 1 }), { code: 'conflict', says: `claim 1 on '${task.id}' is no longer current (claim 2 by bob` });
    }
    expect((await t.hub.tasks.act('renew', bob, { task_id: task.id, claim: 2 })).task.fence).toBe(2);
  });

  it('tasks - renew keeps a claim alive past its first lease', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const { task } = await handoff(t, lead);
    await t.hub.tasks.act('claim', lead, { task_id: task.id });
    t.clock.advance(14 * MIN);
    await t.hub.tasks.act('renew', lead, { task_id: task.id });
    t.clock.advance(14 * MIN);
    expect((await t.hub.sweeper.sweep()).expired).toBe(0);
    expect((await t.hub.tasks.act('complete', lead, { task_id: task.id })).task.state).toBe('completed');
  });

  it('tasks - an alert nobody acknowledges is escalated once: a 🚨 Escalated reply, the escalated mark and an alert_escalated event', async () => {
    const t = await hubForTest({ alertEscalateMs: 5 * MIN });
    const ops = await t.as('ops');
    const events: HubEvent[] = [];
    t.hub.context.bus.subscribe((e) => events.push(e));
    const { task } = await alert(t, ops, 'API down');
    t.clock.advance(5 * MIN);
    expect((await t.hub.sweeper.sweep()).escalated).toBe(0);
    t.clock.advance(1);
    expect((await t.hub.sweeper.sweep()).escalated).toBe(1);
    const escalated = await t.hub.tasks.get(task.id);
    expect(escalated).toMatchObject({ state: 'open', escalatedAt: t.clock.now() });
    const replies = await repliesTo(t, 'alerts', task.id);
    expect(replies.map((m) => [m.title, m.replyTo])).toEqual([['🚨 Escalated: API down', task.id]]);
    expect(events.filter((e) => e.type === 'alert_escalated')).toEqual([{ type: 'alert_escalated', taskId: task.id }]);
    const read = await t.hub.reads.read(ops, { channel: 'alerts', status: 'open' });
    expect(messageView(read.messages[0]!, t.hub.context.links).task).toMatchObject({ escalated: true });
    t.clock.advance(60 * MIN);
    expect((await t.hub.sweeper.sweep()).escalated).toBe(0);
    expect(await repliesTo(t, 'alerts', task.id)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'alert_escalated')).toHaveLength(1);
  });

  it('tasks - an acknowledged alert is not escalated', async () => {
    const t = await hubForTest({ alertEscalateMs: 5 * MIN });
    const ops = await t.as('ops');
    const { task } = await alert(t, ops);
    await t.hub.tasks.act('ack', ops, { task_id: task.id });
    t.clock.advance(60 * MIN);
    expect(await t.hub.sweeper.sweep()).toEqual({ expired: 0, escalated: 0 });
    expect((await t.hub.tasks.get(task.id))!.escalatedAt).toBeNull();
  });

  it('tasks - two hubs sweeping one store never expire or escalate the same task twice', async () => {
    const t = await hubForTest({ alertEscalateMs: 5 * MIN });
    const other = await createHub({
      ...(await storageOf(t)),
      publicUrl: 'http://hub.test',
      clock: t.clock,
      limits: { alertEscalateMs: 5 * MIN },
    });
    try {
      const lead = await t.as('lead');
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const { task } = await handoff(t, lead, `H${i}`);
        await t.hub.tasks.act('claim', lead, { task_id: task.id });
        ids.push(task.id);
      }
      for (let i = 0; i < 20; i++) await alert(t, lead, `A${i}`);
      t.clock.advance(30 * MIN);
      const [a, b] = await Promise.all([t.hub.sweeper.sweep(), other.sweeper.sweep()]);
      expect(a.expired + b.expired).toBe(20);
      expect(a.escalated + b.escalated).toBe(20);
      const alerts = await messagesIn(t, 'alerts');
      expect(alerts.filter((m) => m.title.startsWith('⚠️ Lease expired')).length).toBe(20);
      expect(alerts.filter((m) => m.title.startsWith('🚨 Escalated')).length).toBe(20);
      const notices = await t.hub.tasks.notices(lead);
      expect(notices).toHaveLength(20);
      expect(await other.sweeper.sweep()).toEqual({ expired: 0, escalated: 0 });
    } finally {
      await other.close();
    }
  });

  it('tasks - a claim while the lease still runs is refused and leaves the claim as it was', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const bob = await t.as('bob');
    const { task } = await handoff(t, lead);
    await t.hub.tasks.act('claim', lead, { task_id: task.id });
    t.clock.advance(14 * MIN);
    await refused(t.hub.tasks.act('claim', bob, { task_id: task.id }), { code: 'conflict', says: 'already claimed by lead' });
    expect(await t.hub.tasks.get(task.id)).toMatchObject({ holderId: lead.session.id, fence: 1 });
  });
});
