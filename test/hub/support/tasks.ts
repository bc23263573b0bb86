import { expect } from 'vitest';
import type { Caller } from '../../../src/hub/hub.js';
import type { Message } from '../../../src/domain/types.js';
import type { TestHub } from '../../support/test-hub.js';
import { hubForTest } from './hub.js';

/** A handoff made through the hub, with the seed's fields filled in. */
export async function handoff(t: TestHub, author: Caller, task = 'Review API', extra: Record<string, unknown> = {}) {
  return t.hub.tasks.create(author, { task, ...extra });
}

/** An alert made through the hub. */
export async function alert(t: TestHub, author: Caller, task = 'Build broken', extra: Record<string, unknown> = {}) {
  return t.hub.tasks.create(author, { kind: 'alert', task, severity: 'high', ...extra });
}

/** Every message of a channel, oldest first, read straight from the store. */
export async function messagesIn(t: TestHub, channel: string): Promise<Message[]> {
  const c = await t.hub.channels.resolve(channel);
  return t.hub.context.store.messages.after({ channelIds: [c.id], after: 0, limit: 1000 });
}

/** The replies in a task's thread (its root left out). */
export async function repliesTo(t: TestHub, channel: string, id: string): Promise<Message[]> {
  return (await messagesIn(t, channel)).filter((m) => m.threadId === id && m.id !== id);
}

/** Hands out the caller's notices and checks they are as expected, then that a second ask is empty. */
export async function expectNoticesOnce(t: TestHub, caller: Caller, matching: RegExp[]): Promise<void> {
  const notices = await t.hub.tasks.notices(caller);
  expect(notices).toHaveLength(matching.length);
  matching.forEach((re, i) => expect(notices[i]).toMatch(re));
  expect(await t.hub.tasks.notices(caller)).toEqual([]);
}

/** A hub with a handoff written by lead and claimed by bob (claim 1), and carol standing by. */
export async function claimedHandoff() {
  const t = await hubForTest();
  const lead = await t.as('lead');
  const bob = await t.as('bob');
  const carol = await t.as('carol');
  const { task } = await handoff(t, lead);
  const claim = await t.hub.tasks.act('claim', bob, { task_id: task.id });
  return { t, lead, bob, carol, task, claim };
}
