import type { Readable } from 'node:stream';
import mime from 'mime-types';
import { z } from 'zod';
import { conflict, invalidInput, notFound } from '../core/errors.js';
import { iso } from '../core/clock.js';
import { flag, intIn, parseInput } from '../core/validate.js';
import { joinPath, validDocumentPath, validFolder } from '../domain/document-paths.js';
import type { DocumentRecord, DocumentVersion } from '../domain/types.js';
import type { Caller, HubContext } from './context.js';
import { audit, authorize, fieldOf } from './permissions.js';
import { indexDocument } from './document-index.js';
import { decodeText, readRange } from './document-content.js';
import { parseDocumentRef } from './document-refs.js';
import { documentView, versionView } from './views.js';

const Target = z.object({
  path: z.string().max(2000).optional(),
  folder_path: z.string().max(2000).optional(),
  file_name: z.string().max(2000).optional(),
  content_type: z
    .string()
    .max(200)
    .regex(/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+-]+)*$/, 'must be a media type like text/markdown')
    .optional(),
  if_match: intIn(0, Number.MAX_SAFE_INTEGER).optional(),
});

const JsonUpload = Target.extend({
  content: z.string(),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
});

const Ref = z.object({ document_id: z.string().min(1).max(4000), version: intIn(1, Number.MAX_SAFE_INTEGER).optional() });

export interface Opened {
  document: DocumentRecord;
  version: DocumentVersion;
  open(range?: { start: number; end: number }): Readable;
}

/**
 * Shared documents: every upload to a path adds a version; if_match guards against a concurrent
 * writer; delete is soft. Bytes stream to the blob store, never whole into memory.
 */
export class DocumentService {
  private readonly downloadSchema;

  constructor(private readonly ctx: HubContext) {
    this.downloadSchema = Ref.extend({
      offset: intIn(0, Number.MAX_SAFE_INTEGER).default(0),
      max_chars: intIn(100, ctx.limits.readCharsMax).default(ctx.limits.readChars),
    });
  }

  /** Upload from a JSON request: text, or base64 for binary. */
  async upload(caller: Caller, raw: unknown) {
    const input = parseInput(JsonUpload, raw);
    if (input.encoding === 'base64' && !/^[A-Za-z0-9+/]*={0,2}$/.test(input.content.replace(/\s+/g, ''))) {
      throw invalidInput('content', 'is not valid base64');
    }
    const bytes = Buffer.from(input.content, input.encoding === 'base64' ? 'base64' : 'utf8');
    return this.uploadStream(caller, input, [bytes], input.encoding === 'utf8');
  }

  /** Upload whose bytes arrive as a stream (HTTP PUT). */
  async uploadStream(caller: Caller, raw: unknown, source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, text = false) {
    await authorize(this.ctx, caller, 'document.upload');
    const input = parseInput(Target, raw);
    const path = this.targetPath(input);
    await this.checkIfMatch(path, input.if_match);
    const blob = await this.ctx.blobs.put(source, this.ctx.limits.documentBytes);
    const result = await this.ctx.store.documents.addVersion({
      path,
      newId: this.ctx.ids.document(),
      size: blob.size,
      sha256: blob.sha256,
      contentType: input.content_type ?? contentTypeOf(path, text),
      authorId: caller.session.id,
      createdAt: this.ctx.clock.now(),
      ...(input.if_match !== undefined ? { ifMatch: input.if_match } : {}),
    });
    if (!result.ok) {
      if (!(await this.ctx.store.documents.blobInUse(blob.sha256))) await this.ctx.blobs.remove(blob.sha256);
      throw this.conflictError(path, input.if_match!, result.current);
    }
    this.ctx.bus.publish({ type: 'document', documentId: result.document.id, version: result.version.version });
    await indexDocument(this.ctx, result.document.id);
    await audit(this.ctx, caller, 'document.upload', `${result.document.id} v${result.version.version}`);
    return { document: documentView(result.document, this.ctx.links), version: versionView(result.version, this.ctx.links) };
  }

  /** Opens a document (by id, path or web_url) at its current or a given version. */
  async open(raw: unknown): Promise<Opened> {
    const input = parseInput(Ref, raw);
    const ref = parseDocumentRef(input.document_id);
    const document = await this.find(input.document_id, ref);
    const wanted = input.version ?? (ref.kind === 'id' ? ref.version : undefined) ?? document.currentVersion;
    const version = await this.ctx.store.documents.version(document.id, wanted);
    if (!version) throw notFound(`Document '${document.path}' has no version ${wanted} (current: ${document.currentVersion})`);
    return { document, version, open: (range) => this.ctx.blobs.open(version.sha256, range) };
  }

  /** Download into a JSON result: text when it is UTF-8, else base64; at most max_chars per call. */
  async download(raw: unknown) {
    const { offset, max_chars, ...ref } = parseInput(this.downloadSchema, raw);
    const opened = await this.open(ref);
    const { size } = opened.version;
    const end = Math.min(size, offset + max_chars);
    const bytes = offset >= size ? Buffer.alloc(0) : await readRange(opened.open({ start: offset, end: end - 1 }));
    const text = decodeText(bytes, end === size);
    const slice = text
      ? { content: text.text, encoding: 'utf8' as const, used: text.used }
      : this.base64Slice(bytes, max_chars);
    const next = offset + slice.used;
    return {
      success: true,
      content: slice.content,
      encoding: slice.encoding,
      size,
      document: documentView(opened.document, this.ctx.links),
      version: versionView(opened.version, this.ctx.links),
      ...(next < size ? { truncated: true, next_offset: next, note: `more content follows: download again with offset=${next}` } : {}),
    };
  }

  private base64Slice(bytes: Buffer, maxChars: number) {
    const used = Math.min(bytes.length, Math.floor((maxChars * 3) / 4 / 3) * 3);
    return { content: bytes.subarray(0, used).toString('base64'), encoding: 'base64' as const, used };
  }

  async versions(raw: unknown) {
    const opened = await this.open(parseInput(Ref.pick({ document_id: true }), raw));
    const versions = await this.ctx.store.documents.versions(opened.document.id);
    return { document: documentView(opened.document, this.ctx.links), versions: versions.map((v) => versionView(v, this.ctx.links)) };
  }

  /** One folder level (with its subfolders), or every document below it. */
  async list(raw: unknown) {
    const input = parseInput(
      z.object({ folder_path: z.string().max(2000).optional(), recursive: flag.default(false), limit: intIn(1, 1000).default(200) }),
      raw,
    );
    const folder = validFolder(input.folder_path);
    const { documents: store } = this.ctx.store;
    // One more than the limit tells whether the listing was cut.
    const found = await store.inFolder(folder, input.recursive, input.limit + 1);
    const docs = found.slice(0, input.limit);
    const folders = input.recursive ? [] : childFolders(folder, await store.foldersBelow(folder));
    return {
      folder: folder || 'root',
      documents: [
        ...folders.map((path) => ({ name: path.slice(path.lastIndexOf('/') + 1), path, is_folder: true as const })),
        ...docs.map((d) => documentView(d, this.ctx.links)),
      ],
      ...(found.length > input.limit ? { truncated: true, note: `only the first ${input.limit} documents are listed` } : {}),
    };
  }

  async move(caller: Caller, raw: unknown) {
    await authorize(this.ctx, caller, 'document.move', fieldOf(raw, 'document_id'));
    const input = parseInput(z.object({ document_id: z.string().min(1).max(4000), to: z.string().max(2000) }), raw);
    const document = await this.find(input.document_id, parseDocumentRef(input.document_id));
    const to = validDocumentPath(input.to, 'to');
    if (!(await this.ctx.store.documents.move(document.id, to))) throw conflict(`A document already exists at '${to}'`);
    this.ctx.bus.publish({ type: 'document', documentId: document.id, version: document.currentVersion });
    await indexDocument(this.ctx, document.id);
    await audit(this.ctx, caller, 'document.move', `${document.id} → ${to}`);
    return { success: true, document: documentView((await this.ctx.store.documents.byId(document.id))!, this.ctx.links), moved_by: caller.session.id };
  }

  async remove(caller: Caller, raw: unknown) {
    await authorize(this.ctx, caller, 'document.delete', fieldOf(raw, 'document_id'));
    const input = parseInput(z.object({ document_id: z.string().min(1).max(4000) }), raw);
    const document = await this.find(input.document_id, parseDocumentRef(input.document_id));
    await this.ctx.store.documents.softDelete(document.id, caller.session.id, this.ctx.clock.now());
    this.ctx.bus.publish({ type: 'document', documentId: document.id, version: document.currentVersion });
    await indexDocument(this.ctx, document.id);
    await audit(this.ctx, caller, 'document.delete', document.id);
    return { success: true, deleted: document.id, path: document.path, note: 'a coordinator can restore deleted documents' };
  }

  async restore(caller: Caller, raw: unknown) {
    await authorize(this.ctx, caller, 'document.restore', fieldOf(raw, 'document_id'));
    const input = parseInput(z.object({ document_id: z.string().min(1).max(40) }), raw);
    const document = await this.ctx.store.documents.byId(input.document_id, true);
    if (!document) throw notFound(`Document '${input.document_id}' not found`);
    if (!(await this.ctx.store.documents.restore(document.id))) {
      throw conflict(`Cannot restore: a document already exists at '${document.path}'`);
    }
    await indexDocument(this.ctx, document.id);
    await audit(this.ctx, caller, 'document.restore', document.id);
    return { success: true, document: documentView((await this.ctx.store.documents.byId(document.id))!, this.ctx.links) };
  }

  private targetPath(input: z.infer<typeof Target>): string {
    if (input.path) return validDocumentPath(input.path);
    if (!input.file_name) throw invalidInput('file_name', 'is required');
    const name = validDocumentPath(input.file_name, 'file_name');
    return validDocumentPath(joinPath(validFolder(input.folder_path), name), 'file_name');
  }

  private async find(raw: string, ref: ReturnType<typeof parseDocumentRef>): Promise<DocumentRecord> {
    const docs = this.ctx.store.documents;
    const document = ref.kind === 'id' ? await docs.byId(ref.id) : await docs.byPath(validDocumentPath(ref.path, 'document_id'));
    if (!document) throw notFound(`Document '${raw}' not found`);
    return document;
  }

  private async checkIfMatch(path: string, ifMatch: number | undefined): Promise<void> {
    if (ifMatch === undefined) return;
    const existing = await this.ctx.store.documents.byPath(path);
    if ((existing?.currentVersion ?? 0) === ifMatch) return;
    const current = existing && (await this.ctx.store.documents.version(existing.id, existing.currentVersion));
    throw this.conflictError(path, ifMatch, current);
  }

  private conflictError(path: string, ifMatch: number, current: DocumentVersion | undefined) {
    if (!current) return conflict(`Conflict: '${path}' does not exist yet (if_match was ${ifMatch}; use 0 to create)`);
    return conflict(
      `Conflict: '${path}' is at version ${current.version} by ${current.authorName} (${current.authorId}) ` +
        `at ${iso(current.createdAt)}, not ${ifMatch}; download it, merge, and upload with if_match=${current.version}`,
    );
  }
}

function contentTypeOf(path: string, text: boolean): string {
  const known = mime.lookup(path);
  if (known) return known.startsWith('text/') ? `${known}; charset=utf-8` : known;
  return text ? 'text/plain; charset=utf-8' : 'application/octet-stream';
}

/** The immediate subfolders of `folder`, from the full folder paths below it. */
function childFolders(folder: string, below: string[]): string[] {
  const prefix = folder ? `${folder}/` : '';
  const children = new Set(below.filter((f) => f.startsWith(prefix) && f !== folder).map((f) => prefix + f.slice(prefix.length).split('/')[0]));
  return [...children].sort();
}
