import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORKSPACE } from '../../src/domain/workspaces.js';
import { workspaceSchema } from '../../src/store/postgres/pg-migrations.js';
import { tablesOf } from '../../src/store/postgres/pg-store.js';
import { Api, expectRefusal, type Reply } from '../http/http-client.js';
import { authHeaders } from '../support/hub-tokens.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { onPostgres, queryHubDatabase } from '../support/store-choice.js';

const MAX_BODY = 4096;
const MAX_MESSAGE = 256;
const MAX_DOCUMENT = 1000;

/** Every file under the blob store (what an upload left on disk), or every blob row on PostgreSQL. */
async function blobFiles(hub: HubProcess): Promise<string[]> {
  if (onPostgres) {
    const blobs = tablesOf(workspaceSchema(DEFAULT_WORKSPACE))('blobs');
    return (await queryHubDatabase<{ sha256: string }>(hub.dataDir, `SELECT sha256 FROM ${blobs}`)).map((b) => b.sha256);
  }
  const root = join(hub.dataDir, 'blobs');
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A request body whose length is not declared: the hub can only count it as it arrives. */
async function sendChunked(hub: HubProcess, method: string, path: string, session: string, chunks: Uint8Array[], contentType: string): Promise<Reply> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const response = await fetch(`${hub.url}${path}`, {
    method,
    headers: { ...authHeaders(hub.url), 'x-baton-session': session, 'content-type': contentType },
    body,
    duplex: 'half',
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: JSON.parse(text) as Record<string, any>, text };
}

/** A streamed document upload of these chunks. */
const putChunked = (hub: HubProcess, session: string, path: string, chunks: Uint8Array[]): Promise<Reply> =>
  sendChunked(hub, 'PUT', `/api/v1/documents/content?path=${encodeURIComponent(path)}`, session, chunks, 'application/octet-stream');

describe('serve limits: --max-body, --max-message, --max-document, --max-waits', () => {
  let hub: HubProcess;
  let api: Api;
  let writer: string;
  beforeAll(async () => {
    hub = await startHubProcess({
      args: ['--max-body', String(MAX_BODY), '--max-message', String(MAX_MESSAGE), '--max-document', String(MAX_DOCUMENT), '--max-waits', '2'],
    });
    api = new Api(hub.url);
    writer = await api.session('writer');
  });

  const titles = async (channel: string): Promise<string[]> =>
    (await api.get(`/api/v1/channels/${channel}/messages?limit=50`, { session: writer })).json.messages.map((m: { title: string }) => m.title);

  it('--max-message - a body over it is refused with 413 naming the field, and nothing is posted', async () => {
    const over = await api.post('/api/v1/channels/general/messages', { title: 'too long', body: 'x'.repeat(MAX_MESSAGE + 1) }, { session: writer });
    expectRefusal(over, 413, 'too_large', 'message');
    expect(over.json.error).toContain(`over the ${MAX_MESSAGE}-byte limit`);
    const at = await api.post('/api/v1/channels/general/messages', { title: 'just fits', body: 'x'.repeat(MAX_MESSAGE) }, { session: writer });
    expect(at.status, at.text).toBe(201);
    expect(await titles('general')).toContain('just fits');
    expect(await titles('general')).not.toContain('too long');
  });

  it('--max-body - a JSON body over it is refused with 413 before it is read', async () => {
    const padding = 'y'.repeat(MAX_BODY);
    const over = await api.post('/api/v1/channels/general/messages', { title: 'padded', context: padding }, { session: writer });
    expectRefusal(over, 413, 'too_large', 'body');
    expect(over.json.error).toContain(`over ${MAX_BODY} bytes`);
    expect(await titles('general')).not.toContain('padded');
  });

  it('--max-body - a chunked JSON body is counted as it arrives and refused once over it', async () => {
    const json = new TextEncoder().encode(JSON.stringify({ title: 'chunked padding', context: 'y'.repeat(MAX_BODY) }));
    const over = await sendChunked(hub, 'POST', '/api/v1/channels/general/messages', writer, [json.subarray(0, 2000), json.subarray(2000)], 'application/json');
    expectRefusal(over, 413, 'too_large', 'body');
    expect(await titles('general')).not.toContain('chunked padding');
  });

  it('--max-document - an upload over it is refused with 413 and leaves nothing in the blob store', async () => {
    const declared = await api.call('PUT', `/api/v1/documents/content?path=big/declared.bin`, {
      session: writer,
      body: 'z'.repeat(MAX_DOCUMENT + 1),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expectRefusal(declared, 413, 'too_large', 'content');
    const half = new Uint8Array(MAX_DOCUMENT / 2 + 1).fill(0x61);
    const streamed = await putChunked(hub, writer, 'big/streamed.bin', [half, half]);
    expectRefusal(streamed, 413, 'too_large', 'content');
    const json = await api.post('/api/v1/documents', { path: 'big/json.txt', content: 'j'.repeat(MAX_DOCUMENT + 1) }, { session: writer });
    expectRefusal(json, 413, 'too_large', 'content');
    expect(await blobFiles(hub)).toEqual([]);
    expect((await api.get('/api/v1/documents?folder_path=big')).json.documents).toEqual([]);

    const fits = await putChunked(hub, writer, 'big/fits.bin', [half.subarray(0, MAX_DOCUMENT / 2), half.subarray(0, MAX_DOCUMENT / 2)]);
    expect(fits.status, fits.text).toBe(201);
    expect(fits.json.document.size).toBe(MAX_DOCUMENT);
    expect(await blobFiles(hub), 'the one that fits is stored').toHaveLength(1);
  });

  it('--max-waits 2 - a third wait of one session is refused with 429; other sessions still wait', async () => {
    const channel = 'waits';
    expect((await api.post('/api/v1/channels', { name: channel }, { session: writer })).status).toBe(201);
    const waiter = await api.session('waiter');
    const wait = (session: string, timeout: number, since = '') => api.get(`/api/v1/wait?channels=${channel}&timeout=${timeout}${since && `&since=${since}`}`, { session });
    // From the channel's start, not the session's unread cursor: the health count includes a wait still
    // reading its cursor, and the first one answered moves that cursor past the message for the second.
    const held = [wait(waiter, 120, '0'), wait(waiter, 120, '0')];
    await waitingCount(hub, 2);

    const third = await wait(waiter, 120);
    expectRefusal(third, 429, 'rate_limited');
    expect(third.json.error).toContain('already has 2 waits open');

    const other = await wait(writer, 0);
    expect(other.status, other.text).toBe(200);
    expect(other.json.timed_out).toBe(true);

    await api.postMessage(writer, channel, 'wake up');
    for (const reply of await Promise.all(held)) {
      expect(reply.status, reply.text).toBe(200);
      expect(reply.json.messages.map((m: { title: string }) => m.title)).toEqual(['wake up']);
    }
    const again = await wait(waiter, 0);
    expect(again.status, 'its waits are its own again once answered').toBe(200);
  });
});

/** Until the hub reports this many pending waits (it has no event to wait for from outside). */
async function waitingCount(hub: HubProcess, count: number): Promise<void> {
  while ((await new Api(hub.url).get('/healthz')).json.waiting < count) await new Promise((resolve) => setImmediate(resolve));
}
