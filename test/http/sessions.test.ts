import { beforeAll, describe, expect, it } from 'vitest';
import { hubForFile } from './file-hub.js';
import { Api, expectRefusal } from './http-client.js';

describe('http sessions', () => {
  const hub = hubForFile();
  let api: Api;
  beforeAll(async () => {
    api = new Api(hub().url);
  });

  const names = async (): Promise<string[]> => (await api.get('/api/v1/sessions?limit=500')).json.sessions.map((s: { name: string }) => s.name);

  it('sessions - register creates a session with a short id and a resume token', async () => {
    const reply = await api.post('/api/v1/sessions', { name: 'reviewer-1', role: 'worker', client: 'claude-code' });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({ success: true, resumed: false, session: { name: 'reviewer-1', role: 'worker', client: 'claude-code', presence: 'online' } });
    expect(reply.json.session.id).toMatch(/^s-[0-9a-z]{6}$/);
    expect(reply.json.resume_token).toEqual(expect.any(String));
  });

  it('sessions - registering again with the same name and resume token returns the same session', async () => {
    const first = await api.post('/api/v1/sessions', { name: 'keeper' });
    const again = await api.post('/api/v1/sessions', { name: 'keeper', resume_token: first.json.resume_token });
    expect(again.status).toBe(200);
    expect(again.json.resumed).toBe(true);
    expect(again.json.session.id).toBe(first.json.session.id);
  });

  it('sessions - a wrong resume token is refused and creates nothing', async () => {
    const before = await names();
    expectRefusal(await api.post('/api/v1/sessions', { name: 'keeper', resume_token: 'not-it' }), 400, 'invalid_input', 'resume_token');
    expect(await names()).toEqual(before);
  });

  it('sessions - first contact by name creates a session and returns its id in X-Baton-Session', async () => {
    const reply = await api.get('/api/v1/whoami', { name: 'first-contact' });
    expect(reply.status).toBe(200);
    const id = reply.headers.get('x-baton-session');
    expect(id).toMatch(/^s-/);
    expect(reply.json.session).toMatchObject({ id, name: 'first-contact', client: 'http' });
    const next = await api.get('/api/v1/whoami', { session: id! });
    expect(next.json.session.id).toBe(id);
  });

  it('sessions - first contact with the resume token header gets the earlier session back', async () => {
    const first = await api.get('/api/v1/whoami', { name: 'returning' });
    const token = first.headers.get('x-baton-resume-token')!;
    const again = await api.get('/api/v1/whoami', { name: 'returning', headers: { 'x-baton-resume-token': token } });
    expect(again.json.session.id).toBe(first.json.session.id);
  });

  it('sessions - a percent-encoded session name header is decoded', async () => {
    const reply = await api.get('/api/v1/whoami', { name: encodeURIComponent('José ✅') });
    expect(reply.json.session.name).toBe('José ✅');
  });

  it('sessions - an unknown session id is refused with 401', async () => {
    expectRefusal(await api.get('/api/v1/whoami', { session: 's-nobody' }), 401, 'unauthenticated');
    expectRefusal(await api.post('/api/v1/channels/general/messages', { title: 'ghost' }, { session: 's-nobody' }), 401, 'unauthenticated');
    const read = await api.get('/api/v1/channels/general/messages?limit=200', { name: 'checker' });
    expect(read.json.messages.map((m: { title: string }) => m.title)).not.toContain('ghost');
  });

  it('sessions - a request that acts as a session without one is refused with 401', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/whoami'],
      ['GET', '/api/v1/status'],
      ['GET', '/api/v1/channels/general/messages'],
      ['GET', '/api/v1/wait?channels=general'],
      ['POST', '/api/v1/channels'],
      ['POST', '/api/v1/channels/general/messages'],
      ['POST', '/api/v1/documents'],
      ['PUT', '/api/v1/documents/content?path=a.txt'],
      ['POST', '/api/v1/documents/move'],
      ['POST', '/api/v1/documents/delete'],
      ['POST', '/api/v1/documents/restore'],
    ] as const) {
      const reply = await api.call(method, path, { ...(method === 'GET' ? {} : { body: {} }) });
      expectRefusal(reply, 401, 'unauthenticated');
      expect(reply.json.error).toContain('x-baton-session');
    }
  });

  it('sessions - bad registrations name the field and store nothing', async () => {
    const before = await names();
    expectRefusal(await api.post('/api/v1/sessions', {}), 400, 'invalid_input', 'name');
    expectRefusal(await api.post('/api/v1/sessions', { name: '' }), 400, 'invalid_input', 'name');
    expectRefusal(await api.post('/api/v1/sessions', { name: 42 }), 400, 'invalid_input', 'name');
    expectRefusal(await api.post('/api/v1/sessions', { name: 'x'.repeat(81) }), 400, 'invalid_input', 'name');
    expectRefusal(await api.post('/api/v1/sessions', { name: 'a\u0000b' }), 400, 'invalid_input', 'name');
    expectRefusal(await api.post('/api/v1/sessions', { name: 'ok', kind: 'robot' }), 400, 'invalid_input', 'kind');
    expectRefusal(await api.post('/api/v1/sessions', '["name"]'), 400, 'invalid_input', 'body');
    expectRefusal(await api.post('/api/v1/sessions', '{"name":'), 400, 'invalid_input', 'body');
    expectRefusal(await api.get('/api/v1/whoami', { name: 'a%00b' }), 400, 'invalid_input', 'x-baton-session-name');
    expectRefusal(await api.get('/api/v1/whoami', { name: 'n'.repeat(81) }), 400, 'invalid_input', 'x-baton-session-name');
    expect(await names()).toEqual(before);
  });

  it('sessions - a failed first-contact request leaves no session behind and hands out no id', async () => {
    const before = await names();
    const reply = await api.post('/api/v1/channels/general/messages', { title: '' }, { name: 'one-off' });
    expectRefusal(reply, 400, 'invalid_input', 'message');
    expect(reply.headers.get('x-baton-session')).toBeNull();
    expect(await names()).toEqual(before);
  });

  it('sessions - list shows presence, get shows one, and an unknown id is 404', async () => {
    const id = await api.session('listed');
    const list = await api.get('/api/v1/sessions');
    expect(list.json.sessions.find((s: { id: string }) => s.id === id)).toMatchObject({ name: 'listed', presence: 'online' });
    expect((await api.get(`/api/v1/sessions/${id}`)).json.session).toMatchObject({ id, name: 'listed' });
    expectRefusal(await api.get('/api/v1/sessions/s-missing'), 404, 'not_found');
    expectRefusal(await api.get('/api/v1/sessions?limit=0'), 400, 'invalid_input', 'limit');
    expectRefusal(await api.get('/api/v1/sessions?limit=lots'), 400, 'invalid_input', 'limit');
  });

  it('sessions - status lists channels with unread counts and who is online', async () => {
    const reader = await api.session('status-reader');
    const writer = await api.session('status-writer');
    await api.postMessage(writer, 'alerts', '🚨 Alert: disk');
    const status = await api.get('/api/v1/status', { session: reader });
    expect(status.status).toBe(200);
    expect(status.json.session).toEqual({ id: reader, name: 'status-reader' });
    expect(status.json.channels.find((c: { name: string }) => c.name === 'alerts').unread).toBeGreaterThanOrEqual(1);
    expect(status.json.sessions.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([reader, writer]));
  });
});
