import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { connect, type McpClient, type Reply } from '../support/mcp-client.js';
import { makeToken } from '../support/tokens.js';

const tasks = (mcp: McpClient, args: Record<string, unknown>) => mcp.call('collab_tasks', args);
const titles = (reply: Reply) => reply.messages.map((m: { title: string }) => m.title);

describe('collab_tasks operations', () => {
  let hub: HubProcess;
  beforeAll(async () => {
    hub = await startHubProcess();
  });

  const handoff = async (mcp: McpClient, task: string, extra: Record<string, unknown> = {}) => (await tasks(mcp, { operation: 'create', task, ...extra })).task;

  it("create - a handoff in the seed's structure, posted to handoffs as a 🔄 message", async () => {
    const lead = await connect(hub.url, 'lead');
    const reply = await tasks(lead, {
      operation: 'create',
      task: 'Review API',
      context: ['http://127.0.0.1/d/spec.md'],
      scope: 'the v2 routes',
      next_steps: ['read the spec', 'comment'],
      priority: 'high',
      labels: ['reviewer'],
    });
    expect(reply).toMatchObject({
      success: true,
      task: { kind: 'handoff', task: 'Review API', state: 'open', holder: null, claim: 0, channel: 'handoffs', labels: ['reviewer'], priority: 'high', next_steps: ['read the spec', 'comment'] },
      message: { channel: 'handoffs', title: '🔄 Handoff: Review API' },
    });
    expect(reply.message.content).toContain('**Scope:** the v2 routes');
    expect(reply.task.id).toBe(reply.message.id);
  });

  it('get and list - one task by id, and lists filtered by state, kind, label and mine', async () => {
    const worker = await connect(hub.url, 'lister');
    const labelled = await handoff(worker, 'Label me', { labels: 'docs-writer' });
    const mine = await handoff(worker, 'Hold me');
    await tasks(worker, { operation: 'claim', task_id: mine.id });
    expect((await tasks(worker, { operation: 'get', task_id: labelled.id })).task).toMatchObject({ id: labelled.id, task: 'Label me' });
    const ids = async (args: Record<string, unknown>) => (await tasks(worker, { operation: 'list', ...args })).tasks.map((t: { id: string }) => t.id);
    expect(await ids({ label: 'docs-writer' })).toEqual([labelled.id]);
    expect(await ids({ mine: true })).toEqual([mine.id]);
    expect(await ids({ state: 'claimed' })).toContain(mine.id);
    expect(await ids({ state: 'claimed' })).not.toContain(labelled.id);
    expect(await ids({ kind: 'alert' })).not.toContain(labelled.id);
    expect(await ids({ channel: 'handoffs', limit: 500 })).toEqual(expect.arrayContaining([labelled.id, mine.id]));
  });

  it('claim, renew and release - a lease with a claim number, extended, then given back with a reason', async () => {
    const worker = await connect(hub.url, 'worker-r');
    const { session } = await worker.call('collab_directory', { operation: 'whoami' });
    const task = await handoff(worker, 'Renewable');
    const claimed = await tasks(worker, { operation: 'claim', task_id: task.id, lease_seconds: 60 });
    expect(claimed).toMatchObject({ success: true, task: { state: 'claimed', holder: 'worker-r', holder_id: session.id, claim: 1 } });
    expect(titles(claimed)).toEqual(['✋ Claimed: Renewable']);
    const renewed = await tasks(worker, { operation: 'renew', task_id: task.id, lease_seconds: 3600, claim: 1 });
    expect(Date.parse(renewed.task.lease_expires_at)).toBeGreaterThan(Date.parse(claimed.task.lease_expires_at));
    const released = await tasks(worker, { operation: 'release', task_id: task.id, reason: 'out of time' });
    expect(released).toMatchObject({ success: true, task: { state: 'open', holder: null, reason: 'out of time' } });
    expect(titles(released)).toEqual(['↩️ Released: Renewable']);
    expect((await tasks(worker, { operation: 'claim', task_id: task.id })).task.claim).toBe(2);
  });

  it('complete - posts ✅ Complete to general with the links, replies in the thread, and chains the next handoff', async () => {
    const worker = await connect(hub.url, 'worker-c');
    const next = await connect(hub.url, 'worker-next');
    const { session: nextSession } = await next.call('collab_directory', { operation: 'whoami' });
    const task = await handoff(worker, 'Step one');
    await tasks(worker, { operation: 'claim', task_id: task.id });
    const done = await tasks(worker, {
      operation: 'complete',
      task_id: task.id,
      claim: 1,
      result: 'step one done',
      links: ['http://127.0.0.1/d/one.md'],
      next: { task: 'Step two', assignee: nextSession.id },
    });
    expect(done).toMatchObject({ success: true, task: { state: 'completed', result: 'step one done', result_links: ['http://127.0.0.1/d/one.md'] } });
    expect(done.messages.map((m: { channel: string; title: string }) => [m.channel, m.title])).toEqual([
      ['general', '✅ Complete: Step one'],
      ['handoffs', '✅ Complete: Step one'],
    ]);
    expect(done.messages[0].content).toContain('http://127.0.0.1/d/one.md');
    expect(done.messages[1].thread_id).toBe(task.id);
    expect(done.next).toMatchObject({ kind: 'handoff', task: 'Step two', state: 'claimed', holder_id: nextSession.id });
    expect((await tasks(next, { operation: 'list', mine: true })).tasks.map((t: { id: string }) => t.id)).toEqual([done.next.id]);
  });

  it('fail - the handoff fails with the reason and 🚨 Blocked is posted to alerts', async () => {
    const worker = await connect(hub.url, 'worker-f');
    const task = await handoff(worker, 'Doomed');
    await tasks(worker, { operation: 'claim', task_id: task.id });
    const failed = await tasks(worker, { operation: 'fail', task_id: task.id, reason: 'no database access' });
    expect(failed).toMatchObject({ success: true, task: { state: 'failed', reason: 'no database access' } });
    const alerts = await worker.call('collab_channels', { operation: 'read', channel_name: 'alerts', limit: 50 });
    const blocked = alerts.messages.find((m: { title: string }) => m.title === '🚨 Blocked: Doomed');
    expect(blocked.content).toContain('no database access');
    expect(blocked.task).toMatchObject({ kind: 'alert', state: 'open' });
  });

  it('ack and resolve - an alert with a severity is acknowledged by one session, then resolved', async () => {
    const reporter = await connect(hub.url, 'reporter');
    const oncall = await connect(hub.url, 'on-call');
    const alert = (await tasks(reporter, { operation: 'create', kind: 'alert', task: 'Disk full', severity: 'critical' })).task;
    expect(alert).toMatchObject({ kind: 'alert', severity: 'critical', state: 'open', channel: 'alerts' });
    const acked = await tasks(oncall, { operation: 'ack', task_id: alert.id });
    expect(acked).toMatchObject({ success: true, task: { state: 'acknowledged', holder: 'on-call' } });
    expect(titles(acked)).toEqual(['✋ Investigating']);
    const again = await tasks(reporter, { operation: 'ack', task_id: alert.id });
    expect(again).toMatchObject({ success: false, isError: true, code: 'conflict' });
    expect(again.error).toMatch(/^already acknowledged by on-call \(s-[0-9a-z]+\) at /);
    const resolved = await tasks(oncall, { operation: 'resolve', task_id: alert.id, result: 'rotated logs' });
    expect(resolved).toMatchObject({ success: true, task: { state: 'resolved', result: 'rotated logs' } });
  });

  it("cancel and reassign - refused with an agent's token, whatever role the session claims; allowed with a coordinator's", async () => {
    const worker = await connect(hub.url, 'worker-x');
    const other = await connect(hub.url, 'worker-y');
    const { session: otherSession } = await other.call('collab_directory', { operation: 'whoami' });
    const agentToken = { authorization: `Bearer ${await makeToken(hub.url, 'agent')}` };
    const pretender = await connect(hub.url, 'pretender', { ...agentToken, 'X-Baton-Role': 'coordinator' });
    const task = await handoff(worker, 'Arbitrated');
    await tasks(worker, { operation: 'claim', task_id: task.id });
    for (const operation of ['cancel', 'reassign']) {
      const refused = await tasks(pretender, { operation, task_id: task.id, to: otherSession.id });
      expect(refused).toEqual({ success: false, isError: true, code: 'forbidden', error: `task.${operation} needs the coordinator role; this token (agent-default) is agent` });
    }
    expect((await tasks(pretender, { operation: 'get', task_id: task.id })).task).toMatchObject({ state: 'claimed', holder: 'worker-x', claim: 1 });

    const lead = await connect(hub.url, 'lead-x', { authorization: `Bearer ${await makeToken(hub.url, 'coordinator')}` });
    const reassigned = await tasks(lead, { operation: 'reassign', task_id: task.id, to: otherSession.id });
    expect(reassigned).toMatchObject({ success: true, task: { state: 'claimed', holder_id: otherSession.id, claim: 2 } });
    const cancelled = await tasks(lead, { operation: 'cancel', task_id: task.id, reason: 'not needed' });
    expect(cancelled).toMatchObject({ success: true, task: { state: 'cancelled', reason: 'not needed' } });
  });

  it('notices - the former holder is told of a reassign on its next call, of any tool, once', async () => {
    const worker = await connect(hub.url, 'worker-n');
    const other = await connect(hub.url, 'worker-m');
    const { session: otherSession } = await other.call('collab_directory', { operation: 'whoami' });
    const lead = await connect(hub.url, 'lead-n', { 'X-Baton-Role': 'coordinator' });
    const task = await handoff(worker, 'Moved on');
    await tasks(worker, { operation: 'claim', task_id: task.id });
    await tasks(lead, { operation: 'reassign', task_id: task.id, to: otherSession.id });

    const told = await worker.call('collab_channels', { operation: 'list' });
    expect(told.notices).toEqual([expect.stringContaining(`task ${task.id} (Moved on) was reassigned to ${otherSession.id}`)]);
    expect(told.channels).toBeDefined();
    const stale = await tasks(worker, { operation: 'complete', task_id: task.id, claim: 1, result: 'mine anyway' });
    expect(stale).toMatchObject({ success: false, isError: true, code: 'conflict' });
    expect(stale.error).toContain(`you do not hold '${task.id}'`);
    expect(stale.notices).toBeUndefined();
    expect((await tasks(lead, { operation: 'get', task_id: task.id })).task).toMatchObject({ state: 'claimed', holder_id: otherSession.id });
  });
});
