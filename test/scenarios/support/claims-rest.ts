import { expect } from 'vitest';
import { authedFetch } from '../../support/hub-tokens.js';

/** A reply of the HTTP API, read loosely: the tests check its shape with expect. */
export interface ApiReply {
  status: number;
  body: Record<string, any>;
  /** The body, after checking the status. */
  json(status: number): Promise<Record<string, any>>;
}

/** One call of the hub's HTTP API under /api/v1 as a session (X-Baton-Session). */
export async function api(url: string, session: string | undefined, method: string, path: string, body?: unknown): Promise<ApiReply> {
  const response = await authedFetch(`${url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(session ? { 'x-baton-session': session } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const parsed = (await response.json()) as Record<string, any>;
  return {
    status: response.status,
    body: parsed,
    json: async (status) => {
      expect(response.status, JSON.stringify(parsed).slice(0, 300)).toBe(status);
      return parsed;
    },
  };
}

/** Registers a session over HTTP and returns its id. */
export async function registerSession(url: string, name: string, role?: string): Promise<string> {
  const reply = await api(url, undefined, 'POST', '/sessions', { name, client: 'claims-test', ...(role ? { role } : {}) });
  return (await reply.json(201)).session.id as string;
}
