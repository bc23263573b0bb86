import { describe, expect, it } from 'vitest';
import type { LocalBus } from '../../src/events/bus.js';
import type { Caller } from '../../src/hub/hub.js';
import type { TestHub } from '../support/test-hub.js';
import { hubForTest } from './support/hub.js';
import { refusedAndNothingStored } from './support/stored.js';

/** Long enough that a wait that is not woken fails the test by its own timeout. */
const NEVER = 120;

const head = async (t: TestHub) => String(await t.hub.context.store.messages.head());

/** Resolves once `count` more listeners sit on the bus, i.e. the waits have gone to sleep. */
async function asleep(t: TestHub, before: number, count = 1): Promise<void> {
  const bus = t.hub.context.bus as LocalBus;
  while (bus.size < before + count) await new Promise(setImmediate);
}

const listeners = (t: TestHub) => (t.hub.context.bus as LocalBus).size;

describe('waits', () => {
  it('waits - returns at once when something newer than the cursor exists', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const since = await head(t);
    const posted = await t.hub.messages.post(alice, { channel: 'general', title: '✅ Complete: X' });
    const result = await t.hub.waits.wait(alice, { channels: ['general'], since, timeout: NEVER });
    expect(result).toMatchObject({ channels: ['general'], timed_out: false, next_cursor: String(posted.seq) });
    expect(result.messages.map((m) => m.id)).toEqual([posted.id]);
  });

  it('waits - many waiters woken together each get every message once, even posts made while they read', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const callers = await Promise.all(Array.from({ length: 30 }, (_, i) => t.as(`waiter-${i}`)));
    const since = await head(t);
    const before = listeners(t);
    const seen = callers.map(() => [] as string[]);
    const follow = async (caller: Caller, i: number) => {
      let cursor = since;
      while (seen[i]!.length < 3) {
        const result = await t.hub.waits.wait(caller, { channels: ['general'], since: cursor, timeout: NEVER });
        seen[i]!.push(...result.messages.map((m) => m.id));
        cursor = result.next_cursor;
      }
    };
    const following = Promise.all(callers.map(follow));
    await asleep(t, before, callers.length);
    const first = await t.hub.messages.post(alice, { channel: 'general', title: 'one' });
    // Posted while the woken waiters are still reading: none may miss them or see them twice.
    const [second, third] = await Promise.all([
      t.hub.messages.post(alice, { channel: 'general', title: 'two' }),
      t.hub.messages.post(alice, { channel: 'general', title: 'three' }),
    ]);
    await following;
    // The two posted together may take their places in the log in either order.
    const logOrder = [first, second, third].sort((a, b) => a.seq - b.seq).map((m) => m.id);
    for (const ids of seen) expect(ids).toEqual(logOrder);
  });

  it('waits - a sleeping wait is woken by a post to its channel', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const before = listeners(t);
    const waiting = t.hub.waits.wait(bob, { channels: ['#general'], since: await head(t), timeout: NEVER });
    await asleep(t, before);
    const posted = await t.hub.messages.post(alice, { channel: 'general', title: '📢 New Pattern: retries' });
    const result = await waiting;
    expect(result.timed_out).toBe(false);
    expect(result.messages.map((m) => m.id)).toEqual([posted.id]);
    expect(listeners(t)).toBe(before);
  });

  it('waits - a post to another channel does not end the wait', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const before = listeners(t);
    const waiting = t.hub.waits.wait(alice, { channels: ['alerts'], since: await head(t), timeout: NEVER });
    await asleep(t, before);
    await t.hub.messages.post(alice, { channel: 'general', title: 'not for alerts' });
    const alert = await t.hub.messages.post(alice, { channel: 'alerts', title: '🚨 Alert: disk full' });
    expect((await waiting).messages.map((m) => m.id)).toEqual([alert.id]);
  });

  it('waits - a title pattern lets only matching posts through', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const before = listeners(t);
    const waiting = t.hub.waits.wait(alice, { channels: ['general'], since: await head(t), title: '^✅ complete', timeout: NEVER });
    await asleep(t, before);
    await t.hub.messages.post(alice, { channel: 'general', title: '🚀 Starting: X' });
    await t.hub.messages.post(alice, { channel: 'general', title: 'not ✅ Complete' });
    const done = await t.hub.messages.post(alice, { channel: 'general', title: '✅ Complete: X' });
    const result = await waiting;
    expect(result.messages.map((m) => m.id)).toEqual([done.id]);
    expect(result.next_cursor).toBe(String(done.seq));
  });

  it('waits - a title pattern skips older non-matching posts that already exist', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const since = await head(t);
    await t.hub.messages.post(alice, { channel: 'handoffs', title: '🔄 Handoff: A' });
    const claim = await t.hub.messages.post(alice, { channel: 'handoffs', title: '✋ Claimed: A' });
    await t.hub.messages.post(alice, { channel: 'handoffs', title: '🔄 Handoff: B' });
    const result = await t.hub.waits.wait(alice, { channels: ['handoffs'], since, title: '✋', timeout: NEVER });
    expect(result.messages.map((m) => m.id)).toEqual([claim.id]);
    expect(Number(result.next_cursor)).toBe(Number(await head(t)));
  });

  it('waits - one wait covers several channels', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const since = await head(t);
    const before = listeners(t);
    const waiting = t.hub.waits.wait(alice, { channels: ['general', 'amplifier-alerts'], since, timeout: NEVER });
    await asleep(t, before);
    const alert = await t.hub.messages.post(alice, { channel: 'alerts', title: '🚨 Blocked: CI' });
    const result = await waiting;
    expect(result.channels).toEqual(['general', 'alerts']);
    expect(result.messages.map((m) => m.id)).toEqual([alert.id]);
    await t.hub.messages.post(alice, { channel: 'handoffs', title: 'elsewhere' });
    const general = await t.hub.messages.post(alice, { channel: 'general', title: 'status' });
    const next = await t.hub.waits.wait(alice, { channels: ['general', 'alerts'], since: result.next_cursor, timeout: NEVER });
    expect(next.messages.map((m) => m.id)).toEqual([general.id]);
  });

  it('waits - a timeout returns timed_out with no messages and a cursor', async () => {
    const t = await hubForTest();
    const idle = listeners(t);
    const alice = await t.as('alice');
    await t.hub.messages.post(alice, { channel: 'general', title: 'old' });
    const since = await head(t);
    const result = await t.hub.waits.wait(alice, { channels: ['general'], since, timeout: 0.05 });
    expect(result).toEqual({ channels: ['general'], messages: [], next_cursor: since, timed_out: true });
    expect(listeners(t)).toBe(idle);
  });

  it('waits - without since it waits after the unread cursor and advances it', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const missed = await t.hub.messages.post(alice, { channel: 'general', title: 'posted before bob waited' });
    const result = await t.hub.waits.wait(bob, { channels: ['general'], timeout: NEVER });
    expect(result.messages.map((m) => m.id)).toEqual([missed.id]);
    expect((await t.hub.reads.read(bob, { channel: 'general', unread: true })).messages).toEqual([]);
    const again = await t.hub.waits.wait(bob, { channels: ['general'], timeout: 0.05 });
    expect(again.timed_out).toBe(true);
  });

  it('waits - limit caps a wait, and the cursor picks up after the last one returned', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const since = await head(t);
    const posted = [];
    for (let i = 0; i < 7; i++) posted.push(await t.hub.messages.post(alice, { channel: 'general', title: `✅ Complete: ${i}` }));
    const first = await t.hub.waits.wait(alice, { channels: ['general'], since, limit: 3, timeout: NEVER });
    expect(first.messages.map((m) => m.id)).toEqual(posted.slice(0, 3).map((m) => m.id));
    const second = await t.hub.waits.wait(alice, { channels: ['general'], since: first.next_cursor, limit: 10, timeout: NEVER });
    expect(second.messages.map((m) => m.id)).toEqual(posted.slice(3).map((m) => m.id));
  });

  it('waits - fifty waiting sessions are all woken by one post', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const waiters: Caller[] = [];
    for (let i = 0; i < 50; i++) waiters.push(await t.as(`on-call-${i}`));
    const since = await head(t);
    const before = listeners(t);
    const waiting = waiters.map((w) => t.hub.waits.wait(w, { channels: ['alerts'], since, title: '🚨', timeout: NEVER }));
    await asleep(t, before, 50);
    const alert = await t.hub.messages.post(alice, { channel: 'alerts', title: '🚨 Alert: prod down' });
    for (const result of await Promise.all(waiting)) expect(result.messages.map((m) => m.id)).toEqual([alert.id]);
  });

  it('waits - closing the hub answers every waiter', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const before = listeners(t);
    const waiting = t.hub.waits.wait(alice, { channels: ['general'], since: await head(t), timeout: NEVER });
    await asleep(t, before);
    await t.hub.close();
    expect(await waiting).toMatchObject({ messages: [], timed_out: true, closing: true });
  });

  it('waits - an aborted wait returns at once', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const abort = new AbortController();
    const before = listeners(t);
    const waiting = t.hub.waits.wait(alice, { channels: ['general'], since: await head(t), timeout: NEVER }, abort.signal);
    await asleep(t, before);
    abort.abort();
    expect(await waiting).toMatchObject({ messages: [], timed_out: true });
  });

  it('waits - invalid and unsafe title patterns are refused', async () => {
    const t = await hubForTest();
    const idle = listeners(t);
    const alice = await t.as('alice');
    await refusedAndNothingStored(t, () => t.hub.waits.wait(alice, { channels: ['general'], title: '(unclosed', timeout: 0 }), {
      code: 'invalid_input',
      field: 'title',
      says: 'valid regular expression',
    });
    await refusedAndNothingStored(t, () => t.hub.waits.wait(alice, { channels: ['general'], title: '(a+)+$', timeout: 0 }), {
      code: 'invalid_input',
      field: 'title',
      says: 'too long',
    });
    expect(listeners(t)).toBe(idle);
  });

  it('waits - bad input is refused naming the field, and the unread cursor does not move', async () => {
    const t = await hubForTest();
    const idle = listeners(t);
    const alice = await t.as('alice');
    await t.hub.messages.post(alice, { channel: 'general', title: 'unread' });
    const cases: [Record<string, unknown>, string, string][] = [
      [{}, 'channels', 'required'],
      [{ channels: 'general' }, 'channels', 'array'],
      [{ channels: [] }, 'channels', 'at least 1'],
      [{ channels: ['general'], timeout: 301 }, 'timeout', 'at most 300'],
      [{ channels: ['general'], timeout: -1 }, 'timeout', 'at least 0'],
      [{ channels: ['general'], timeout: 'soon' }, 'timeout', 'number'],
      [{ channels: ['general'], since: 'm-' }, 'since', 'cursor'],
      [{ channels: ['general'], limit: 0 }, 'limit', 'at least 1'],
      [{ channels: ['general'], title: 'x'.repeat(401) }, 'title', 'at most'],
    ];
    for (const [input, field, says] of cases) {
      await refusedAndNothingStored(t, () => t.hub.waits.wait(alice, input), { code: 'invalid_input', field, says });
    }
    await refusedAndNothingStored(t, () => t.hub.waits.wait(alice, { channels: ['general', 'nowhere'], timeout: 0 }), { code: 'not_found', says: "'nowhere'" });
    expect(listeners(t)).toBe(idle);
    expect((await t.hub.reads.read(alice, { channel: 'general', unread: true })).messages).toHaveLength(1);
  });
});
