import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { connect as connectAgent, type McpClient as McpAgent } from '../support/mcp-client.js';

/** The seed's collaboration patterns, played by several MCP clients at once against a real hub. */
describe('seed patterns', () => {
  let hub: HubProcess;
  beforeAll(async () => {
    hub = await startHubProcess();
  });

  /** Waits on a channel until `count` messages with a matching title have arrived. */
  async function collect(agent: McpAgent, channel: string, title: string, count: number, since: string) {
    const seen: Record<string, any>[] = [];
    let cursor = since;
    while (seen.length < count) {
      const result = await agent.call('collab_channels', { operation: 'wait', channel_name: channel, title, since: cursor, timeout: 20 });
      expect(result.timed_out, `timed out with ${seen.length} of ${count}`).toBe(false);
      seen.push(...result.messages);
      cursor = result.next_cursor;
    }
    return seen;
  }

  it('parallel work distribution - three workers complete three handoffs and the coordinator sees every completion', async () => {
    const coordinator = await connectAgent(hub.url, 'coordinator');
    const workers = await Promise.all(['worker-a', 'worker-b', 'worker-c'].map((n) => connectAgent(hub.url, n)));
    const start = await coordinator.call('collab_channels', { operation: 'post', channel_name: 'general', title: '🤖 Coordinator Online', message: 'Splitting the review' });
    for (const n of [1, 2, 3]) {
      const context = await coordinator.call('collab_documents', {
        operation: 'upload',
        folder_path: 'Amplifier/review/handoffs',
        file_name: `2026-01-20_handoff_subtask-${n}.md`,
        content: `# Handoff: Subtask ${n}\n\n## Next Steps\n1. Review group ${n}`,
      });
      await coordinator.call('collab_channels', {
        operation: 'post',
        channel_name: 'handoffs',
        title: `🔄 Handoff: Subtask ${n}`,
        message: `**Context:** ${context.document.web_url}\n**Scope:** group ${n}`,
      });
    }

    await Promise.all(
      workers.map(async (worker, i) => {
        const handoffs = await worker.call('collab_channels', { operation: 'read', channel_name: 'handoffs' });
        const mine = handoffs.messages.find((m: { title: string }) => m.title === `🔄 Handoff: Subtask ${i + 1}`);
        const contextUrl = /\*\*Context:\*\* (\S+)/.exec(mine.content)![1]!;
        const context = await worker.call('collab_documents', { operation: 'download', document_id: contextUrl });
        expect(context.content).toContain(`Review group ${i + 1}`);
        const result = await worker.call('collab_documents', {
          operation: 'upload',
          folder_path: 'Amplifier/completed',
          file_name: `2026-01-20_report_subtask-${i + 1}.md`,
          content: `Findings for group ${i + 1}`,
        });
        await worker.call('collab_channels', {
          operation: 'post',
          channel_name: 'general',
          title: `✅ Complete: Subtask ${i + 1}`,
          message: `Results: ${result.document.web_url}`,
        });
      }),
    );

    const done = await collect(coordinator, 'general', '^✅', 3, start.cursor);
    expect(done.map((m) => m.title).sort()).toEqual(['✅ Complete: Subtask 1', '✅ Complete: Subtask 2', '✅ Complete: Subtask 3']);
    expect(new Set(done.map((m) => m.sender_id)).size).toBe(3);
    for (const m of done) {
      const link = /Results: (\S+)/.exec(m.content)![1]!;
      const report = await coordinator.call('collab_documents', { operation: 'download', document_id: link });
      expect(report.content).toMatch(/^Findings for group \d$/);
    }
  });

  it('knowledge sync - a pattern uploaded to shared/ and broadcast is downloaded by another instance through its link', async () => {
    const author = await connectAgent(hub.url, 'pattern-finder');
    const reader = await connectAgent(hub.url, 'pattern-reader');
    const before = await reader.call('collab_channels', { operation: 'read', channel_name: 'general', limit: 1 });
    const waiting = reader.call('collab_channels', { operation: 'wait', channel_name: 'general', title: '^📢', since: before.next_cursor, timeout: 20 });
    const doc = await author.call('collab_documents', {
      operation: 'upload',
      folder_path: 'Amplifier/shared',
      file_name: 'retry-with-backoff.md',
      content: '# Retry with backoff\n\nDouble the delay each time.',
    });
    await author.call('collab_channels', { operation: 'post', channel_name: 'general', title: '📢 New Pattern: retry with backoff', message: `See: ${doc.document.web_url}` });
    const news = await waiting;
    expect(news.messages).toHaveLength(1);
    const link = /See: (\S+)/.exec(news.messages[0].content)![1]!;
    const pattern = await reader.call('collab_documents', { operation: 'download', document_id: link });
    expect(pattern).toMatchObject({ success: true, content: '# Retry with backoff\n\nDouble the delay each time.' });
  });

  it('on-call coverage - an alert wakes the instance waiting on alerts', async () => {
    const onCall = await connectAgent(hub.url, 'on-call');
    const stuck = await connectAgent(hub.url, 'stuck-worker');
    const before = await onCall.call('collab_channels', { operation: 'read', channel_name: 'alerts', limit: 1 });
    const waiting = onCall.call('collab_channels', { operation: 'wait', channel_name: 'alerts', since: before.next_cursor, timeout: 20 });
    const alert = await stuck.call('collab_channels', {
      operation: 'post',
      channel_name: 'alerts',
      title: '🚨 Alert: API timeout',
      message: '**Issue:** the user API times out\n**Need:** help debugging',
    });
    const woken = await waiting;
    expect(woken.timed_out).toBe(false);
    expect(woken.messages.map((m: { id: string }) => m.id)).toEqual([alert.id]);
    const reply = await onCall.call('collab_channels', {
      operation: 'post',
      channel_name: 'alerts',
      title: '✋ Investigating',
      message: `Session ${woken.messages[0].sender_id} is being helped`,
      reply_to: alert.id,
    });
    expect(reply.thread_id).toBe(alert.id);
  });
});
