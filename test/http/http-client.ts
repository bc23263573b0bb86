import { tokenOf } from '../support/hub-tokens.js';

/** A small fetch wrapper for the HTTP API tests: real requests, parsed JSON, headers kept. */
export interface Reply {
  status: number;
  headers: Headers;
  json: Record<string, any>;
  text: string;
}

export interface CallOptions {
  /** Sent as X-Baton-Session. */
  session?: string;
  /** Sent as X-Baton-Session-Name (first contact). */
  name?: string;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export class Api {
  /** Presents `token` (by default the admin token of the hub the test started; null for none). */
  constructor(
    readonly url: string,
    readonly token: string | null | undefined = tokenOf(url),
  ) {}

  async call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const response = await fetch(this.url + path, {
      method,
      headers: this.headersOf(options),
      ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: parse(text), text };
  }

  get = (path: string, options?: CallOptions) => this.call('GET', path, options);
  post = (path: string, body: unknown, options?: CallOptions) => this.call('POST', path, { ...options, body });

  /** Registers a session and returns its id. */
  async session(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const reply = await this.post('/api/v1/sessions', { name, client: 'http-test', ...extra });
    if (reply.status !== 201) throw new Error(`register ${name}: ${reply.status} ${reply.text}`);
    return reply.json.session.id as string;
  }

  /** Posts as a session and returns the message view. */
  async postMessage(session: string, channel: string, title: string, body = ''): Promise<Record<string, any>> {
    const reply = await this.post(`/api/v1/channels/${encodeURIComponent(channel)}/messages`, { title, body }, { session });
    if (reply.status !== 201) throw new Error(`post: ${reply.status} ${reply.text}`);
    return reply.json.message as Record<string, any>;
  }

  private headersOf(options: CallOptions): Record<string, string> {
    return {
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.session ? { 'x-baton-session': options.session } : {}),
      ...(options.name ? { 'x-baton-session-name': options.name } : {}),
      ...options.headers,
    };
  }
}

function parse(text: string): Record<string, any> {
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    return {};
  }
}

/** The refusal every error route returns. */
export function expectRefusal(reply: Reply, status: number, code: string, field?: string): void {
  const problems: string[] = [];
  if (reply.status !== status) problems.push(`status ${reply.status}, expected ${status}`);
  if (reply.json.success !== false) problems.push('success is not false');
  if (reply.json.code !== code) problems.push(`code ${reply.json.code}, expected ${code}`);
  if (typeof reply.json.error !== 'string' || reply.json.error.length === 0) problems.push('no error message');
  if (field !== undefined && reply.json.field !== field) problems.push(`field ${reply.json.field}, expected ${field}`);
  if (field !== undefined && code === 'invalid_input' && !String(reply.json.error).startsWith(`${field}:`)) problems.push(`error does not name ${field}`);
  if (problems.length) throw new Error(`${problems.join('; ')}: ${reply.text.slice(0, 300)}`);
}
