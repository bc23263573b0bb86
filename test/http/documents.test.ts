import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { hubForFile } from './file-hub.js';
import { Api, expectRefusal } from './http-client.js';
import { authedFetch, authHeaders } from '../support/hub-tokens.js';

describe('http documents', () => {
  const hub = hubForFile();
  let api: Api;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    api = new Api(hub().url);
    alice = await api.session('alice');
    bob = await api.session('bob');
  });

  const upload = (body: Record<string, unknown>, session = alice) => api.post('/api/v1/documents', body, { session });
  const list = async (folder = '', recursive = true) =>
    (await api.get(`/api/v1/documents?folder_path=${encodeURIComponent(folder)}&recursive=${recursive}`)).json.documents as Record<string, any>[];
  const put = (query: string, body: RequestInit['body'], headers: Record<string, string> = {}) =>
    authedFetch(`${api.url}/api/v1/documents/content?${query}`, {
      method: 'PUT',
      headers: { 'x-baton-session': alice, ...headers },
      body,
      duplex: 'half',
    } as RequestInit);

  it('documents - a JSON upload returns the document and its first version', async () => {
    const reply = await upload({ folder_path: 'Amplifier/handoffs', file_name: '2026-01-20_handoff_api.md', content: '# Handoff: API\n' });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      success: true,
      document: { name: '2026-01-20_handoff_api.md', path: 'Amplifier/handoffs/2026-01-20_handoff_api.md', folder: 'Amplifier/handoffs', is_folder: false, size: 15, version: 1 },
      version: { version: 1, size: 15, author: 'alice', author_id: alice, content_type: 'text/markdown; charset=utf-8' },
    });
    expect(reply.json.document.id).toMatch(/^d-/);
    expect(reply.json.document.web_url).toMatch(new RegExp(`/d/${reply.json.document.id}$`));
    expect(reply.json.version.sha256).toBe(createHash('sha256').update('# Handoff: API\n').digest('hex'));
  });

  it('documents - text download works by id, by path and by web_url, and says when content follows', async () => {
    const { json } = await upload({ path: 'Amplifier/shared/pattern.md', content: 'abc'.repeat(100) });
    for (const ref of [json.document.id, json.document.path, json.document.web_url]) {
      const reply = await api.get(`/api/v1/documents/text?document_id=${encodeURIComponent(ref)}`);
      expect(reply.json).toMatchObject({ success: true, content: 'abc'.repeat(100), encoding: 'utf8', size: 300 });
    }
    const part = await api.get(`/api/v1/documents/text?document_id=${json.document.id}&max_chars=100`);
    expect(part.json).toMatchObject({ content: 'abc'.repeat(33) + 'a', truncated: true, next_offset: 100 });
    const rest = await api.get(`/api/v1/documents/text?document_id=${json.document.id}&offset=100&max_chars=1000`);
    expect(part.json.content + rest.json.content).toBe('abc'.repeat(100));
  });

  it('documents - binary uploaded as base64 comes back as the same bytes', async () => {
    const bytes = randomBytes(64);
    const { json } = await upload({ path: 'Amplifier/data/blob.bin', content: bytes.toString('base64'), encoding: 'base64' });
    expect(json.document.content_type).toBe('application/octet-stream');
    const text = await api.get(`/api/v1/documents/text?document_id=${json.document.id}`);
    expect(text.json.encoding).toBe('base64');
    expect(Buffer.from(text.json.content, 'base64')).toEqual(bytes);
    const raw = await authedFetch(`${api.url}/api/v1/documents/content?document_id=${json.document.id}`);
    expect(Buffer.from(await raw.arrayBuffer())).toEqual(bytes);
  });

  it('documents - every upload to a path adds a version, and any version downloads', async () => {
    const path = 'Amplifier/versions/notes.md';
    await upload({ path, content: 'one' });
    await upload({ path, content: 'two' }, bob);
    const versions = await api.get(`/api/v1/documents/versions?document_id=${encodeURIComponent(path)}`);
    expect(versions.json.versions.map((v: { version: number; author: string }) => [v.version, v.author])).toEqual([
      [1, 'alice'],
      [2, 'bob'],
    ]);
    const first = await authedFetch(`${api.url}/api/v1/documents/content?document_id=${encodeURIComponent(path)}&version=1`);
    expect(first.headers.get('x-baton-version')).toBe('1');
    expect(await first.text()).toBe('one');
    const viaLink = await authedFetch(`${api.url}/api/v1/documents/content?document_id=${encodeURIComponent(versions.json.versions[0].web_url)}`);
    expect(await viaLink.text()).toBe('one');
    expect(await (await authedFetch(`${api.url}/api/v1/documents/content?document_id=${encodeURIComponent(path)}`)).text()).toBe('two');
    expectRefusal(await api.get(`/api/v1/documents/content?document_id=${encodeURIComponent(path)}&version=9`), 404, 'not_found');
  });

  it('documents - if_match with a stale version is a 409 naming the current version and its author, and nothing changes', async () => {
    const path = 'Amplifier/contested/plan.md';
    await upload({ path, content: 'alice v1' });
    await upload({ path, content: 'bob v2', if_match: 1 }, bob);
    const stale = await upload({ path, content: 'alice overwrites', if_match: 1 });
    expectRefusal(stale, 409, 'conflict');
    expect(stale.json.error).toContain('version 2');
    expect(stale.json.error).toContain('bob');
    expect(stale.json.error).toContain(bob);
    const streamed = await put(`path=${encodeURIComponent(path)}&if_match=1`, 'alice again');
    expect(streamed.status).toBe(409);
    expect(await (await authedFetch(`${api.url}/api/v1/documents/content?document_id=${encodeURIComponent(path)}`)).text()).toBe('bob v2');
    expectRefusal(await upload({ path: 'Amplifier/contested/new.md', content: 'x', if_match: 3 }), 409, 'conflict');
    expect((await upload({ path: 'Amplifier/contested/new.md', content: 'x', if_match: 0 })).status).toBe(201);
  });

  it('documents - list shows one level with folders, or everything below recursively', async () => {
    await upload({ path: 'Listing/top.md', content: 't' });
    await upload({ path: 'Listing/sub/deep.md', content: 'd' });
    const shallow = await api.get('/api/v1/documents?folder_path=Listing');
    expect(shallow.json.folder).toBe('Listing');
    expect(shallow.json.documents.map((d: { path: string; is_folder: boolean }) => [d.path, d.is_folder])).toEqual([
      ['Listing/sub', true],
      ['Listing/top.md', false],
    ]);
    expect((await list('Listing')).map((d) => d.path).sort()).toEqual(['Listing/sub/deep.md', 'Listing/top.md']);
    expect((await api.get('/api/v1/documents')).json.folder).toBe('root');
  });

  it('documents - move, delete and restore', async () => {
    const { json } = await upload({ path: 'Amplifier/inbox/task.md', content: 'task' });
    const id = json.document.id as string;
    const moved = await api.post('/api/v1/documents/move', { document_id: id, to: 'Amplifier/in-progress/task.md' }, { session: bob });
    expect(moved.json).toMatchObject({ success: true, document: { id, path: 'Amplifier/in-progress/task.md' } });
    const deleted = await api.post('/api/v1/documents/delete', { document_id: 'Amplifier/in-progress/task.md' }, { session: bob });
    expect(deleted.json).toMatchObject({ success: true, deleted: id });
    expectRefusal(await api.get(`/api/v1/documents/text?document_id=${id}`), 404, 'not_found');
    expect((await list('Amplifier/in-progress')).map((d) => d.id)).not.toContain(id);
    const restored = await api.post('/api/v1/documents/restore', { document_id: id }, { session: alice });
    expect(restored.json).toMatchObject({ success: true, document: { id, path: 'Amplifier/in-progress/task.md' } });
    expect((await api.get(`/api/v1/documents/text?document_id=${id}`)).json.content).toBe('task');
  });

  it('documents - a 30 MB upload streams in and streams out with equal bytes and sha256', async () => {
    const chunks = Array.from({ length: 30 }, () => randomBytes(1024 * 1024));
    const sent = createHash('sha256');
    chunks.forEach((c) => sent.update(c));
    const expected = sent.digest('hex');
    let next = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (next < chunks.length) controller.enqueue(chunks[next++]!);
        else controller.close();
      },
    });
    const response = await put('path=Amplifier/artifacts/big.bin', body);
    const uploaded = (await response.json()) as Record<string, any>;
    expect(response.status).toBe(201);
    expect(uploaded.version).toMatchObject({ size: 30 * 1024 * 1024, sha256: expected });
    const download = await authedFetch(`${api.url}/api/v1/documents/content?document_id=${uploaded.document.id}`);
    expect(download.headers.get('content-length')).toBe(String(30 * 1024 * 1024));
    expect(download.headers.get('etag')).toBe(`"${expected}"`);
    const received = createHash('sha256');
    let size = 0;
    for await (const chunk of download.body as unknown as AsyncIterable<Uint8Array>) {
      received.update(chunk);
      size += chunk.length;
    }
    expect(size).toBe(30 * 1024 * 1024);
    expect(received.digest('hex')).toBe(expected);
  });

  it('documents - a PUT takes its type from the header or the name, and a query content_type wins', async () => {
    const named = (await (await put('path=Amplifier/put/readme.md', '# hi')).json()) as Record<string, any>;
    expect(named.document.content_type).toBe('text/markdown; charset=utf-8');
    const typed = (await (await put('path=Amplifier/put/data', '{}', { 'content-type': 'application/json' })).json()) as Record<string, any>;
    expect(typed.document.content_type).toBe('application/json');
    const query = (await (await put(`path=Amplifier/put/page&content_type=${encodeURIComponent('text/html')}`, '<p>')).json()) as Record<string, any>;
    expect(query.document.content_type).toBe('text/html');
    const plain = (await (await put('path=Amplifier/put/notes', 'plain words')).json()) as Record<string, any>;
    expect(plain.document.content_type).toBe('text/plain; charset=utf-8');
    const bytes = (await (await put('path=Amplifier/put/bytes', new Uint8Array([0, 1, 2]))).json()) as Record<string, any>;
    expect(bytes.document.content_type).toBe('application/octet-stream');
  });

  it('downloads - a byte range answers 206 with exactly those bytes', async () => {
    const { json } = await upload({ path: 'Amplifier/ranges/alphabet.txt', content: 'abcdefghijklmnopqrstuvwxyz' });
    const ranged = (range: string) => authedFetch(`${api.url}/api/v1/documents/content?document_id=${json.document.id}`, { headers: { range } });
    const middle = await ranged('bytes=2-5');
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe('bytes 2-5/26');
    expect(await middle.text()).toBe('cdef');
    expect(await (await ranged('bytes=20-')).text()).toBe('uvwxyz');
    expect(await (await ranged('bytes=-3')).text()).toBe('xyz');
    expect(await (await ranged('bytes=24-999')).text()).toBe('yz');
    const beyond = await ranged('bytes=26-30');
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */26');
    expect(await beyond.json()).toMatchObject({ success: false, code: 'invalid_input', field: 'range' });
    const ignored = await ranged('lines=1-2');
    expect(ignored.status).toBe(200);
    expect(await ignored.text()).toBe('abcdefghijklmnopqrstuvwxyz');
  });

  it('downloads - an unchanged document revalidates with 304 and HEAD sends headers only', async () => {
    const { json } = await upload({ path: 'Amplifier/ranges/etag.txt', content: 'same' });
    const url = `${api.url}/api/v1/documents/content?document_id=${json.document.id}`;
    const first = await authedFetch(url);
    await first.text();
    const again = await authedFetch(url, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    const head = await authedFetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('4');
    expect(await head.text()).toBe('');
  });

  it('downloads - raw bytes are an attachment under a sandboxing policy, never a page of the hub', async () => {
    const { json } = await upload({ path: 'Amplifier/evil/page.html', content: '<script>alert(document.cookie)</script>', content_type: 'text/html' });
    const raw = await authedFetch(`${api.url}/api/v1/documents/content?document_id=${json.document.id}`);
    expect(raw.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(raw.headers.get('content-security-policy')).toContain('sandbox');
    expect(raw.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('documents - a declared body over the size limit is refused with 413 before it is read', async () => {
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${api.url}/api/v1/documents/content?path=Amplifier/too/big.bin`, {
        method: 'PUT',
        headers: { ...authHeaders(api.url), 'x-baton-session': alice, 'content-length': String(200 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ success: false, code: 'too_large', field: 'content' });
    expect(await list('Amplifier/too')).toEqual([]);
  });

  it('documents - a JSON body over 8 MiB is refused with 413 and points to the streaming upload', async () => {
    const reply = await upload({ path: 'Amplifier/too/json.txt', content: 'z'.repeat(9 * 1024 * 1024) });
    expectRefusal(reply, 413, 'too_large', 'body');
    expect(reply.json.error).toContain('PUT /api/v1/documents/content');
    expect(await list('Amplifier/too')).toEqual([]);
  });

  it('documents - unsafe paths are refused, whatever their spelling, and nothing is stored', async () => {
    const before = await list();
    const bad: [Record<string, unknown>, string][] = [
      [{ path: '../../etc/passwd', content: 'x' }, 'path'],
      [{ path: '/etc/passwd', content: 'x' }, 'path'],
      [{ path: 'a/./b', content: 'x' }, 'path'],
      [{ path: 'a//b', content: 'x' }, 'path'],
      [{ path: 'a\\..\\b', content: 'x' }, 'path'],
      [{ path: 'a\u0000b', content: 'x' }, 'path'],
      [{ path: 'a\nb', content: 'x' }, 'path'],
      [{ path: 'p'.repeat(1025), content: 'x' }, 'path'],
      [{ folder_path: '../up', file_name: 'x.md', content: 'x' }, 'folder_path'],
      [{ folder_path: 'ok', file_name: '../x.md', content: 'x' }, 'file_name'],
      [{ content: 'x' }, 'file_name'],
      [{ path: 'ok.md' }, 'content'],
      [{ path: 'ok.md', content: 5 }, 'content'],
      [{ path: 'ok.md', content: '***', encoding: 'base64' }, 'content'],
      [{ path: 'ok.md', content: 'x', encoding: 'rot13' }, 'encoding'],
      [{ path: 'ok.md', content: 'x', content_type: 'text/html\r\nx-evil: 1' }, 'content_type'],
      [{ path: 'ok.md', content: 'x', if_match: -1 }, 'if_match'],
      [{ path: 'ok.md', content: 'x', if_match: 'one' }, 'if_match'],
    ];
    for (const [body, field] of bad) expectRefusal(await upload(body), 400, 'invalid_input', field);
    for (const query of ['path=..%2F..%2Fetc%2Fpasswd', 'path=%2e%2e/x', 'path=a%00b', 'path=%2Fetc', '']) {
      expect((await put(query, 'x')).status).toBe(400);
    }
    expect(await list()).toEqual(before);
  });

  it('documents - unsafe or unknown references are refused on every read route', async () => {
    for (const route of ['content', 'text', 'versions']) {
      const get = (ref: string) => api.get(`/api/v1/documents/${route}?document_id=${ref}`);
      expectRefusal(await get('../../etc/passwd'), 400, 'invalid_input', 'document_id');
      expectRefusal(await get('%2e%2e/%2e%2e/etc/passwd'), 400, 'invalid_input', 'document_id');
      expectRefusal(await get('..%2F..%2Fetc%2Fpasswd'), 400, 'invalid_input', 'document_id');
      expectRefusal(await get('a%00b'), 400, 'invalid_input', 'document_id');
      expectRefusal(await get('%2Fetc%2Fpasswd'), 400, 'invalid_input', 'document_id');
      expectRefusal(await get(encodeURIComponent('https://elsewhere.example/x/y')), 400, 'invalid_input', 'document_id');
      expectRefusal(await get('d-doesnotexist'), 404, 'not_found');
      expectRefusal(await get('Nowhere/none.md'), 404, 'not_found');
      expectRefusal(await api.get(`/api/v1/documents/${route}`), 400, 'invalid_input', 'document_id');
    }
    expectRefusal(await api.get('/api/v1/documents/text?document_id=Amplifier/shared/pattern.md&offset=-1'), 400, 'invalid_input', 'offset');
    expectRefusal(await api.get('/api/v1/documents/content?document_id=Amplifier/shared/pattern.md&version=0'), 400, 'invalid_input', 'version');
    expectRefusal(await api.get('/api/v1/documents?folder_path=..%2Fx'), 400, 'invalid_input', 'folder_path');
    expectRefusal(await api.get('/api/v1/documents?recursive=perhaps'), 400, 'invalid_input', 'recursive');
    expectRefusal(await api.get('/api/v1/documents?limit=0'), 400, 'invalid_input', 'limit');
  });

  it('documents - bad moves, deletes and restores name the field and change nothing', async () => {
    const { json } = await upload({ path: 'Amplifier/stay/here.md', content: 'h' });
    await upload({ path: 'Amplifier/stay/taken.md', content: 't' });
    const id = json.document.id as string;
    const move = (body: unknown) => api.post('/api/v1/documents/move', body, { session: bob });
    expectRefusal(await move({ document_id: id }), 400, 'invalid_input', 'to');
    expectRefusal(await move({ to: 'x.md' }), 400, 'invalid_input', 'document_id');
    expectRefusal(await move({ document_id: id, to: '../escape.md' }), 400, 'invalid_input', 'to');
    expectRefusal(await move({ document_id: id, to: '/abs.md' }), 400, 'invalid_input', 'to');
    expectRefusal(await move({ document_id: id, to: 'Amplifier/stay/taken.md' }), 409, 'conflict');
    expectRefusal(await move({ document_id: 'd-doesnotexist', to: 'x.md' }), 404, 'not_found');
    expectRefusal(await api.post('/api/v1/documents/delete', {}, { session: bob }), 400, 'invalid_input', 'document_id');
    expectRefusal(await api.post('/api/v1/documents/delete', { document_id: '../x' }, { session: bob }), 400, 'invalid_input', 'document_id');
    expectRefusal(await api.post('/api/v1/documents/delete', { document_id: 'd-doesnotexist' }, { session: bob }), 404, 'not_found');
    expectRefusal(await api.post('/api/v1/documents/restore', { document_id: 'd-doesnotexist' }, { session: bob }), 404, 'not_found');
    expectRefusal(await api.post('/api/v1/documents/restore', { document_id: 5 }, { session: bob }), 400, 'invalid_input', 'document_id');
    expect((await list('Amplifier/stay')).map((d) => d.path).sort()).toEqual(['Amplifier/stay/here.md', 'Amplifier/stay/taken.md']);
  });
});
