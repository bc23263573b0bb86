import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { connect, type McpClient, type Reply } from '../support/mcp-client.js';

const tasks = (mcp: McpClient, args: Record<string, unknown>) => mcp.call('collab_tasks', args);
const whoami = async (mcp: McpClient) => (await mcp.call('collab_directory', { operation: 'whoami' })).session as { id: string; name: string };
const thread = async (mcp: McpClient, id: string) => (await mcp.call('collab_channels', { operation: 'read', channel_name: 'handoffs', thread: id, limit: 200 })).messages as Reply[];

describe('collab_tasks claims and the conventions', () => {
  let hub: HubProcess;
  beforeAll(async () => {
    hub = await startHubProcess();
  });

  it('claim - two clients race for one handoff: one wins, the other gets the exact error and writes nothing', async () => {
    const author = await connect(hub.url, 'author');
    const racers = [await connect(hub.url, 'racer-a'), await connect(hub.url, 'racer-b')];
    const sessions = await Promise.all(racers.map(whoami));
    const task = (await tasks(author, { operation: 'create', task: 'Contested' })).task;
    const replies = await Promise.all(racers.map((r) => tasks(r, { operation: 'claim', task_id: task.id })));

    const winner = replies.findIndex((r) => r.success === true);
    expect(winner).toBeGreaterThanOrEqual(0);
    const loser = replies[1 - winner]!;
    const held = (await tasks(author, { operation: 'get', task_id: task.id })).task;
    expect(held).toMatchObject({ state: 'claimed', holder_id: sessions[winner]!.id, claim: 1 });
    const { id, name } = sessions[winner]!;
    expect(loser).toEqual({ success: false, isError: true, code: 'conflict', error: `already claimed by ${name} (${id}) at ${held.claimed_at}` });
    const claims = (await thread(author, task.id)).filter((m) => m.title.includes('✋'));
    expect(claims.map((m) => m.sender_id)).toEqual([id]);
  });

  it('✋ Claimed - a reply through collab_channels post claims the handoff, and is refused with the same error when held', async () => {
    const author = await connect(hub.url, 'author-2');
    const first = await connect(hub.url, 'first-claimer');
    const second = await connect(hub.url, 'second-claimer');
    const me = await whoami(first);
    const posted = await author.call('collab_channels', { operation: 'post', channel_name: 'handoffs', title: '🔄 Handoff: Write docs', message: '**Task:** docs' });
    const claim = (mcp: McpClient) => mcp.call('collab_channels', { operation: 'post', channel_name: 'handoffs', reply_to: posted.id, title: '✋ Claimed: Write docs', message: 'taking it' });

    expect(await claim(first)).toMatchObject({ success: true, title: '✋ Claimed: Write docs', thread_id: posted.id });
    const task = (await tasks(author, { operation: 'get', task_id: posted.id })).task;
    expect(task).toMatchObject({ state: 'claimed', holder_id: me.id });
    expect(await claim(second)).toEqual({ success: false, isError: true, code: 'conflict', error: `already claimed by first-claimer (${me.id}) at ${task.claimed_at}` });
    expect(await tasks(second, { operation: 'claim', task_id: posted.id })).toMatchObject({ error: `already claimed by first-claimer (${me.id}) at ${task.claimed_at}` });
    expect((await thread(author, posted.id)).filter((m) => m.title.includes('✋')).map((m) => m.sender_id)).toEqual([me.id]);
  });

  it('✋ Investigating - a reply to a 🚨 alert acknowledges it', async () => {
    const reporter = await connect(hub.url, 'reporter');
    const oncall = await connect(hub.url, 'on-call');
    const me = await whoami(oncall);
    const alert = await reporter.call('collab_channels', { operation: 'post', channel_name: 'alerts', title: '🚨 Build broken', message: 'main is red' });
    await oncall.call('collab_channels', { operation: 'post', channel_name: 'alerts', reply_to: alert.id, title: '✋ Investigating', message: 'looking' });
    expect((await tasks(reporter, { operation: 'get', task_id: alert.id })).task).toMatchObject({ kind: 'alert', state: 'acknowledged', holder_id: me.id });
  });

  it('read - handoffs show state and holder, and status "open" returns only unclaimed work', async () => {
    const author = await connect(hub.url, 'author-3');
    const worker = await connect(hub.url, 'reader-worker');
    const open = (await tasks(author, { operation: 'create', task: 'Still open' })).task;
    const taken = (await tasks(author, { operation: 'create', task: 'Taken' })).task;
    await tasks(worker, { operation: 'claim', task_id: taken.id });

    const all = await worker.call('collab_channels', { operation: 'read', channel_name: 'handoffs', limit: 200 });
    const badge = (id: string) => all.messages.find((m: Reply) => m.id === id).task;
    expect(badge(taken.id)).toMatchObject({ kind: 'handoff', state: 'claimed', holder: 'reader-worker' });
    expect(badge(open.id)).toMatchObject({ kind: 'handoff', state: 'open', holder: null });

    const unclaimed = await worker.call('collab_channels', { operation: 'read', channel_name: 'handoffs', status: 'open', limit: 200 });
    const ids = unclaimed.messages.map((m: Reply) => m.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(taken.id);
    for (const m of unclaimed.messages) expect(m.task.state).toBe('open');
  });

  it('list_users - shows what each session holds: claimed handoffs and acknowledged alerts', async () => {
    const author = await connect(hub.url, 'author-4');
    const holder = await connect(hub.url, 'holder');
    const me = await whoami(holder);
    const handoff = (await tasks(author, { operation: 'create', task: 'Held work' })).task;
    const alert = (await tasks(author, { operation: 'create', kind: 'alert', task: 'Held alert' })).task;
    await tasks(holder, { operation: 'claim', task_id: handoff.id });
    await tasks(holder, { operation: 'ack', task_id: alert.id });
    const { users } = await author.call('collab_directory', { operation: 'list_users', limit: 100 });
    const holds = users.find((u: Reply) => u.id === me.id).holds;
    expect(holds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: handoff.id, kind: 'handoff', state: 'claimed' }),
        expect.objectContaining({ id: alert.id, kind: 'alert', state: 'acknowledged' }),
      ]),
    );
  });
});
