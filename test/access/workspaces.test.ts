import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { okJson, personAt, runCli, type CliEnv } from '../cli/cli-process.js';
import { send as sendRaw } from '../fuzz/support/raw-http.js';
import { expectRefusal } from '../http/http-client.js';
import type { HubProcess } from '../support/hub-process.js';
import { workspaceDataExists } from '../support/store-choice.js';
import {
  adminOf,
  createWorkspace,
  expectStatus,
  INITIALIZE,
  makeToken,
  MCP_ACCEPT,
  prefixOf,
  registerSession,
  send,
  startAccessHub,
  type Reply,
  type Token,
} from './support.js';

/** Requests into one workspace with one token, acting as one session. */
class Client {
  constructor(
    readonly workspace: string,
    readonly token: string,
    readonly session?: string,
  ) {}

  send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const acting: Record<string, string> = this.session ? { 'x-baton-session': this.session } : {};
    return send(hub.url, { method, path: prefixOf(this.workspace) + path, token: this.token, body, headers: { ...acting, ...headers } });
  }

  async ok(method: string, path: string, body?: unknown, status = 200): Promise<Record<string, any>> {
    const reply = await this.send(method, path, body);
    expect(reply.status, `${method} ${prefixOf(this.workspace)}${path}: ${reply.text.slice(0, 300)}`).toBe(status);
    return reply.json;
  }

  get = (path: string) => this.ok('GET', path);
}

/** What workspace A holds, made before B is looked at. */
interface Seeded {
  channel: string;
  message: Record<string, any>;
  document: Record<string, any>;
  task: Record<string, any>;
  session: string;
}

const DEFAULT_CHANNELS = ['alerts', 'general', 'handoffs'];
const PLAN = 'shared/plan.md';

let hub: HubProcess;
let admin: string;
let tokenA: Token;
let tokenB: Token;
let a: Client;
let b: Client;
let seeded: Seeded;

const names = (list: { name: string }[]) => list.map((item) => item.name).sort();
const hasData = (workspace: string) => workspaceDataExists(hub.dataDir, workspace);

async function seedA(): Promise<Seeded> {
  const adminInA = new Client('ws-a', admin, await registerSession(hub.url, admin, 'admin-in-a', 'ws-a'));
  await adminInA.ok('POST', '/api/v1/channels', { name: 'secret-a', description: 'only in A' }, 201);
  const message = (await a.ok('POST', '/api/v1/channels/general/messages', { title: 'only in A', body: 'A says hello' }, 201)).message;
  await a.ok('POST', '/api/v1/channels/secret-a/messages', { title: 'secret of A' }, 201);
  const document = (await a.ok('POST', '/api/v1/documents', { folder_path: 'shared', file_name: 'plan.md', content: 'bytes of A' }, 201)).document;
  const task = (await a.ok('POST', '/api/v1/tasks', { task: 'task of A' }, 201)).task;
  return { channel: 'secret-a', message, document, task, session: a.session! };
}

beforeAll(async () => {
  hub = await startAccessHub();
  admin = adminOf(hub.url);
  await createWorkspace(hub.url, 'ws-a');
  await createWorkspace(hub.url, 'ws-b');
  tokenA = await makeToken(hub.url, 'agent', { workspace: 'ws-a', name: 'agent-a' });
  tokenB = await makeToken(hub.url, 'agent', { workspace: 'ws-b', name: 'agent-b' });
  a = new Client('ws-a', tokenA.secret, await registerSession(hub.url, tokenA.secret, 'session-of-a', 'ws-a'));
  b = new Client('ws-b', tokenB.secret, await registerSession(hub.url, tokenB.secret, 'session-of-b', 'ws-b'));
  seeded = await seedA();
});

// B has made nothing yet when these run: an id of A that B answered would be A's own.
describe('isolation: what is in workspace A cannot be seen from B', () => {
  it('channels and posts - not by list, by name, by id, nor by web_url', async () => {
    expect(names((await b.get('/api/v1/channels')).channels)).toEqual(DEFAULT_CHANNELS);
    expectRefusal(await b.send('GET', `/api/v1/channels/${seeded.channel}/messages`), 404, 'not_found');
    expect((await b.get('/api/v1/channels/general/messages')).messages).toEqual([]);
    expectRefusal(await b.send('GET', `/api/v1/messages/${seeded.message.id}`), 404, 'not_found');
    expect(seeded.message.web_url).toContain('/w/ws-a/m/');
    expect((await send(hub.url, { method: 'GET', path: new URL(seeded.message.web_url).pathname, token: tokenB.secret })).status).toBe(403);
    const page = await b.send('GET', `/m/${seeded.message.id}`);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('only in A');
  });

  it('documents - not by list, by id, by path, nor by web_url', async () => {
    expect((await b.get('/api/v1/documents?recursive=true')).documents).toEqual([]);
    for (const ref of [seeded.document.id, PLAN, seeded.document.web_url]) {
      const reply = await b.send('GET', `/api/v1/documents/text?document_id=${encodeURIComponent(ref)}`);
      expectRefusal(reply, 404, 'not_found');
      expect(reply.text).not.toContain('bytes of A');
    }
    expect((await b.send('GET', `/d/${seeded.document.id}/raw`)).status).toBe(404);
    expect((await send(hub.url, { method: 'GET', path: new URL(seeded.document.web_url).pathname, token: tokenB.secret })).status).toBe(403);
  });

  it('tasks - not by list nor by id, and an action on its id does nothing in A', async () => {
    expect((await b.get('/api/v1/tasks')).tasks).toEqual([]);
    expectRefusal(await b.send('GET', `/api/v1/tasks/${seeded.task.id}`), 404, 'not_found');
    expectRefusal(await b.send('POST', `/api/v1/tasks/${seeded.task.id}/claim`, {}), 404, 'not_found');
    expect((await a.get(`/api/v1/tasks/${seeded.task.id}`)).task).toMatchObject({ state: 'open', holder_id: null });
  });

  it('sessions - not by list nor by id', async () => {
    const listed = (await b.get('/api/v1/sessions')).sessions as { id: string; name: string }[];
    expect(listed.map((s) => s.name)).not.toContain('session-of-a');
    expect(listed.map((s) => s.id)).not.toContain(seeded.session);
    expectRefusal(await b.send('GET', `/api/v1/sessions/${seeded.session}`), 404, 'not_found');
  });

  it("a session id of A is refused in B, even with the admin's token, over HTTP and MCP", async () => {
    const asA = new Client('ws-b', admin, seeded.session);
    expectRefusal(await asA.send('GET', '/api/v1/whoami'), 401, 'unauthenticated');
    expectRefusal(await asA.send('POST', '/api/v1/channels/general/messages', { title: 'posted as A in B' }), 401, 'unauthenticated');
    expect((await b.get('/api/v1/channels/general/messages')).messages).toEqual([]);
    const mcp = await send(hub.url, { method: 'POST', path: '/w/ws-b/mcp', token: admin, body: INITIALIZE, headers: { ...MCP_ACCEPT, 'x-baton-session': seeded.session } });
    expect(mcp.status, mcp.text.slice(0, 200)).toBe(401);
    expect(mcp.headers.get('mcp-session-id')).toBeNull();
  });
});

describe('isolation: a path dressed up as another workspace', () => {
  // Sent byte for byte (fetch would normalise them): escapes, dot segments and slashes inside the name.
  const DISGUISED_A = [
    '/w/%77s-a/api/v1/channels',
    '/%77/ws-a/api/v1/channels',
    '/w/ws-b/../ws-a/api/v1/channels',
    '/w/ws-b/..%2fws-a/api/v1/channels',
    '/w/ws-b%2f..%2fws-a/api/v1/channels',
    '/w/ws-b/%2e%2e/ws-a/api/v1/channels',
  ];
  const raw = (path: string, token: string) => sendRaw(hub.url, { method: 'GET', path, headers: { authorization: `Bearer ${token}` } });

  it("never shows B's token what A holds: it is refused, or finds no route", async () => {
    for (const path of DISGUISED_A) {
      const reply = await raw(path, tokenB.secret);
      expect([403, 404], `${path}: ${reply.status} ${reply.text.slice(0, 200)}`).toContain(reply.status);
      expect(reply.text).not.toContain(seeded.channel);
    }
  });

  it("the escapes that do name A are A's for A's token: the gate and the data agree on the workspace", async () => {
    for (const path of DISGUISED_A.slice(0, 2)) {
      const reply = await raw(path, tokenA.secret);
      expect(reply.status, `${path}: ${reply.text.slice(0, 200)}`).toBe(200);
      expect(reply.text).toContain(seeded.channel);
    }
  });
});

describe('isolation: the two workspaces side by side', () => {
  it('the same document path holds different bytes in A and B', async () => {
    const inB = (await b.ok('POST', '/api/v1/documents', { folder_path: 'shared', file_name: 'plan.md', content: 'bytes of B' }, 201)).document;
    expect(inB.id).not.toBe(seeded.document.id);
    expect(inB.version).toBe(1);
    const text = async (client: Client) => (await client.get(`/api/v1/documents/text?document_id=${encodeURIComponent(PLAN)}`)).content;
    expect(await text(a)).toBe('bytes of A');
    expect(await text(b)).toBe('bytes of B');
    const raw = await a.send('GET', `/api/v1/documents/content?document_id=${encodeURIComponent(PLAN)}`);
    expect(raw.text).toBe('bytes of A');
    expect((await a.get(`/api/v1/documents/versions?document_id=${encodeURIComponent(PLAN)}`)).versions).toHaveLength(1);
  });

  it("a wait in A is not answered by a post in B; each workspace's wait gets only its own post", async () => {
    const cursor = async (client: Client) => (await client.get('/api/v1/channels/general/messages?limit=100')).next_cursor as string;
    const waitIn = async (client: Client) => client.get(`/api/v1/wait?channels=general&since=${await cursor(client)}&timeout=60`);
    const waitA = waitIn(a);
    const waitB = waitIn(b);
    await untilWaiting(2);
    const postB = (await b.ok('POST', '/api/v1/channels/general/messages', { title: 'B posts' }, 201)).message;
    expect((await waitB).messages.map((m: { id: string; title: string }) => m.title)).toEqual(['B posts']);
    const postA = (await a.ok('POST', '/api/v1/channels/general/messages', { title: 'A posts' }, 201)).message;
    const woken = (await waitA).messages as { id: string; title: string }[];
    expect(woken.map((m) => m.title)).toEqual(['A posts']);
    expect(woken.map((m) => m.id)).toEqual([postA.id]);
    expect(postB.web_url).toContain('/w/ws-b/');
  });
});

/** Resolves once the hub reports at least `count` pending waits: the waiters are asleep. */
async function untilWaiting(count: number): Promise<void> {
  while ((await expectStatus(hub.url, { method: 'GET', path: '/healthz' }, 200)).waiting < count) await new Promise((resolve) => setImmediate(resolve));
}

describe('workspaces: listing, creating, refusing', () => {
  it('GET /api/v1/workspaces shows an admin every workspace and a scoped token only its own', async () => {
    const list = async (token: string) => names((await expectStatus(hub.url, { method: 'GET', path: '/api/v1/workspaces', token }, 200)).workspaces);
    expect(await list(admin)).toEqual(expect.arrayContaining(['default', 'ws-a', 'ws-b']));
    expect(await list(tokenA.secret)).toEqual(['ws-a']);
    expect(await list(tokenB.secret)).toEqual(['ws-b']);
    expect(await list((await makeToken(hub.url, 'viewer')).secret)).toEqual(['default']);
  });

  it('a new workspace starts with general, alerts and handoffs, and nothing else', async () => {
    await createWorkspace(hub.url, 'fresh');
    const fresh = new Client('fresh', admin, await registerSession(hub.url, admin, 'looking-around', 'fresh'));
    expect(names((await fresh.get('/api/v1/channels')).channels)).toEqual(DEFAULT_CHANNELS);
    expect((await fresh.get('/api/v1/channels/general/messages')).messages).toEqual([]);
    expect((await fresh.get('/api/v1/documents?recursive=true')).documents).toEqual([]);
    expect((await fresh.get('/api/v1/tasks')).tasks).toEqual([]);
  });

  it('invalid names are refused with 400 naming `name`, and nothing is made', async () => {
    const before = await expectStatus(hub.url, { method: 'GET', path: '/api/v1/workspaces', token: admin }, 200);
    for (const name of ['../x', 'A', '', 'a'.repeat(41), '%2e%2e', 'with space', '.hidden']) {
      const reply = await send(hub.url, { method: 'POST', path: '/api/v1/workspaces', token: admin, body: { name } });
      expectRefusal(reply, 400, 'invalid_input', 'name');
    }
    expect(await expectStatus(hub.url, { method: 'GET', path: '/api/v1/workspaces', token: admin }, 200)).toEqual(before);
    expect(existsSync(join(hub.dataDir, 'x'))).toBe(false);
  });

  it('a duplicate name is refused with 409, default included', async () => {
    for (const name of ['ws-a', 'default']) {
      expectRefusal(await send(hub.url, { method: 'POST', path: '/api/v1/workspaces', token: admin, body: { name } }), 409, 'conflict');
    }
  });

  it('default cannot be deleted, and still serves after the attempt', async () => {
    expectRefusal(await send(hub.url, { method: 'DELETE', path: '/api/v1/workspaces/default', token: admin }), 400, 'invalid_input', 'name');
    expect(names((await new Client('default', admin).get('/api/v1/channels')).channels)).toEqual(expect.arrayContaining(DEFAULT_CHANNELS));
  });
});

describe('workspaces: deleting', () => {
  it('removes its data, revokes its tokens for good, and a new one of the same name starts empty', async () => {
    await createWorkspace(hub.url, 'doomed');
    const token = await makeToken(hub.url, 'agent', { workspace: 'doomed', name: 'agent-doomed' });
    const doomed = new Client('doomed', token.secret, await registerSession(hub.url, token.secret, 'doomed-session', 'doomed'));
    await doomed.ok('POST', '/api/v1/channels/general/messages', { title: 'before the end' }, 201);
    await doomed.ok('POST', '/api/v1/documents', { file_name: 'last.md', content: 'last words' }, 201);
    expect(await hasData('doomed')).toBe(true);

    expect(await expectStatus(hub.url, { method: 'DELETE', path: '/api/v1/workspaces/doomed', token: admin }, 200)).toMatchObject({ success: true, deleted: 'doomed' });
    expect(await hasData('doomed')).toBe(false);
    expectRefusal(await doomed.send('GET', '/api/v1/channels'), 401, 'unauthenticated');
    const tokens = (await expectStatus(hub.url, { method: 'GET', path: '/api/v1/tokens?all=true', token: admin }, 200)).tokens as { id: string; state: string }[];
    expect(tokens.find((t) => t.id === token.id)?.state).toBe('revoked');
    expectRefusal(await new Client('doomed', admin).send('GET', '/api/v1/channels'), 404, 'not_found');

    await createWorkspace(hub.url, 'doomed');
    const looking = new Client('doomed', admin);
    expect((await looking.get('/api/v1/sessions')).sessions).toEqual([]);
    const reborn = new Client('doomed', admin, await registerSession(hub.url, admin, 'looking-around', 'doomed'));
    expect(names((await reborn.get('/api/v1/channels')).channels)).toEqual(DEFAULT_CHANNELS);
    expect((await reborn.get('/api/v1/channels/general/messages')).messages).toEqual([]);
    expect((await reborn.get('/api/v1/documents?recursive=true')).documents).toEqual([]);
    expectRefusal(await doomed.send('GET', '/api/v1/channels'), 401, 'unauthenticated');
  });
});

describe('workspaces from the command line', () => {
  let person: CliEnv;
  beforeAll(() => {
    person = personAt(hub.url, { BATON_NAME: 'carol', BATON_TOKEN: admin });
  });

  const listed = async (env: CliEnv) => names((await okJson(['workspace', 'list'], env)).workspaces);

  it('baton workspace create, list and delete', async () => {
    expect((await okJson(['workspace', 'create', 'cli-ws'], person)).workspace).toMatchObject({ name: 'cli-ws', trust: 'fenced' });
    expect(await listed(person)).toContain('cli-ws');
    expect(await okJson(['workspace', 'delete', 'cli-ws'], person)).toMatchObject({ deleted: 'cli-ws' });
    expect(await listed(person)).not.toContain('cli-ws');
    expect(await hasData('cli-ws')).toBe(false);
  });

  it('baton workspace list with a scoped token shows only its workspace', async () => {
    expect(await listed({ ...person, BATON_TOKEN: tokenA.secret })).toEqual(['ws-a']);
  });

  it('baton post and read with -w (or BATON_WORKSPACE) stay in that workspace', async () => {
    const posted = await okJson(['post', '-w', 'ws-b', 'general', 'from the command line'], person);
    expect(posted.message.web_url).toContain('/w/ws-b/');
    const titles = async (env: CliEnv, args: string[]) => ((await okJson(['read', ...args, 'general'], env)).messages as { title: string }[]).map((m) => m.title);
    expect(await titles(person, ['-w', 'ws-b'])).toContain('from the command line');
    expect(await titles({ ...person, BATON_WORKSPACE: 'ws-b' }, [])).toContain('from the command line');
    expect(await titles(person, ['-w', 'ws-a'])).not.toContain('from the command line');
    expect(await titles(person, [])).not.toContain('from the command line');
    const before = await okJson(['-w', 'ws-b', 'post', 'general', 'workspace before the command'], person);
    expect(before.message.web_url).toContain('/w/ws-b/');
    const ownFlagWins = await okJson(['-w', 'ws-a', 'read', '-w', 'ws-b', 'general'], person);
    expect((ownFlagWins.messages as { title: string }[]).map((m) => m.title)).toContain('workspace before the command');
  });

  it("a token of one workspace cannot post into another from the command line", async () => {
    const result = await runCli(['post', '-w', 'ws-b', 'general', 'sneaking in'], { ...person, BATON_TOKEN: tokenA.secret });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^baton: .*'ws-a'.*'ws-b'/);
  });
});

describe('a restarted hub', () => {
  it('still serves its workspaces, their data and their tokens, and keeps them apart', async () => {
    expect(await hub.stop()).toBe(0);
    hub = await startAccessHub({ dataDir: hub.dataDir });
    expect(adminOf(hub.url)).toBe(admin);
    const workspaces = names((await expectStatus(hub.url, { method: 'GET', path: '/api/v1/workspaces', token: admin }, 200)).workspaces);
    expect(workspaces).toEqual(expect.arrayContaining(['default', 'ws-a', 'ws-b', 'fresh', 'doomed']));
    a = new Client('ws-a', tokenA.secret, seeded.session);
    b = new Client('ws-b', tokenB.secret);
    expect((await a.get(`/api/v1/messages/${seeded.message.id}`)).message.title).toBe('only in A');
    expect((await a.get(`/api/v1/documents/text?document_id=${encodeURIComponent(PLAN)}`)).content).toBe('bytes of A');
    expect((await b.get(`/api/v1/documents/text?document_id=${encodeURIComponent(PLAN)}`)).content).toBe('bytes of B');
    expect(names((await b.get('/api/v1/channels')).channels)).toEqual(DEFAULT_CHANNELS);
    expect((await send(hub.url, { method: 'GET', path: '/api/v1/channels', token: tokenA.secret })).status).toBe(403);
  });
});
