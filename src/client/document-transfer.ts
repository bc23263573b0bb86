import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { HubHttp } from './hub-http.js';
import type { Uploaded } from './wire-types.js';

/** Where an upload goes: a full `path`, or `folder_path` + `file_name`. */
export interface UploadTarget {
  path?: string;
  folder_path?: string;
  file_name?: string;
  /** A media type; by default the hub infers it from the name. */
  content_type?: string;
  /** The version the caller last saw (0: must not exist yet); a different current version is a conflict. */
  if_match?: number;
}

export interface DownloadOptions {
  version?: number;
  signal?: AbortSignal;
}

/** A document's bytes as they arrive, with what the hub said about them. */
export interface OpenedDownload {
  document_id: string;
  version: number;
  size: number;
  content_type: string;
  name: string;
  body: Readable;
}

export type ByteSource = Readable | AsyncIterable<Uint8Array>;

/** Streams bytes to the hub (PUT): a large document never sits whole in memory. */
export async function uploadStream(http: HubHttp, source: ByteSource, target: UploadTarget, size?: number): Promise<Uploaded> {
  const response = await http.send('PUT', '/api/v1/documents/content', {
    query: { ...target },
    headers: {
      'content-type': target.content_type ?? 'application/octet-stream',
      ...(size !== undefined ? { 'content-length': String(size) } : {}),
    },
    body: source as unknown as RequestInit['body'],
  });
  return (await response.json()) as Uploaded;
}

/** Uploads a file; without a path or file_name it keeps the file's own name. */
export async function uploadFile(http: HubHttp, file: string, target: UploadTarget = {}): Promise<Uploaded> {
  const { size } = await stat(file);
  const named = target.path || target.file_name ? target : { ...target, file_name: basename(file) };
  return uploadStream(http, createReadStream(file), named, size);
}

/** Opens a document (by id, path or web_url) for streaming. */
export async function openDownload(http: HubHttp, document: string, options: DownloadOptions = {}): Promise<OpenedDownload> {
  const response = await http.send('GET', '/api/v1/documents/content', {
    query: { document_id: document, version: options.version },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const headers = response.headers;
  const body = response.body ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) : Readable.from([]);
  return {
    document_id: headers.get('x-baton-document') ?? '',
    version: Number(headers.get('x-baton-version')),
    size: Number(headers.get('content-length') ?? 0),
    content_type: headers.get('content-type') ?? 'application/octet-stream',
    name: nameOf(headers.get('content-disposition')) ?? basename(document),
    body,
  };
}

/**
 * Streams a document into a file. The bytes land in a temporary file beside it that is renamed
 * when complete, so a failed download never leaves a half-written file under the real name.
 */
export async function downloadFile(http: HubHttp, document: string, file: string, options: DownloadOptions = {}) {
  const opened = await openDownload(http, document, options);
  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.part`);
  try {
    await pipeline(opened.body, createWriteStream(partial, { mode: 0o644 }));
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw inTermsOf(error, partial, file);
  }
  const { body: _body, ...meta } = opened;
  return { ...meta, file };
}

/** A file error names the file the caller asked for, not the temporary one. */
function inTermsOf(error: unknown, partial: string, file: string): unknown {
  const system = error as NodeJS.ErrnoException;
  if (system?.path !== partial) return error;
  system.path = file;
  system.message = system.message.replace(partial, file);
  return system;
}

/** The real name from `filename*=UTF-8''…`, else the plain `filename="…"`. */
function nameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // fall back to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(disposition)?.[1];
}
