import type { Permission } from '../../src/hub/permissions.js';
import { INITIALIZE, MCP_ACCEPT, type Req, type Role } from './support.js';

/** Who makes a request: a token of `default` of each role, the hub's admin, or an agent of `other`. */
export type Who = Role | 'other';

/**
 * What the hub's routes are about: public, hub-wide (tokens, workspaces, audit), or inside one
 * workspace (the API, the pages, the MCP endpoint).
 */
export type Kind = 'public' | 'hub' | 'api' | 'page' | 'mcp';

/** Things in the `default` workspace the requests point at, and makers of fresh ones. */
export interface Fixtures {
  /** A session of `who`'s token in `default`; `other` has none there, so it borrows the agent's. */
  session(who: Who): string;
  secret(who: Who): string;
  tokenId(who: Who): string;
  message: string;
  document: string;
  /** A file of the dashboard's build. */
  asset: string;
  task: string;
  /** A new handoff: open, or claimed by `holder`'s session. */
  handoff(holder?: Who): Promise<string>;
  alert(): Promise<string>;
  /** A new recipe run: running, or paused for an approval nobody has decided. */
  run(state?: 'running' | 'paused_for_approval'): Promise<string>;
  newDocument(): Promise<string>;
  deletedDocument(): Promise<string>;
  /** A new MCP session at `/mcp` opened with `who`'s token (the viewer's when `who` cannot open one there). */
  mcpSession(who: Who): Promise<string>;
  spareWorkspace(): Promise<string>;
  spareTokenId(): Promise<string>;
  unique(prefix: string): string;
}

/** One request, without its token: the matrix sends it with each caller's. */
export type Request = Omit<Req, 'token'>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path as the hub registers it (Hono syntax). */
  pattern: string;
  /** Tells apart rows of one pattern: the task actions. */
  variant?: string;
  kind: Kind;
  /** The least role that gets through; null for public routes. */
  least: Role | null;
  /** The entry of the role table (src/hub/permissions.ts) the route is checked by, if any. */
  permission?: Permission;
  /** The status the least role gets. */
  ok: number;
  /** The request `who` makes; the path is within the workspace (`/w/other` is put in front for the cross check). */
  request(fx: Fixtures, who: Who): Request | Promise<Request>;
}

const get = (path: string): Request => ({ method: 'GET', path });
/** A workspace API request that acts as `who`'s session. */
const acting = (fx: Fixtures, who: Who, method: string, path: string, body?: unknown): Request => ({
  method,
  path,
  headers: { 'x-baton-session': fx.session(who) },
  ...(body !== undefined ? { body } : {}),
});
const q = encodeURIComponent;

const publicRoutes: Route[] = [
  { method: 'GET', pattern: '/healthz', kind: 'public', least: null, ok: 200, request: () => get('/healthz') },
  { method: 'GET', pattern: '/login', kind: 'public', least: null, ok: 200, request: () => get('/login?next=%2Fdocs') },
  {
    method: 'POST',
    pattern: '/login',
    kind: 'public',
    least: null,
    ok: 303,
    // The credential travels in the form, not in a header.
    request: (fx) => ({
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${q(fx.secret('viewer'))}&next=%2Fdocs`,
    }),
  },
  { method: 'POST', pattern: '/logout', kind: 'public', least: null, ok: 303, request: () => ({ method: 'POST', path: '/logout' }) },
  { method: 'GET', pattern: '/assets/:name', kind: 'public', least: null, ok: 200, request: (fx) => get(`/assets/${fx.asset}`) },
];

const hubRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/workspaces', kind: 'hub', least: 'viewer', ok: 200, request: () => get('/api/v1/workspaces') },
  { method: 'GET', pattern: '/api/v1/whoami/token', kind: 'hub', least: 'viewer', ok: 200, request: () => get('/api/v1/whoami/token') },
  {
    method: 'POST',
    pattern: '/api/v1/workspaces',
    kind: 'hub',
    least: 'admin',
    ok: 201,
    request: (fx) => ({ method: 'POST', path: '/api/v1/workspaces', body: { name: fx.unique('ws') } }),
  },
  {
    method: 'PATCH',
    pattern: '/api/v1/workspaces/:name',
    kind: 'hub',
    least: 'admin',
    ok: 200,
    request: () => ({ method: 'PATCH', path: '/api/v1/workspaces/other', body: { trust: 'fenced' } }),
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/workspaces/:name',
    kind: 'hub',
    least: 'admin',
    ok: 200,
    // Refused callers aim at `other` itself: the rest of the matrix shows it survived them.
    request: async (fx, who) => ({ method: 'DELETE', path: `/api/v1/workspaces/${who === 'admin' ? await fx.spareWorkspace() : 'other'}` }),
  },
  { method: 'GET', pattern: '/api/v1/tokens', kind: 'hub', least: 'admin', ok: 200, request: () => get('/api/v1/tokens?all=true') },
  {
    method: 'POST',
    pattern: '/api/v1/tokens',
    kind: 'hub',
    least: 'admin',
    ok: 201,
    request: () => ({ method: 'POST', path: '/api/v1/tokens', body: { role: 'admin', name: 'made-in-the-matrix' } }),
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/tokens/:id',
    kind: 'hub',
    least: 'admin',
    ok: 200,
    // A refused caller tries to revoke the viewer's token, which the rest of the matrix keeps using.
    request: async (fx, who) => ({ method: 'DELETE', path: `/api/v1/tokens/${who === 'admin' ? await fx.spareTokenId() : fx.tokenId('viewer')}` }),
  },
  { method: 'GET', pattern: '/api/v1/audit', kind: 'hub', least: 'admin', ok: 200, request: () => get('/api/v1/audit?limit=5') },
];

const sessionRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/api/v1/sessions',
    kind: 'api',
    least: 'viewer',
    permission: 'session.register',
    ok: 201,
    request: (fx) => ({ method: 'POST', path: '/api/v1/sessions', body: { name: fx.unique('matrix-session') } }),
  },
  { method: 'GET', pattern: '/api/v1/sessions', kind: 'api', least: 'viewer', ok: 200, request: () => get('/api/v1/sessions') },
  { method: 'GET', pattern: '/api/v1/sessions/:id', kind: 'api', least: 'viewer', ok: 200, request: (fx) => get(`/api/v1/sessions/${fx.session('admin')}`) },
  {
    method: 'GET',
    pattern: '/api/v1/sessions/:id/messages',
    kind: 'api',
    least: 'viewer',
    ok: 200,
    request: (fx) => get(`/api/v1/sessions/${fx.session('admin')}/messages?limit=5`),
  },
  { method: 'GET', pattern: '/api/v1/whoami', kind: 'api', least: 'viewer', ok: 200, request: (fx, who) => acting(fx, who, 'GET', '/api/v1/whoami') },
  { method: 'GET', pattern: '/api/v1/status', kind: 'api', least: 'viewer', ok: 200, request: (fx, who) => acting(fx, who, 'GET', '/api/v1/status') },
];

const channelRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/channels', kind: 'api', least: 'viewer', ok: 200, request: () => get('/api/v1/channels') },
  {
    method: 'POST',
    pattern: '/api/v1/channels',
    kind: 'api',
    least: 'coordinator',
    permission: 'channel.create',
    ok: 201,
    request: (fx, who) => acting(fx, who, 'POST', '/api/v1/channels', { name: fx.unique('matrix') }),
  },
  {
    method: 'POST',
    pattern: '/api/v1/channels/:channel/messages',
    kind: 'api',
    least: 'agent',
    permission: 'message.post',
    ok: 201,
    request: (fx, who) => acting(fx, who, 'POST', '/api/v1/channels/general/messages', { title: 'matrix post', body: 'hello' }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/channels/:channel/messages',
    kind: 'api',
    least: 'viewer',
    ok: 200,
    request: (fx, who) => acting(fx, who, 'GET', '/api/v1/channels/general/messages?limit=5'),
  },
  { method: 'GET', pattern: '/api/v1/messages/:id', kind: 'api', least: 'viewer', ok: 200, request: (fx) => get(`/api/v1/messages/${fx.message}`) },
  {
    method: 'GET',
    pattern: '/api/v1/wait',
    kind: 'api',
    least: 'viewer',
    ok: 200,
    request: (fx, who) => acting(fx, who, 'GET', '/api/v1/wait?channels=general&timeout=0'),
  },
  { method: 'GET', pattern: '/api/v1/events', kind: 'api', least: 'viewer', ok: 200, request: () => get('/api/v1/events?channels=general') },
  { method: 'GET', pattern: '/api/v1/search', kind: 'api', least: 'viewer', ok: 200, request: () => get('/api/v1/search?q=general') },
];

const documentRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/documents', kind: 'api', least: 'viewer', ok: 200, request: () => get('/api/v1/documents?recursive=true') },
  {
    method: 'POST',
    pattern: '/api/v1/documents',
    kind: 'api',
    least: 'agent',
    permission: 'document.upload',
    ok: 201,
    request: (fx, who) => acting(fx, who, 'POST', '/api/v1/documents', { folder_path: 'matrix', file_name: `${fx.unique('post')}.md`, content: '# posted' }),
  },
  {
    method: 'PUT',
    pattern: '/api/v1/documents/content',
    kind: 'api',
    least: 'agent',
    permission: 'document.upload',
    ok: 201,
    request: (fx, who) => {
      const request = acting(fx, who, 'PUT', `/api/v1/documents/content?path=${q(`matrix/${fx.unique('put')}.txt`)}`, 'streamed bytes');
      return { ...request, headers: { ...request.headers, 'content-type': 'text/plain' } };
    },
  },
  { method: 'GET', pattern: '/api/v1/documents/content', kind: 'api', least: 'viewer', ok: 200, request: (fx) => get(`/api/v1/documents/content?document_id=${fx.document}`) },
  { method: 'GET', pattern: '/api/v1/documents/text', kind: 'api', least: 'viewer', ok: 200, request: (fx) => get(`/api/v1/documents/text?document_id=${fx.document}`) },
  { method: 'GET', pattern: '/api/v1/documents/versions', kind: 'api', least: 'viewer', ok: 200, request: (fx) => get(`/api/v1/documents/versions?document_id=${fx.document}`) },
  {
    method: 'POST',
    pattern: '/api/v1/documents/move',
    kind: 'api',
    least: 'agent',
    permission: 'document.move',
    ok: 200,
    request: async (fx, who) => acting(fx, who, 'POST', '/api/v1/documents/move', { document_id: await fx.newDocument(), to: `matrix/${fx.unique('moved')}.md` }),
  },
  {
    method: 'POST',
    pattern: '/api/v1/documents/delete',
    kind: 'api',
    least: 'agent',
    permission: 'document.delete',
    ok: 200,
    request: async (fx, who) => acting(fx, who, 'POST', '/api/v1/documents/delete', { document_id: await fx.newDocument() }),
  },
  {
    method: 'POST',
    pattern: '/api/v1/documents/restore',
    kind: 'api',
    least: 'coordinator',
    permission: 'document.restore',
    ok: 200,
    request: async (fx, who) => acting(fx, who, 'POST', '/api/v1/documents/restore', { document_id: await fx.deletedDocument() }),
  },
];

/** What each task action is done to, and with, so the least role's attempt succeeds. */
const TASK_ACTIONS: { action: string; least: Role; target: (fx: Fixtures, who: Who) => Promise<string>; body: (fx: Fixtures) => object }[] = [
  { action: 'claim', least: 'agent', target: (fx) => fx.handoff(), body: () => ({}) },
  { action: 'renew', least: 'agent', target: (fx, who) => fx.handoff(who), body: () => ({ lease_seconds: 600 }) },
  { action: 'release', least: 'agent', target: (fx, who) => fx.handoff(who), body: () => ({ reason: 'matrix' }) },
  { action: 'complete', least: 'agent', target: (fx, who) => fx.handoff(who), body: () => ({ result: 'done' }) },
  { action: 'fail', least: 'agent', target: (fx, who) => fx.handoff(who), body: () => ({ reason: 'matrix' }) },
  { action: 'ack', least: 'agent', target: (fx) => fx.alert(), body: () => ({}) },
  { action: 'resolve', least: 'agent', target: (fx) => fx.alert(), body: () => ({ result: 'fixed' }) },
  { action: 'cancel', least: 'coordinator', target: (fx) => fx.handoff(), body: () => ({ reason: 'matrix' }) },
  { action: 'reassign', least: 'coordinator', target: (fx) => fx.handoff(), body: (fx) => ({ to: fx.session('agent') }) },
];

const taskRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/tasks', kind: 'api', least: 'viewer', ok: 200, request: (fx, who) => acting(fx, who, 'GET', '/api/v1/tasks') },
  { method: 'GET', pattern: '/api/v1/tasks/:id', kind: 'api', least: 'viewer', ok: 200, request: (fx) => get(`/api/v1/tasks/${fx.task}`) },
  {
    method: 'POST',
    pattern: '/api/v1/tasks',
    kind: 'api',
    least: 'agent',
    permission: 'task.create',
    ok: 201,
    request: (fx, who) => acting(fx, who, 'POST', '/api/v1/tasks', { task: 'matrix task' }),
  },
  ...TASK_ACTIONS.map(
    ({ action, least, target, body }): Route => ({
      method: 'POST',
      pattern: '/api/v1/tasks/:id/:action',
      variant: action,
      kind: 'api',
      least,
      permission: `task.${action}` as Permission,
      ok: 200,
      request: async (fx, who) => acting(fx, who, 'POST', `/api/v1/tasks/${await target(fx, who)}/${action}`, body(fx)),
    }),
  ),
];

const NEW_RUN = { recipe: 'matrix', source: 'matrix.yaml', text: 'name: matrix\nsteps: []\n' };

const runRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/runs', kind: 'api', least: 'viewer', ok: 200, request: () => get('/api/v1/runs?limit=5') },
  { method: 'GET', pattern: '/api/v1/runs/:id', kind: 'api', least: 'viewer', ok: 200, request: async (fx) => get(`/api/v1/runs/${await fx.run()}`) },
  {
    method: 'POST',
    pattern: '/api/v1/runs',
    kind: 'api',
    least: 'agent',
    permission: 'run.create',
    ok: 201,
    request: (fx, who) => acting(fx, who, 'POST', '/api/v1/runs', NEW_RUN),
  },
  {
    method: 'PUT',
    pattern: '/api/v1/runs/:id/steps',
    kind: 'api',
    least: 'agent',
    permission: 'run.update',
    ok: 200,
    request: async (fx, who) => acting(fx, who, 'PUT', `/api/v1/runs/${await fx.run()}/steps`, { key: 'split-files', step_id: 'split-files', state: 'running' }),
  },
  {
    method: 'PATCH',
    pattern: '/api/v1/runs/:id',
    kind: 'api',
    least: 'agent',
    permission: 'run.update',
    ok: 200,
    request: async (fx, who) => acting(fx, who, 'PATCH', `/api/v1/runs/${await fx.run()}`, { context: { round: 2 } }),
  },
  {
    method: 'POST',
    pattern: '/api/v1/runs/:id/cancel',
    kind: 'api',
    least: 'coordinator',
    permission: 'run.cancel',
    ok: 200,
    // The fixture's run is the admin's: no caller here is its creator, who may cancel it whatever the role.
    request: async (fx, who) => acting(fx, who, 'POST', `/api/v1/runs/${await fx.run()}/cancel`, { reason: 'matrix' }),
  },
  {
    method: 'POST',
    pattern: '/api/v1/runs/:id/approval',
    kind: 'api',
    least: 'coordinator',
    permission: 'run.approve',
    ok: 200,
    request: async (fx, who) => acting(fx, who, 'POST', `/api/v1/runs/${await fx.run('paused_for_approval')}/approval`, { decision: 'approve' }),
  },
];

const pageRoutes: Route[] = [
  { method: 'GET', pattern: '/', kind: 'page', least: 'viewer', ok: 200, request: () => get('/') },
  { method: 'GET', pattern: '/c/:channel', kind: 'page', least: 'viewer', ok: 200, request: () => get('/c/general') },
  { method: 'GET', pattern: '/m/:id', kind: 'page', least: 'viewer', ok: 302, request: (fx) => get(`/m/${fx.message}`) },
  { method: 'GET', pattern: '/docs', kind: 'page', least: 'viewer', ok: 200, request: () => get('/docs') },
  { method: 'GET', pattern: '/d/:id', kind: 'page', least: 'viewer', ok: 200, request: (fx) => get(`/d/${fx.document}`) },
  { method: 'GET', pattern: '/d/:id/raw', kind: 'page', least: 'viewer', ok: 200, request: (fx) => get(`/d/${fx.document}/raw`) },
  ...['/handoffs', '/alerts', '/sessions', '/search'].map((path): Route => ({ method: 'GET', pattern: path, kind: 'page', least: 'viewer', ok: 200, request: () => get(path) })),
  { method: 'GET', pattern: '/sessions/:id', kind: 'page', least: 'viewer', ok: 200, request: (fx, who) => get(`/sessions/${fx.session(who)}`) },
  { method: 'GET', pattern: '/runs', kind: 'page', least: 'viewer', ok: 200, request: () => get('/runs') },
  { method: 'GET', pattern: '/runs/:id', kind: 'page', least: 'viewer', ok: 200, request: () => get('/runs/r-none') },
];

const mcpRoutes: Route[] = [
  { method: 'POST', pattern: '/mcp', kind: 'mcp', least: 'viewer', ok: 200, request: () => ({ method: 'POST', path: '/mcp', body: INITIALIZE, headers: MCP_ACCEPT }) },
  {
    method: 'GET',
    pattern: '/mcp',
    kind: 'mcp',
    least: 'viewer',
    ok: 200,
    request: async (fx, who) => ({ method: 'GET', path: '/mcp', headers: { ...MCP_ACCEPT, 'mcp-session-id': await fx.mcpSession(who) } }),
  },
  {
    method: 'DELETE',
    pattern: '/mcp',
    kind: 'mcp',
    least: 'viewer',
    ok: 200,
    request: async (fx, who) => ({ method: 'DELETE', path: '/mcp', headers: { 'mcp-session-id': await fx.mcpSession(who) } }),
  },
];

/** Every route of the hub, with the least role it lets through. A route without a row fails the coverage test. */
export const ROUTES: readonly Route[] = [
  ...publicRoutes,
  ...hubRoutes,
  ...sessionRoutes,
  ...channelRoutes,
  ...documentRoutes,
  ...taskRoutes,
  ...runRoutes,
  ...pageRoutes,
  ...mcpRoutes,
];

export const routeName = (route: Route): string => `${route.method} ${route.pattern}${route.variant ? ` (${route.variant})` : ''}`;
