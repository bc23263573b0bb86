import { beforeAll, describe, expect, it } from 'vitest';
import { makeToken } from '../support/tokens.js';
import { hubForFile } from './file-hub.js';
import { Api, expectRefusal } from './http-client.js';

describe('GET /api/v1/search: one box over messages and documents', () => {
  const hub = hubForFile();
  let api: Api;
  let alice: string;
  beforeAll(async () => {
    api = new Api(hub().url);
    alice = await api.session('alice');
  });
  const search = (q: string, extra = '') => api.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);

  it('a message posted a moment ago is found, with its link, its task and a snippet marking the words', async () => {
    await api.postMessage(alice, 'general', '🚀 Starting: invoice export', 'rewriting the invoice exporter for the ledger');
    const created = await api.post('/api/v1/tasks', { task: 'Review the ledger exporter' }, { session: alice });
    const found = await search('ledger exporter');
    expect(found.status).toBe(200);
    const titles = found.json.messages.map((m: { title: string }) => m.title);
    expect(titles).toEqual(expect.arrayContaining(['🚀 Starting: invoice export', '🔄 Handoff: Review the ledger exporter']));
    const handoff = found.json.messages.find((m: { id: string }) => m.id === created.json.task.id);
    expect(handoff).toMatchObject({ task: { kind: 'handoff', state: 'open' }, web_url: expect.stringContaining(`/m/${created.json.task.id}`) });
    expect(found.json.messages[0].snippet).toMatch(/«ledger»|«exporter»/i);
  });

  it('the last word matches as a prefix, so a box finds as it is typed; accents and case do not matter', async () => {
    await api.postMessage(alice, 'general', 'Réconciliation nightly', 'the réconciliation job');
    expect((await search('reconcil')).json.messages.map((m: { title: string }) => m.title)).toContain('Réconciliation nightly');
    expect((await search('NIGHTLY')).json.messages).toHaveLength(1);
  });

  it('a document is found by its text and its path, follows a move, and is gone when deleted', async () => {
    const uploaded = await api.post('/api/v1/documents', { path: 'runbooks/failover.md', content: '# Failover\n\nPromote the standby replica.' }, { session: alice });
    const id = uploaded.json.document.id as string;
    expect((await search('standby replica')).json.documents).toEqual([expect.objectContaining({ id, path: 'runbooks/failover.md', snippet: expect.stringContaining('«standby»') })]);
    expect((await search('failover')).json.documents.map((d: { id: string }) => d.id)).toContain(id);
    await api.post('/api/v1/documents/move', { document_id: id, to: 'runbooks/dr/switch.md' }, { session: alice });
    expect((await search('switch')).json.documents.map((d: { path: string }) => d.path)).toEqual(['runbooks/dr/switch.md']);
    expect((await search('standby')).json.documents.map((d: { path: string }) => d.path)).toEqual(['runbooks/dr/switch.md']);
    await api.post('/api/v1/documents/delete', { document_id: id }, { session: alice });
    expect((await search('standby')).json.documents).toEqual([]);
  });

  it('query syntax in the words is taken as words, never as a query, and never fails', async () => {
    for (const q of ['"unbalanced', 'a OR b', 'NEAR(x y)', '*', 'title:secret', "'; DROP TABLE messages; --", '^start', '(((']) {
      const reply = await search(q);
      expect(reply.status, q).toBe(200);
      expect(Array.isArray(reply.json.messages)).toBe(true);
    }
  });

  it('a search needs words and a sane limit, and a viewer may search', async () => {
    expectRefusal(await search('   '), 400, 'invalid_input', 'q');
    expectRefusal(await search('x', '&limit=500'), 400, 'invalid_input', 'limit');
    const viewer = new Api(hub().url, await makeToken(hub().url, 'viewer'));
    expect((await viewer.get('/api/v1/search?q=ledger')).status).toBe(200);
  });
});
