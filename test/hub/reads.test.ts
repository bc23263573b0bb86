import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/domain/types.js';
import type { Caller } from '../../src/hub/hub.js';
import type { ReadResult } from '../../src/hub/read-service.js';
import { messageView } from '../../src/hub/views.js';
import type { TestHub } from '../support/test-hub.js';
import { hubForTest } from './support/hub.js';
import { refusedAndNothingStored } from './support/stored.js';

async function postMany(t: TestHub, caller: Caller, channel: string, count: number, body = (i: number) => `body ${i}`): Promise<Message[]> {
  const posted: Message[] = [];
  for (let i = 0; i < count; i++) posted.push(await t.hub.messages.post(caller, { channel, title: `${channel} ${i}`, body: body(i) }));
  return posted;
}

const ids = (messages: Message[]) => messages.map((m) => m.id);

/** Pages through a channel by next_cursor until a read is complete; returns every message seen. */
async function pageThrough(t: TestHub, caller: Caller, input: Record<string, unknown>, first: unknown = 0): Promise<{ seen: Message[]; pages: ReadResult[] }> {
  const seen: Message[] = [];
  const pages: ReadResult[] = [];
  let since = first;
  for (let page = 0; page < 1000; page++) {
    const result = await t.hub.reads.read(caller, { ...input, since });
    pages.push(result);
    seen.push(...result.messages);
    if (!result.truncated) return { seen, pages };
    expect(Number(result.next_cursor), 'paging must move forward').toBeGreaterThan(Number(since));
    since = result.next_cursor;
  }
  throw new Error('paging never finished');
}

describe('reads', () => {
  it('reads - by default the latest 20, oldest first, with next_cursor at the newest', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const posted = await postMany(t, alice, 'general', 25);
    await postMany(t, alice, 'alerts', 2);
    const result = await t.hub.reads.read(alice, { channel: 'general' });
    expect(result.channel).toBe('general');
    expect(ids(result.messages)).toEqual(ids(posted.slice(5)));
    expect(result.truncated).toBe(false);
    expect(result.note).toMatch(/earlier messages.*since='0'/);
    expect(Number(result.next_cursor)).toBe(await t.hub.context.store.messages.head());
  });

  it('reads - limit sets how many of the latest come back', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const posted = await postMany(t, alice, 'general', 8);
    expect(ids((await t.hub.reads.read(alice, { channel: 'general', limit: 3 })).messages)).toEqual(ids(posted.slice(5)));
    const all = await t.hub.reads.read(alice, { channel: 'general', limit: '50' });
    expect(ids(all.messages)).toEqual(ids(posted));
    expect(all.note).toBeUndefined();
  });

  it('reads - an empty channel reads as no messages with a cursor', async () => {
    const t = await hubForTest();
    const result = await t.hub.reads.read(await t.as('alice'), { channel: 'handoffs' });
    expect(result).toMatchObject({ channel: 'handoffs', messages: [], truncated: false, next_cursor: '0' });
  });

  it('reads - since returns everything after a cursor, and its next_cursor finds only newer posts', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const first = await postMany(t, alice, 'general', 5);
    const after2 = await t.hub.reads.read(alice, { channel: 'general', since: String(first[1]!.seq) });
    expect(ids(after2.messages)).toEqual(ids(first.slice(2)));
    expect(after2.truncated).toBe(false);
    expect((await t.hub.reads.read(alice, { channel: 'general', since: after2.next_cursor })).messages).toEqual([]);
    const later = await postMany(t, alice, 'general', 2);
    expect(ids((await t.hub.reads.read(alice, { channel: 'general', since: after2.next_cursor })).messages)).toEqual(ids(later));
  });

  it('reads - a message id works as a cursor: since that message', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const posted = await postMany(t, alice, 'general', 4);
    expect(ids((await t.hub.reads.read(alice, { channel: 'general', since: posted[1]!.id })).messages)).toEqual(ids(posted.slice(2)));
  });

  it('reads - since pages by limit and next_cursor through everything exactly once', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const posted = await postMany(t, alice, 'general', 23);
    const { seen, pages } = await pageThrough(t, alice, { channel: 'general', limit: 5 });
    expect(ids(seen)).toEqual(ids(posted));
    expect(pages).toHaveLength(5);
    expect(pages[0]!.note).toContain(`since='${pages[0]!.next_cursor}'`);
  });

  it('reads - a reader paging by next_cursor while others post sees every message exactly once', async () => {
    const t = await hubForTest();
    const reader = await t.as('reader');
    const posters = await Promise.all(['a', 'b', 'c', 'd'].map((n) => t.as(`poster-${n}`)));
    let posting = true;
    const posts = Promise.all(posters.map((p) => postMany(t, p, 'general', 60))).finally(() => (posting = false));
    const seen: Message[] = [];
    let since = '0';
    for (;;) {
      const stillPosting = posting;
      const result = await t.hub.reads.read(reader, { channel: 'general', since, limit: 7 });
      seen.push(...result.messages);
      since = result.next_cursor;
      if (!stillPosting && !result.truncated) break;
    }
    const posted = (await posts).flat().sort((a, b) => a.seq - b.seq);
    expect(ids(seen)).toEqual(ids(posted));
  });

  it('reads - a thread is its root and the replies, from any message of it', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const root = await t.hub.messages.post(alice, { channel: 'handoffs', title: '🔄 Handoff: API' });
    await t.hub.messages.post(alice, { channel: 'handoffs', title: '🔄 Handoff: UI' });
    const claim = await t.hub.messages.post(bob, { channel: 'handoffs', title: '✋ Claimed', reply_to: root.id });
    const done = await t.hub.messages.post(bob, { channel: 'handoffs', title: '✅ Complete: API', reply_to: claim.id });
    for (const thread of [root.id, done.id]) {
      expect(ids((await t.hub.reads.read(alice, { channel: 'handoffs', thread })).messages), thread).toEqual([root.id, claim.id, done.id]);
    }
    expect(ids((await t.hub.reads.read(alice, { channel: 'handoffs', thread: root.id, since: root.id })).messages)).toEqual([claim.id, done.id]);
  });

  it('reads - a thread of another channel is refused', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const root = await t.hub.messages.post(alice, { channel: 'alerts', title: '🚨 Alert: x' });
    await refusedAndNothingStored(t, () => t.hub.reads.read(alice, { channel: 'general', thread: root.id }), { code: 'invalid_input', field: 'thread', says: "'general'" });
  });

  it('reads - unread returns what this session has not read, then nothing, then only what is new', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const first = await postMany(t, alice, 'general', 3);
    expect(ids((await t.hub.reads.read(bob, { channel: 'general', unread: true })).messages)).toEqual(ids(first));
    expect((await t.hub.reads.read(bob, { channel: 'general', unread: 'true' })).messages).toEqual([]);
    const more = await postMany(t, alice, 'general', 2);
    expect(ids((await t.hub.reads.read(bob, { channel: 'general', unread: true })).messages)).toEqual(ids(more));
  });

  it('reads - the unread cursor is per session and per channel', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const general = await postMany(t, alice, 'general', 2);
    const alerts = await postMany(t, alice, 'alerts', 2);
    await t.hub.reads.read(bob, { channel: 'general', unread: true });
    expect(ids((await t.hub.reads.read(bob, { channel: 'alerts', unread: true })).messages)).toEqual(ids(alerts));
    expect(ids((await t.hub.reads.read(alice, { channel: 'general', unread: true })).messages)).toEqual(ids(general));
  });

  it('reads - unread beyond the limit comes in pages, each message exactly once', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const posted = await postMany(t, alice, 'general', 25);
    const seen: Message[] = [];
    for (let i = 0; i < 10; i++) {
      const result = await t.hub.reads.read(bob, { channel: 'general', unread: true, limit: 10 });
      seen.push(...result.messages);
      if (!result.truncated) break;
      expect(result.note).toContain('more messages follow');
    }
    expect(ids(seen)).toEqual(ids(posted));
  });

  it('reads - a latest read that shows everything unread advances the unread cursor', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    await postMany(t, alice, 'general', 3);
    await t.hub.reads.read(bob, { channel: 'general' });
    expect((await t.hub.reads.read(bob, { channel: 'general', unread: true })).messages).toEqual([]);
  });

  it('reads - a latest read that leaves unread messages out does not advance the unread cursor', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const posted = await postMany(t, alice, 'general', 8);
    await t.hub.reads.read(bob, { channel: 'general', limit: 3 });
    expect(ids((await t.hub.reads.read(bob, { channel: 'general', unread: true })).messages)).toEqual(ids(posted));
  });

  it('reads - a since read advances the unread cursor only when it starts at or before it', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const posted = await postMany(t, alice, 'general', 6);
    await t.hub.reads.read(bob, { channel: 'general', since: posted[2]!.id });
    expect(ids((await t.hub.reads.read(bob, { channel: 'general', unread: true, limit: 2 })).messages)).toEqual(ids(posted.slice(0, 2)));
    await t.hub.reads.read(bob, { channel: 'general', since: posted[0]!.id });
    expect((await t.hub.reads.read(bob, { channel: 'general', unread: true })).messages).toEqual([]);
  });

  it('reads - a thread read leaves the unread cursor alone', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const root = await t.hub.messages.post(alice, { channel: 'general', title: 'root' });
    const other = await t.hub.messages.post(alice, { channel: 'general', title: 'other' });
    await t.hub.reads.read(bob, { channel: 'general', thread: root.id });
    expect(ids((await t.hub.reads.read(bob, { channel: 'general', unread: true })).messages)).toEqual([root.id, other.id]);
  });

  it('reads - max_chars cuts a read, says so and how to get the rest; paging returns everything exactly once', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const posted = await postMany(t, alice, 'general', 30, (i) => `${i} `.padEnd(1000, 'x'));
    const first = await t.hub.reads.read(alice, { channel: 'general', since: 0, max_chars: 5000, limit: 100 });
    expect(first.truncated).toBe(true);
    expect(first.messages.length).toBeGreaterThan(0);
    expect(first.messages.length).toBeLessThan(30);
    expect(first.note).toContain(`since='${first.next_cursor}'`);
    const { seen } = await pageThrough(t, alice, { channel: 'general', max_chars: 5000, limit: 100 });
    expect(ids(seen)).toEqual(ids(posted));
    expect(seen.every((m) => m.body.length === 1000)).toBe(true);
  });

  it('reads - a latest read cut by max_chars keeps the newest and says how to page through the rest', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const posted = await postMany(t, alice, 'general', 20, () => 'y'.repeat(1000));
    const result = await t.hub.reads.read(alice, { channel: 'general', max_chars: 5000 });
    expect(result.truncated).toBe(true);
    expect(ids(result.messages)).toEqual(ids(posted.slice(posted.length - result.messages.length)));
    const since = /since='(\d+)'/.exec(result.note ?? '')?.[1];
    expect(since, result.note).toBeDefined();
    const rest = await pageThrough(t, alice, { channel: 'general', max_chars: 5000, limit: 100 }, since);
    expect(ids(rest.seen)).toEqual(ids(posted));
  });

  it('reads - a single message larger than max_chars is cut rather than stalling the cursor', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const huge = await t.hub.messages.post(alice, { channel: 'general', title: 'huge', body: 'z'.repeat(16 * 1024) });
    const after = await t.hub.messages.post(alice, { channel: 'general', title: 'after' });
    const first = await t.hub.reads.read(alice, { channel: 'general', since: 0, max_chars: 1000 });
    expect(ids(first.messages)).toEqual([huge.id]);
    expect(first.messages[0]!.body.length).toBeLessThan(1000);
    expect(first.messages[0]!.body).toContain('cut');
    expect(first.truncated).toBe(true);
    const second = await t.hub.reads.read(alice, { channel: 'general', since: first.next_cursor, max_chars: 1000 });
    expect(ids(second.messages)).toEqual([after.id]);
  });

  it('reads - a body cut to fit never ends on half of a character', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    for (const pad of ['', 'x']) {
      const posted = await t.hub.messages.post(alice, { channel: 'general', title: 'emoji', body: pad + '🚀'.repeat(4000) });
      const result = await t.hub.reads.read(alice, { channel: 'general', since: posted.seq - 1, max_chars: 1001 });
      const body = result.messages[0]!.body;
      expect(body).toContain('cut');
      expect(body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it('reads - a message cut to fit is reported even when it is the last one', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const huge = await t.hub.messages.post(alice, { channel: 'general', title: 'huge', body: 'z'.repeat(16 * 1024) });
    const result = await t.hub.reads.read(alice, { channel: 'general', max_chars: 1000 });
    expect(ids(result.messages)).toEqual([huge.id]);
    expect(result.truncated).toBe(true);
    expect(result.note).toContain(huge.id);
  });

  it('reads - a full read of the largest messages stays within max_chars once rendered as JSON', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    await postMany(t, alice, 'general', 12, () => 'w'.repeat(16 * 1024));
    const result = await t.hub.reads.read(alice, { channel: 'general', limit: 200 });
    const json = JSON.stringify({ ...result, messages: result.messages.map((m) => messageView(m, t.hub.context.links)) });
    expect(json.length).toBeLessThanOrEqual(t.hub.context.limits.readChars + 500);
  });

  it('reads - bad input is refused naming the field, and the unread cursor does not move', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    await postMany(t, alice, 'general', 2);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ channel: 'general', since: 'yesterday' }, 'since', 'cursor'],
      [{ channel: 'general', since: -1 }, 'since', 'cursor'],
      [{ channel: 'general', limit: 0 }, 'limit', 'at least 1'],
      [{ channel: 'general', limit: 201 }, 'limit', 'at most 200'],
      [{ channel: 'general', limit: 2.5 }, 'limit', 'whole number'],
      [{ channel: 'general', max_chars: 10 }, 'max_chars', 'at least 500'],
      [{ channel: 'general', unread: 'maybe' }, 'unread', 'true or false'],
      [{ channel: 'general', unread: true, since: 0 }, 'unread', 'since'],
      [{ channel: '' }, 'channel', 'at least 1'],
      [{}, 'channel', 'required'],
    ];
    for (const [input, field, says] of cases) {
      await refusedAndNothingStored(t, () => t.hub.reads.read(alice, input), { code: 'invalid_input', field, says });
    }
    await refusedAndNothingStored(t, () => t.hub.reads.read(alice, { channel: 'nowhere' }), { code: 'not_found' });
    expect((await t.hub.reads.read(alice, { channel: 'general', unread: true })).messages).toHaveLength(2);
  });
});
