import { Agent, request } from 'node:http';
import { expect } from 'vitest';

export interface RawReply {
  status: number;
  contentType: string;
  text: string;
}

export interface RawRequest {
  method: string;
  /** Sent as written: no normalising of `..` or percent escapes on the way. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

// A fresh connection per request: a refusal that closes its socket cannot spoil the next one.
const agent = new Agent({ keepAlive: false });

/** One request with node:http, which (unlike fetch) sends the path exactly as given. */
export function send(hubUrl: string, req: RawRequest): Promise<RawReply> {
  const { hostname, port } = new URL(hubUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request({ agent, host: hostname, port, method: req.method, path: req.path, headers: req.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** Lone surrogates replaced, so the text can be percent-encoded as UTF-8. */
export function wellFormed(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Makes any string safe to put in a request path or query without changing what it means to the hub. */
export function pathSafe(value: string): string {
  return value.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(wellFormed(char)));
}

/** Header values may only carry visible latin-1; the rest is percent-encoded like non-ASCII names are. */
export function headerSafe(value: string): string {
  return value.replace(/[^\x21-\x7e]/gu, (char) => (char === ' ' ? ' ' : encodeURIComponent(wellFormed(char)))).trim();
}

/** No 5xx, and every refusal in the one JSON shape (HTML for the web pages). */
export function expectWellFormed(reply: RawReply, label: string, method: string): void {
  const context = `${label} -> ${reply.status} ${reply.text.slice(0, 300)}`;
  expect(reply.status, context).toBeLessThan(500);
  if (reply.status < 400 || method === 'HEAD' || reply.contentType.startsWith('text/html')) return;
  expect(reply.contentType, context).toMatch(/^application\/json/);
  const json = JSON.parse(reply.text) as Record<string, unknown>;
  expect(json.success, context).toBe(false);
  expect(typeof json.error === 'string' && json.error.length > 0, context).toBe(true);
  expect(typeof json.code, context).toBe('string');
}
