import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { connect, type McpClient, type Reply } from '../support/mcp-client.js';

/** An MCP client that registered under a name and role, with the session id the hub gave it. */
interface Instance {
  mcp: McpClient;
  id: string;
  name: string;
}

/**
 * The seed's four patterns again, now with real claims: several MCP clients against one hub
 * process, each an instance that claims, completes, hands off and acknowledges through collab_tasks
 * or the conventions.
 */
describe('seed patterns with claims', () => {
  let hub: HubProcess;
  beforeAll(async () => {
    hub = await startHubProcess();
  });

  async function instance(name: string, role = 'agent'): Promise<Instance> {
    const mcp = await connect(hub.url, name);
    const registered = await mcp.call('collab_directory', { operation: 'register', name, role });
    expect(registered.success).toBe(true);
    return { mcp, id: registered.session.id, name };
  }

  const tasks = (who: Instance, args: Record<string, unknown>) => who.mcp.call('collab_tasks', args);

  /** Waits on a channel until `count` messages with a matching title have arrived. */
  async function collect(who: Instance, channel: string, title: string, count: number, since: string): Promise<Reply[]> {
    const seen: Reply[] = [];
    let cursor = since;
    while (seen.length < count) {
      const result = await who.mcp.call('collab_channels', { operation: 'wait', channel_name: channel, title, since: cursor, timeout: 20 });
      expect(result.timed_out, `timed out with ${seen.length} of ${count}`).toBe(false);
      seen.push(...result.messages);
      cursor = result.next_cursor;
    }
    return seen;
  }

  const headOf = async (who: Instance, channel: string): Promise<string> =>
    (await who.mcp.call('collab_channels', { operation: 'read', channel_name: channel, limit: 1 })).next_cursor;

  it('parallel distribution - three workers each claim one handoff, a rival is refused, and the coordinator aggregates three ✅ Complete', async () => {
    const coordinator = await instance('coordinator', 'coordinator');
    const workers = await Promise.all(['reviewer-a', 'reviewer-b', 'reviewer-c'].map((n) => instance(n, 'reviewer')));
    const start = await headOf(coordinator, 'general');
    const created: Reply[] = [];
    for (const n of [1, 2, 3]) {
      const context = await coordinator.mcp.call('collab_documents', {
        operation: 'upload',
        folder_path: 'Amplifier/review/handoffs',
        file_name: `handoff_subtask-${n}.md`,
        content: `# Handoff: Subtask ${n}\n\n## Next Steps\n1. Review group ${n}`,
      });
      created.push(await tasks(coordinator, { operation: 'create', task: `Subtask ${n}`, context: [context.document.web_url], scope: `group ${n}`, next_steps: [`Review group ${n}`], priority: 'high', labels: ['reviewer'] }));
    }
    expect(created.map((c) => c.task.state)).toEqual(['open', 'open', 'open']);

    const open = await workers[0]!.mcp.call('collab_channels', { operation: 'read', channel_name: 'handoffs', status: 'open' });
    expect(open.messages.map((m: Reply) => m.id).sort()).toEqual(created.map((c) => c.task.id).sort());
    expect(open.messages.every((m: Reply) => m.task?.state === 'open')).toBe(true);
    const forReviewers = await tasks(workers[0]!, { operation: 'list', state: 'open', label: 'reviewer' });
    expect(forReviewers.tasks).toHaveLength(3);

    await Promise.all(
      workers.map(async (worker, i) => {
        const handoff = created[i]!.task;
        const claimed = await tasks(worker, { operation: 'claim', task_id: handoff.id });
        expect(claimed.task).toMatchObject({ state: 'claimed', holder_id: worker.id });
        const context = await worker.mcp.call('collab_documents', { operation: 'download', document_id: handoff.context[0] });
        expect(context.content).toContain(`Review group ${i + 1}`);
        const report = await worker.mcp.call('collab_documents', { operation: 'upload', folder_path: 'Amplifier/completed', file_name: `report_subtask-${i + 1}.md`, content: `Findings for group ${i + 1}` });
        const rival = await tasks(workers[(i + 1) % 3]!, { operation: 'claim', task_id: handoff.id });
        expect(rival).toMatchObject({ success: false, isError: true });
        expect(rival.error).toMatch(new RegExp(`^already claimed by ${worker.name} \\(${worker.id}\\) at `));
        const done = await tasks(worker, { operation: 'complete', task_id: handoff.id, claim: claimed.task.claim, result: `group ${i + 1} reviewed`, links: [report.document.web_url] });
        expect(done.task).toMatchObject({ state: 'completed', result_links: [report.document.web_url] });
      }),
    );

    const completions = await collect(coordinator, 'general', '^✅', 3, start);
    expect(completions.map((m) => m.title).sort()).toEqual(['✅ Complete: Subtask 1', '✅ Complete: Subtask 2', '✅ Complete: Subtask 3']);
    expect(new Set(completions.map((m) => m.sender_id))).toEqual(new Set(workers.map((w) => w.id)));
    for (const m of completions) {
      const link = /Results: (\S+)/.exec(m.content)![1]!;
      const report = await coordinator.mcp.call('collab_documents', { operation: 'download', document_id: link });
      expect(report.content).toMatch(/^Findings for group \d$/);
    }
    const stillOpen = await coordinator.mcp.call('collab_channels', { operation: 'read', channel_name: 'handoffs', status: 'open' });
    expect(stillOpen.messages).toEqual([]);
    const thread = await coordinator.mcp.call('collab_channels', { operation: 'read', channel_name: 'handoffs', thread: created[0]!.task.id });
    expect(thread.messages.map((m: Reply) => m.title)).toEqual(['🔄 Handoff: Subtask 1', '✋ Claimed: Subtask 1', '✅ Complete: Subtask 1']);
  });

  it('sequential chain - research hands to design hands to implementation, each step held by someone at every moment', async () => {
    const [researcher, designer, implementer] = await Promise.all(['researcher', 'designer', 'implementer'].map((n) => instance(n)));
    const research = await tasks(researcher!, { operation: 'create', task: 'Research caching', assignee: researcher!.id, labels: ['research'] });
    expect(research.task).toMatchObject({ state: 'claimed', holder_id: researcher!.id });

    const toDesign = await tasks(researcher!, { operation: 'complete', task_id: research.task.id, result: 'LRU fits', next: { task: 'Design the cache', assignee: designer!.id, scope: 'from the research' } });
    expect(toDesign.task.state).toBe('completed');
    expect(toDesign.next).toMatchObject({ task: 'Design the cache', state: 'claimed', holder_id: designer!.id });

    const mine = await tasks(designer!, { operation: 'list', mine: true });
    expect(mine.tasks.map((t: Reply) => t.id)).toEqual([toDesign.next.id]);
    const toBuild = await tasks(designer!, { operation: 'complete', task_id: toDesign.next.id, result: 'two tiers', next: { task: 'Implement the cache', assignee: implementer!.id } });
    expect(toBuild.next).toMatchObject({ state: 'claimed', holder_id: implementer!.id });

    const stolen = await tasks(designer!, { operation: 'complete', task_id: toBuild.next.id, result: 'not mine' });
    expect(stolen).toMatchObject({ success: false, isError: true });
    expect(stolen.error).toMatch(/you do not hold/);
    const built = await tasks(implementer!, { operation: 'complete', task_id: toBuild.next.id, result: 'shipped' });
    expect(built.task).toMatchObject({ state: 'completed', holder_id: implementer!.id, result: 'shipped' });
    const chain = await Promise.all([research.task.id, toDesign.next.id, toBuild.next.id].map((id) => tasks(researcher!, { operation: 'get', task_id: id })));
    expect(chain.map((c) => [c.task.state, c.task.holder_id])).toEqual([
      ['completed', researcher!.id],
      ['completed', designer!.id],
      ['completed', implementer!.id],
    ]);
  });

  it('on-call coverage - a 🚨 post wakes the on-call instance, its ✋ Investigating acknowledges, a second responder is refused, then it resolves', async () => {
    const [onCall, backup, stuck] = await Promise.all(['on-call', 'backup', 'stuck-worker'].map((n) => instance(n)));
    const waiting = onCall!.mcp.call('collab_channels', { operation: 'wait', channel_name: 'alerts', title: '^🚨', since: await headOf(onCall!, 'alerts'), timeout: 20 });
    const alert = await stuck!.mcp.call('collab_channels', { operation: 'post', channel_name: 'alerts', title: '🚨 Alert: API timeout', message: '**Issue:** the user API times out' });
    const woken = await waiting;
    expect(woken.messages.map((m: Reply) => m.id)).toEqual([alert.id]);
    expect(woken.messages[0].task).toMatchObject({ kind: 'alert', state: 'open' });

    const ack = await onCall!.mcp.call('collab_channels', { operation: 'post', channel_name: 'alerts', title: '✋ Investigating', message: 'on it', reply_to: alert.id });
    expect(ack.thread_id).toBe(alert.id);
    const second = await backup!.mcp.call('collab_channels', { operation: 'post', channel_name: 'alerts', title: '✋ Investigating', message: 'me too', reply_to: alert.id });
    expect(second).toMatchObject({ success: false, isError: true });
    expect(second.error).toMatch(new RegExp(`^already acknowledged by on-call \\(${onCall!.id}\\) at `));
    const holds = await backup!.mcp.call('collab_directory', { operation: 'get_user', user_id: onCall!.id });
    expect(JSON.stringify(holds.user.holds)).toContain(alert.id);

    const resolved = await tasks(onCall!, { operation: 'resolve', task_id: alert.id, result: 'pool size raised' });
    expect(resolved.task).toMatchObject({ state: 'resolved', result: 'pool size raised' });
    const read = await stuck!.mcp.call('collab_channels', { operation: 'read', channel_name: 'alerts', thread: alert.id });
    expect(read.messages[0].task).toMatchObject({ state: 'resolved', holder_id: onCall!.id });
  });

  it('knowledge sync - a pattern broadcast in general is fetched through its link and is not a task', async () => {
    const [author, reader] = await Promise.all(['pattern-finder', 'pattern-reader'].map((n) => instance(n)));
    const waiting = reader!.mcp.call('collab_channels', { operation: 'wait', channel_name: 'general', title: '^📢', since: await headOf(reader!, 'general'), timeout: 20 });
    const doc = await author!.mcp.call('collab_documents', { operation: 'upload', folder_path: 'Amplifier/shared', file_name: 'lease-renewal.md', content: '# Renew before half the lease is gone' });
    await author!.mcp.call('collab_channels', { operation: 'post', channel_name: 'general', title: '📢 New Pattern: lease renewal', message: `See: ${doc.document.web_url}` });
    const news = await waiting;
    expect(news.messages).toHaveLength(1);
    expect(news.messages[0].task).toBeUndefined();
    const link = /See: (\S+)/.exec(news.messages[0].content)![1]!;
    const pattern = await reader!.mcp.call('collab_documents', { operation: 'download', document_id: link });
    expect(pattern).toMatchObject({ success: true, content: '# Renew before half the lease is gone' });
  });
});
