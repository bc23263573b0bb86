import { Agent, request, type IncomingHttpHeaders } from 'node:http';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** process.hrtime.bigint() when the last byte arrived, before any parsing. */
  endedAt: bigint;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  agent?: Agent;
}

/** Keep-alive connections without a cap: each concurrent caller keeps its own socket. */
export const keepAliveAgent = (): Agent => new Agent({ keepAlive: true, maxSockets: Infinity });

/** One HTTP request over node:http (the leanest client, so the figures measure the hub, not the client). */
export function send(url: string, options: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers, ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}) };
    const req = request(url, { method: options.method ?? 'GET', headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const endedAt = process.hrtime.bigint();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), endedAt });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The parsed JSON of a reply that must have the expected status. */
export function expectJson<T>(reply: Reply, status: number, what: string): T {
  if (reply.status !== status) throw new Error(`${what}: expected HTTP ${status}, got ${reply.status}: ${reply.text.slice(0, 300)}`);
  return JSON.parse(reply.text) as T;
}

/** The admin token of the hub under measurement, which every request presents. */
let token: string | undefined;

export function useToken(secret: string): void {
  token = secret;
}

/** The token itself, for a browser's login cookie. */
export const currentToken = (): string | undefined => token;

export const authHeader = (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

export const jsonHeaders = (sessionId?: string): Record<string, string> => ({
  'content-type': 'application/json',
  ...authHeader(),
  ...(sessionId ? { 'x-baton-session': sessionId } : {}),
});

/** Registers a session over the HTTP API and returns its id. */
export async function registerSession(url: string, name: string, agent?: Agent): Promise<string> {
  const reply = await send(`${url}/api/v1/sessions`, {
    method: 'POST',
    headers: jsonHeaders(),
    body: JSON.stringify({ name, client: 'baton-bench' }),
    ...(agent ? { agent } : {}),
  });
  return expectJson<{ session: { id: string } }>(reply, 201, `register ${name}`).session.id;
}
