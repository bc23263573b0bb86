import { describe, expect, it } from 'vitest';
import { createHub } from '../../src/hub/hub.js';
import { AGENT, storageOf } from '../support/test-hub.js';
import { hubForTest } from './support/hub.js';
import { refused, refusedAndNothingStored, stored } from './support/stored.js';

const MINUTE = 60_000;

describe('sessions', () => {
  it('sessions - register creates a session with a short readable id and a resume token', async () => {
    const t = await hubForTest();
    const registration = await t.hub.sessions.register({ name: 'worker-a', role: 'worker', client: 'claude-code' }, AGENT);
    expect(registration.resumed).toBe(false);
    expect(registration.resumeToken.length).toBeGreaterThanOrEqual(16);
    expect(registration.session).toEqual({
      id: expect.stringMatching(/^s-[0-9a-z]{6}$/),
      name: 'worker-a',
      role: 'worker',
      client: 'claude-code',
      kind: 'agent',
      firstSeen: t.clock.now(),
      lastSeen: t.clock.now(),
      tokenId: AGENT.tokenId,
    });
    expect(await t.hub.sessions.get(registration.session.id)).toEqual(registration.session);
  });

  it('sessions - role, client and kind have defaults', async () => {
    const t = await hubForTest();
    const { session } = await t.hub.sessions.register({ name: 'someone' }, AGENT);
    expect(session).toMatchObject({ role: 'agent', client: 'unknown', kind: 'agent' });
    const human = await t.hub.sessions.register({ name: 'pat', kind: 'human' }, AGENT);
    expect(human.session.kind).toBe('human');
  });

  it('sessions - registering again with the name and the resume token returns the same session', async () => {
    const t = await hubForTest();
    const first = await t.hub.sessions.register({ name: 'coordinator', role: 'coordinator' }, AGENT);
    t.clock.advance(10 * MINUTE);
    const again = await t.hub.sessions.register({ name: 'coordinator', resume_token: first.resumeToken }, AGENT);
    expect(again.resumed).toBe(true);
    expect(again.session.id).toBe(first.session.id);
    expect(again.resumeToken).toBe(first.resumeToken);
    expect((await t.hub.sessions.get(first.session.id)).lastSeen).toBe(t.clock.now());
  });

  it('sessions - registering the same name without the token makes a new session', async () => {
    const t = await hubForTest();
    const first = await t.hub.sessions.register({ name: 'worker' }, AGENT);
    const second = await t.hub.sessions.register({ name: 'worker' }, AGENT);
    expect(second.session.id).not.toBe(first.session.id);
    expect(second.resumeToken).not.toBe(first.resumeToken);
  });

  it('sessions - a wrong resume token is refused and creates nothing', async () => {
    const t = await hubForTest();
    const first = await t.hub.sessions.register({ name: 'worker' }, AGENT);
    await refusedAndNothingStored(t, () => t.hub.sessions.register({ name: 'worker', resume_token: `${first.resumeToken}x` }, AGENT), {
      code: 'invalid_input',
      field: 'resume_token',
      says: "'worker'",
    });
  });

  it("sessions - another session's token does not resume under a different name", async () => {
    const t = await hubForTest();
    const first = await t.hub.sessions.register({ name: 'worker' }, AGENT);
    await refused(t.hub.sessions.register({ name: 'intruder', resume_token: first.resumeToken }, AGENT), { code: 'invalid_input', field: 'resume_token' });
  });

  it('sessions - an identity survives a hub restart on the same data', async () => {
    const t = await hubForTest();
    const first = await t.hub.sessions.register({ name: 'coordinator' }, AGENT);
    await t.hub.close();
    const reopened = await createHub({
      ...(await storageOf(t)),
      publicUrl: 'http://hub.test',
      clock: t.clock,
    });
    try {
      const again = await reopened.sessions.register({ name: 'coordinator', resume_token: first.resumeToken }, AGENT);
      expect(again.session.id).toBe(first.session.id);
    } finally {
      await reopened.close();
    }
  });

  it('sessions - presence is online, then idle, then gone as the clock moves', async () => {
    const t = await hubForTest();
    const { session } = await t.hub.sessions.register({ name: 'worker' }, AGENT);
    const presence = async () => (await t.hub.sessions.view(session.id)).presence;
    expect(await presence()).toBe('online');
    t.clock.advance(2 * MINUTE + 1);
    expect(await presence()).toBe('idle');
    t.clock.advance(28 * MINUTE);
    expect(await presence()).toBe('gone');
    await t.hub.sessions.identify(session.id, AGENT);
    expect(await presence()).toBe('online');
  });

  it('sessions - list shows the most recently seen first, with presence and the directory fields', async () => {
    const t = await hubForTest();
    const early = await t.hub.sessions.register({ name: 'early', role: 'worker' }, AGENT);
    t.clock.advance(40 * MINUTE);
    const late = await t.hub.sessions.register({ name: 'late', role: 'coordinator' }, AGENT);
    const list = await t.hub.sessions.list();
    expect(list.map((s) => [s.id, s.presence])).toEqual([
      [late.session.id, 'online'],
      [early.session.id, 'gone'],
    ]);
    expect(list[0]).toMatchObject({ name: 'late', role: 'coordinator', department: 'coordinator', email: null });
    expect(await t.hub.sessions.list({ limit: 1 })).toHaveLength(1);
  });

  it('sessions - identify refreshes last seen and refuses an unknown session', async () => {
    const t = await hubForTest();
    const { session } = await t.hub.sessions.register({ name: 'worker' }, AGENT);
    t.clock.advance(5 * MINUTE);
    const seen = await t.hub.sessions.identify(session.id, AGENT);
    expect(seen.lastSeen).toBe(t.clock.now());
    expect((await t.hub.sessions.get(session.id)).lastSeen).toBe(t.clock.now());
    await refused(t.hub.sessions.identify('s-nobody', AGENT), { code: 'unauthenticated', says: 'register' });
  });

  it('sessions - get and view of an unknown session are not found', async () => {
    const t = await hubForTest();
    await refused(t.hub.sessions.get('s-nobody'), { code: 'not_found', says: "'s-nobody'" });
    await refused(t.hub.sessions.view('s-nobody'), { code: 'not_found' });
  });

  it('sessions - a session made on first contact is discarded when unused, kept once it wrote', async () => {
    const t = await hubForTest();
    const idle = await t.as('first-contact');
    const writer = await t.as('writer');
    await t.hub.messages.post(writer, { channel: 'general', title: '🚀 Starting: X' });
    await t.hub.sessions.discardIfUnused(idle.session.id);
    await t.hub.sessions.discardIfUnused(writer.session.id);
    await refused(t.hub.sessions.get(idle.session.id), { code: 'not_found' });
    expect((await t.hub.sessions.get(writer.session.id)).name).toBe('writer');
    expect((await stored(t)).rows.sessions).toBe(1);
  });
});
