import { beforeAll, describe, expect, it } from 'vitest';
import { hubForFile } from './file-hub.js';
import { Api, expectRefusal, type Reply } from './http-client.js';

describe('http wait', () => {
  const hub = hubForFile();
  let api: Api;
  let coordinator: string;
  let worker: string;
  beforeAll(async () => {
    api = new Api(hub().url);
    coordinator = await api.session('coordinator');
    worker = await api.session('worker');
  });

  /** Resolves once the hub reports at least `count` pending waits: the waiter is asleep on the bus. */
  async function waitersPending(count: number): Promise<void> {
    while ((await api.get('/healthz')).json.waiting < count) await new Promise((resolve) => setImmediate(resolve));
  }

  const head = async (channel: string): Promise<string> =>
    (await api.get(`/api/v1/channels/${channel}/messages?limit=1`, { session: coordinator })).json.next_cursor;

  it('wait - returns at once when something newer than the cursor exists', async () => {
    const cursor = await head('general');
    await api.postMessage(worker, 'general', '✅ Complete: early');
    // The longest timeout there is: only an immediate answer lets this test finish.
    const reply = await api.get(`/api/v1/wait?channels=general&since=${cursor}&timeout=300`, { session: coordinator });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ channels: ['general'], timed_out: false });
    expect(reply.json.messages.map((m: { title: string }) => m.title)).toEqual(['✅ Complete: early']);
    expect(Number(reply.json.next_cursor)).toBeGreaterThan(Number(cursor));
  });

  it('wait - a waiting session is woken by a post from another client', async () => {
    const cursor = await head('alerts');
    const waiting = api.get(`/api/v1/wait?channels=alerts&since=${cursor}&timeout=300`, { session: coordinator });
    await waitersPending(1);
    const posted = await api.postMessage(worker, 'alerts', '🚨 Alert: build broken');
    const reply = await waiting;
    expect(reply.json.timed_out).toBe(false);
    expect(reply.json.messages).toEqual([posted]);
  });

  it('wait - several channels at once, and only titles matching the pattern wake it', async () => {
    await api.post('/api/v1/channels', { name: 'wait-multi' }, { session: coordinator });
    const cursor = await head('wait-multi');
    const waiting = api.get(`/api/v1/wait?channels=handoffs,wait-multi&title=${encodeURIComponent('^✅')}&since=${cursor}&timeout=300`, {
      session: coordinator,
    });
    await waitersPending(1);
    await api.postMessage(worker, 'handoffs', '🔄 Handoff: not this');
    await api.postMessage(worker, 'wait-multi', '✅ Complete: this one');
    const reply: Reply = await waiting;
    expect(reply.json.channels).toEqual(['handoffs', 'wait-multi']);
    expect(reply.json.messages.map((m: { title: string }) => m.title)).toEqual(['✅ Complete: this one']);
  });

  it('wait - repeated channels parameters are all waited on', async () => {
    const cursor = await head('handoffs');
    await api.postMessage(worker, 'handoffs', 'repeat-param');
    const reply = await api.get(`/api/v1/wait?channels=general&channels=handoffs&since=${cursor}&timeout=300`, { session: coordinator });
    expect(reply.json.channels).toEqual(['general', 'handoffs']);
    expect(reply.json.messages.map((m: { title: string }) => m.title)).toContain('repeat-param');
  });

  it('wait - a zero timeout answers timed_out with the cursor to continue from', async () => {
    const cursor = await head('general');
    const reply = await api.get(`/api/v1/wait?channel=general&since=${cursor}&timeout=0`, { session: coordinator });
    expect(reply.json).toMatchObject({ timed_out: true, messages: [], next_cursor: cursor });
  });

  it('wait - without a cursor it waits for what this session has not read, and advances it', async () => {
    await api.post('/api/v1/channels', { name: 'wait-unread' }, { session: coordinator });
    const reader = await api.session('wait-reader');
    await api.postMessage(worker, 'wait-unread', 'unread-1');
    const first = await api.get('/api/v1/wait?channels=wait-unread&timeout=300', { session: reader });
    expect(first.json.messages.map((m: { title: string }) => m.title)).toEqual(['unread-1']);
    const second = await api.get('/api/v1/wait?channels=wait-unread&timeout=0', { session: reader });
    expect(second.json).toMatchObject({ timed_out: true, messages: [] });
  });

  it('wait - bad input names the field', async () => {
    const wait = (query: string) => api.get(`/api/v1/wait?${query}`, { session: coordinator });
    expectRefusal(await wait(''), 400, 'invalid_input', 'channels');
    expectRefusal(await wait('channels=general&timeout=301'), 400, 'invalid_input', 'timeout');
    expectRefusal(await wait('channels=general&timeout=-1'), 400, 'invalid_input', 'timeout');
    expectRefusal(await wait('channels=general&timeout=soon'), 400, 'invalid_input', 'timeout');
    expectRefusal(await wait('channels=general&since=later'), 400, 'invalid_input', 'since');
    expectRefusal(await wait(`channels=general&title=${encodeURIComponent('(')}`), 400, 'invalid_input', 'title');
    expectRefusal(await wait(`channels=general&title=${encodeURIComponent('(a+)+$')}`), 400, 'invalid_input', 'title');
    expectRefusal(await wait('channels=general&limit=0'), 400, 'invalid_input', 'limit');
    expectRefusal(await wait(`channels=${'c,'.repeat(21)}`), 400, 'invalid_input', 'channels');
    expectRefusal(await wait('channels=nowhere'), 404, 'not_found');
  });
});
