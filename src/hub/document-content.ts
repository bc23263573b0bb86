import { Buffer } from 'node:buffer';
import type { Readable } from 'node:stream';

/** Reads a byte range of a stream into memory; callers keep the range small. */
export async function readRange(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes bytes as UTF-8 text when they are text. A slice may end inside a character; up to three
 * trailing bytes are left for the next slice. Returns undefined for bytes that are not text.
 */
export function decodeText(bytes: Buffer, atEnd: boolean): { text: string; used: number } | undefined {
  for (let drop = 0; drop <= (atEnd ? 0 : 3) && drop < bytes.length + 1; drop++) {
    const used = bytes.length - drop;
    try {
      const text = strict.decode(bytes.subarray(0, used));
      if (text.includes('\u0000')) return undefined;
      return { text, used };
    } catch {
      // try leaving one more byte for the next slice
    }
  }
  return undefined;
}
