import { createHash } from 'node:crypto';
import { authHeaders } from '../../support/hub-tokens.js';

/** A JSON answer of the hub; a dropped connection (the hub was killed) rejects instead. */
/** A request that takes this long is stuck: it fails (as unacknowledged) instead of hanging the test. */
const STUCK_MS = 20_000;

export interface Answer {
  status: number;
  body: Record<string, any>;
}

export async function call(url: string, session: string | undefined, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { ...authHeaders(url), 'content-type': 'application/json', ...(session ? { 'x-baton-session': session } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(STUCK_MS),
  });
  const text = await response.text();
  return { status: response.status, body: parseJson(text) };
}

/** A streamed upload (PUT /documents/content) of bytes, or of a stream of chunks. */
export async function put(url: string, session: string, path: string, bytes: Uint8Array | ReadableStream<Uint8Array>): Promise<Answer> {
  const response = await fetch(`${url}/api/v1/documents/content?path=${encodeURIComponent(path)}`, {
    method: 'PUT',
    headers: { ...authHeaders(url), 'content-type': 'application/octet-stream', 'x-baton-session': session },
    body: bytes,
    duplex: 'half',
    signal: AbortSignal.timeout(STUCK_MS),
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, body: parseJson(text) };
}

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
