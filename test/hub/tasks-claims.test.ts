import { describe, expect, it } from 'vitest';
import { hubForTest } from './support/hub.js';
import { refused, refusedAndNothingStored, stored } from './support/stored.js';
import { alert, handoff, messagesIn, repliesTo } from './support/tasks.js';

const MIN = 60_000;

describe('tasks: claims and the handoff life cycle', () => {
  it('tasks - the first claim wins; a second claimer gets the exact error and nothing is written for it', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const { task } = await handoff(t, lead);
    const won = await t.hub.tasks.act('claim', alice, { task_id: task.id });
    expect(won.task).toMatchObject({ state: 'claimed', holderId: alice.session.id, holderName: 'alice', claimedAt: t.clock.now(), fence: 1 });
    expect(won.messages.map((m) => [m.title, m.replyTo, m.channel])).toEqual([['✋ Claimed: Review API', task.id, 'handoffs']]);
    const claimedAt = new Date(t.clock.now()).toISOString();
    t.clock.advance(1000);
    await refusedAndNothingStored(t, () => t.hub.tasks.act('claim', bob, { task_id: task.id }), {
      code: 'conflict',
      says: `already claimed by alice (${alice.session.id}) at ${claimedAt}`,
    });
    const error = await refused(t.hub.tasks.act('claim', bob, { task_id: task.id }), { code: 'conflict' });
    expect(error.message).toBe(`already claimed by alice (${alice.session.id}) at ${claimedAt}`);
    expect(await t.hub.tasks.get(task.id)).toEqual(won.task);
  });

  it('tasks - concurrent claimers on one handoff: exactly one wins and one claim message is written', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const { task } = await handoff(t, lead);
    const claimers = await Promise.all(Array.from({ length: 16 }, (_, i) => t.as(`w${i}`)));
    const results = await Promise.allSettled(claimers.map((c) => t.hub.tasks.act('claim', c, { task_id: task.id })));
    const winners = results.filter((r) => r.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/already claimed by w\d+ \(/);
    expect((await repliesTo(t, 'handoffs', task.id)).map((m) => m.title)).toEqual(['✋ Claimed: Review API']);
  });

  it('tasks - a ✋ Claimed reply claims the handoff; a second one is refused with the same error and not posted', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const root = await t.hub.messages.post(lead, { channel: 'handoffs', title: '🔄 Handoff: Port docs' });
    const claim = await t.hub.messages.post(alice, { channel: 'handoffs', title: '✋ Claimed', body: 'on it', reply_to: root.id });
    expect(claim).toMatchObject({ title: '✋ Claimed', body: 'on it', replyTo: root.id, threadId: root.id, authorId: alice.session.id });
    expect(await t.hub.tasks.get(root.id)).toMatchObject({ state: 'claimed', holderId: alice.session.id, fence: 1 });
    await refusedAndNothingStored(t, () => t.hub.messages.post(bob, { channel: 'handoffs', title: '✋ Claimed: Port docs', reply_to: root.id }), {
      code: 'conflict',
      says: `already claimed by alice (${alice.session.id}) at ${new Date(t.clock.now()).toISOString()}`,
    });
    expect((await repliesTo(t, 'handoffs', root.id)).map((m) => m.authorName)).toEqual(['alice']);
  });

  it('tasks - concurrent ✋ Claimed replies: exactly one is posted and holds the handoff, the rest are refused', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const root = await t.hub.messages.post(lead, { channel: 'handoffs', title: '🔄 Handoff: Port docs' });
    const claimers = await Promise.all(Array.from({ length: 16 }, (_, i) => t.as(`w${i}`)));
    const results = await Promise.allSettled(claimers.map((c) => t.hub.messages.post(c, { channel: 'handoffs', title: '✋ Claimed', reply_to: root.id })));
    const posted = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(posted).toHaveLength(1);
    expect(await t.hub.tasks.get(root.id)).toMatchObject({ state: 'claimed', holderId: posted[0]!.authorId, fence: 1 });
    expect((await repliesTo(t, 'handoffs', root.id)).map((m) => m.id)).toEqual([posted[0]!.id]);
  });

  it('tasks - a ✋ Investigating reply under a handoff, or ✋ Claimed under an alert, is only a reply', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const alice = await t.as('alice');
    const work = await handoff(t, lead);
    const fire = await alert(t, lead);
    const investigating = await t.hub.messages.post(alice, { channel: 'handoffs', title: '✋ Investigating', reply_to: work.task.id });
    const claimed = await t.hub.messages.post(alice, { channel: 'alerts', title: '✋ Claimed', reply_to: fire.task.id });
    expect([investigating.replyTo, claimed.replyTo]).toEqual([work.task.id, fire.task.id]);
    expect((await t.hub.tasks.get(work.task.id)).state).toBe('open');
    expect((await t.hub.tasks.get(fire.task.id)).state).toBe('open');
  });

  it('tasks - a ✋ Claimed reply to a reply in the handoff thread claims the handoff', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const alice = await t.as('alice');
    const root = await t.hub.messages.post(lead, { channel: 'handoffs', title: '🔄 Handoff: Port docs' });
    const question = await t.hub.messages.post(alice, { channel: 'handoffs', title: 'question', reply_to: root.id });
    await t.hub.messages.post(alice, { channel: 'handoffs', title: '✋ Claimed', reply_to: question.id });
    expect(await t.hub.tasks.get(root.id)).toMatchObject({ state: 'claimed', holderId: alice.session.id });
  });

  it('tasks - a claim lease runs 15 minutes by default, and lease_seconds sets it up to the configured maximum', async () => {
    const t = await hubForTest({ leaseMaxMs: 60 * MIN });
    const lead = await t.as('lead');
    const a = await handoff(t, lead, 'A');
    const b = await handoff(t, lead, 'B');
    const now = t.clock.now();
    expect((await t.hub.tasks.act('claim', lead, { task_id: a.task.id })).task.leaseExpiresAt).toBe(now + 15 * MIN);
    expect((await t.hub.tasks.act('claim', lead, { task_id: b.task.id, lease_seconds: 3600 })).task.leaseExpiresAt).toBe(now + 60 * MIN);
  });

  it('tasks - a lease longer than the maximum, zero or fractional is refused and nothing changes', async () => {
    const t = await hubForTest({ leaseMaxMs: 60 * MIN });
    const lead = await t.as('lead');
    const { task } = await handoff(t, lead);
    for (const lease_seconds of [3601, 0, -5, 1.5, 'soon']) {
      await refusedAndNothingStored(t, () => t.hub.tasks.act('claim', lead, { task_id: task.id, lease_seconds }), { code: 'invalid_input', field: 'lease_seconds' });
    }
    expect((await t.hub.tasks.get(task.id))!.state).toBe('open');
  });

  it('tasks - renew extends the lease from now and writes no message', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const { task } = await handoff(t, lead);
    await t.hub.tasks.act('claim', lead, { task_id: task.id });
    t.clock.advance(10 * MIN);
    const before = (await stored(t)).rows.messages;
    const renewed = await t.hub.tasks.act('renew', lead, { task_id: task.id, lease_seconds: 1800, claim: 1 });
    expect(renewed.task).toMatchObject({ state: 'claimed', leaseExpiresAt: t.clock.now() + 30 * MIN, fence: 1 });
    expect(renewed.messages).toEqual([]);
    expect((await stored(t)).rows.messages).toBe(before);
    const again = await t.hub.tasks.act('renew', lead, { task_id: task.id });
    expect(again.task.leaseExpiresAt).toBe(t.clock.now() + 15 * MIN);
  });

  it('tasks - release returns the handoff to open with the reason, and it can be claimed again with a new claim number', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const bob = await t.as('bob');
    const { task } = await handoff(t, lead);
    await t.hub.tasks.act('claim', lead, { task_id: task.id });
    const released = await t.hub.tasks.act('release', lead, { task_id: task.id, reason: 'out of time' });
    expect(released.task).toMatchObject({ state: 'open', holderId: null, leaseExpiresAt: null, reason: 'out of time' });
    expect(released.messages.map((m) => [m.title, m.body, m.threadId])).toEqual([['↩️ Released: Review API', 'out of time', task.id]]);
    const again = await t.hub.tasks.act('claim', bob, { task_id: task.id });
    expect(again.task).toMatchObject({ holderId: bob.session.id, fence: 2 });
  });

  it('tasks - complete posts ✅ Complete to general with the links and a reply in the handoff thread', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const bob = await t.as('bob');
    const { task } = await handoff(t, lead);
    await t.hub.tasks.act('claim', bob, { task_id: task.id });
    const done = await t.hub.tasks.act('complete', bob, { task_id: task.id, result: 'Two issues found', links: ['http://hub.test/d/d-r1', 'http://hub.test/d/d-r2'] });
    expect(done.task).toMatchObject({ state: 'completed', result: 'Two issues found', resultLinks: ['http://hub.test/d/d-r1', 'http://hub.test/d/d-r2'], leaseExpiresAt: null, holderId: bob.session.id });
    const [general, reply] = done.messages;
    expect(general).toMatchObject({ channel: 'general', title: '✅ Complete: Review API', replyTo: null, authorId: bob.session.id });
    expect(general!.body).toContain('Two issues found');
    expect(general!.body).toContain('http://hub.test/d/d-r1 http://hub.test/d/d-r2');
    expect(reply).toMatchObject({ channel: 'handoffs', title: '✅ Complete: Review API', replyTo: task.id, threadId: task.id });
    expect((await messagesIn(t, 'general')).map((m) => m.title)).toEqual(['✅ Complete: Review API']);
    expect(done.next).toBeUndefined();
  });

  it('tasks - complete with next hands off the next step in the same call', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const bob = await t.as('bob');
    const { task } = await handoff(t, lead, 'Step 1');
    await t.hub.tasks.act('claim', bob, { task_id: task.id });
    const done = await t.hub.tasks.act('complete', bob, { task_id: task.id, result: 'ok', next: { task: 'Step 2', labels: ['tester'], next_steps: ['run it'] } });
    expect(done.task.state).toBe('completed');
    expect(done.next).toMatchObject({ kind: 'handoff', state: 'open', task: 'Step 2', labels: ['tester'], nextSteps: ['run it'], channel: 'handoffs', authorId: bob.session.id, holderId: null });
    expect((await messagesIn(t, 'handoffs')).at(-1)!.title).toBe('🔄 Handoff: Step 2');
  });

  it('tasks - a chained handoff with an assignee is already claimed by that session, so the work never belongs to nobody', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const bob = await t.as('bob');
    const carol = await t.as('carol');
    const { task } = await handoff(t, lead, 'Step 1');
    await t.hub.tasks.act('claim', bob, { task_id: task.id });
    const done = await t.hub.tasks.act('complete', bob, { task_id: task.id, next: { task: 'Step 2', assignee: carol.session.id } });
    expect(done.next).toMatchObject({ state: 'claimed', holderId: carol.session.id, holderName: 'carol', fence: 1, leaseExpiresAt: t.clock.now() + 15 * MIN });
    await refused(t.hub.tasks.act('claim', lead, { task_id: done.next!.id }), { code: 'conflict', says: `already claimed by carol (${carol.session.id})` });
    const finished = await t.hub.tasks.act('complete', carol, { task_id: done.next!.id, claim: 1 });
    expect(finished.task.state).toBe('completed');
  });

  it('tasks - complete with a next step for an unknown assignee is refused and the first task stays claimed', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const { task } = await handoff(t, lead);
    await t.hub.tasks.act('claim', lead, { task_id: task.id });
    await refusedAndNothingStored(t, () => t.hub.tasks.act('complete', lead, { task_id: task.id, next: { task: 'Step 2', assignee: 's-nobody' } }), { code: 'invalid_input', field: 'assignee' });
    expect((await t.hub.tasks.get(task.id))!.state).toBe('claimed');
  });

  it('tasks - fail posts 🚨 Blocked to alerts as an open alert task and marks the handoff failed', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const { task } = await handoff(t, lead);
    await t.hub.tasks.act('claim', lead, { task_id: task.id });
    const failed = await t.hub.tasks.act('fail', lead, { task_id: task.id, reason: 'no access to staging' });
    expect(failed.task).toMatchObject({ state: 'failed', reason: 'no access to staging', leaseExpiresAt: null });
    expect(failed.next).toMatchObject({ kind: 'alert', state: 'open', channel: 'alerts', task: 'Review API' });
    const alerts = await messagesIn(t, 'alerts');
    expect(alerts.map((m) => [m.title, m.body])).toEqual([['🚨 Blocked: Review API', 'no access to staging']]);
    expect(alerts[0]!.id).toBe(failed.next!.id);
    expect(failed.messages.map((m) => [m.title, m.threadId])).toEqual([['❌ Failed: Review API', task.id]]);
  });

  it('tasks - cancel and reassign need the coordinator role; refused for others with nothing changed', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const bob = await t.as('bob');
    const { task } = await handoff(t, lead);
    await t.hub.tasks.act('claim', bob, { task_id: task.id });
    await refusedAndNothingStored(t, () => t.hub.tasks.act('cancel', lead, { task_id: task.id }), { code: 'forbidden', says: 'cancel needs the coordinator role' });
    await refusedAndNothingStored(t, () => t.hub.tasks.act('reassign', bob, { task_id: task.id, to: lead.session.id }), { code: 'forbidden', says: 'reassign needs the coordinator role' });
  });

  it('tasks - a coordinator reassigns a claimed handoff; the old holder is told once and its claim is void', async () => {
    const t = await hubForTest();
    const boss = await t.as('boss', 'coordinator');
    const bob = await t.as('bob');
    const carol = await t.as('carol');
    const { task } = await handoff(t, boss);
    await t.hub.tasks.act('claim', bob, { task_id: task.id });
    const moved = await t.hub.tasks.act('reassign', boss, { task_id: task.id, to: carol.session.id });
    expect(moved.task).toMatchObject({ state: 'claimed', holderId: carol.session.id, fence: 2 });
    expect(moved.messages[0]!.title).toBe('🔀 Reassigned: Review API');
    const notices = await t.hub.tasks.notices(bob);
    expect(notices).toEqual([`task ${task.id} (Review API) was reassigned to ${carol.session.id}`]);
    expect(await t.hub.tasks.notices(bob)).toEqual([]);
    await refusedAndNothingStored(t, () => t.hub.tasks.act('complete', bob, { task_id: task.id, claim: 1 }), { code: 'conflict', says: 'you do not hold' });
    expect((await t.hub.tasks.act('complete', carol, { task_id: task.id, claim: 2 })).task.state).toBe('completed');
  });

  it('tasks - a coordinator cancels a claimed handoff; the holder is told and cannot complete it', async () => {
    const t = await hubForTest();
    const boss = await t.as('boss', 'coordinator');
    const bob = await t.as('bob');
    const { task } = await handoff(t, boss);
    await t.hub.tasks.act('claim', bob, { task_id: task.id });
    const cancelled = await t.hub.tasks.act('cancel', boss, { task_id: task.id, reason: 'not needed' });
    expect(cancelled.task).toMatchObject({ state: 'cancelled', reason: 'not needed' });
    expect(await t.hub.tasks.notices(bob)).toEqual([`task ${task.id} (Review API) was cancelled by boss`]);
    await refusedAndNothingStored(t, () => t.hub.tasks.act('complete', bob, { task_id: task.id }), { code: 'conflict', says: 'cancelled' });
    await refusedAndNothingStored(t, () => t.hub.tasks.act('cancel', boss, { task_id: task.id }), { code: 'conflict', says: 'cancelled' });
  });

  it('tasks - ack is first-wins like claim, and resolve closes the alert', async () => {
    const t = await hubForTest();
    const ops = await t.as('ops');
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const { task } = await alert(t, ops);
    const acked = await t.hub.tasks.act('ack', alice, { task_id: task.id });
    expect(acked.task).toMatchObject({ state: 'acknowledged', holderId: alice.session.id });
    expect(acked.messages.map((m) => [m.title, m.threadId])).toEqual([['✋ Investigating', task.id]]);
    await refusedAndNothingStored(t, () => t.hub.tasks.act('ack', bob, { task_id: task.id }), {
      code: 'conflict',
      says: `already acknowledged by alice (${alice.session.id}) at ${new Date(t.clock.now()).toISOString()}`,
    });
    const resolved = await t.hub.tasks.act('resolve', alice, { task_id: task.id, result: 'disk cleaned' });
    expect(resolved.task).toMatchObject({ state: 'resolved', result: 'disk cleaned' });
    expect(resolved.messages.map((m) => m.title)).toEqual(['✅ Resolved: Build broken']);
    await refusedAndNothingStored(t, () => t.hub.tasks.act('resolve', alice, { task_id: task.id }), { code: 'conflict', says: 'resolved' });
  });

  it('tasks - a ✋ Investigating reply acknowledges the alert; a second one is refused', async () => {
    const t = await hubForTest();
    const ops = await t.as('ops');
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const root = await t.hub.messages.post(ops, { channel: 'alerts', title: '🚨 API down' });
    await t.hub.messages.post(alice, { channel: 'alerts', title: '✋ Investigating', reply_to: root.id });
    expect(await t.hub.tasks.get(root.id)).toMatchObject({ state: 'acknowledged', holderId: alice.session.id });
    await refusedAndNothingStored(t, () => t.hub.messages.post(bob, { channel: 'alerts', title: '✋ Investigating', reply_to: root.id }), { code: 'conflict', says: 'already acknowledged by alice' });
  });

  it('tasks - a ✋ Claimed reply to a message that is not a task is a plain reply', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const root = await t.hub.messages.post(lead, { channel: 'handoffs', title: 'who can help?' });
    const reply = await t.hub.messages.post(lead, { channel: 'handoffs', title: '✋ Claimed', reply_to: root.id });
    expect(reply.replyTo).toBe(root.id);
    expect((await stored(t)).rows.tasks).toBe(0);
  });
});

describe('tasks: arbitration racing a claim', () => {
  it('tasks - a reassign that read one holder is refused when another claim landed before it, so no notice goes astray', async () => {
    const t = await hubForTest();
    const boss = await t.as('boss', 'coordinator');
    const bob = await t.as('bob');
    const carol = await t.as('carol');
    const dave = await t.as('dave');
    const { task } = await handoff(t, boss);
    await t.hub.tasks.act('claim', bob, { task_id: task.id });
    const store = t.hub.context.store;
    const plainGet = store.tasks.get.bind(store.tasks);
    let interleave = true;
    // Between the hub's read of the task and its compare-and-set, bob releases and carol claims.
    store.tasks.get = async (id) => {
      const read = await plainGet(id);
      if (interleave) {
        interleave = false;
        await t.hub.tasks.act('release', bob, { task_id: task.id });
        await t.hub.tasks.act('claim', carol, { task_id: task.id });
      }
      return read;
    };
    try {
      await refused(t.hub.tasks.act('reassign', boss, { task_id: task.id, to: dave.session.id }), { code: 'conflict' });
    } finally {
      store.tasks.get = plainGet;
    }
    expect(await t.hub.tasks.get(task.id)).toMatchObject({ holderId: carol.session.id, fence: 2 });
    expect(await t.hub.tasks.notices(bob)).toEqual([]);
    expect(await t.hub.tasks.notices(carol)).toEqual([]);
  });
});
