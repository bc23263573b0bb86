import { BASE } from '../state/place.js';

/** A refusal from the hub: its message names the field and the rule. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** Hub-wide routes (`/api/v1/workspaces`) live outside the workspace's prefix. */
  hubWide?: boolean;
}

let sessionId: string | undefined;

/** Every later call acts as this session (the dashboard's person). */
export function actAs(id: string): void {
  sessionId = id;
}

/** The API URL of a path, in this workspace unless hub-wide. */
export function apiUrl(path: string, options: Pick<CallOptions, 'query' | 'hubWide'> = {}): string {
  const url = new URL(`${options.hubWide ? '' : BASE}/api/v1${path}`, location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  return `${url.pathname}${url.search}`;
}

/**
 * Calls the hub's API with the login cookie. `X-Requested-With` is what lets the cookie open a
 * write: a page on another site cannot send it.
 */
export async function api<T>(path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-requested-with': 'baton-dashboard' };
  if (sessionId) headers['x-baton-session'] = sessionId;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(apiUrl(path, options), {
    method: options.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  if (response.status === 401) toLogin();
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const message = typeof data.error === 'string' ? data.error : `the hub answered ${response.status}`;
    throw new ApiError(message, response.status, data.code as string | undefined, data.field as string | undefined);
  }
  return data as T;
}

/** The cookie is missing, expired or revoked: log in again and come back here. */
export function toLogin(): never {
  location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search + location.hash)}`);
  throw new ApiError('logging in again', 401, 'unauthenticated');
}
