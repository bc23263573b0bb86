import { expect } from 'vitest';
import { roleAllows, type Role } from '../../../src/domain/roles.js';
import type { AccessHub, JsonReply } from './access-hub.js';
import type { KnownToken, Presented } from './access-values.js';

/** The second workspace every token property plays across. */
export const OTHER = 'elsewhere';
export const WORKSPACES = ['default', OTHER] as const;

/** Where a request goes: a workspace (maybe one that does not exist) and the prefix that names it. */
export const TARGETS = [
  { workspace: 'default', prefix: '' },
  { workspace: 'default', prefix: '/w/default' },
  { workspace: OTHER, prefix: `/w/${OTHER}` },
  { workspace: 'nowhere', prefix: '/w/nowhere' },
] as const;
export type Target = (typeof TARGETS)[number];

export interface Seeded {
  admin: KnownToken;
  /** The admin's token and a live token of every lower role in each workspace. */
  tokens: KnownToken[];
  revoked: KnownToken;
  /** The session each token registered in each workspace it reaches, by `<token id>@<workspace>`. */
  sessions: Map<string, string>;
}

export const reaches = (token: KnownToken, workspace: string): boolean => token.workspace === null || token.workspace === workspace;

/** A second workspace, tokens of every role in both, a revoked token, and a session per token and workspace. */
export async function seedAccess(fuzz: AccessHub): Promise<Seeded> {
  await ok(fuzz.json('POST', '/api/v1/workspaces', { name: OTHER }));
  const admin: KnownToken = { id: (await ok(fuzz.json('GET', '/api/v1/whoami/token'))).token.id, secret: fuzz.admin, role: 'admin', workspace: null };
  const tokens = [admin];
  for (const workspace of WORKSPACES) for (const role of ['viewer', 'agent', 'coordinator'] as const) tokens.push(await makeToken(fuzz, role, workspace));
  const revoked = await makeToken(fuzz, 'agent', 'default');
  await ok(fuzz.json('DELETE', `/api/v1/tokens/${revoked.id}`));
  const sessions = new Map<string, string>();
  for (const token of tokens) {
    for (const workspace of WORKSPACES.filter((w) => reaches(token, w))) {
      const prefix = workspace === 'default' ? '' : `/w/${workspace}`;
      const reply = await ok(fuzz.json('POST', `${prefix}/api/v1/sessions`, { name: `${token.role}-${workspace}` }, token.secret));
      sessions.set(`${token.id}@${workspace}`, reply.session.id as string);
    }
  }
  return { admin, tokens, revoked, sessions };
}

async function makeToken(fuzz: AccessHub, role: Role, workspace: string): Promise<KnownToken> {
  const reply = await ok(fuzz.json('POST', '/api/v1/tokens', { role, workspace, name: `${role}-${workspace}` }));
  return { id: reply.token.id, secret: reply.secret, role, workspace };
}

async function ok(pending: Promise<JsonReply>): Promise<Record<string, any>> {
  const reply = await pending;
  if (reply.status >= 300) throw new Error(`seeding failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** A route, the least role it needs, and what an allowed call must answer beyond "not refused". */
export interface ModelRoute {
  name: string;
  method: string;
  /** The full path of a hub-wide route, or the path within a workspace. */
  path: string;
  scope: 'hub' | 'workspace';
  kind: 'api' | 'mcp' | 'page';
  needs: Role;
  body?: () => unknown;
  /** The route acts as a session: it sends the token's session in that workspace. */
  session?: boolean;
  allowed?: (reply: JsonReply, token: KnownToken) => void;
}

let fresh = 0;
const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'access-model', version: '1' } } };

export const MODEL_ROUTES: ModelRoute[] = [
  {
    name: 'list workspaces',
    method: 'GET',
    path: '/api/v1/workspaces',
    scope: 'hub',
    kind: 'api',
    needs: 'viewer',
    allowed: (reply, token) => {
      const names = (reply.body.workspaces as { name: string }[]).map((w) => w.name);
      expect(names.every((name) => reaches(token, name)), `workspaces shown to a token of ${token.workspace}: ${names}`).toBe(true);
      if (token.workspace) expect(names).toEqual([token.workspace]);
    },
  },
  { name: 'whoami/token', method: 'GET', path: '/api/v1/whoami/token', scope: 'hub', kind: 'api', needs: 'viewer', allowed: (reply, token) => expect(reply.body.token).toMatchObject({ id: token.id, role: token.role, workspace: token.workspace }) },
  { name: 'list tokens', method: 'GET', path: '/api/v1/tokens', scope: 'hub', kind: 'api', needs: 'admin' },
  { name: 'list all tokens', method: 'GET', path: '/api/v1/tokens?all=true', scope: 'hub', kind: 'api', needs: 'admin' },
  { name: 'create a token', method: 'POST', path: '/api/v1/tokens', scope: 'hub', kind: 'api', needs: 'admin', body: () => ({ role: 'viewer', workspace: OTHER, name: 'made-by-model' }) },
  { name: 'revoke an unknown token', method: 'DELETE', path: '/api/v1/tokens/t-000000', scope: 'hub', kind: 'api', needs: 'admin' },
  { name: 'create a badly named workspace', method: 'POST', path: '/api/v1/workspaces', scope: 'hub', kind: 'api', needs: 'admin', body: () => ({ name: 'Not Valid' }) },
  { name: 'set trust', method: 'PATCH', path: `/api/v1/workspaces/${OTHER}`, scope: 'hub', kind: 'api', needs: 'admin', body: () => ({ trust: 'fenced' }) },
  { name: 'delete a missing workspace', method: 'DELETE', path: '/api/v1/workspaces/no-such-space', scope: 'hub', kind: 'api', needs: 'admin' },
  { name: 'read the audit', method: 'GET', path: '/api/v1/audit?limit=3', scope: 'hub', kind: 'api', needs: 'admin' },
  { name: 'list channels', method: 'GET', path: '/api/v1/channels', scope: 'workspace', kind: 'api', needs: 'viewer' },
  { name: 'list documents', method: 'GET', path: '/api/v1/documents', scope: 'workspace', kind: 'api', needs: 'viewer' },
  { name: 'read messages', method: 'GET', path: '/api/v1/channels/general/messages?limit=1', scope: 'workspace', kind: 'api', needs: 'viewer', session: true },
  { name: 'whoami', method: 'GET', path: '/api/v1/whoami', scope: 'workspace', kind: 'api', needs: 'viewer', session: true },
  { name: 'register a session', method: 'POST', path: '/api/v1/sessions', scope: 'workspace', kind: 'api', needs: 'viewer', body: () => ({ name: 'model-session' }) },
  { name: 'post a message', method: 'POST', path: '/api/v1/channels/general/messages', scope: 'workspace', kind: 'api', needs: 'agent', session: true, body: () => ({ title: 'model post', body: 'x' }) },
  { name: 'create a task', method: 'POST', path: '/api/v1/tasks', scope: 'workspace', kind: 'api', needs: 'agent', session: true, body: () => ({ task: 'model task' }) },
  { name: 'delete a missing document', method: 'POST', path: '/api/v1/documents/delete', scope: 'workspace', kind: 'api', needs: 'agent', session: true, body: () => ({ document_id: 'missing.md' }) },
  { name: 'create a channel', method: 'POST', path: '/api/v1/channels', scope: 'workspace', kind: 'api', needs: 'coordinator', session: true, body: () => ({ name: `model-${fresh++}` }) },
  { name: 'restore a missing document', method: 'POST', path: '/api/v1/documents/restore', scope: 'workspace', kind: 'api', needs: 'coordinator', session: true, body: () => ({ document_id: 'd-000000' }) },
  { name: 'MCP initialize', method: 'POST', path: '/mcp', scope: 'workspace', kind: 'mcp', needs: 'viewer', body: () => INITIALIZE, allowed: (reply) => expect(reply.status).toBe(200) },
  { name: 'dashboard page', method: 'GET', path: '/', scope: 'workspace', kind: 'page', needs: 'viewer', allowed: (reply) => expect(reply.status).toBe(200) },
  { name: 'documents page', method: 'GET', path: '/docs', scope: 'workspace', kind: 'page', needs: 'viewer', allowed: (reply) => expect(reply.status).toBe(200) },
  { name: 'channel page', method: 'GET', path: '/c/general', scope: 'workspace', kind: 'page', needs: 'viewer', allowed: (reply) => expect(reply.status).toBe(200) },
];

/**
 * The token the hub reads from a presentation: the header's, else the login cookie's for pages and for
 * the dashboard's API calls (reads, and writes that carry X-Requested-With); MCP takes only the header.
 */
export function tokenUsed(kind: ModelRoute['kind'], method: string, presented: Presented): KnownToken | undefined {
  if (presented.api) return presented.api;
  if (!presented.page || kind === 'mcp') return undefined;
  const dashboardCall = method === 'GET' || method === 'HEAD' || presented.headers['x-requested-with'] !== undefined;
  return kind === 'page' || dashboardCall ? presented.page : undefined;
}

/** The one status the hub must answer with, or 'allowed' when the call must get past every check of the token. */
export function expectedOf(route: ModelRoute, target: Target, presented: Presented, existing: ReadonlySet<string>): number | 'allowed' {
  if (presented.huge) return 431;
  const token = tokenUsed(route.kind, route.method, presented);
  if (!token) return route.kind === 'page' && route.method === 'GET' ? 303 : 401;
  if (route.scope === 'workspace') {
    if (!reaches(token, target.workspace)) return 403;
    if (!existing.has(target.workspace)) return 404;
  }
  return roleAllows(token.role, route.needs) ? 'allowed' : 403;
}

/** The request a route makes for a target and a presentation. */
export function modelRequest(route: ModelRoute, target: Target, presented: Presented, seeded: Seeded) {
  const path = route.scope === 'hub' ? route.path : `${target.prefix}${route.path}`;
  const token = presented.api ?? presented.page;
  const session = token && seeded.sessions.get(`${token.id}@${target.workspace}`);
  const headers: Record<string, string> = { ...presented.headers };
  if (route.session) Object.assign(headers, session ? { 'x-baton-session': session } : { 'x-baton-session-name': 'model-first-contact' });
  if (route.kind === 'mcp') headers.accept = 'application/json, text/event-stream';
  const body = route.body?.();
  if (body !== undefined) headers['content-type'] = 'application/json';
  return { method: route.method, path, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
}
