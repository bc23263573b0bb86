import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tooLarge } from '../core/errors.js';
import type { BlobStore, StoredBlob } from './blob-store.js';

/** Blobs as files under the data dir: blobs/ab/abcdef…; written to a temp file, then renamed into place. */
export class FileBlobStore implements BlobStore {
  private readonly tmp: string;

  constructor(private readonly root: string) {
    this.tmp = join(root, 'tmp');
    mkdirSync(this.tmp, { recursive: true });
  }

  /**
   * Deletes the temp files of uploads that never finished (the hub died mid-write). Only the owner
   * of the data dir may call it, before serving: a temp file of a live upload would go too.
   */
  discardUnfinished(): number {
    const left = readdirSync(this.tmp);
    for (const name of left) rmSync(join(this.tmp, name), { force: true });
    return left.length;
  }

  /** Every stored blob's sha256, read from the folder layout. */
  stored(): string[] {
    const shas: string[] = [];
    for (const dir of readdirSync(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of readdirSync(join(this.root, dir))) if (/^[0-9a-f]{64}$/.test(name) && name.startsWith(dir)) shas.push(name);
    }
    return shas;
  }

  async put(source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredBlob> {
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(tooLarge('content', `document is larger than the limit of ${maxBytes} bytes`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const temp = join(this.tmp, `${Date.now()}-${randomBytes(6).toString('hex')}`);
    try {
      await pipeline(Readable.from(source), meter, createWriteStream(temp, { flags: 'wx' }));
      const sha256 = hash.digest('hex');
      const dir = join(this.root, sha256.slice(0, 2));
      mkdirSync(dir, { recursive: true });
      await rename(temp, join(dir, sha256));
      return { sha256, size };
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  open(sha256: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.pathOf(sha256), range);
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256);
  }
}
