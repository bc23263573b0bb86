import { expect } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { tokenOf } from '../support/hub-tokens.js';

export type Role = 'viewer' | 'agent' | 'coordinator' | 'admin';

/** A token as the hub made it: the secret is only ever in this answer. */
export interface Token {
  id: string;
  secret: string;
  name: string;
  role: Role;
  workspace: string | null;
  expiresAt: string | null;
}

/** One HTTP request, sent as written: nothing is added that the test did not ask for. */
export interface Req {
  method: string;
  path: string;
  /** Sent as `Authorization: Bearer …`; null or absent sends no token. */
  token?: string | null;
  /** An object is sent as JSON; a string as is (with its own content-type header). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, any>;
}

/**
 * A real hub for access tests. The rate limit is off: one admin token sets up hundreds of cases
 * here, and a 429 would hide the refusal each case is about.
 */
export function startAccessHub(options: { dataDir?: string } = {}): Promise<HubProcess> {
  return startHubProcess({ ...options, args: ['--rate-limit', '0'] });
}

/** The admin token of a hub this file started. */
export function adminOf(url: string): string {
  const token = tokenOf(url);
  if (!token) throw new Error(`no admin token known for ${url}`);
  return token;
}

/**
 * Sends a request without following redirects (a page's 303 to /login is the answer under test).
 * An event stream (GET /mcp) stays open by design, so its body is not read.
 */
export async function send(url: string, req: Req): Promise<Reply> {
  const json = req.body !== undefined && typeof req.body !== 'string';
  const response = await fetch(url + req.path, {
    method: req.method,
    redirect: 'manual',
    headers: {
      ...(req.token ? { authorization: `Bearer ${req.token}` } : {}),
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...req.headers,
    },
    ...(req.body !== undefined ? { body: json ? JSON.stringify(req.body) : (req.body as string) } : {}),
  });
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream') && req.method === 'GET') {
    await response.body?.cancel();
    return { status: response.status, headers: response.headers, text: '', json: {} };
  }
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: parse(text) };
}

function parse(text: string): Record<string, any> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, any>) : {};
  } catch {
    return {};
  }
}

/** Sends a request that must get `status`, and returns its JSON. */
export async function expectStatus(url: string, req: Req, status: number): Promise<Record<string, any>> {
  const reply = await send(url, req);
  expect(reply.status, `${req.method} ${req.path}: ${reply.text.slice(0, 300)}`).toBe(status);
  return reply.json;
}

/** Makes a token with the hub's admin token (POST /api/v1/tokens). */
export async function makeToken(url: string, role: Role, options: { workspace?: string; name?: string; expires?: string } = {}): Promise<Token> {
  const created = await expectStatus(url, { method: 'POST', path: '/api/v1/tokens', token: adminOf(url), body: { role, ...options } }, 201);
  const view = created.token as Record<string, any>;
  return { id: view.id, secret: created.secret, name: view.name, role: view.role, workspace: view.workspace, expiresAt: view.expires_at };
}

export async function revokeToken(url: string, id: string): Promise<void> {
  await expectStatus(url, { method: 'DELETE', path: `/api/v1/tokens/${id}`, token: adminOf(url) }, 200);
}

export async function createWorkspace(url: string, name: string): Promise<void> {
  await expectStatus(url, { method: 'POST', path: '/api/v1/workspaces', token: adminOf(url), body: { name } }, 201);
}

/**
 * Resolves once the hub's clock has passed a token's expiry. Expiry is a moment, not an event the
 * hub announces, so the wait is for that moment (plus a millisecond, as the hub compares `<=`).
 */
export async function untilExpired(token: Token): Promise<void> {
  if (!token.expiresAt) throw new Error(`token ${token.name} does not expire`);
  const left = Date.parse(token.expiresAt) + 1 - Date.now();
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}

/** `/w/<name>` for a workspace other than `default`, which lives at the root. */
export const prefixOf = (workspace: string): string => (workspace === 'default' ? '' : `/w/${workspace}`);

/** Registers a session with a token in a workspace and returns its id. */
export async function registerSession(url: string, token: string, name: string, workspace = 'default'): Promise<string> {
  const reply = await expectStatus(url, { method: 'POST', path: `${prefixOf(workspace)}/api/v1/sessions`, token, body: { name, client: 'access-test' } }, 201);
  return reply.session.id as string;
}

/** The JSON-RPC initialize a Streamable HTTP client sends first. */
export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'access-test', version: '1.0.0' } },
};

/** What a Streamable HTTP client must accept. */
export const MCP_ACCEPT = { accept: 'application/json, text/event-stream' };

/** Opens an MCP session with raw HTTP and returns its `mcp-session-id`. */
export async function openMcpSession(url: string, token: string, path = '/mcp'): Promise<string> {
  const reply = await send(url, { method: 'POST', path, token, body: INITIALIZE, headers: MCP_ACCEPT });
  const id = reply.headers.get('mcp-session-id');
  if (reply.status !== 200 || !id) throw new Error(`initialize at ${path}: ${reply.status} ${reply.text.slice(0, 300)}`);
  return id;
}
