import { beforeEach, describe, expect, it } from 'vitest';
import type { TaskFields } from '../../../src/domain/tasks.js';
import type { NewTaskMessage, TaskChange } from '../../../src/store/store.js';
import { T0, type ClaimPlan, type ConformanceOptions, type StoreFixture } from './fixtures.js';

const MIN = 60_000;

const FIELDS: TaskFields = { task: 'Review API', context: ['http://hub.test/d/d-1'], scope: 'auth', nextSteps: ['read', 'review'], priority: 'high', labels: ['reviewer', 'security'], severity: null };

/** The Store contract for tasks: creation with their message, queries, and the compare-and-set. */
export function describeTasks(fx: StoreFixture, options: ConformanceOptions): void {
  const { session, channel } = fx;
  describe('tasks', () => {
    let lead: string;
    let bob: string;
    let handoffs: number;
    let alerts: number;
    beforeEach(async () => {
      lead = await session('s-lead', { name: 'lead' });
      bob = await session('s-bob', { name: 'bob' });
      handoffs = await channel('handoffs');
      alerts = await channel('alerts');
    });

    const newTask = (overrides: Partial<NewTaskMessage['task']> = {}, at = T0): NewTaskMessage => {
      const kind = overrides.kind ?? 'handoff';
      const channelId = kind === 'alert' ? alerts : handoffs;
      const task = overrides.task ?? FIELDS.task;
      return {
        message: { channelId, title: `${kind === 'alert' ? '🚨' : '🔄'} ${task}`, body: 'body', authorId: lead, createdAt: at, replyTo: null, threadId: null },
        task: { ...FIELDS, kind, state: 'open', ...overrides },
      };
    };
    const create = (overrides: Partial<NewTaskMessage['task']> = {}, at = T0) => fx.store.tasks.create(newTask(overrides, at));
    const claimOf = (id: string, holderId: string, at = T0): TaskChange => ({
      id,
      expect: { states: ['open'], kind: 'handoff' },
      set: { state: 'claimed', holderId, claimedAt: at, leaseExpiresAt: at + 15 * MIN, updatedAt: at },
      messages: [{ channelId: handoffs, title: '✋ Claimed', body: '', authorId: holderId, createdAt: at, replyTo: null, threadId: null, replyToTask: true }],
    });
    const messageCount = async () => (await fx.store.messages.after({ channelIds: [handoffs, alerts], after: 0, limit: 10_000 })).length;

    it('tasks - create writes the message and the task together; the task id is the message id', async () => {
      const { task, message } = await create();
      expect(message).toMatchObject({ channelId: handoffs, title: '🔄 Review API', authorId: lead });
      expect(task).toEqual({
        ...FIELDS,
        id: message.id,
        seq: message.seq,
        kind: 'handoff',
        channelId: handoffs,
        channel: 'handoffs',
        state: 'open',
        holderId: null,
        holderName: null,
        claimedAt: null,
        leaseExpiresAt: null,
        fence: 0,
        result: null,
        resultBy: null,
        resultLinks: [],
        reason: null,
        reasonBy: null,
        authorId: lead,
        createdAt: T0,
        updatedAt: T0,
        escalatedAt: null,
      });
      expect(await fx.store.tasks.get(task.id)).toEqual(task);
      expect(await fx.store.messages.get(task.id)).toEqual(message);
    });

    it('tasks - a task created with a holder is claimed by it, with claim number 1', async () => {
      const { task } = await create({ state: 'claimed', holderId: bob, leaseExpiresAt: T0 + 15 * MIN });
      expect(task).toMatchObject({ state: 'claimed', holderId: bob, holderName: 'bob', claimedAt: T0, leaseExpiresAt: T0 + 15 * MIN, fence: 1 });
    });

    it('tasks - get of an unknown, malformed or plain-message id is undefined', async () => {
      const { task } = await create();
      const plain = await fx.post(handoffs, lead, 'plain');
      expect(await fx.store.tasks.get(`m-${(task.seq + 100).toString(36)}`)).toBeUndefined();
      expect(await fx.store.tasks.get('nonsense')).toBeUndefined();
      expect(await fx.store.tasks.get(plain.id)).toBeUndefined();
    });

    it('tasks - forMessages maps the positions that are tasks to their task, and nothing else', async () => {
      const a = await create();
      const plain = await fx.post(handoffs, lead, 'plain');
      const b = await create({ kind: 'alert', severity: 'high' });
      const found = await fx.store.tasks.forMessages([a.task.seq, plain.seq, b.task.seq, 99_999]);
      expect([...found.keys()].sort((x, y) => x - y)).toEqual([a.task.seq, b.task.seq]);
      expect(found.get(b.task.seq)).toEqual(b.task);
      expect((await fx.store.tasks.forMessages([])).size).toBe(0);
    });

    it('tasks - list filters by kind, states, holder, channel and label, ascending, up to the limit', async () => {
      const one = await create({ task: 'one', labels: ['reviewer'] });
      const two = await create({ task: 'two', labels: ['builder'] });
      const fire = await create({ kind: 'alert', task: 'fire', labels: [] });
      expect((await fx.store.tasks.change(claimOf(two.task.id, bob))).ok).toBe(true);
      const ids = async (f: Partial<Parameters<typeof fx.store.tasks.list>[0]>) => (await fx.store.tasks.list({ limit: 50, ...f })).map((t) => t.task);
      expect(await ids({})).toEqual(['one', 'two', 'fire']);
      expect(await ids({ kind: 'alert' })).toEqual(['fire']);
      expect(await ids({ states: ['open'] })).toEqual(['one', 'fire']);
      expect(await ids({ states: ['claimed', 'acknowledged'] })).toEqual(['two']);
      expect(await ids({ holderId: bob })).toEqual(['two']);
      expect(await ids({ channelId: alerts })).toEqual(['fire']);
      expect(await ids({ label: 'reviewer' })).toEqual(['one']);
      expect(await ids({ label: 'review' })).toEqual([]);
      expect(await ids({ limit: 2 })).toEqual(['one', 'two']);
      expect(one.task.labels).toEqual(['reviewer']);
    });

    it('tasks - a claim applies once: it sets the holder, raises the claim number and writes its message in the thread', async () => {
      const { task } = await create();
      const won = await fx.store.tasks.change(claimOf(task.id, bob));
      if (!won.ok) throw new Error('claim refused');
      expect(won.task).toMatchObject({ state: 'claimed', holderId: bob, holderName: 'bob', claimedAt: T0, leaseExpiresAt: T0 + 15 * MIN, fence: 1 });
      expect(won.messages).toHaveLength(1);
      expect(won.messages[0]).toMatchObject({ title: '✋ Claimed', replyTo: task.id, threadId: task.id, authorId: bob });
      const count = await messageCount();
      const lost = await fx.store.tasks.change(claimOf(task.id, lead));
      expect(lost).toEqual({ ok: false, current: won.task });
      expect(await messageCount()).toBe(count);
    });

    it('tasks - change on an unknown or malformed id is refused with no current task', async () => {
      expect(await fx.store.tasks.change(claimOf('m-zzzz', bob))).toEqual({ ok: false, current: undefined });
      expect(await fx.store.tasks.change(claimOf('nonsense', bob))).toEqual({ ok: false, current: undefined });
      expect(await messageCount()).toBe(0);
    });

    it('tasks - every expect condition is honoured: a change that breaks one writes nothing, not its messages, notices or next task', async () => {
      const { task } = await create();
      const claimed = await fx.store.tasks.change(claimOf(task.id, bob, T0));
      if (!claimed.ok) throw new Error('claim refused');
      const at = T0 + MIN;
      const held = { states: ['claimed' as const], holderId: bob, fence: 1, leaseLiveAt: at, kind: 'handoff' as const };
      const withExtras = (expect: TaskChange['expect']): TaskChange => ({
        id: task.id,
        expect,
        set: { reason: 'changed', updatedAt: at },
        messages: [{ channelId: alerts, title: 'announce', body: '', authorId: bob, createdAt: at, replyTo: null, threadId: null }],
        notices: [{ sessionId: lead, text: 'told', createdAt: at }],
        next: newTask({ task: 'next one' }, at),
      });
      const breaking: TaskChange['expect'][] = [
        { ...held, states: ['open'] },
        { ...held, kind: 'alert' },
        { ...held, holderId: lead },
        { ...held, fence: 2 },
        { ...held, leaseLiveAt: T0 + 15 * MIN },
        { ...held, leaseLapsedAt: T0 + 15 * MIN - 1 },
        { ...held, createdBefore: T0 },
      ];
      const count = await messageCount();
      for (const expect_ of breaking) {
        const result = await fx.store.tasks.change(withExtras(expect_));
        expect(result, JSON.stringify(expect_)).toEqual({ ok: false, current: claimed.task });
      }
      expect(await messageCount()).toBe(count);
      expect(await fx.store.tasks.takeNotices(lead)).toEqual([]);
      expect(await fx.store.tasks.list({ limit: 50 })).toHaveLength(1);

      const applied = await fx.store.tasks.change(withExtras({ ...held, leaseLapsedAt: T0 + 15 * MIN, createdBefore: T0 + 1, unescalated: true }));
      if (!applied.ok) throw new Error('change refused');
      expect(applied.task).toMatchObject({ reason: 'changed', updatedAt: at, fence: 1 });
      expect(applied.messages.map((m) => [m.title, m.channelId, m.replyTo])).toEqual([['announce', alerts, null]]);
      expect(applied.next?.task).toMatchObject({ task: 'next one', state: 'open', kind: 'handoff' });
      expect(applied.next?.message.id).toBe(applied.next?.task.id);
      expect(await fx.store.tasks.takeNotices(lead)).toEqual(['told']);
      expect(await messageCount()).toBe(count + 2);
    });

    it('tasks - unescalated holds until escalatedAt is set, and then refuses', async () => {
      const { task } = await create({ kind: 'alert', severity: 'high' });
      const escalate: TaskChange = { id: task.id, expect: { states: ['open'], kind: 'alert', unescalated: true }, set: { escalatedAt: T0 + 5, updatedAt: T0 + 5 } };
      const first = await fx.store.tasks.change(escalate);
      expect(first.ok && first.task.escalatedAt).toBe(T0 + 5);
      expect((await fx.store.tasks.change(escalate)).ok).toBe(false);
    });

    it('tasks - a change can clear the holder and lease, set result links, and every claim raises the claim number', async () => {
      const { task } = await create();
      await fx.store.tasks.change(claimOf(task.id, bob));
      const released = await fx.store.tasks.change({ id: task.id, expect: { states: ['claimed'], holderId: bob }, set: { state: 'open', holderId: null, leaseExpiresAt: null, updatedAt: T0 + 1 } });
      expect(released.ok && released.task).toMatchObject({ state: 'open', holderId: null, holderName: null, leaseExpiresAt: null, fence: 1 });
      const again = await fx.store.tasks.change(claimOf(task.id, lead, T0 + 2));
      expect(again.ok && again.task).toMatchObject({ holderId: lead, fence: 2, claimedAt: T0 + 2 });
      const done = await fx.store.tasks.change({ id: task.id, expect: { states: ['claimed'], fence: 2 }, set: { state: 'completed', result: 'ok', resultBy: 's-writer', reason: 'why', reasonBy: 's-writer', resultLinks: ['http://x.test/r'], updatedAt: T0 + 3 } });
      expect(done.ok && done.task).toMatchObject({ state: 'completed', result: 'ok', resultBy: 's-writer', reason: 'why', reasonBy: 's-writer', resultLinks: ['http://x.test/r'] });
    });

    it('tasks - lapsed lists claimed tasks whose lease ran out by now, soonest first, up to the limit', async () => {
      const a = await create({ task: 'a' });
      const b = await create({ task: 'b' });
      const c = await create({ task: 'c' });
      await fx.store.tasks.change(claimOf(a.task.id, bob, T0 + 2 * MIN));
      await fx.store.tasks.change(claimOf(b.task.id, bob, T0));
      await fx.store.tasks.change(claimOf(c.task.id, bob, T0 + 60 * MIN));
      const names = async (now: number, limit = 10) => (await fx.store.tasks.lapsed(now, limit)).map((t) => t.task);
      expect(await names(T0 + 15 * MIN - 1)).toEqual([]);
      expect(await names(T0 + 15 * MIN)).toEqual(['b']);
      expect(await names(T0 + 20 * MIN)).toEqual(['b', 'a']);
      expect(await names(T0 + 20 * MIN, 1)).toEqual(['b']);
    });

    it('tasks - unacknowledged lists open, unescalated alerts created before the time given', async () => {
      const early = await create({ kind: 'alert', task: 'early', severity: 'high' }, T0);
      const acked = await create({ kind: 'alert', task: 'acked', severity: 'high' }, T0);
      await create({ kind: 'alert', task: 'late', severity: 'high' }, T0 + 10 * MIN);
      await create({ task: 'a handoff' }, T0);
      await fx.store.tasks.change({ id: acked.task.id, expect: { states: ['open'] }, set: { state: 'acknowledged', holderId: bob, claimedAt: T0, updatedAt: T0 } });
      expect((await fx.store.tasks.unacknowledged(T0, 10)).map((t) => t.task)).toEqual([]);
      expect((await fx.store.tasks.unacknowledged(T0 + 5 * MIN, 10)).map((t) => t.task)).toEqual(['early']);
      expect((await fx.store.tasks.unacknowledged(T0 + 11 * MIN, 10)).map((t) => t.task)).toEqual(['early', 'late']);
      await fx.store.tasks.change({ id: early.task.id, expect: { states: ['open'], unescalated: true }, set: { escalatedAt: T0 + 11 * MIN, updatedAt: T0 + 11 * MIN } });
      expect((await fx.store.tasks.unacknowledged(T0 + 11 * MIN, 10)).map((t) => t.task)).toEqual(['late']);
    });

    it('tasks - takeNotices hands each session its own notices once, oldest first', async () => {
      const { task } = await create();
      await fx.store.tasks.change({ ...claimOf(task.id, bob), notices: [{ sessionId: bob, text: 'first', createdAt: T0 }, { sessionId: lead, text: 'for lead', createdAt: T0 }, { sessionId: bob, text: 'second', createdAt: T0 + 1 }] });
      expect(await fx.store.tasks.takeNotices(bob)).toEqual(['first', 'second']);
      expect(await fx.store.tasks.takeNotices(bob)).toEqual([]);
      expect(await fx.store.tasks.takeNotices(lead)).toEqual(['for lead']);
      expect(await fx.store.tasks.takeNotices('s-nobody')).toEqual([]);
    });

    it('tasks - concurrent claims on the suite connection: each task is won exactly once', async () => {
      const holders = await Promise.all(Array.from({ length: 8 }, (_, i) => session(`s-w${i}`)));
      const tasks = await Promise.all(Array.from({ length: 20 }, (_, i) => create({ task: `t${i}` })));
      const results = await Promise.all(holders.flatMap((h) => tasks.map((t) => fx.store.tasks.change(claimOf(t.task.id, h)))));
      expect(results.filter((r) => r.ok)).toHaveLength(tasks.length);
      const claims = (await fx.store.messages.after({ channelIds: [handoffs], after: 0, limit: 1000 })).filter((m) => m.title === '✋ Claimed');
      expect(claims).toHaveLength(tasks.length);
    });

    it.runIf(options.claimElsewhere)('tasks - claimers on separate connections racing for the same tasks: each task is won exactly once, with one claim message', async () => {
      const holderIds = await Promise.all(Array.from({ length: 6 }, (_, i) => session(`s-c${i}`)));
      const taskIds: string[] = [];
      for (let i = 0; i < 150; i++) taskIds.push((await create({ task: `race ${i}` })).task.id);
      const plan: ClaimPlan = { store: fx.store, taskIds, holderIds, channelId: handoffs, now: T0 };
      const won = await options.claimElsewhere!(plan);
      expect(won.flat().sort()).toEqual([...taskIds].sort());
      for (const [i, ids] of won.entries()) {
        for (const id of ids) expect((await fx.store.tasks.get(id))!.holderId).toBe(holderIds[i]);
      }
      const replies = (await fx.store.messages.after({ channelIds: [handoffs], after: 0, limit: 10_000 })).filter((m) => m.replyTo !== null);
      expect(replies).toHaveLength(taskIds.length);
      expect(new Set(replies.map((m) => m.threadId)).size).toBe(taskIds.length);
    });
  });
}
