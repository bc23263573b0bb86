import { Readable } from 'node:stream';
import type { Opened } from '../../hub/document-service.js';

interface ByteRange {
  start: number;
  end: number;
}

/**
 * A document's bytes, streamed from the blob store, with single byte ranges (`Range: bytes=a-b`)
 * and ETag revalidation. Served as an attachment under a sandboxing CSP, so an uploaded HTML or SVG
 * file can never run as the hub, even when a browser is pointed straight at it.
 */
export function rawResponse(opened: Opened, request: Request): Response {
  const { version } = opened;
  const etag = `"${version.sha256}"`;
  const headers = rawHeaders(opened, etag);
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const range = requestedRange(request.headers.get('range'), version.size);
  if (range === 'unsatisfiable') return unsatisfiable(version.size, headers);
  const slice = range ?? { start: 0, end: version.size - 1 };
  headers.set('content-length', String(Math.max(0, slice.end - slice.start + 1)));
  if (range) headers.set('content-range', `bytes ${range.start}-${range.end}/${version.size}`);
  const body = request.method === 'HEAD' || version.size === 0 ? null : streamOf(opened, slice);
  return new Response(body, { status: range ? 206 : 200, headers });
}

function rawHeaders(opened: Opened, etag: string): Headers {
  return new Headers({
    'content-type': opened.version.contentType,
    'content-disposition': attachment(opened.document.name),
    etag,
    'accept-ranges': 'bytes',
    'x-baton-document': opened.document.id,
    'x-baton-version': String(opened.version.version),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    'cache-control': 'private, no-cache',
  });
}

const streamOf = (opened: Opened, slice: ByteRange): ReadableStream<Uint8Array> =>
  Readable.toWeb(opened.open(slice)) as ReadableStream<Uint8Array>;

/**
 * The one range a `Range` header asks for. A header we do not understand (another unit, several
 * ranges) is ignored and the whole document is sent, as HTTP allows.
 */
function requestedRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function unsatisfiable(size: number, headers: Headers): Response {
  headers.set('content-type', 'application/json');
  headers.set('content-range', `bytes */${size}`);
  headers.delete('content-disposition');
  const body = {
    success: false,
    error: `range: not satisfiable for a document of ${size} bytes (ask for bytes=start-end with start < ${size})`,
    code: 'invalid_input',
    field: 'range',
  };
  return new Response(JSON.stringify(body), { status: 416, headers });
}

/** `filename*` carries the real name; `filename` an ASCII stand-in for old clients. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\w.\- ]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
