import { beforeAll, describe, expect, it } from 'vitest';
import { openEvents } from '../support/sse-client.js';
import { authedFetch } from '../support/hub-tokens.js';
import { startHubProcess } from '../support/hub-process.js';
import { hubForFile } from './file-hub.js';
import { Api, expectRefusal } from './http-client.js';

const title = (data: string): string => (JSON.parse(data) as { title: string }).title;

describe('GET /api/v1/events: the workspace live, as server-sent events', () => {
  const hub = hubForFile();
  let api: Api;
  let alice: string;
  beforeAll(async () => {
    api = new Api(hub().url);
    alice = await api.session('alice');
  });
  const events = (query = '', headers: Record<string, string> = {}) => openEvents(`${hub().url}/api/v1/events${query}`, headers);

  it('a stream starts at the head and then carries each new message, its position as the event id', async () => {
    await api.postMessage(alice, 'general', 'before the stream');
    const stream = await events();
    expect(stream.status).toBe(200);
    const ready = await stream.nextOf('ready');
    const posted = await api.postMessage(alice, 'general', 'after the stream opened');
    const event = await stream.nextOf('message');
    expect(title(event!.data)).toBe('after the stream opened');
    expect(JSON.parse(event!.data)).toMatchObject({ id: posted.id, channel: 'general', sender_id: alice, web_url: posted.web_url });
    expect(Number(event!.id)).toBeGreaterThan(Number(JSON.parse(ready!.data).cursor));
    stream.close();
  });

  it('a reconnect with Last-Event-ID gets everything posted while it was away, in order, once', async () => {
    const first = await events('?channels=general');
    await first.nextOf('ready');
    await api.postMessage(alice, 'general', 'seen live');
    const seen = await first.nextOf('message');
    first.close();
    const missed = ['while away 1', 'while away 2', 'while away 3'];
    for (const t of missed) await api.postMessage(alice, 'general', t);
    const again = await events('?channels=general', { 'last-event-id': seen!.id! });
    const got = [];
    for (let i = 0; i < missed.length; i++) got.push(title((await again.nextOf('message'))!.data));
    expect(got).toEqual(missed);
    await api.postMessage(alice, 'general', 'live again');
    expect(title((await again.nextOf('message'))!.data)).toBe('live again');
    again.close();
  });

  it('since= works like Last-Event-ID, and channels= keeps only those channels', async () => {
    const cursor = (await api.get('/api/v1/channels/alerts/messages?limit=1', { session: alice })).json.next_cursor as string;
    await api.postMessage(alice, 'general', 'not for the alerts stream');
    await api.postMessage(alice, 'alerts', '⚠️ for the alerts stream');
    const stream = await events(`?channels=alerts&since=${cursor}`);
    expect(title((await stream.nextOf('message'))!.data)).toBe('⚠️ for the alerts stream');
    stream.close();
  });

  it('a handoff arrives with its task badge, and a claim arrives as its ✋ Claimed reply in the thread', async () => {
    const stream = await events('?channels=handoffs');
    await stream.nextOf('ready');
    const created = await api.post('/api/v1/tasks', { task: 'Review the stream' }, { session: alice });
    const handoff = JSON.parse((await stream.nextOf('message'))!.data);
    expect(handoff).toMatchObject({ id: created.json.task.id, task: { kind: 'handoff', state: 'open' } });
    const bob = await api.session('bob');
    await api.post(`/api/v1/tasks/${created.json.task.id}/claim`, {}, { session: bob });
    const claim = JSON.parse((await stream.nextOf('message'))!.data);
    expect(claim).toMatchObject({ title: '✋ Claimed: Review the stream', reply_to: created.json.task.id, sender_id: bob });
    stream.close();
  });

  it('every task change arrives as a task event with the task as it is now, a renewal (which posts nothing) included', async () => {
    const stream = await events('?channels=general');
    await stream.nextOf('ready');
    const created = await api.post('/api/v1/tasks', { task: 'Watch the board' }, { session: alice });
    const id = created.json.task.id as string;
    expect(JSON.parse((await stream.nextOf('task'))!.data)).toMatchObject({ id, state: 'open', holder: null });
    const bob = await api.session('bob-tasks');
    const claimed = await api.post(`/api/v1/tasks/${id}/claim`, { lease_seconds: 60 }, { session: bob });
    const onClaim = JSON.parse((await stream.nextOf('task'))!.data);
    expect(onClaim).toMatchObject({ id, state: 'claimed', holder_id: bob, lease_expires_at: claimed.json.task.lease_expires_at });
    const renewed = await api.post(`/api/v1/tasks/${id}/renew`, { lease_seconds: 600 }, { session: bob });
    const onRenew = JSON.parse((await stream.nextOf('task'))!.data);
    expect(onRenew.lease_expires_at).toBe(renewed.json.task.lease_expires_at);
    expect(Date.parse(onRenew.lease_expires_at)).toBeGreaterThan(Date.parse(onClaim.lease_expires_at));
    await api.post(`/api/v1/tasks/${id}/complete`, { result: 'done' }, { session: bob });
    expect(JSON.parse((await stream.nextOf('task'))!.data)).toMatchObject({ id, state: 'completed', result: 'done' });
    stream.close();
  });

  it('an uploaded document is announced with its version and link', async () => {
    const stream = await events();
    await stream.nextOf('ready');
    const uploaded = await api.post('/api/v1/documents', { path: 'events/notes.md', content: '# Notes' }, { session: alice });
    const event = JSON.parse((await stream.nextOf('document'))!.data);
    expect(event).toEqual({ document_id: uploaded.json.document.id, version: 1, web_url: uploaded.json.version.web_url });
    stream.close();
  });

  it('an unknown channel or a bad cursor is refused as JSON before any event is sent', async () => {
    expectRefusal(await api.get('/api/v1/events?channels=nowhere'), 404, 'not_found');
    expectRefusal(await api.get('/api/v1/events?since=yesterday'), 400, 'invalid_input', 'since');
  });

  it('healthz counts the open streams, and a closed stream is let go', async () => {
    const health = async () => ((await (await authedFetch(`${hub().url}/healthz`)).json()) as { streams: number }).streams;
    const stream = await events();
    await stream.nextOf('ready');
    expect(await health()).toBeGreaterThanOrEqual(1);
    const before = await health();
    stream.close();
    // The hub notices the closed connection on its next write: give it one.
    await api.postMessage(alice, 'general', 'wakes the closed stream');
    await expect.poll(health, { timeout: 5000 }).toBe(before - 1);
  });

  it('a hub that stops ends its streams at once, so the shutdown does not wait for them', async () => {
    const own = await startHubProcess();
    const stream = await openEvents(`${own.url}/api/v1/events`);
    await stream.nextOf('ready');
    const started = Date.now();
    expect(await own.stop('SIGTERM')).toBe(0);
    expect(await stream.nextOf('message')).toBeUndefined();
    // The drain would cut a stream still open after 10 s.
    expect(Date.now() - started).toBeLessThan(9000);
  });
});
