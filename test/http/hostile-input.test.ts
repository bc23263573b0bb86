import { connect } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HubProcess } from '../support/hub-process.js';
import { hubForFile } from './file-hub.js';
import { Api, expectRefusal } from './http-client.js';

/** Whatever a client sends, the answer is the JSON error shape with a 4xx status, never a 500. */
describe('http hostile input', () => {
  const fileHub = hubForFile();
  let hub: HubProcess;
  let api: Api;
  let session: string;
  beforeAll(async () => {
    hub = fileHub();
    api = new Api(hub.url);
    session = await api.session('prober');
  });

  /** Sends raw bytes on a fresh connection and returns what came back. */
  function rawExchange(bytes: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const { hostname, port } = new URL(hub.url);
      const socket = connect(Number(port), hostname, () => socket.end(bytes));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it('routes - an unknown route is a JSON 404', async () => {
    for (const path of ['/api/v1/nothing', '/api/v2/channels', '/api/v1/channels/general/messages/extra', '/nothing-here']) {
      expectRefusal(await api.get(path), 404, 'not_found');
    }
  });

  it('routes - a wrong method is a JSON 404 naming the method', async () => {
    for (const [method, path] of [
      ['DELETE', '/api/v1/channels'],
      ['PATCH', '/api/v1/documents'],
      ['PUT', '/api/v1/sessions'],
      ['POST', '/api/v1/wait'],
      ['GET', '/api/v1/documents/move'],
    ] as const) {
      const reply = await api.call(method, path, { session });
      expectRefusal(reply, 404, 'not_found');
      expect(reply.json.error).toContain(method);
    }
  });

  it('bodies - malformed JSON, wrong shapes and a missing body are 400s naming the body', async () => {
    for (const body of ['{', '{"title": }', 'undefined', '"a string"', '42', 'true', '[]', '', '\u0000']) {
      expectRefusal(await api.post('/api/v1/channels/general/messages', body, { session }), 400, 'invalid_input', 'body');
    }
  });

  it('bodies - fields of the wrong type name the field', async () => {
    expectRefusal(await api.post('/api/v1/channels', { name: { $ne: null } }, { session }), 400, 'invalid_input', 'name');
    expectRefusal(await api.post('/api/v1/channels', { name: null }, { session }), 400, 'invalid_input', 'name');
    expectRefusal(await api.post('/api/v1/documents/move', { document_id: ['a'], to: 'b' }, { session }), 400, 'invalid_input', 'document_id');
    expectRefusal(await api.post('/api/v1/sessions', { name: 'x', role: 12 }), 400, 'invalid_input', 'role');
  });

  it('unicode - emoji, right-to-left text and lone surrogates are kept or refused, never a 500', async () => {
    const title = '✅ Complete: 日本語 עברית 🧪';
    const posted = await api.postMessage(session, 'general', title, 'body with \u202e override');
    expect(posted.title).toBe(title);
    const lone = await api.post('/api/v1/channels/general/messages', '{"title":"\\ud800 lone"}', { session });
    expect(lone.status).toBeLessThan(500);
    expectRefusal(await api.get(`/api/v1/channels/${encodeURIComponent('générål')}/messages`, { session }), 404, 'not_found');
    expectRefusal(await api.get('/api/v1/channels/%F0%9F%98%80/messages', { session }), 404, 'not_found');
    expectRefusal(await api.get('/api/v1/channels/%ZZ/messages', { session }), 404, 'not_found');
    expectRefusal(await api.get('/api/v1/documents/text?document_id=%E0%A4%A'), 404, 'not_found');
  });

  it('query strings - long values are refused by rule, and an oversized request line gets the JSON shape', async () => {
    const long = 'a'.repeat(12_000);
    expectRefusal(await api.get(`/api/v1/channels/general/messages?since=${long}`, { session }), 400, 'invalid_input', 'since');
    expectRefusal(await api.get(`/api/v1/documents/text?document_id=${long}`), 400, 'invalid_input', 'document_id');
    expectRefusal(await api.get(`/api/v1/wait?channels=${long}`, { session }), 400, 'invalid_input', 'channels.0');
    expectRefusal(await api.get(`/api/v1/sessions?limit=${'9'.repeat(5000)}`), 400, 'invalid_input', 'limit');
    const huge = await api.get(`/api/v1/channels?x=${'b'.repeat(40_000)}`);
    expectRefusal(huge, 431, 'too_large');
  });

  it('headers - an oversized or malformed session header is refused by rule', async () => {
    expectRefusal(await api.get('/api/v1/whoami', { session: 's'.repeat(8000) }), 401, 'unauthenticated');
    expectRefusal(await api.get('/api/v1/whoami', { session: 's-%00' }), 401, 'unauthenticated');
  });

  it('protocol - a request that is not HTTP gets a JSON 400 and the hub keeps serving', async () => {
    const answer = await rawExchange('NONSENSE\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ success: false, code: 'invalid_input' });
    expect((await api.get('/healthz')).json.ok).toBe(true);
  });

  it('errors - nothing a client sent made the hub log an unexpected error', () => {
    expect(hub.stderr()).not.toContain('unexpected error');
  });
});
