import { describe, expect, it } from 'vitest';
import { messageView } from '../../src/hub/views.js';
import { hubForTest } from './support/hub.js';
import { stored } from './support/stored.js';
import { alert, handoff, messagesIn } from './support/tasks.js';

describe('tasks: creating handoffs and alerts', () => {
  it('tasks - a handoff keeps the seed fields and posts them as the seed body in handoffs', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const { task, messages } = await handoff(t, lead, 'Review API', {
      context: ['http://hub.test/d/d-1', 'http://hub.test/d/d-2'],
      scope: 'only the auth routes',
      next_steps: ['read the spec', 'write the review'],
      priority: 'high',
      labels: 'reviewer, security',
    });
    expect(task).toMatchObject({
      kind: 'handoff',
      state: 'open',
      channel: 'handoffs',
      task: 'Review API',
      context: ['http://hub.test/d/d-1', 'http://hub.test/d/d-2'],
      scope: 'only the auth routes',
      nextSteps: ['read the spec', 'write the review'],
      priority: 'high',
      labels: ['reviewer', 'security'],
      severity: null,
      holderId: null,
      fence: 0,
      authorId: lead.session.id,
      createdAt: t.clock.now(),
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.id).toBe(task.id);
    expect(messages[0]!.title).toBe('🔄 Handoff: Review API');
    expect(messages[0]!.body).toBe(
      [
        '**Task:** Review API',
        '**Context:** http://hub.test/d/d-1 http://hub.test/d/d-2',
        '**Scope:** only the auth routes',
        '**Next Steps:**',
        '1. read the spec',
        '2. write the review',
        '**Priority:** high',
        '**Labels:** reviewer, security',
        `Session lead (${lead.session.id})`,
      ].join('\n'),
    );
    expect(await t.hub.tasks.get(task.id)).toEqual(task);
  });

  it('tasks - an alert is created open in alerts with its severity (medium when none is given)', async () => {
    const t = await hubForTest();
    const ops = await t.as('ops');
    const { task, messages } = await alert(t, ops, 'Disk full');
    expect(task).toMatchObject({ kind: 'alert', state: 'open', channel: 'alerts', severity: 'high' });
    expect(messages[0]!.title).toBe('🚨 Alert: Disk full');
    expect(messages[0]!.body).toContain('**Severity:** high');
    const plain = await t.hub.tasks.create(ops, { kind: 'alert', task: 'Slow queries' });
    expect(plain.task.severity).toBe('medium');
  });

  it('tasks - a top-level 🔄 post in handoffs and 🚨 post in alerts are tasks, with the body links as context', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const h = await t.hub.messages.post(lead, { channel: 'handoffs', title: '🔄 Handoff: Write tests', body: '**Context:** http://hub.test/d/d-9 see (http://x.test/a)' });
    const a = await t.hub.messages.post(lead, { channel: 'alerts', title: '🚨 CI red', body: 'main fails' });
    expect(await t.hub.tasks.get(h.id)).toMatchObject({ kind: 'handoff', state: 'open', task: 'Write tests', context: ['http://hub.test/d/d-9', 'http://x.test/a'], authorId: lead.session.id });
    expect(await t.hub.tasks.get(a.id)).toMatchObject({ kind: 'alert', state: 'open', task: 'CI red' });
    expect(messageView(h, t.hub.context.links).task).toMatchObject({ kind: 'handoff', state: 'open', holder: null });
  });

  it('tasks - a 🔄 reply, a 🔄 post in another channel and a 🚨 post in handoffs are plain messages', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const root = await t.hub.messages.post(lead, { channel: 'handoffs', title: 'notes' });
    await t.hub.messages.post(lead, { channel: 'handoffs', title: '🔄 Handoff: in a thread', reply_to: root.id });
    await t.hub.messages.post(lead, { channel: 'general', title: '🔄 Handoff: in general' });
    await t.hub.messages.post(lead, { channel: 'handoffs', title: '🚨 wrong channel' });
    await t.hub.messages.post(lead, { channel: 'alerts', title: '🔄 Handoff: wrong channel' });
    await t.hub.messages.post(lead, { channel: 'handoffs', title: 'Handoff 🔄 not first' });
    expect((await stored(t)).rows.tasks).toBe(0);
    expect(await t.hub.tasks.list(lead, {})).toEqual([]);
  });

  it('tasks - list filters by state, kind, label, mine and channel', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const bob = await t.as('bob');
    const review = await handoff(t, lead, 'Review', { labels: ['reviewer'] });
    const build = await handoff(t, lead, 'Build', { labels: ['builder'] });
    const fire = await alert(t, lead, 'Fire');
    await t.hub.tasks.act('claim', bob, { task_id: build.task.id });
    const ids = async (raw: Record<string, unknown>) => (await t.hub.tasks.list(bob, raw)).map((x) => x.id);
    expect(await ids({})).toEqual([review.task.id, build.task.id, fire.task.id]);
    expect(await ids({ state: 'open' })).toEqual([review.task.id, fire.task.id]);
    expect(await ids({ kind: 'alert' })).toEqual([fire.task.id]);
    expect(await ids({ label: 'reviewer' })).toEqual([review.task.id]);
    expect(await ids({ mine: true })).toEqual([build.task.id]);
    expect(await ids({ mine: 'true' })).toEqual([build.task.id]);
    expect(await ids({ channel: 'alerts' })).toEqual([fire.task.id]);
    expect(await ids({ kind: 'handoff', state: 'open', limit: 1 })).toEqual([review.task.id]);
  });

  it('tasks - read with status returns only the handoffs in that state, each with its task badge', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const bob = await t.as('bob');
    const one = await handoff(t, lead, 'One');
    const two = await handoff(t, lead, 'Two');
    await t.hub.messages.post(lead, { channel: 'handoffs', title: 'just chatting' });
    await t.hub.tasks.act('claim', bob, { task_id: one.task.id });
    const open = await t.hub.reads.read(bob, { channel: 'handoffs', status: 'open' });
    expect(open.messages.map((m) => m.id)).toEqual([two.task.id]);
    expect(open.truncated).toBe(false);
    const claimed = await t.hub.reads.read(bob, { channel: 'handoffs', status: 'claimed' });
    expect(claimed.messages.map((m) => m.id)).toEqual([one.task.id]);
    const view = messageView(claimed.messages[0]!, t.hub.context.links);
    expect(view.task).toMatchObject({ kind: 'handoff', state: 'claimed', holder: 'bob', holder_id: bob.session.id, lease_expires_at: new Date(t.clock.now() + 15 * 60_000).toISOString() });
  });

  it('tasks - a plain read marks task messages with their state and holder, and other messages not at all', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const bob = await t.as('bob');
    const one = await handoff(t, lead, 'One');
    await t.hub.messages.post(lead, { channel: 'handoffs', title: 'chat' });
    await t.hub.tasks.act('claim', bob, { task_id: one.task.id });
    const read = await t.hub.reads.read(lead, { channel: 'handoffs' });
    const views = read.messages.map((m) => messageView(m, t.hub.context.links));
    expect(views.map((v) => v.task?.state)).toEqual(['claimed', undefined, undefined]);
    expect(views[0]!.task?.holder).toBe('bob');
    expect(views[2]!.title).toBe('✋ Claimed: One');
  });

  it('tasks - read with a status that is no task state is refused', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    await expect(t.hub.reads.read(lead, { channel: 'handoffs', status: 'whatever' })).rejects.toMatchObject({ code: 'invalid_input', field: 'status' });
  });

  it('tasks - a session lists what it holds: claimed handoffs and acknowledged alerts, not finished ones', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const bob = await t.as('bob');
    const one = await handoff(t, lead, 'One');
    const two = await handoff(t, lead, 'Two');
    const fire = await alert(t, lead, 'Fire');
    await t.hub.tasks.act('claim', bob, { task_id: one.task.id });
    await t.hub.tasks.act('claim', bob, { task_id: two.task.id });
    await t.hub.tasks.act('ack', bob, { task_id: fire.task.id });
    await t.hub.tasks.act('complete', bob, { task_id: two.task.id, result: 'done' });
    const view = await t.hub.sessions.view(bob.session.id);
    expect(view.holds).toEqual([
      { id: one.task.id, kind: 'handoff', task: 'One', state: 'claimed' },
      { id: fire.task.id, kind: 'alert', task: 'Fire', state: 'acknowledged' },
    ]);
    const listed = await t.hub.sessions.list();
    expect(listed.find((s) => s.name === 'lead')!.holds).toEqual([]);
    expect(listed.find((s) => s.name === 'bob')!.holds).toHaveLength(2);
  });

  it('tasks - the messages a task posts are in the channels the seed expects', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    await handoff(t, lead);
    await alert(t, lead);
    expect((await messagesIn(t, 'handoffs')).map((m) => m.title)).toEqual(['🔄 Handoff: Review API']);
    expect((await messagesIn(t, 'alerts')).map((m) => m.title)).toEqual(['🚨 Alert: Build broken']);
  });
});
