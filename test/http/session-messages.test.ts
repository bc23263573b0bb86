import { beforeAll, describe, expect, it } from 'vitest';
import { makeToken } from '../support/tokens.js';
import { hubForFile } from './file-hub.js';
import { Api, expectRefusal } from './http-client.js';

const recent = (id: string, query = ''): string => `/api/v1/sessions/${encodeURIComponent(id)}/messages${query}`;

describe('http sessions: a session\'s recent messages', () => {
  const hub = hubForFile();
  let api: Api;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    api = new Api(hub().url);
    alice = await api.session('alice');
    bob = await api.session('bob');
  });

  it('session messages - newest first, every channel, only that session\'s, handoffs with their task badge', async () => {
    const first = await api.postMessage(alice, 'general', '🚀 Starting: parser');
    await api.postMessage(bob, 'general', 'not alice');
    const second = await api.postMessage(alice, 'alerts', '⚠️ Flaky test', 'the **lexer** test');
    const created = await api.post('/api/v1/tasks', { task: 'Review parser' }, { session: alice });
    expect(created.status, created.text).toBe(201);
    const claimed = await api.post(`/api/v1/tasks/${created.json.task.id}/claim`, {}, { session: bob });
    expect(claimed.status, claimed.text).toBe(200);

    const reply = await api.get(recent(alice));
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.session).toBe(alice);
    expect(reply.json.messages.map((m: { id: string }) => m.id)).toEqual([created.json.message.id, second.id, first.id]);
    expect(reply.json.messages[0]).toMatchObject({
      channel: 'handoffs',
      title: '🔄 Handoff: Review parser',
      sender: 'alice',
      sender_id: alice,
      web_url: `${hub().url}/m/${created.json.message.id}`,
      task: { kind: 'handoff', state: 'claimed', holder: 'bob', holder_id: bob },
    });
    expect(reply.json.messages[1]).toEqual(second);
    // Bob's claim reply is his, not Alice's.
    expect((await api.get(recent(bob))).json.messages.map((m: { title: string }) => m.title)).toEqual(['✋ Claimed: Review parser', 'not alice']);
  });

  it('session messages - limit bounds the answer (default 20, at most 100)', async () => {
    const carol = await api.session('carol');
    const posted: string[] = [];
    for (let i = 0; i < 23; i++) posted.push((await api.postMessage(carol, i % 2 ? 'general' : 'handoffs', `note ${i}`)).id);
    const newestFirst = posted.reverse();
    expect((await api.get(recent(carol))).json.messages.map((m: { id: string }) => m.id)).toEqual(newestFirst.slice(0, 20));
    expect((await api.get(recent(carol, '?limit=3'))).json.messages.map((m: { id: string }) => m.id)).toEqual(newestFirst.slice(0, 3));
    expect((await api.get(recent(carol, '?limit=100'))).json.messages).toHaveLength(23);
  });

  it('session messages - a session that wrote nothing has none', async () => {
    const quiet = await api.session('quiet');
    expect((await api.get(recent(quiet))).json).toEqual({ session: quiet, messages: [] });
  });

  it('session messages - an unknown session is 404 naming it; a bad limit is 400 naming limit', async () => {
    const unknown = await api.get(recent('s-nobody'));
    expectRefusal(unknown, 404, 'not_found');
    expect(unknown.json.error).toContain('s-nobody');
    for (const limit of ['0', '101', 'many', '2.5']) expectRefusal(await api.get(recent(alice, `?limit=${limit}`)), 400, 'invalid_input', 'limit');
  });

  it('session messages - any token of the workspace may read them, without a session', async () => {
    const viewer = new Api(hub().url, await makeToken(hub().url, 'viewer'));
    const reply = await viewer.get(recent(alice, '?limit=1'));
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.messages).toHaveLength(1);
    expectRefusal(await new Api(hub().url, null).get(recent(alice)), 401, 'unauthenticated');
  });
});
