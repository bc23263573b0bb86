import { createHash } from 'node:crypto';
import { authHeaders } from '../../support/hub-tokens.js';

/** A request that takes this long is stuck: it fails (as unacknowledged) instead of hanging the test. */
const STUCK_MS = 20_000;

/** A JSON answer of the hub; a dropped connection (the hub was killed) rejects instead. */
export interface Answer {
  status: number;
  body: Record<string, any>;
}

/** Who a request goes out as: a token (the hub's admin token when none is named) and a session. */
export interface As {
  token?: string;
  session?: string;
}

const headersOf = (url: string, as: As, contentType: string): Record<string, string> => ({
  ...(as.token ? { authorization: `Bearer ${as.token}` } : authHeaders(url)),
  'content-type': contentType,
  ...(as.session ? { 'x-baton-session': as.session } : {}),
});

/** One JSON request to a full path (a workspace's prefix included). */
export async function send(url: string, as: As, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: headersOf(url, as, 'application/json'),
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(STUCK_MS),
  });
  return { status: response.status, body: parseJson(await response.text()) };
}

/** A streamed upload (PUT …/documents/content) of bytes, or of a stream of chunks, to a full path. */
export async function sendBytes(url: string, as: As, path: string, bytes: Uint8Array | ReadableStream<Uint8Array>): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method: 'PUT',
    headers: headersOf(url, as, 'application/octet-stream'),
    body: bytes,
    duplex: 'half',
    signal: AbortSignal.timeout(STUCK_MS),
  } as RequestInit);
  return { status: response.status, body: parseJson(await response.text()) };
}

/** A JSON request to the default workspace's API as a session, with the hub's admin token. */
export const call = (url: string, session: string | undefined, method: string, path: string, body?: unknown): Promise<Answer> =>
  send(url, session ? { session } : {}, method, `/api/v1${path}`, body);

/** A streamed upload into the default workspace as a session, with the hub's admin token. */
export const put = (url: string, session: string, path: string, bytes: Uint8Array | ReadableStream<Uint8Array>): Promise<Answer> =>
  sendBytes(url, { session }, `/api/v1/documents/content?path=${encodeURIComponent(path)}`, bytes);

/** The bytes of one version of a document, or the status when there are none. */
export async function download(url: string, documentId: string, version?: number): Promise<{ status: number; bytes: Buffer }> {
  const query = `document_id=${encodeURIComponent(documentId)}${version ? `&version=${version}` : ''}`;
  const response = await fetch(`${url}/api/v1/documents/content?${query}`, { headers: authHeaders(url) });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function parseJson(text: string): Record<string, any> {
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    return { unparsed: text.slice(0, 200) };
  }
}
