import { beforeAll, describe, expect, it } from 'vitest';
import { hubForFile } from './file-hub.js';
import { Api, expectRefusal } from './http-client.js';

describe('http channels and messages', () => {
  const hub = hubForFile();
  let api: Api;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    api = new Api(hub().url);
    alice = await api.session('alice');
    bob = await api.session('bob');
  });

  const titles = (reply: { json: Record<string, any> }): string[] => reply.json.messages.map((m: { title: string }) => m.title);

  it('channels - every hub starts with general, alerts and handoffs', async () => {
    const reply = await api.get('/api/v1/channels');
    expect(reply.status).toBe(200);
    expect(reply.json.channels.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['general', 'alerts', 'handoffs']));
    expect(reply.json.channels[0]).toEqual({ name: expect.any(String), team: 'baton', description: expect.any(String), web_url: expect.stringContaining('/c/') });
  });

  it('channels - create lowercases the name and a second create is a 409 conflict', async () => {
    const created = await api.post('/api/v1/channels', { name: 'Alpha-Review', description: 'review of alpha' }, { session: alice });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ success: true, channel: { name: 'alpha-review', description: 'review of alpha' } });
    expectRefusal(await api.post('/api/v1/channels', { name: '#alpha-review' }, { session: bob }), 409, 'conflict');
  });

  it('messages - post returns the message with id, thread, cursor and web_url', async () => {
    const reply = await api.post('/api/v1/channels/general/messages', { title: '🚀 Starting: API', body: 'Session **alice**' }, { session: alice });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      success: true,
      cursor: expect.stringMatching(/^\d+$/),
      message: { channel: 'general', title: '🚀 Starting: API', content: 'Session **alice**', sender: 'alice', sender_id: alice, reply_to: null },
    });
    const { message } = reply.json;
    expect(message.id).toMatch(/^m-/);
    expect(message.thread_id).toBe(message.id);
    expect(message.web_url).toMatch(new RegExp(`/m/${message.id}$`));
    expect(new Date(message.timestamp).toISOString()).toBe(message.timestamp);
    expect((await api.get(`/api/v1/messages/${message.id}`)).json.message).toEqual(message);
  });

  it('messages - the origin aliases, #names and any case resolve to the same channel', async () => {
    for (const alias of ['amplifier-general', '#general', 'GENERAL']) {
      const message = await api.postMessage(alice, alias, `via ${alias}`);
      expect(message.channel).toBe('general');
    }
  });

  it('messages - the body may come as "message", the contract name', async () => {
    const reply = await api.post('/api/v1/channels/general/messages', { title: 'contract', message: 'body text' }, { session: alice });
    expect(reply.json.message.content).toBe('body text');
  });

  it('messages - a reply joins the thread of its parent and a thread read returns only it', async () => {
    const root = await api.postMessage(alice, 'handoffs', '🔄 Handoff: parser');
    await api.postMessage(bob, 'handoffs', 'unrelated');
    const reply = await api.post('/api/v1/channels/handoffs/messages', { title: '✋ Claimed', reply_to: root.id }, { session: bob });
    expect(reply.json.message).toMatchObject({ reply_to: root.id, thread_id: root.id });
    const thread = await api.get(`/api/v1/channels/handoffs/messages?thread=${root.id}`, { session: bob });
    expect(titles(thread)).toEqual(['🔄 Handoff: parser', '✋ Claimed']);
  });

  it('reads - the latest N come in order with next_cursor, and since pages forward without a gap', async () => {
    await api.post('/api/v1/channels', { name: 'paging' }, { session: alice });
    for (let i = 1; i <= 7; i++) await api.postMessage(alice, 'paging', `p${i}`);
    const latest = await api.get('/api/v1/channels/paging/messages?limit=3', { session: bob });
    expect(titles(latest)).toEqual(['p5', 'p6', 'p7']);
    expect(latest.json.note).toContain("since='");
    const seen: string[] = [];
    let cursor = '0';
    for (;;) {
      const page = await api.get(`/api/v1/channels/paging/messages?since=${cursor}&limit=2`, { session: bob });
      seen.push(...titles(page));
      cursor = page.json.next_cursor;
      if (!page.json.truncated) break;
    }
    expect(seen).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
    const after = await api.get(`/api/v1/channels/paging/messages?since=${cursor}`, { session: bob });
    expect(after.json.messages).toEqual([]);
    expect(after.json.next_cursor).toBe(cursor);
  });

  it('reads - a message id works as a cursor', async () => {
    await api.post('/api/v1/channels', { name: 'by-id' }, { session: alice });
    const first = await api.postMessage(alice, 'by-id', 'one');
    await api.postMessage(alice, 'by-id', 'two');
    expect(titles(await api.get(`/api/v1/channels/by-id/messages?since=${first.id}`, { session: bob }))).toEqual(['two']);
  });

  it('reads - unread returns only what this session has not read, and reading advances it', async () => {
    await api.post('/api/v1/channels', { name: 'inbox' }, { session: alice });
    const reader = await api.session('unread-reader');
    await api.postMessage(alice, 'inbox', 'u1');
    await api.postMessage(alice, 'inbox', 'u2');
    expect(titles(await api.get('/api/v1/channels/inbox/messages?unread=true', { session: reader }))).toEqual(['u1', 'u2']);
    expect(titles(await api.get('/api/v1/channels/inbox/messages?unread=true', { session: reader }))).toEqual([]);
    await api.postMessage(alice, 'inbox', 'u3');
    expect(titles(await api.get('/api/v1/channels/inbox/messages?unread=1', { session: reader }))).toEqual(['u3']);
  });

  it('reads - max_chars bounds the result, says so, and the cursor leads to the rest', async () => {
    await api.post('/api/v1/channels', { name: 'bulky' }, { session: alice });
    for (let i = 1; i <= 4; i++) await api.postMessage(alice, 'bulky', `b${i}`, 'x'.repeat(400));
    const cut = await api.get('/api/v1/channels/bulky/messages?since=0&max_chars=1300', { session: bob });
    expect(cut.json.truncated).toBe(true);
    expect(cut.json.note).toContain('read again');
    expect(cut.text.length).toBeLessThan(4000);
    const rest = await api.get(`/api/v1/channels/bulky/messages?since=${cut.json.next_cursor}`, { session: bob });
    expect([...titles(cut), ...titles(rest)]).toEqual(['b1', 'b2', 'b3', 'b4']);
  });

  it('messages - a body over 16 KiB is refused with 413 telling the caller to upload a document, and nothing is stored', async () => {
    await api.post('/api/v1/channels', { name: 'big-body' }, { session: alice });
    const reply = await api.post('/api/v1/channels/big-body/messages', { title: 'huge', body: 'y'.repeat(16 * 1024 + 1) }, { session: alice });
    expectRefusal(reply, 413, 'too_large', 'message');
    expect(reply.json.error).toContain('upload');
    expect((await api.get('/api/v1/channels/big-body/messages', { session: bob })).json.messages).toEqual([]);
  });

  it('messages - bad input names the field and stores nothing', async () => {
    await api.post('/api/v1/channels', { name: 'untouched' }, { session: alice });
    const post = (body: unknown, channel = 'untouched') => api.post(`/api/v1/channels/${channel}/messages`, body, { session: alice });
    expectRefusal(await post({}), 400, 'invalid_input', 'message');
    expectRefusal(await post({ title: '   ' }), 400, 'invalid_input', 'message');
    expectRefusal(await post({ title: 5 }), 400, 'invalid_input', 'title');
    expectRefusal(await post({ title: 'ok', body: ['x'] }), 400, 'invalid_input', 'body');
    expectRefusal(await post({ title: 't'.repeat(257) }), 400, 'invalid_input', 'title');
    expectRefusal(await post({ title: 'nul\u0000' }), 400, 'invalid_input', 'title');
    expectRefusal(await post({ title: 'ok', body: 'nul\u0000' }), 400, 'invalid_input', 'message');
    expectRefusal(await post({ title: 'ok', reply_to: 'm-zzzzzz' }), 400, 'invalid_input', 'reply_to');
    expectRefusal(await post({ title: 'ok', reply_to: 7 }), 400, 'invalid_input', 'reply_to');
    expectRefusal(await post('not json'), 400, 'invalid_input', 'body');
    expectRefusal(await post('[1,2]'), 400, 'invalid_input', 'body');
    expectRefusal(await post('null'), 400, 'invalid_input', 'body');
    expectRefusal(await post({ title: 'ok' }, 'no-such-channel'), 404, 'not_found');
    const elsewhere = await api.postMessage(alice, 'general', 'in general');
    expectRefusal(await post({ title: 'ok', reply_to: elsewhere.id }), 400, 'invalid_input', 'reply_to');
    expect((await api.get('/api/v1/channels/untouched/messages', { session: bob })).json.messages).toEqual([]);
  });

  it('channels - bad creates name the field and store nothing', async () => {
    const before = (await api.get('/api/v1/channels')).json.channels;
    const create = (body: unknown) => api.post('/api/v1/channels', body, { session: alice });
    expectRefusal(await create({}), 400, 'invalid_input', 'name');
    expectRefusal(await create({ name: '' }), 400, 'invalid_input', 'name');
    expectRefusal(await create({ name: '../etc' }), 400, 'invalid_input', 'name');
    expectRefusal(await create({ name: '<script>' }), 400, 'invalid_input', 'name');
    expectRefusal(await create({ name: 'ok-name', description: 'bell\u0007' }), 400, 'invalid_input', 'description');
    expectRefusal(await create({ name: ['general'] }), 400, 'invalid_input', 'name');
    expectRefusal(await create({ name: 'a'.repeat(81) }), 400, 'invalid_input', 'name');
    expect((await api.get('/api/v1/channels')).json.channels).toEqual(before);
  });

  it('reads - bad input names the field', async () => {
    const read = (query: string, channel = 'general') => api.get(`/api/v1/channels/${channel}/messages?${query}`, { session: bob });
    expectRefusal(await read('limit=0'), 400, 'invalid_input', 'limit');
    expectRefusal(await read('limit=201'), 400, 'invalid_input', 'limit');
    expectRefusal(await read('limit=ten'), 400, 'invalid_input', 'limit');
    expectRefusal(await read('limit=1.5'), 400, 'invalid_input', 'limit');
    expectRefusal(await read('since=yesterday'), 400, 'invalid_input', 'since');
    expectRefusal(await read('since=-1'), 400, 'invalid_input', 'since');
    expectRefusal(await read('since=%00'), 400, 'invalid_input', 'since');
    expectRefusal(await read('since=1&unread=true'), 400, 'invalid_input', 'unread');
    expectRefusal(await read('unread=maybe'), 400, 'invalid_input', 'unread');
    expectRefusal(await read('max_chars=10'), 400, 'invalid_input', 'max_chars');
    expectRefusal(await read('thread=m-zzzzzz'), 400, 'invalid_input', 'thread');
    expectRefusal(await read('', 'nowhere'), 404, 'not_found');
    expectRefusal(await api.get('/api/v1/messages/m-zzzzzz'), 404, 'not_found');
    expectRefusal(await api.get('/api/v1/messages/%00'), 404, 'not_found');
  });
});
