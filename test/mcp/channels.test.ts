import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { connect, type McpClient } from '../support/mcp-client.js';
import { authedFetch } from '../support/hub-tokens.js';

describe('collab_channels', () => {
  let hub: HubProcess;
  let alice: McpClient;
  let bob: McpClient;
  beforeAll(async () => {
    hub = await startHubProcess();
    alice = await connect(hub.url, 'alice');
    bob = await connect(hub.url, 'bob');
  });

  /** A fresh channel per test, so tests do not read each other's posts. */
  let channelCount = 0;
  async function freshChannel(): Promise<string> {
    const name = `room-${++channelCount}`;
    await alice.call('collab_channels', { operation: 'create', channel_name: name, description: 'test room' });
    return name;
  }

  it("post - answers with the contract's keys and Baton's, the body cut to 100 characters", async () => {
    const body = 'x'.repeat(150);
    const reply = await alice.call('collab_channels', { operation: 'post', channel_name: 'general', title: '✅ Complete: X', message: body });
    expect(reply).toMatchObject({ success: true, channel: 'general', message: `${'x'.repeat(100)}...`, title: '✅ Complete: X', reply_to: null });
    expect(reply.id).toMatch(/^m-[0-9a-z]+$/);
    expect(reply.thread_id).toBe(reply.id);
    expect(reply.cursor).toMatch(/^\d+$/);
    expect(reply.web_url).toBe(`${hub.url}/m/${reply.id}`);
    const page = await authedFetch(reply.web_url);
    expect(page.status).toBe(200);
  });

  it('post - a short body comes back whole', async () => {
    const reply = await alice.call('collab_channels', { operation: 'post', channel_name: 'general', message: 'short' });
    expect(reply.message).toBe('short');
  });

  it("post - '#general' and 'amplifier-general' are the general channel", async () => {
    for (const alias of ['#general', 'amplifier-general', 'GENERAL']) {
      const reply = await alice.call('collab_channels', { operation: 'post', channel_name: alias, title: '🚀 Starting: alias', message: alias });
      expect(reply.channel).toBe('general');
    }
  });

  it('post - a title alone is a post (a claim needs no body)', async () => {
    const reply = await alice.call('collab_channels', { operation: 'post', channel_name: 'handoffs', title: '✋ Claimed' });
    expect(reply).toMatchObject({ success: true, title: '✋ Claimed', message: '' });
  });

  it("read - messages carry the contract's sender, content and timestamp, and who wrote them", async () => {
    const room = await freshChannel();
    const posted = await alice.call('collab_channels', { operation: 'post', channel_name: room, title: '🚀 Starting: read', message: 'hello **team**' });
    const reply = await bob.call('collab_channels', { operation: 'read', channel_name: room });
    expect(reply.channel).toBe(room);
    expect(reply.truncated).toBe(false);
    expect(reply.next_cursor).toBe(posted.cursor);
    expect(reply.messages).toHaveLength(1);
    const [message] = reply.messages;
    expect(message).toMatchObject({ id: posted.id, title: '🚀 Starting: read', content: 'hello **team**', sender: 'alice', reply_to: null });
    expect(Date.parse(message.timestamp)).not.toBeNaN();
    const whoami = await alice.call('collab_directory', { operation: 'whoami' });
    expect(message.sender_id).toBe(whoami.session.id);
  });

  it('read - the latest N, oldest first, and a note on how to page back', async () => {
    const room = await freshChannel();
    for (let i = 1; i <= 5; i++) await alice.call('collab_channels', { operation: 'post', channel_name: room, message: `m${i}` });
    const reply = await bob.call('collab_channels', { operation: 'read', channel_name: room, limit: 2 });
    expect(reply.messages.map((m: { content: string }) => m.content)).toEqual(['m4', 'm5']);
    expect(reply.note).toContain('since=');
  });

  it('read - since a cursor returns only what came after it, and the cursor never skips a message', async () => {
    const room = await freshChannel();
    const first = await alice.call('collab_channels', { operation: 'post', channel_name: room, message: 'one' });
    await alice.call('collab_channels', { operation: 'post', channel_name: room, message: 'two' });
    await bob.call('collab_channels', { operation: 'post', channel_name: room, message: 'three' });
    const seen: string[] = [];
    let cursor = first.cursor;
    for (;;) {
      const page = await bob.call('collab_channels', { operation: 'read', channel_name: room, since: cursor, limit: 1 });
      seen.push(...page.messages.map((m: { content: string }) => m.content));
      if (page.messages.length === 0) break;
      cursor = page.next_cursor;
    }
    expect(seen).toEqual(['two', 'three']);
  });

  it('read - a message id works as a cursor', async () => {
    const room = await freshChannel();
    const first = await alice.call('collab_channels', { operation: 'post', channel_name: room, message: 'one' });
    await alice.call('collab_channels', { operation: 'post', channel_name: room, message: 'two' });
    const reply = await bob.call('collab_channels', { operation: 'read', channel_name: room, since: first.id });
    expect(reply.messages.map((m: { content: string }) => m.content)).toEqual(['two']);
  });

  it('read - unread returns what this session has not read, once', async () => {
    const room = await freshChannel();
    await alice.call('collab_channels', { operation: 'post', channel_name: room, message: 'news' });
    const first = await bob.call('collab_channels', { operation: 'read', channel_name: room, unread: true });
    expect(first.messages.map((m: { content: string }) => m.content)).toEqual(['news']);
    const again = await bob.call('collab_channels', { operation: 'read', channel_name: room, unread: true });
    expect(again.messages).toEqual([]);
    const forAlice = await alice.call('collab_channels', { operation: 'read', channel_name: room, unread: true });
    expect(forAlice.messages.map((m: { content: string }) => m.content)).toEqual(['news']);
  });

  it('read - a thread holds the root and its replies only', async () => {
    const room = await freshChannel();
    const root = await alice.call('collab_channels', { operation: 'post', channel_name: room, title: '🚨 Alert: disk', message: 'full' });
    await alice.call('collab_channels', { operation: 'post', channel_name: room, message: 'unrelated' });
    const reply = await bob.call('collab_channels', { operation: 'post', channel_name: room, title: '✋ Investigating', reply_to: root.id });
    expect(reply.thread_id).toBe(root.id);
    expect(reply.reply_to).toBe(root.id);
    const thread = await alice.call('collab_channels', { operation: 'read', channel_name: room, thread: root.id });
    expect(thread.messages.map((m: { id: string }) => m.id)).toEqual([root.id, reply.id]);
  });

  it('read - max_chars bounds the result and says how to get the rest', async () => {
    const room = await freshChannel();
    const first = await alice.call('collab_channels', { operation: 'post', channel_name: room, message: 'a'.repeat(2000) });
    await alice.call('collab_channels', { operation: 'post', channel_name: room, message: 'b'.repeat(2000) });
    await alice.call('collab_channels', { operation: 'post', channel_name: room, message: 'c'.repeat(2000) });
    const reply = await bob.call('collab_channels', { operation: 'read', channel_name: room, since: '0', max_chars: 3000 });
    expect(reply.truncated).toBe(true);
    expect(reply.messages.length).toBeLessThan(3);
    expect(reply.messages[0].id).toBe(first.id);
    expect(reply.note).toContain(`since='${reply.next_cursor}'`);
    const rest = await bob.call('collab_channels', { operation: 'read', channel_name: room, since: reply.next_cursor });
    expect(reply.messages.length + rest.messages.length).toBe(3);
  });

  it("list - every channel with the contract's name, team and description", async () => {
    const reply = await alice.call('collab_channels', { operation: 'list' });
    const names = reply.channels.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['general', 'alerts', 'handoffs']));
    for (const channel of reply.channels) expect(Object.keys(channel)).toEqual(expect.arrayContaining(['name', 'team', 'description', 'web_url']));
  });

  it('create - a new channel is listed, can be posted to, and its name is case-insensitive', async () => {
    const created = await alice.call('collab_channels', { operation: 'create', channel_name: 'Alpha-Review', description: 'Review of alpha' });
    expect(created).toMatchObject({ success: true, channel: { name: 'alpha-review', description: 'Review of alpha' } });
    const listed = await bob.call('collab_channels', { operation: 'list' });
    expect(listed.channels.map((c: { name: string }) => c.name)).toContain('alpha-review');
    const posted = await bob.call('collab_channels', { operation: 'post', channel_name: 'ALPHA-REVIEW', message: 'first' });
    expect(posted.channel).toBe('alpha-review');
  });

  it('wait - returns at once when a newer message exists', async () => {
    const room = await freshChannel();
    const start = await bob.call('collab_channels', { operation: 'read', channel_name: room });
    const posted = await alice.call('collab_channels', { operation: 'post', channel_name: room, title: '✅ Complete: early', message: 'done' });
    const reply = await bob.call('collab_channels', { operation: 'wait', channel_name: room, since: start.next_cursor, timeout: 300 });
    expect(reply).toMatchObject({ channels: [room], timed_out: false, next_cursor: posted.cursor });
    expect(reply.messages.map((m: { id: string }) => m.id)).toEqual([posted.id]);
  });

  it('wait - is woken by a post from another client', async () => {
    const room = await freshChannel();
    const start = await bob.call('collab_channels', { operation: 'read', channel_name: room });
    const waiting = bob.call('collab_channels', { operation: 'wait', channel_name: room, since: start.next_cursor, timeout: 120 });
    const posted = await alice.call('collab_channels', { operation: 'post', channel_name: room, title: '🔄 Handoff: wake', message: 'x' });
    const reply = await waiting;
    expect(reply.timed_out).toBe(false);
    expect(reply.messages.map((m: { id: string }) => m.id)).toEqual([posted.id]);
  });

  it('wait - only titles matching the pattern wake it, across several channels', async () => {
    const [one, two] = [await freshChannel(), await freshChannel()];
    const start = await bob.call('collab_channels', { operation: 'read', channel_name: one });
    const waiting = bob.call('collab_channels', { operation: 'wait', channels: [one, two], title: '^✅', since: start.next_cursor, timeout: 120 });
    await alice.call('collab_channels', { operation: 'post', channel_name: one, title: '🚀 Starting: y', message: 'not yet' });
    const done = await alice.call('collab_channels', { operation: 'post', channel_name: two, title: '✅ Complete: y', message: 'done' });
    const reply = await waiting;
    expect(reply.channels).toEqual([one, two]);
    expect(reply.messages.map((m: { id: string }) => m.id)).toEqual([done.id]);
  });

  it('wait - without since it waits for what this session has not read', async () => {
    const room = await freshChannel();
    await alice.call('collab_channels', { operation: 'post', channel_name: room, message: 'old' });
    await bob.call('collab_channels', { operation: 'read', channel_name: room });
    const waiting = bob.call('collab_channels', { operation: 'wait', channel_name: room, timeout: 120 });
    const posted = await alice.call('collab_channels', { operation: 'post', channel_name: room, message: 'new' });
    const reply = await waiting;
    expect(reply.messages.map((m: { id: string }) => m.id)).toEqual([posted.id]);
  });

  it('wait - a timeout with nothing new says so', async () => {
    const room = await freshChannel();
    const start = await bob.call('collab_channels', { operation: 'read', channel_name: room });
    const reply = await bob.call('collab_channels', { operation: 'wait', channel_name: room, since: start.next_cursor, timeout: 0 });
    expect(reply).toMatchObject({ timed_out: true, messages: [], next_cursor: start.next_cursor });
  });
});
