import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { startFuzzHub, inputCounter, type FuzzHub } from './support/fuzz-hub.js';
import { hostileFields, hostileString, hostileValue, nonBlockingTimeout } from './support/hostile-values.js';
import { expectWellFormed, headerSafe, pathSafe, send, wellFormed, type RawRequest } from './support/raw-http.js';
import { authHeaders } from '../support/hub-tokens.js';

/** Every request presents the hub's admin token, so the fuzz reaches the routes and not only the front door. */
const sendAuthed = (url: string, req: RawRequest) => send(url, { ...req, headers: { ...authHeaders(url), ...req.headers } });

const SEED = 20_261_124;
const RUNS = 110;
const counter = inputCounter('http fuzz');

/** Ids and names of items the seeding made, so some inputs hit real things. */
interface Known {
  agent: string;
  coordinator: string;
  ids: string[];
}

type RouteFuzz = [name: string, request: (known: Known) => fc.Arbitrary<RawRequest>];

const TASK_ACTIONS = ['claim', 'renew', 'release', 'complete', 'fail', 'cancel', 'reassign', 'ack', 'resolve'];
const CONTENT_TYPES = ['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/octet-stream', ''];
const MALFORMED_BODIES = ['{', '{"title": }', 'undefined', '', '\u0000', '[', '{"a":1}{"b":2}', '{"__proto__": {"polluted": true}}', '{"title": "\\ud800"}', '1'.repeat(400), '{"a":'.repeat(5000)];

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
const encode = (value: string): string => encodeURIComponent(wellFormed(value));

/** A path segment: a real id, or hostile text sent encoded or as written. */
function segment(known: Known): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...known.ids) },
    { weight: 3, arbitrary: hostileString(known.ids).map(encode) },
    { weight: 2, arbitrary: hostileString(known.ids).map(pathSafe) },
  );
}

/** A query string from hostile fields, each value encoded or sent as written, arrays as repeated keys. */
function query(known: Known, fields: readonly string[], fixed: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<string> {
  return fc.tuple(hostileFields(fields, known.ids, fixed), fc.boolean()).map(([values, raw]) => {
    const pairs = Object.entries(values).flatMap(([key, value]) => (Array.isArray(value) ? value.map((item) => [key, text(item)]) : [[key, text(value)]]));
    const part = raw ? pathSafe : encode;
    return pairs.length === 0 ? '' : `?${pairs.map(([key, value]) => `${part(key!)}=${part(value!)}`).join('&')}`;
  });
}

/** The session headers a caller might send: a real session, none, a forged one, or a hostile first contact. */
function sessionHeaders(known: Known): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant({ 'x-baton-session': known.agent }) },
    { weight: 2, arbitrary: fc.constant({ 'x-baton-session': known.coordinator }) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: hostileString(known.ids).map((id) => ({ 'x-baton-session': headerSafe(id) })) },
    {
      weight: 1,
      arbitrary: fc.tuple(hostileString(), hostileString(), hostileString()).map(([name, role, token]) => ({
        'x-baton-session-name': headerSafe(name),
        'x-baton-role': headerSafe(role),
        'x-baton-resume-token': headerSafe(token),
        'x-baton-client': headerSafe(token),
      })),
    },
  );
}

/** A body: hostile fields as JSON most of the time, else malformed JSON, a bare value, or bytes that are not UTF-8. */
function body(known: Known, fields: readonly string[]): fc.Arbitrary<string | Buffer> {
  return fc.oneof(
    { weight: 6, arbitrary: hostileFields(fields, known.ids).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_BODIES) },
    { weight: 1, arbitrary: hostileValue(known.ids).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from([0xff, 0xfe, ...bytes])) },
  );
}

function get(path: (known: Known) => fc.Arbitrary<string>, headers: (known: Known) => fc.Arbitrary<Record<string, string>> = sessionHeaders, method = 'GET') {
  return (known: Known) => fc.tuple(path(known), headers(known)).map(([p, h]): RawRequest => ({ method, path: p, headers: h }));
}

function write(method: string, path: (known: Known) => fc.Arbitrary<string>, fields: readonly string[]) {
  return (known: Known) =>
    fc.tuple(path(known), sessionHeaders(known), fc.constantFrom(...CONTENT_TYPES), body(known, fields)).map(
      ([p, h, type, b]): RawRequest => ({ method, path: p, headers: { ...h, ...(type ? { 'content-type': type } : {}) }, body: b }),
    );
}

const fixedPath = (path: string) => () => fc.constant(path);
const withQuery = (path: string, fields: readonly string[], fixed?: Record<string, fc.Arbitrary<unknown>>) => (known: Known) =>
  query(known, fields, fixed).map((q) => path + q);
const withSegment = (before: string, after = '', fields: readonly string[] = []) => (known: Known) =>
  fc.tuple(segment(known), query(known, fields)).map(([s, q]) => `${before}${s}${after}${q}`);

const RANGES = ['bytes=0-1', 'bytes=-5', 'bytes=5-', 'bytes=99999-', 'bytes=a-b', 'bytes=1-0', 'bytes=0-1,2-3', 'items=0-1', 'bytes=-0', 'bytes=--1', 'bytes=9007199254740993-'];
const rangeHeaders = (known: Known) =>
  fc.tuple(sessionHeaders(known), fc.option(fc.oneof(fc.constantFrom(...RANGES), hostileString().map(headerSafe))), fc.option(hostileString().map(headerSafe))).map(([h, range, etag]) => ({
    ...h,
    ...(range !== null ? { range } : {}),
    ...(etag !== null ? { 'if-none-match': etag } : {}),
  }));

const ROUTES: RouteFuzz[] = [
  ['GET /healthz', get(withQuery('/healthz', ['a']))],
  ['POST /api/v1/sessions', write('POST', fixedPath('/api/v1/sessions'), ['name', 'role', 'client', 'kind', 'resume_token'])],
  ['GET /api/v1/whoami', get(fixedPath('/api/v1/whoami'))],
  ['GET /api/v1/sessions', get(withQuery('/api/v1/sessions', ['limit']))],
  ['GET /api/v1/sessions/{id}', get(withSegment('/api/v1/sessions/'))],
  ['GET /api/v1/status', get(fixedPath('/api/v1/status'))],
  ['GET /api/v1/channels', get(fixedPath('/api/v1/channels'))],
  ['POST /api/v1/channels', write('POST', fixedPath('/api/v1/channels'), ['name', 'description'])],
  ['POST /api/v1/channels/{channel}/messages', write('POST', withSegment('/api/v1/channels/', '/messages'), ['title', 'body', 'message', 'reply_to'])],
  ['GET /api/v1/channels/{channel}/messages', get(withSegment('/api/v1/channels/', '/messages', ['limit', 'since', 'unread', 'thread', 'max_chars', 'status']))],
  ['GET /api/v1/messages/{id}', get(withSegment('/api/v1/messages/'))],
  ['GET /api/v1/wait', get(withQuery('/api/v1/wait', ['channels', 'channel', 'since', 'title', 'limit', 'max_chars'], { timeout: nonBlockingTimeout }))],
  ['POST /api/v1/documents', write('POST', fixedPath('/api/v1/documents'), ['path', 'folder_path', 'file_name', 'content', 'encoding', 'content_type', 'if_match'])],
  ['PUT /api/v1/documents/content', write('PUT', withQuery('/api/v1/documents/content', ['path', 'folder_path', 'file_name', 'if_match', 'content_type']), ['x'])],
  ['GET /api/v1/documents/content', get(withQuery('/api/v1/documents/content', ['document_id', 'version']), rangeHeaders)],
  ['HEAD /api/v1/documents/content', get(withQuery('/api/v1/documents/content', ['document_id', 'version']), rangeHeaders, 'HEAD')],
  ['GET /api/v1/documents/text', get(withQuery('/api/v1/documents/text', ['document_id', 'version', 'offset', 'max_chars']))],
  ['GET /api/v1/documents/versions', get(withQuery('/api/v1/documents/versions', ['document_id']))],
  ['GET /api/v1/documents', get(withQuery('/api/v1/documents', ['folder_path', 'recursive', 'limit']))],
  ['POST /api/v1/documents/move', write('POST', fixedPath('/api/v1/documents/move'), ['document_id', 'to'])],
  ['POST /api/v1/documents/delete', write('POST', fixedPath('/api/v1/documents/delete'), ['document_id'])],
  ['POST /api/v1/documents/restore', write('POST', fixedPath('/api/v1/documents/restore'), ['document_id'])],
  ['GET /api/v1/tasks', get(withQuery('/api/v1/tasks', ['state', 'kind', 'label', 'mine', 'channel', 'limit']))],
  ['GET /api/v1/tasks/{id}', get(withSegment('/api/v1/tasks/'))],
  ['POST /api/v1/tasks', write('POST', fixedPath('/api/v1/tasks'), ['task', 'kind', 'context', 'scope', 'next_steps', 'priority', 'labels', 'severity', 'channel', 'assignee'])],
  [
    'POST /api/v1/tasks/{id}/{action}',
    write(
      'POST',
      (known) => fc.tuple(segment(known), fc.oneof(fc.constantFrom(...TASK_ACTIONS), hostileString().map(encode))).map(([id, action]) => `/api/v1/tasks/${id}/${action}`),
      ['lease_seconds', 'claim', 'reason', 'result', 'links', 'next', 'to'],
    ),
  ],
  ['GET / (web)', get(withQuery('/', ['x']))],
  ['GET /c/{channel} (web)', get(withSegment('/c/', '', ['since']))],
  ['GET /m/{id} (web)', get(withSegment('/m/'))],
  ['GET /docs (web)', get(withQuery('/docs', ['folder']))],
  ['GET /d/{id} (web)', get(withSegment('/d/', '', ['v']))],
  ['GET /d/{id}/raw (web)', get(withSegment('/d/', '/raw', ['v']), rangeHeaders)],
  [
    'any method on any path',
    (known) =>
      fc
        .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), fc.constantFrom('/', '/api/v1/', '/api/v1/documents/', '/w/', '/d/', '/api/'), segment(known), sessionHeaders(known))
        .map(([method, prefix, rest, headers]): RawRequest => ({ method, path: prefix + rest, headers })),
  ],
];

describe('http fuzzing', () => {
  let fuzz: FuzzHub;
  let known: Known;

  beforeAll(async () => {
    fuzz = await startFuzzHub();
    known = await seed(fuzz.hub.url);
  });

  for (const [name, request] of ROUTES) {
    it(`${name} answers hostile input with no 5xx, a JSON refusal, and nothing stored when it refuses`, async () => {
      await fc.assert(
        fc.asyncProperty(request(known), async (req) => {
          const before = fuzz.counts();
          const reply = await sendAuthed(fuzz.hub.url, req);
          const label = `${req.method} ${req.path.slice(0, 200)}`;
          expectWellFormed(reply, label, req.method);
          if (reply.status >= 400) expect(fuzz.counts(), `${label} refused but stored`).toEqual(before);
        }),
        { seed: SEED, numRuns: RUNS },
      );
      counter.add(RUNS);
      await fuzz.expectAlive();
    });
  }

  it('POST /mcp answers garbage JSON-RPC with no 5xx and keeps the hub alive', async () => {
    const rpc = fc.record({ jsonrpc: fc.constantFrom('2.0', '1.0'), id: hostileValue(), method: fc.oneof(fc.constantFrom('initialize', 'tools/call', 'tools/list', 'ping'), hostileString()), params: hostileValue() });
    const bodies = fc.oneof(rpc.map((value) => JSON.stringify(value)), fc.constantFrom(...MALFORMED_BODIES), fc.array(rpc, { maxLength: 3 }).map((value) => JSON.stringify(value)));
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom(...CONTENT_TYPES), async (payload, type) => {
        const reply = await sendAuthed(fuzz.hub.url, { method: 'POST', path: '/mcp', headers: { accept: 'application/json, text/event-stream', 'content-type': type }, body: payload });
        expect(reply.status, reply.text.slice(0, 300)).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    counter.add(RUNS);
    await fuzz.expectAlive();
  });

  it('regression - a backslash in the path is a JSON 400, not an empty one', async () => {
    const reply = await sendAuthed(fuzz.hub.url, { method: 'GET', path: '/api/v1/messages/\\', headers: {} });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({ success: false, code: 'invalid_input' });
  });

  it('regression - a HEAD with oversized headers gets a 431 without a body', async () => {
    const reply = await sendAuthed(fuzz.hub.url, { method: 'HEAD', path: '/api/v1/documents/content', headers: { 'x-baton-resume-token': 'a'.repeat(100_000) } });
    expect(reply.status).toBe(431);
    expect(reply.text).toBe('');
  });

  it('leaves every file outside the data dir untouched and the data dir holding only the hub files', () => {
    fuzz.expectFilesystemIntact();
  });
});

/** A session of each role, a handoff, an alert, a reply and a document, found again by their ids. */
async function seed(url: string): Promise<Known> {
  const json = async (method: string, path: string, body: unknown, session?: string) => {
    const reply = await sendAuthed(url, { method, path, headers: { 'content-type': 'application/json', ...(session ? { 'x-baton-session': session } : {}) }, body: JSON.stringify(body) });
    if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${reply.text}`);
    return JSON.parse(reply.text) as Record<string, any>;
  };
  const agent = (await json('POST', '/api/v1/sessions', { name: 'fuzz-agent' })).session.id as string;
  const coordinator = (await json('POST', '/api/v1/sessions', { name: 'fuzz-coordinator', role: 'coordinator' })).session.id as string;
  const handoff = (await json('POST', '/api/v1/tasks', { task: 'fuzz handoff' }, agent)).task.id as string;
  const alert = (await json('POST', '/api/v1/tasks', { task: 'fuzz alert', kind: 'alert' }, agent)).task.id as string;
  const reply = (await json('POST', '/api/v1/channels/general/messages', { title: 'seed', body: 'seed' }, agent)).message.id as string;
  const doc = (await json('POST', '/api/v1/documents', { path: 'fuzz/seed.md', content: '# seed' }, agent)).document as Record<string, string>;
  return { agent, coordinator, ids: [agent, coordinator, handoff, alert, reply, doc.id!, doc.path!, doc.web_url!, 'general', 'alerts', 'handoffs', '0', 'open'] };
}
