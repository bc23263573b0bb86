import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { tooLarge } from '../core/errors.js';
import { isUniqueViolation, rows, type PgDb, type Queryable } from '../store/postgres/pg-db.js';
import type { TableNames } from '../store/postgres/pg-store.js';
import type { BlobStore, StoredBlob } from './blob-store.js';

/** Every chunk but a blob's last holds exactly this many bytes, so a byte offset names its chunk. */
export const CHUNK_BYTES = 256 * 1024;

interface ByteRange {
  start: number;
  end: number;
}

/** The database's clock in milliseconds: nodes' clocks may differ, the database's is one. */
const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

/**
 * How long an unused blob is kept. Another node may have just found the same bytes stored (and
 * marked them stored again) and be about to add the version that uses them.
 */
export const UNUSED_BLOB_GRACE_MS = 5 * 60_000;

/** What a missing blob file raises, so callers see the same error from either store. */
const noSuchBlob = (sha256: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`ENOENT: no such blob '${sha256}'`), { code: 'ENOENT', errno: -2 });

/**
 * Blobs in the workspace's schema, as numbered chunks, so every node serves every document. A put
 * is one transaction: the blob's row is written under a stand-in name while the chunks stream in,
 * and takes its sha256 only at the end, where the unique sha256 finds any copy already stored.
 */
export class PgBlobStore implements BlobStore {
  /**
   * `writes` holds each upload's transaction for as long as the upload streams, so slow uploads
   * wait for each other there instead of taking every connection the rest of the hub needs.
   */
  constructor(
    private readonly db: PgDb,
    private readonly s: TableNames,
    private readonly writes: PgDb = db,
  ) {}

  async put(source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredBlob> {
    const hash = createHash('sha256');
    let size = 0;
    let sha256 = '';
    try {
      await this.writes.transaction(async (tx) => {
        const id = await this.newBlob(tx);
        let n = 0;
        for await (const chunk of chunked(source, CHUNK_BYTES)) {
          size += chunk.length;
          if (size > maxBytes) throw tooLarge('content', `document is larger than the limit of ${maxBytes} bytes`);
          hash.update(chunk);
          await tx.query(`INSERT INTO ${this.s('blob_chunks')} (blob_id, n, bytes) VALUES ($1, $2, $3)`, [id, n++, chunk]);
        }
        sha256 = hash.digest('hex');
        await tx.query(`UPDATE ${this.s('blobs')} SET sha256 = $1, size = $2, stored_at = ${NOW_MS} WHERE id = $3`, [sha256, size, id]);
      });
    } catch (error) {
      // The same bytes are stored already (or another upload of them committed first): keep those,
      // marked stored again so no removal takes them before this upload's version uses them.
      if (!(sha256 && isUniqueViolation(error))) throw error;
      await this.db.query(`UPDATE ${this.s('blobs')} SET stored_at = ${NOW_MS} WHERE sha256 = $1`, [sha256]);
    }
    return { sha256, size };
  }

  open(sha256: string, range?: ByteRange): Readable {
    return Readable.from(this.read(sha256, range), { objectMode: false });
  }

  /**
   * Removes the blob if no version uses it and it was not stored (again) within the grace period;
   * a younger one is left to discardUnused, so an upload on another node never loses its bytes.
   */
  async remove(sha256: string): Promise<void> {
    await this.discard('b.sha256 = $1', [sha256]);
  }

  /** Removes every unused blob older than the grace period (uploads cut off by a crash, refused versions). */
  async discardUnused(): Promise<number> {
    return this.discard('true', []);
  }

  private async discard(which: string, values: unknown[]): Promise<number> {
    const removed = await this.db.query(
      `DELETE FROM ${this.s('blobs')} b WHERE ${which} AND b.stored_at < ${NOW_MS} - ${UNUSED_BLOB_GRACE_MS}
         AND NOT EXISTS (SELECT 1 FROM ${this.s('document_versions')} v WHERE v.sha256 = b.sha256) RETURNING b.id`,
      values,
    );
    return removed.length;
  }

  private async newBlob(tx: Queryable): Promise<number> {
    const [blob] = await rows<{ id: number }>(
      tx,
      `INSERT INTO ${this.s('blobs')} (sha256, size) VALUES ($1, 0) RETURNING id`,
      [`pending-${randomUUID()}`],
    );
    return blob!.id;
  }

  /** A chunk at a time, only the bytes the range asks for; a range past the end reads what there is. */
  private async *read(sha256: string, range?: ByteRange): AsyncGenerator<Buffer> {
    const [blob] = await this.db.query<{ id: number; size: number }>(`SELECT id, size FROM ${this.s('blobs')} WHERE sha256 = $1`, [sha256]);
    if (!blob) throw noSuchBlob(sha256);
    const start = Math.max(range?.start ?? 0, 0);
    const end = Math.min(range?.end ?? Infinity, blob.size - 1);
    for (let n = Math.floor(start / CHUNK_BYTES); n * CHUNK_BYTES <= end && start <= end; n++) {
      const from = Math.max(start - n * CHUNK_BYTES, 0);
      const to = Math.min(end - n * CHUNK_BYTES, CHUNK_BYTES - 1);
      const bytes = await this.chunk(blob.id, n, from, to - from + 1);
      // Removed while being read: the same as a file deleted under a reader.
      if (!bytes) throw noSuchBlob(sha256);
      yield bytes;
    }
  }

  /** Bytes [from, from + length) of chunk n; substring counts from 1. */
  private async chunk(blobId: number, n: number, from: number, length: number): Promise<Buffer | undefined> {
    const [row] = await this.db.query<{ bytes: Buffer }>(
      `SELECT substring(bytes FROM $3 FOR $4) AS bytes FROM ${this.s('blob_chunks')} WHERE blob_id = $1 AND n = $2`,
      [blobId, n, from + 1, length],
    );
    return row?.bytes;
  }
}

/** The source's bytes re-cut into pieces of exactly `size` bytes (the last may be shorter, never empty). */
async function* chunked(source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let piece = Buffer.allocUnsafe(size);
  let filled = 0;
  for await (const data of source) {
    for (let offset = 0; offset < data.length; ) {
      const taken = Math.min(size - filled, data.length - offset);
      piece.set(data.subarray(offset, offset + taken), filled);
      filled += taken;
      offset += taken;
      if (filled === size) {
        yield piece;
        piece = Buffer.allocUnsafe(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield piece.subarray(0, filled);
}
