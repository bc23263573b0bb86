import { createHash, randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_BYTES, PgBlobStore, UNUSED_BLOB_GRACE_MS } from '../../src/blobs/pg-blob-store.js';
import { readRange } from '../../src/hub/document-content.js';
import { migratePg, PG_MIGRATIONS } from '../../src/store/postgres/pg-migrations.js';
import { tablesOf, type TableNames } from '../../src/store/postgres/pg-store.js';
import { testDb } from '../support/pg.js';

const { db, schema } = testDb();

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The bytes in pieces of an awkward size, so no piece lines up with a chunk. */
function* pieces(bytes: Buffer, size = 100_003): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('postgres blob store', () => {
  let s: TableNames;
  let blobs: PgBlobStore;
  const big = randomBytes(1_300_000);

  beforeEach(async () => {
    const name = schema();
    await migratePg(db, name, PG_MIGRATIONS);
    s = tablesOf(name);
    blobs = new PgBlobStore(db, s);
  });

  const counts = async () => {
    const [row] = await db.query<{ blobs: number; chunks: number }>(
      `SELECT (SELECT count(*) FROM ${s('blobs')}) AS blobs, (SELECT count(*) FROM ${s('blob_chunks')}) AS chunks`,
    );
    return row;
  };

  it('blobs - a multi-chunk blob round-trips byte for byte, stored in whole chunks', async () => {
    expect(await blobs.put(pieces(big), 10_000_000)).toEqual({ sha256: sha256(big), size: big.length });
    const read = await readRange(blobs.open(sha256(big)));
    expect(sha256(read)).toBe(sha256(big));
    const sizes = await db.query<{ n: number; size: number }>(`SELECT n, length(bytes) AS size FROM ${s('blob_chunks')} ORDER BY n`);
    const whole = Math.floor(big.length / CHUNK_BYTES);
    expect(sizes).toEqual([
      ...Array.from({ length: whole }, (_, n) => ({ n, size: CHUNK_BYTES })),
      { n: whole, size: big.length - whole * CHUNK_BYTES },
    ]);
  });

  it('blobs - an empty blob stores no chunks and reads as nothing', async () => {
    const empty = Buffer.alloc(0);
    expect(await blobs.put([], 10)).toEqual({ sha256: sha256(empty), size: 0 });
    expect(await readRange(blobs.open(sha256(empty)))).toEqual(empty);
    expect(await counts()).toEqual({ blobs: 1, chunks: 0 });
  });

  it('blobs - ranges are inclusive, like fs.createReadStream, across chunk boundaries and at the ends', async () => {
    const { sha256: sha } = await blobs.put(pieces(big), 10_000_000);
    const last = big.length - 1;
    const ranges = [
      { start: 0, end: 0 },
      { start: 0, end: CHUNK_BYTES - 1 },
      { start: CHUNK_BYTES - 1, end: CHUNK_BYTES },
      { start: CHUNK_BYTES - 10, end: 3 * CHUNK_BYTES + 10 },
      { start: 2 * CHUNK_BYTES, end: 3 * CHUNK_BYTES - 1 },
      { start: last - 5, end: last },
      { start: last, end: last },
      { start: 0, end: last },
    ];
    for (const range of ranges) {
      const read = await readRange(blobs.open(sha, range));
      expect(sha256(read), JSON.stringify(range)).toBe(sha256(big.subarray(range.start, range.end + 1)));
    }
    expect(await readRange(blobs.open(sha, { start: last - 2, end: last + 1000 }))).toEqual(big.subarray(last - 2));
    expect(await readRange(blobs.open(sha, { start: big.length + 5, end: big.length + 9 }))).toEqual(Buffer.alloc(0));
  });

  it('blobs - equal content is stored once', async () => {
    const first = await blobs.put(pieces(big), 10_000_000);
    const second = await blobs.put(pieces(big, 7_777), 10_000_000);
    expect(second).toEqual(first);
    expect(await counts()).toEqual({ blobs: 1, chunks: Math.ceil(big.length / CHUNK_BYTES) });
    expect(sha256(await readRange(blobs.open(first.sha256)))).toBe(first.sha256);
  });

  it('blobs - a put over the limit throws too_large and leaves nothing', async () => {
    await expect(blobs.put(pieces(big), big.length - 1)).rejects.toMatchObject({ code: 'too_large', field: 'content' });
    expect(await counts()).toEqual({ blobs: 0, chunks: 0 });
    expect(await blobs.put(pieces(big), big.length)).toEqual({ sha256: sha256(big), size: big.length });
  });

  it('blobs - a put whose source fails midway leaves nothing', async () => {
    const broken = new Error('connection reset by the uploader');
    async function* failing() {
      yield* pieces(big.subarray(0, 3 * CHUNK_BYTES));
      throw broken;
    }
    await expect(blobs.put(failing(), 10_000_000)).rejects.toBe(broken);
    expect(await counts()).toEqual({ blobs: 0, chunks: 0 });
  });

  it('blobs - two puts of the same bytes at once both succeed, leaving one blob', async () => {
    // Each upload holds back its second half until both have begun, so both transactions are open together.
    let begun = 0;
    let bothBegun!: () => void;
    const together = new Promise<void>((resolve) => (bothBegun = resolve));
    async function* upload() {
      yield big.subarray(0, 2 * CHUNK_BYTES + 1);
      if (++begun === 2) bothBegun();
      await together;
      yield big.subarray(2 * CHUNK_BYTES + 1);
    }
    const results = await Promise.all([blobs.put(upload(), 10_000_000), blobs.put(upload(), 10_000_000)]);
    expect(results).toEqual([
      { sha256: sha256(big), size: big.length },
      { sha256: sha256(big), size: big.length },
    ]);
    expect(await counts()).toEqual({ blobs: 1, chunks: Math.ceil(big.length / CHUNK_BYTES) });
    expect(sha256(await readRange(blobs.open(sha256(big))))).toBe(sha256(big));
  });

  it('blobs - opening an unknown sha256 errors like a missing file', async () => {
    await expect(readRange(blobs.open('f'.repeat(64)))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readRange(blobs.open('not a sha', { start: 0, end: 9 }))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  /** Makes a blob look stored longer ago than the grace period. */
  const age = (sha: string) => db.query(`UPDATE ${s('blobs')} SET stored_at = stored_at - ${UNUSED_BLOB_GRACE_MS + 1000} WHERE sha256 = $1`, [sha]);

  /** A document version that uses the blob, written as the document store would. */
  const useIn = async (sha: string) => {
    await db.query(`INSERT INTO ${s('sessions')} (id, name, role, client, kind, resume_token_hash, first_seen, last_seen) VALUES ('s-1', 'a', 'r', 'c', 'agent', 'h', 1, 1) ON CONFLICT DO NOTHING`);
    await db.query(`INSERT INTO ${s('documents')} (id, path, name, folder, current_version, created_at, created_by) VALUES ('d-1', 'a.md', 'a.md', '', 1, 1, 's-1')`);
    await db.query(`INSERT INTO ${s('document_versions')} (document_id, version, size, sha256, content_type, author_id, created_at) VALUES ('d-1', 1, 1, $1, 'text/plain', 's-1', 1)`, [sha]);
  };

  it('blobs - remove deletes an unused blob and its chunks once it is older than the grace period, and leaves other blobs', async () => {
    const kept = Buffer.from('another document');
    const gone = await blobs.put(pieces(big), 10_000_000);
    await blobs.put([kept], 100);
    // Just stored: another node's upload of the same bytes may be about to use it.
    await blobs.remove(gone.sha256);
    expect(await counts()).toEqual({ blobs: 2, chunks: 6 });
    await age(gone.sha256);
    await blobs.remove(gone.sha256);
    await expect(readRange(blobs.open(gone.sha256))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await counts()).toEqual({ blobs: 1, chunks: 1 });
    expect(await readRange(blobs.open(sha256(kept)))).toEqual(kept);
    await blobs.remove(gone.sha256);
  });

  it('blobs - storing the same bytes again restarts the grace period, so a removal racing an upload on another node spares them', async () => {
    const bytes = Buffer.from('the same bytes, uploaded twice');
    await blobs.put([bytes], 100);
    await age(sha256(bytes));
    await blobs.put([bytes], 100);
    await blobs.remove(sha256(bytes));
    expect(await readRange(blobs.open(sha256(bytes)))).toEqual(bytes);
  });

  it('blobs - a blob a version uses is never removed; discardUnused takes only the old unused ones', async () => {
    const used = Buffer.from('used by a version');
    const young = Buffer.from('unused but young');
    const old = Buffer.from('unused and old');
    for (const b of [used, young, old]) await blobs.put([b], 100);
    await useIn(sha256(used));
    await age(sha256(used));
    await age(sha256(old));
    await blobs.remove(sha256(used));
    expect(await blobs.discardUnused()).toBe(1);
    expect(await readRange(blobs.open(sha256(used)))).toEqual(used);
    expect(await readRange(blobs.open(sha256(young)))).toEqual(young);
    await expect(readRange(blobs.open(sha256(old)))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
