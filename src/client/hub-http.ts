import { HubClientError, HubUnreachableError } from './client-error.js';
import type { WireError } from './wire-types.js';

export const SESSION_HEADER = 'X-Baton-Session';

/** Query values as the hub reads them; undefined ones are left out, lists are repeated keys. */
export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface Call {
  /** A route of the whole hub (tokens, workspaces, audit), not of the client's workspace. */
  hubWide?: boolean;
  query?: Query;
  /** Sent as JSON. */
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A raw call: a body stream and the headers that go with it. */
export interface StreamCall extends Omit<Call, 'json'> {
  body?: RequestInit['body'];
}

/**
 * The wire under the client: builds URLs, adds the session header, turns every refusal (the hub's
 * JSON error, or no answer at all) into a HubClientError.
 */
export class HubHttp {
  readonly url: string;
  session: string | undefined;
  /** `/w/<workspace>` before every workspace path; empty for `default`. */
  private readonly prefix: string;

  constructor(
    url: string,
    session?: string,
    private readonly token?: string,
    readonly workspace?: string,
  ) {
    this.url = url.replace(/\/+$/, '');
    this.session = session;
    this.prefix = workspace ? `/w/${encodeURIComponent(workspace)}` : '';
  }

  /** The workspace's base URL and the token, for the live event stream. */
  get liveTarget(): { baseUrl: string; token: string | undefined } {
    return { baseUrl: `${this.url}${this.prefix}`, token: this.token };
  }

  async json<T>(method: string, path: string, call: Call = {}): Promise<T> {
    const headers = call.json === undefined ? call.headers : { 'content-type': 'application/json', ...call.headers };
    const body = call.json === undefined ? undefined : JSON.stringify(call.json);
    const response = await this.send(method, path, { ...call, headers, body });
    return (await response.json()) as T;
  }

  /** Sends a request and returns the response when it succeeded; the body is the caller's to consume. */
  async send(method: string, path: string, call: StreamCall = {}): Promise<Response> {
    const target = this.endpoint(path, call.query, call.hubWide);
    let response: Response;
    try {
      response = await fetch(target, {
        method,
        headers: this.headersWith(call.headers),
        body: call.body ?? null,
        signal: call.signal ?? null,
        // Needed for a stream body; harmless for the rest.
        duplex: 'half',
      } as RequestInit);
    } catch (error) {
      if (call.signal?.aborted) throw error;
      throw new HubUnreachableError(this.url, error);
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  endpoint(path: string, query: Query = {}, hubWide = false): URL {
    const url = new URL(`${this.url}${hubWide || path === '/healthz' ? '' : this.prefix}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
    }
    return url;
  }

  private headersWith(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...(this.session ? { [SESSION_HEADER]: this.session } : {}),
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...extra,
    };
  }
}

/** The hub's refusal, read from its JSON body; anything else says what came back instead. */
async function errorOf(response: Response): Promise<HubClientError> {
  const text = await response.text().catch(() => '');
  const wire = parseWireError(text);
  if (wire) return new HubClientError(wire.code, wire.error, response.status, wire.field);
  const detail = text.trim().split('\n')[0]?.slice(0, 200);
  return new HubClientError('bad_response', `the hub answered ${response.status}${detail ? `: ${detail}` : ''}`, response.status);
}

function parseWireError(text: string): WireError | undefined {
  try {
    const body = JSON.parse(text) as Partial<WireError>;
    return body && body.success === false && typeof body.error === 'string' ? (body as WireError) : undefined;
  } catch {
    return undefined;
  }
}
