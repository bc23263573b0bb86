import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { webRoot } from '../../src/server/web-root.js';
import { createHttpApp } from '../../src/surfaces/http/app.js';
import { createWorkspaceApp } from '../../src/surfaces/http/workspace-app.js';
import { mountMcp } from '../../src/surfaces/mcp/mcp-http.js';
import { PERMISSIONS } from '../../src/hub/permissions.js';
import { ACTIONS } from '../../src/hub/task-refusal.js';
import { ROLES } from '../../src/domain/roles.js';
import { ROUTES, routeName, type Fixtures, type Request, type Route, type Who } from './route-table.js';
import {
  adminOf,
  createWorkspace,
  expectStatus,
  makeToken,
  openMcpSession,
  registerSession,
  revokeToken,
  send,
  startAccessHub,
  untilExpired,
  type Reply,
  type Req,
  type Role,
} from './support.js';

const ROLE_OF: Record<Who, Role> = { viewer: 'viewer', agent: 'agent', coordinator: 'coordinator', admin: 'admin', other: 'agent' };
const rank = (role: Role): number => ROLES.indexOf(role);
const inWorkspace = (route: Route): boolean => route.kind === 'api' || route.kind === 'page' || route.kind === 'mcp';

/** The callers below a route's least role: tokens of `default`, and for hub-wide routes the agent of `other` too. */
function callersBelow(route: Route): Who[] {
  const callers: Who[] = inWorkspace(route) ? ['viewer', 'agent', 'coordinator'] : ['viewer', 'agent', 'coordinator', 'other'];
  return callers.filter((who) => rank(ROLE_OF[who]) < rank(route.least!));
}

/** Tokens that prove nothing: unknown, revoked, or past their expiry. */
type Invalid = 'garbage' | 'revoked' | 'expired';

interface Hub {
  url: string;
  fx: Fixtures;
  secret: (who: Who) => string;
  invalid: Record<Invalid, string>;
}

let hub: Hub;

async function build(route: Route, who: Who): Promise<Request> {
  return route.request(hub.fx, who);
}

/** Sends the request `as` would make, with `token` (null: none) and the path under `prefix`. */
async function attempt(route: Route, as: Who, token: string | null, prefix = '', extra: Partial<Req> = {}): Promise<Reply> {
  const request = await build(route, as);
  return send(hub.url, { ...request, ...extra, path: prefix + request.path, token, headers: { ...request.headers, ...extra.headers } });
}

const shown = (reply: Reply): string => `${reply.status} ${reply.text.slice(0, 300)}`;

/** 401 with the JSON refusal and a Bearer challenge; a page instead sends the browser to /login and back. */
function expectUnauthenticated(route: Route, reply: Reply, path: string, method: string): void {
  if (route.kind === 'page') {
    expect(reply.status, shown(reply)).toBe(303);
    expect(reply.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path.split('?')[0]!)}`);
    return;
  }
  expect(reply.status, shown(reply)).toBe(401);
  expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer /);
  // A HEAD answer has no body to carry the JSON.
  if (method !== 'HEAD') expect(reply.json).toMatchObject({ success: false, code: 'unauthenticated' });
}

/**
 * HEAD of a GET route is refused too. A page answers a tokenless HEAD with 401 where its GET sends
 * the browser to /login (the redirect is kept for GET); either way nothing of the page is shown.
 */
function expectHeadRefused(route: Route, reply: Reply, path: string): void {
  if (route.kind === 'page' && reply.status === 303) return expectUnauthenticated(route, reply, path, 'HEAD');
  expect(reply.status, shown(reply)).toBe(401);
  expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer /);
  expect(reply.text).toBe('');
}

function expectForbidden(reply: Reply, ...fragments: string[]): void {
  expect(reply.status, shown(reply)).toBe(403);
  expect(reply.json).toMatchObject({ success: false, code: 'forbidden' });
  for (const fragment of fragments) expect(reply.json.error).toContain(fragment);
}

async function startMatrixHub(): Promise<Hub> {
  const { url } = await startAccessHub();
  const admin = adminOf(url);
  // Made first, so that its second has passed by the time the set-up is done.
  const expiring = await makeToken(url, 'viewer', { expires: '1s', name: 'expiring' });
  await createWorkspace(url, 'other');
  const tokens = {
    viewer: await makeToken(url, 'viewer', { name: 'viewer-default' }),
    agent: await makeToken(url, 'agent', { name: 'agent-default' }),
    coordinator: await makeToken(url, 'coordinator', { name: 'coordinator-default' }),
    other: await makeToken(url, 'agent', { workspace: 'other', name: 'agent-other' }),
  };
  const revoked = await makeToken(url, 'agent', { name: 'revoked' });
  await revokeToken(url, revoked.id);
  const secret = (who: Who): string => (who === 'admin' ? admin : tokens[who].secret);
  const sessions: Record<Role, string> = {
    viewer: await registerSession(url, secret('viewer'), 'viewer-session'),
    agent: await registerSession(url, secret('agent'), 'agent-session'),
    coordinator: await registerSession(url, secret('coordinator'), 'coordinator-session'),
    admin: await registerSession(url, admin, 'admin-session'),
  };
  const session = (who: Who): string => sessions[who === 'other' ? 'agent' : who];
  const asAdmin = (method: string, path: string, body: unknown, status: number) =>
    expectStatus(url, { method, path, token: admin, body, headers: { 'x-baton-session': sessions.admin } }, status);
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}`;
  const newDocument = async () => (await asAdmin('POST', '/api/v1/documents', { folder_path: 'matrix', file_name: `${unique('doc')}.md`, content: '# matrix' }, 201)).document.id as string;
  const fx: Fixtures = {
    session,
    secret,
    tokenId: (who) => (who === 'admin' ? 'admin' : tokens[who].id),
    message: (await asAdmin('POST', '/api/v1/channels/general/messages', { title: 'matrix fixture' }, 201)).message.id,
    document: await newDocument(),
    asset: readdirSync(join(webRoot()!, 'assets')).find((name) => name.endsWith('.js'))!,
    task: (await asAdmin('POST', '/api/v1/tasks', { task: 'matrix fixture' }, 201)).task.id,
    handoff: async (holder) => (await asAdmin('POST', '/api/v1/tasks', { task: 'matrix handoff', ...(holder ? { assignee: session(holder) } : {}) }, 201)).task.id,
    alert: async () => (await asAdmin('POST', '/api/v1/tasks', { kind: 'alert', task: 'matrix alert' }, 201)).task.id,
    run: async (state) => {
      const id = (await asAdmin('POST', '/api/v1/runs', { recipe: 'matrix', source: 'matrix.yaml', text: 'name: matrix\n' }, 201)).run.id as string;
      if (state === 'paused_for_approval') await asAdmin('PATCH', `/api/v1/runs/${id}`, { state, approval: { stage: 'review', prompt: 'Go on?' } }, 200);
      return id;
    },
    newDocument,
    deletedDocument: async () => {
      const id = await newDocument();
      await asAdmin('POST', '/api/v1/documents/delete', { document_id: id }, 200);
      return id;
    },
    mcpSession: (who) => openMcpSession(url, secret(who === 'other' ? 'viewer' : who)),
    spareWorkspace: async () => {
      const name = unique('spare');
      await createWorkspace(url, name);
      return name;
    },
    spareTokenId: async () => (await makeToken(url, 'viewer', { name: unique('spare') })).id,
    unique,
  };
  await untilExpired(expiring);
  return { url, fx, secret, invalid: { garbage: 'baton_this-is-no-token-of-this-hub', revoked: revoked.secret, expired: expiring.secret } };
}

/** The checks every token-guarded route gets: no token, a bad token, the cookie alone. */
function authenticationChecks(route: Route): void {
  const least = route.least as Who;

  it('without a token is refused 401 (a page sends the browser to /login instead)', async () => {
    const request = await build(route, least);
    expectUnauthenticated(route, await send(hub.url, { ...request, token: null }), request.path, request.method);
    if (route.method === 'GET') expectHeadRefused(route, await send(hub.url, { ...request, method: 'HEAD', token: null }), request.path);
  });

  it('with a garbage, a revoked or an expired token is refused the same way', async () => {
    for (const token of Object.values(hub.invalid)) {
      const request = await build(route, least);
      expectUnauthenticated(route, await send(hub.url, { ...request, token }), request.path, request.method);
    }
  });

  if (route.kind === 'page') {
    it("opens with the viewer's login cookie instead of the header", async () => {
      const reply = await attempt(route, 'viewer', null, '', { headers: { cookie: `baton_token=${hub.secret('viewer')}` } });
      expect(reply.status, shown(reply)).toBe(route.ok);
    });
  } else if (route.kind === 'mcp') {
    it("refuses the admin's login cookie: MCP takes only the header", async () => {
      const reply = await attempt(route, least, null, '', { headers: { cookie: `baton_token=${hub.secret('admin')}` } });
      expect(reply.status, shown(reply)).toBe(401);
    });
  } else if (route.method === 'GET') {
    it(`opens with the ${least}'s login cookie, as the dashboard reads`, async () => {
      const reply = await attempt(route, least, null, '', { headers: { cookie: `baton_token=${hub.secret(least)}` } });
      expect(reply.status, shown(reply)).toBe(route.ok);
    });
  } else {
    it("refuses the admin's login cookie without X-Requested-With: another site cannot ride it into a write", async () => {
      const reply = await attempt(route, least, null, '', { headers: { cookie: `baton_token=${hub.secret('admin')}` } });
      expect(reply.status, shown(reply)).toBe(401);
    });
    it(`opens with the ${least}'s login cookie and X-Requested-With, as the dashboard writes`, async () => {
      const reply = await attempt(route, least, null, '', { headers: { cookie: `baton_token=${hub.secret(least)}`, 'x-requested-with': 'baton-dashboard' } });
      expect(reply.status, shown(reply)).toBe(route.ok);
    });
  }
}

/** A workspace's routes are closed to the tokens of another workspace, both ways round. */
function workspaceChecks(route: Route): void {
  it("with a token of 'other' is refused 403 naming both workspaces", async () => {
    expectForbidden(await attempt(route, 'other', hub.secret('other')), "'other'", "'default'");
  });

  it("under /w/other with each token of 'default' is refused 403 naming both workspaces", async () => {
    for (const who of ['viewer', 'agent', 'coordinator'] as const) {
      expectForbidden(await attempt(route, who, hub.secret(who), '/w/other'), "'default'", "'other'");
    }
  });
}

function roleChecks(route: Route): void {
  for (const who of callersBelow(route)) {
    it(`as ${who === 'other' ? "the agent of 'other'" : who} is refused 403 naming the ${route.least} role`, async () => {
      expectForbidden(await attempt(route, who, hub.secret(who)), `needs the ${route.least} role`, `is ${ROLE_OF[who]}`);
    });
  }

  it(`as ${route.least} gets through (${route.ok})`, async () => {
    const who = route.least as Who;
    const reply = await attempt(route, who, hub.secret(who));
    expect(reply.status, shown(reply)).toBe(route.ok);
  });

  if (route.kind === 'hub' && route.least === 'viewer') {
    it("as the agent of 'other' gets through too: it is about the token, not a workspace", async () => {
      const reply = await attempt(route, 'other', hub.secret('other'));
      expect(reply.status, shown(reply)).toBe(route.ok);
    });
  }
}

describe('every route lets in only who belongs', () => {
  beforeAll(async () => {
    hub = await startMatrixHub();
  });

  for (const route of ROUTES) {
    describe(routeName(route), () => {
      if (route.kind === 'public') {
        it('is open: no token is needed', async () => {
          const reply = await attempt(route, 'viewer', null);
          expect(reply.status, shown(reply)).toBe(route.ok);
        });
        return;
      }
      authenticationChecks(route);
      if (inWorkspace(route)) workspaceChecks(route);
      roleChecks(route);
    });
  }

  it('login - a valid token sets the HttpOnly cookie; a garbage, revoked or expired one gets 401 and no cookie', async () => {
    const login = (token: string) =>
      send(hub.url, { method: 'POST', path: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(token)}&next=%2Fdocs` });
    const ok = await login(hub.secret('viewer'));
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/docs');
    expect(ok.headers.get('set-cookie')).toMatch(/^baton_token=[^;]+;.*HttpOnly/i);
    for (const token of Object.values(hub.invalid)) {
      const refused = await login(token);
      expect(refused.status, shown(refused)).toBe(401);
      expect(refused.headers.get('set-cookie')).toBeNull();
    }
  });

  it("the refused attempts changed nothing: 'other' is still served and the viewer's token still works", async () => {
    await expectStatus(hub.url, { method: 'GET', path: '/w/other/api/v1/channels', token: hub.secret('other') }, 200);
    const whoami = await expectStatus(hub.url, { method: 'GET', path: '/api/v1/whoami/token', token: hub.secret('viewer') }, 200);
    expect(whoami.token).toMatchObject({ role: 'viewer', workspace: 'default' });
  });
});

/** Anything will do: the factories only wire handlers; none of them runs here. */
const anything: any = new Proxy(function () {}, { get: (_target, key) => (key === 'then' ? undefined : anything), apply: () => anything });

/** Middleware and the dispatch into workspaces, which are not routes of their own. */
const PLUMBING = new Set(['ALL /*', 'ALL /api/v1/*', 'ALL /mcp']);

/** Every method and path the hub's apps register: the front app, and one workspace's app with its MCP endpoint. */
async function registeredRoutes(): Promise<Set<string>> {
  const front = createHttpApp({ version: 'test', gate: anything, workspaces: anything, admin: anything, gauges: anything, requestBytes: 1024, secureCookies: false });
  const mcp = mountMcp(anything, { version: 'test', log: anything });
  const workspace = createWorkspaceApp(anything, anything, { mount: mcp.mount });
  await mcp.close();
  return new Set([...front.routes, ...workspace.routes].map((r) => `${r.method} ${r.path}`).filter((r) => !PLUMBING.has(r)));
}

describe('the route table', () => {
  it('has a row for every route the hub registers, and none for a route it does not', async () => {
    const registered = await registeredRoutes();
    const table = new Set(ROUTES.map((r) => `${r.method} ${r.pattern}`));
    expect([...registered].filter((r) => !table.has(r)), 'routes without a row').toEqual([]);
    expect([...table].filter((r) => !registered.has(r)), 'rows without a route').toEqual([]);
  });

  it('has a row for every task action', () => {
    const variants = ROUTES.filter((r) => r.pattern === '/api/v1/tasks/:id/:action').map((r) => r.variant);
    expect(variants.sort()).toEqual([...ACTIONS].sort());
  });

  it('asks of each write the least role the role table gives it', () => {
    for (const [permission, least] of Object.entries(PERMISSIONS)) {
      const rows = ROUTES.filter((r) => r.permission === permission);
      expect(rows.length, `a row checked by ${permission}`).toBeGreaterThan(0);
      for (const row of rows) expect(row.least, routeName(row)).toBe(least);
    }
  });
});
