import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../src/events/bus.js';
import { messageView } from '../../src/hub/views.js';
import { hubForTest } from './support/hub.js';
import { refused, refusedAndNothingStored } from './support/stored.js';

describe('messages', () => {
  it('messages - a post records title, body, author, time and channel, and gets an id', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const message = await t.hub.messages.post(alice, { channel: 'amplifier-general', title: '✅ Complete: X', body: '**Result:** done' });
    expect(message).toMatchObject({
      id: expect.stringMatching(/^m-[0-9a-z]+$/),
      channel: 'general',
      title: '✅ Complete: X',
      body: '**Result:** done',
      authorId: alice.session.id,
      authorName: 'alice',
      createdAt: t.clock.now(),
      replyTo: null,
      threadId: null,
    });
    expect(await t.hub.messages.get(message.id)).toEqual(message);
    expect(messageView(message, t.hub.context.links)).toEqual({
      id: message.id,
      channel: 'general',
      title: '✅ Complete: X',
      content: '**Result:** done',
      sender: 'alice',
      sender_id: alice.session.id,
      timestamp: new Date(t.clock.now()).toISOString(),
      reply_to: null,
      thread_id: message.id,
      web_url: `http://hub.test/m/${message.id}`,
    });
  });

  it('messages - a title alone or a body alone is enough; the title is trimmed', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    expect((await t.hub.messages.post(alice, { channel: 'general', title: '  🚀 Starting: X  ' })).title).toBe('🚀 Starting: X');
    expect((await t.hub.messages.post(alice, { channel: 'general', body: 'just a body' })).title).toBe('');
  });

  it('messages - a post with neither title nor body is refused and stores nothing', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    for (const input of [{ channel: 'general' }, { channel: 'general', title: '   ', body: ' \n ' }]) {
      await refusedAndNothingStored(t, () => t.hub.messages.post(alice, input), { code: 'invalid_input', field: 'message', says: 'required' });
    }
  });

  it('messages - each post wakes the bus with its channel and position; a post that is a task says so too', async () => {
    const t = await hubForTest();
    const events: HubEvent[] = [];
    t.hub.context.bus.subscribe((e) => events.push(e));
    const general = await t.hub.channels.resolve('general');
    const plain = await t.hub.messages.post(await t.as('alice'), { channel: 'general', title: '🚀 Starting: tests' });
    expect(events).toEqual([{ type: 'message', channelId: general.id, seq: plain.seq }]);
    events.length = 0;
    const alert = await t.hub.messages.post(await t.as('alice'), { channel: 'alerts', title: '🚨 Blocked: tests' });
    const alerts = await t.hub.channels.resolve('alerts');
    expect(events).toEqual([
      { type: 'task', taskId: alert.id },
      { type: 'message', channelId: alerts.id, seq: alert.seq },
    ]);
  });

  it('messages - a body of exactly the limit is accepted', async () => {
    const t = await hubForTest();
    const message = await t.hub.messages.post(await t.as('alice'), { channel: 'general', body: 'x'.repeat(16 * 1024) });
    expect(message.body).toHaveLength(16 * 1024);
  });

  it('messages - a body over 16 KiB is refused with a note to upload a document and link it', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const error = await refusedAndNothingStored(t, () => t.hub.messages.post(alice, { channel: 'general', title: 'big', body: 'x'.repeat(16 * 1024 + 1) }), {
      code: 'too_large',
      field: 'message',
      says: 'upload',
    });
    expect(error.message).toContain('document');
    expect(error.message).toContain('web_url');
    expect(error.message).toContain(String(16 * 1024));
  });

  it('messages - the body limit counts UTF-8 bytes, not characters', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    // 6,000 characters, 18,000 bytes.
    await refusedAndNothingStored(t, () => t.hub.messages.post(alice, { channel: 'general', body: '✅'.repeat(6000) }), { code: 'too_large', field: 'message' });
  });

  it('messages - the body limit can be set when the hub starts', async () => {
    const t = await hubForTest({ messageBytes: 100 });
    const alice = await t.as('alice');
    await t.hub.messages.post(alice, { channel: 'general', body: 'x'.repeat(100) });
    await refusedAndNothingStored(t, () => t.hub.messages.post(alice, { channel: 'general', body: 'x'.repeat(101) }), {
      code: 'too_large',
      field: 'message',
      says: '100-byte',
    });
  });

  it('messages - titles are bounded and free of control characters; bodies free of NUL', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    await t.hub.messages.post(alice, { channel: 'general', title: 't'.repeat(256) });
    await refusedAndNothingStored(t, () => t.hub.messages.post(alice, { channel: 'general', title: 't'.repeat(257) }), {
      code: 'invalid_input',
      field: 'title',
      says: 'at most 256',
    });
    await refusedAndNothingStored(t, () => t.hub.messages.post(alice, { channel: 'general', title: 'esc\u001b[31m' }), {
      code: 'invalid_input',
      field: 'title',
      says: 'control characters',
    });
    await refusedAndNothingStored(t, () => t.hub.messages.post(alice, { channel: 'general', body: 'nul\u0000' }), {
      code: 'invalid_input',
      field: 'message',
      says: 'NUL',
    });
  });

  it('messages - a post to an unknown channel is refused and stores nothing', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    await refusedAndNothingStored(t, () => t.hub.messages.post(alice, { channel: 'nowhere', title: 'x' }), { code: 'not_found', says: "Channel 'nowhere' not found" });
  });

  it('messages - reply_to makes a thread rooted at the first message, however deep the replies go', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const root = await t.hub.messages.post(alice, { channel: 'handoffs', title: '🔄 Handoff: API' });
    const claim = await t.hub.messages.post(bob, { channel: 'handoffs', title: '✋ Claimed', reply_to: root.id });
    const answer = await t.hub.messages.post(alice, { channel: '#handoffs', body: 'thanks', reply_to: claim.id });
    expect(claim).toMatchObject({ replyTo: root.id, threadId: root.id });
    expect(answer).toMatchObject({ replyTo: claim.id, threadId: root.id });
    expect(messageView(answer, t.hub.context.links).thread_id).toBe(root.id);
  });

  it('messages - a reply to a message of another channel, or to no message, is refused', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const elsewhere = await t.hub.messages.post(alice, { channel: 'alerts', title: '🚨 Alert: disk' });
    await refusedAndNothingStored(t, () => t.hub.messages.post(alice, { channel: 'general', title: 're', reply_to: elsewhere.id }), {
      code: 'invalid_input',
      field: 'reply_to',
      says: "'alerts'",
    });
    for (const reply_to of ['m-zzzz', 'not-a-message']) {
      await refusedAndNothingStored(t, () => t.hub.messages.post(alice, { channel: 'general', title: 're', reply_to }), {
        code: 'invalid_input',
        field: 'reply_to',
        says: 'not found',
      });
    }
  });

  it('messages - get of an unknown message is not found', async () => {
    const t = await hubForTest();
    await refused(t.hub.messages.get('m-zz'), { code: 'not_found', says: "'m-zz'" });
  });
});
