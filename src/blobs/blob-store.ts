import type { Readable } from 'node:stream';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Document bytes, content-addressed by sha256. Writing streams: a large document never sits whole
 * in memory. A put that exceeds maxBytes is abandoned and leaves nothing behind.
 */
export interface BlobStore {
  put(source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredBlob>;
  open(sha256: string, range?: { start: number; end: number }): Readable;
  remove(sha256: string): Promise<void>;
}
