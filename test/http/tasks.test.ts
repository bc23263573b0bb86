import { beforeAll, describe, expect, it } from 'vitest';
import { hubForFile } from './file-hub.js';
import { makeToken } from '../support/tokens.js';
import { Api, expectRefusal, type Reply } from './http-client.js';

const T = '/api/v1/tasks';

describe('http tasks: handoffs and alerts', () => {
  const hub = hubForFile();
  let api: Api;
  let alice: string;
  let bob: string;
  let carol: string;
  beforeAll(async () => {
    api = new Api(hub().url);
    alice = await api.session('alice');
    bob = await api.session('bob');
    carol = await api.session('carol');
  });

  const handoff = async (task: string, extra: Record<string, unknown> = {}): Promise<Record<string, any>> => {
    const reply = await api.post(T, { task, ...extra }, { session: alice });
    expect(reply.status, reply.text).toBe(201);
    return reply.json.task as Record<string, any>;
  };
  const act = (id: string, action: string, session: string, body: Record<string, unknown> = {}): Promise<Reply> =>
    api.post(`${T}/${id}/${action}`, body, { session });
  const acted = async (id: string, action: string, session: string, body: Record<string, unknown> = {}): Promise<Record<string, any>> => {
    const reply = await act(id, action, session, body);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.success).toBe(true);
    return reply.json;
  };
  const thread = async (id: string): Promise<string[]> =>
    (await api.get(`/api/v1/channels/handoffs/messages?thread=${id}`, { session: carol })).json.messages.map((m: { title: string }) => m.title);
  const taskNow = async (id: string): Promise<Record<string, any>> => (await api.get(`${T}/${id}`)).json.task as Record<string, any>;

  it('create - a handoff carries the seed structure as fields and announces itself in handoffs', async () => {
    const reply = await api.post(
      T,
      { task: 'Review API', context: ['http://docs/api.md'], scope: 'only v1', next_steps: ['read', 'comment'], priority: 'high', labels: ['reviewer'] },
      { session: alice },
    );
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      success: true,
      task: { kind: 'handoff', task: 'Review API', state: 'open', holder_id: null, channel: 'handoffs', context: ['http://docs/api.md'], scope: 'only v1', next_steps: ['read', 'comment'], priority: 'high', labels: ['reviewer'] },
      message: { channel: 'handoffs', title: '🔄 Handoff: Review API', sender_id: alice },
    });
    expect(reply.json.task.id).toBe(reply.json.message.id);
    expect((await api.get(`${T}/${reply.json.task.id}`)).json.task).toEqual(reply.json.task);
  });

  it('create - with its own body, the handoff posts that markdown (a recipe prompt) and keeps its fields; an oversized body is refused and nothing is made', async () => {
    const prompt = '## Review group 2\n\n- src/a.ts\n- src/b.ts';
    const reply = await api.post(T, { task: 'code review · review · 2', labels: ['reviewer'], body: prompt }, { session: alice });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.json.message).toMatchObject({ title: '🔄 Handoff: code review · review · 2', content: prompt });
    expect(reply.json.task).toMatchObject({ task: 'code review · review · 2', labels: ['reviewer'] });
    const before = (await api.get(`${T}?limit=500`, { session: alice })).json.tasks.length;
    expectRefusal(await api.post(T, { task: 'too long', body: 'x'.repeat(17 * 1024) }, { session: alice }), 413, 'too_large', 'body');
    expectRefusal(await api.post(T, { task: 'nul', body: 'a\u0000b' }, { session: alice }), 400, 'invalid_input', 'body');
    expect((await api.get(`${T}?limit=500`, { session: alice })).json.tasks.length).toBe(before);
  });

  it('list - filters by state, kind, label, mine and channel', async () => {
    const open = await handoff('List me', { labels: ['lister'] });
    const mine = await handoff('Mine', { labels: ['lister'] });
    await acted(mine.id, 'claim', bob);
    const byLabel = (await api.get(`${T}?label=lister`, { session: bob })).json.tasks.map((t: { id: string }) => t.id);
    expect(byLabel.sort()).toEqual([open.id, mine.id].sort());
    const openOnes = (await api.get(`${T}?label=lister&state=open`, { session: bob })).json.tasks.map((t: { id: string }) => t.id);
    expect(openOnes).toEqual([open.id]);
    const bobs = (await api.get(`${T}?mine=true`, { session: bob })).json.tasks.map((t: { id: string }) => t.id);
    expect(bobs).toContain(mine.id);
    expect(bobs).not.toContain(open.id);
    const alerts = (await api.get(`${T}?kind=alert&channel=handoffs`, { session: bob })).json.tasks;
    expect(alerts).toEqual([]);
  });

  it('claim - two sessions race: one wins with a lease and claim number, the loser gets 409 naming the holder and nothing is written', async () => {
    const task = await handoff('Race');
    const [a, b] = await Promise.all([act(task.id, 'claim', bob), act(task.id, 'claim', carol)]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(winner.status).toBe(200);
    expectRefusal(loser, 409, 'conflict');
    const holder = winner.json.task.holder_id as string;
    const name = holder === bob ? 'bob' : 'carol';
    expect(loser.json.error).toBe(`already claimed by ${name} (${holder}) at ${winner.json.task.claimed_at}`);
    expect(winner.json.task).toMatchObject({ state: 'claimed', holder: name, claim: expect.any(Number), lease_expires_at: expect.any(String) });
    expect(winner.json.messages).toHaveLength(1);
    expect(winner.json.messages[0]).toMatchObject({ channel: 'handoffs', reply_to: task.id, title: '✋ Claimed: Race' });
    expect((await thread(task.id)).filter((t) => t.startsWith('✋'))).toHaveLength(1);
  });

  it('claim - a ✋ Claimed reply claims too, and is refused with the same error when someone holds it', async () => {
    const task = await handoff('Reply claim');
    const posted = await api.post('/api/v1/channels/handoffs/messages', { title: '✋ Claimed', reply_to: task.id }, { session: bob });
    expect(posted.status).toBe(201);
    expect((await taskNow(task.id)).holder_id).toBe(bob);
    const refused = await api.post('/api/v1/channels/handoffs/messages', { title: '✋ Claimed: Reply claim', reply_to: task.id }, { session: carol });
    expectRefusal(refused, 409, 'conflict');
    expect(refused.json.error).toMatch(new RegExp(`^already claimed by bob \\(${bob}\\) at `));
    expect(await thread(task.id)).toEqual(['🔄 Handoff: Reply claim', '✋ Claimed']);
  });

  it('renew, release, complete - a non-holder is refused and the task is unchanged', async () => {
    const task = await handoff('Held');
    const claimed = (await acted(task.id, 'claim', bob)).task;
    for (const action of ['renew', 'release', 'complete', 'fail']) {
      const refused = await act(task.id, action, carol, { reason: 'mine now', result: 'done' });
      expectRefusal(refused, 409, 'conflict');
      expect(refused.json.error).toContain(`claimed by bob (${bob})`);
    }
    expect(await taskNow(task.id)).toEqual(claimed);
  });

  it('renew extends the lease; a stale claim number is refused; release reopens with the reason', async () => {
    const task = await handoff('Renewed');
    const claimed = (await acted(task.id, 'claim', bob, { lease_seconds: 60 })).task;
    const renewed = (await acted(task.id, 'renew', bob, { lease_seconds: 600, claim: claimed.claim })).task;
    expect(Date.parse(renewed.lease_expires_at)).toBeGreaterThan(Date.parse(claimed.lease_expires_at));
    expectRefusal(await act(task.id, 'renew', bob, { claim: claimed.claim + 100 }), 409, 'conflict');
    const released = await acted(task.id, 'release', bob, { reason: 'out of time' });
    expect(released.task).toMatchObject({ state: 'open', holder_id: null, reason: 'out of time' });
    expect(released.messages[0]).toMatchObject({ reply_to: task.id });
    expect((await acted(task.id, 'claim', carol)).task.holder_id).toBe(carol);
  });

  it('complete - posts ✅ Complete to general with the links and a reply in the thread, and can chain the next handoff', async () => {
    const task = await handoff('Build it');
    await acted(task.id, 'claim', bob);
    const done = await acted(task.id, 'complete', bob, { result: 'built', links: ['http://docs/out.md'], next: { task: 'Test it', labels: ['tester'] } });
    expect(done.task).toMatchObject({ state: 'completed', result: 'built', result_links: ['http://docs/out.md'] });
    const [general, reply] = done.messages;
    expect(general).toMatchObject({ channel: 'general', title: '✅ Complete: Build it', reply_to: null });
    expect(general.content).toContain('http://docs/out.md');
    expect(reply).toMatchObject({ channel: 'handoffs', title: '✅ Complete: Build it', reply_to: task.id });
    expect(done.next).toMatchObject({ kind: 'handoff', task: 'Test it', state: 'open', labels: ['tester'] });
    expect((await taskNow(done.next.id)).state).toBe('open');
    expectRefusal(await act(task.id, 'complete', bob), 409, 'conflict');
  });

  it('fail - posts a 🚨 Blocked alert with the reason', async () => {
    const task = await handoff('Blocked work');
    await acted(task.id, 'claim', bob);
    const failed = await acted(task.id, 'fail', bob, { reason: 'no database' });
    expect(failed.task).toMatchObject({ state: 'failed', reason: 'no database' });
    const alerts = (await api.get('/api/v1/channels/alerts/messages?limit=5', { session: carol })).json.messages;
    const blocked = alerts.find((m: { title: string }) => m.title === '🚨 Blocked: Blocked work');
    expect(blocked).toMatchObject({ content: 'no database', task: { kind: 'alert', state: 'open' } });
  });

  it("cancel and reassign need a coordinator's token (403 for an agent's); the former holder is told", async () => {
    const agents = new Api(hub().url, await makeToken(hub().url, 'agent'));
    const lead = new Api(hub().url, await makeToken(hub().url, 'coordinator'));
    const worker = await agents.session('worker');
    const other = await agents.session('other');
    const coordinator = await lead.session('lead');
    const task = await handoff('Arbitrated');
    expect((await agents.post(`${T}/${task.id}/claim`, {}, { session: worker })).status).toBe(200);
    const refused = await agents.post(`${T}/${task.id}/reassign`, { to: other }, { session: worker });
    expectRefusal(refused, 403, 'forbidden');
    expect(refused.json.error).toContain('needs the coordinator role');
    expectRefusal(await agents.post(`${T}/${task.id}/cancel`, {}, { session: other }), 403, 'forbidden');
    expect((await taskNow(task.id)).holder_id).toBe(worker);
    const moved = await lead.post(`${T}/${task.id}/reassign`, { to: other }, { session: coordinator });
    expect(moved.json.task).toMatchObject({ state: 'claimed', holder_id: other });
    const stale = await agents.post(`${T}/${task.id}/complete`, {}, { session: worker });
    expectRefusal(stale, 409, 'conflict');
    expect(stale.json.notices?.join(' ')).toContain('reassigned');
    const cancelled = (await lead.post(`${T}/${task.id}/cancel`, { reason: 'not needed' }, { session: coordinator })).json;
    expect(cancelled.task).toMatchObject({ state: 'cancelled', reason: 'not needed' });
  });

  it('alerts - create with a severity, ack is first-wins, resolve closes it', async () => {
    const created = await api.post(T, { kind: 'alert', task: 'Disk full', severity: 'critical' }, { session: alice });
    expect(created.status).toBe(201);
    expect(created.json.task).toMatchObject({ kind: 'alert', state: 'open', severity: 'critical', channel: 'alerts' });
    expect(created.json.message.title).toBe('🚨 Alert: Disk full');
    const id = created.json.task.id as string;
    const [a, b] = await Promise.all([act(id, 'ack', bob), act(id, 'ack', carol)]);
    const loser = a.status === 200 ? b : a;
    expectRefusal(loser, 409, 'conflict');
    expect(loser.json.error).toMatch(/^already acknowledged by (bob|carol) \(s-[0-9a-z]+\) at /);
    const resolved = await acted(id, 'resolve', bob, { result: 'cleaned up' });
    expect(resolved.task).toMatchObject({ state: 'resolved', result: 'cleaned up' });
    expect(resolved.messages[0]).toMatchObject({ title: '✅ Resolved: Disk full', reply_to: id });
  });

  it('notices - a lapsed lease returns the task to open, and the former holder hears of it once, on its next call', async () => {
    const task = await handoff('Short lease');
    await acted(task.id, 'claim', bob, { lease_seconds: 1 });
    let state = 'claimed';
    for (let i = 0; i < 100 && state !== 'open'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await taskNow(task.id)).state;
    }
    expect(state).toBe('open');
    const stale = await act(task.id, 'complete', bob);
    expectRefusal(stale, 409, 'conflict');
    expect(stale.json.notices).toEqual([expect.stringContaining(`your lease on ${task.id}`)]);
    const again = await api.get('/api/v1/whoami', { session: bob });
    expect(again.json.notices).toBeUndefined();
    const alerts = (await api.get('/api/v1/channels/alerts/messages?limit=20', { session: carol })).json.messages;
    expect(alerts.map((m: { title: string }) => m.title)).toContain('⚠️ Lease expired: Short lease');
    expect((await acted(task.id, 'claim', carol)).task.holder_id).toBe(carol);
  });

  it('read - handoffs show each task state and holder, and status=open returns only unclaimed work', async () => {
    const open = await handoff('Still open');
    const taken = await handoff('Taken');
    await acted(taken.id, 'claim', bob);
    const all = (await api.get('/api/v1/channels/handoffs/messages?limit=100', { session: carol })).json.messages;
    expect(all.find((m: { id: string }) => m.id === taken.id).task).toMatchObject({ state: 'claimed', holder: 'bob', holder_id: bob });
    const onlyOpen = (await api.get('/api/v1/channels/handoffs/messages?status=open&limit=100', { session: carol })).json.messages;
    const ids = onlyOpen.map((m: { id: string }) => m.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(taken.id);
  });

  it('bad input - unknown ids, messages that are not tasks, leases out of range and unknown actions are refused; nothing changes', async () => {
    expectRefusal(await api.get(`${T}/m-nothing`), 404, 'not_found');
    expectRefusal(await act('m-nothing', 'claim', bob), 404, 'not_found');
    const plain = await api.postMessage(alice, 'general', 'just a message');
    const notTask = await act(plain.id, 'claim', bob);
    expectRefusal(notTask, 400, 'invalid_input', 'task_id');
    expect(notTask.json.error).toContain('is not a handoff or an alert');
    const task = await handoff('Bad input');
    expectRefusal(await act(task.id, 'claim', bob, { lease_seconds: 0 }), 400, 'invalid_input', 'lease_seconds');
    expectRefusal(await act(task.id, 'claim', bob, { lease_seconds: 10 * 24 * 3600 }), 400, 'invalid_input', 'lease_seconds');
    expectRefusal(await act(task.id, 'ack', bob), 400, 'invalid_input', 'task_id');
    const unknown = await act(task.id, 'steal', bob);
    expectRefusal(unknown, 404, 'not_found');
    expect(unknown.json.error).toContain('claim, renew, release');
    expectRefusal(await api.post(T, { task: '' }, { session: alice }), 400, 'invalid_input', 'task');
    expectRefusal(await api.post(T, { task: 'x', kind: 'chore' }, { session: alice }), 400, 'invalid_input', 'kind');
    expect(await taskNow(task.id)).toEqual(task);
    expect(await thread(task.id)).toEqual(['🔄 Handoff: Bad input']);
  });
});
