import { createHash, randomBytes } from 'node:crypto';

const CHUNK = 256 * 1024;

/** A body of random bytes streamed chunk by chunk, calling `at` once after `atBytes` have been handed over. */
export function bigBody(totalBytes: number, atBytes: number, at: () => void): { stream: ReadableStream<Uint8Array>; sha256: () => string } {
  const hash = createHash('sha256');
  let sent = 0;
  let fired = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const chunk = randomBytes(Math.min(CHUNK, totalBytes - sent));
      hash.update(chunk);
      controller.enqueue(chunk);
      sent += chunk.length;
      if (!fired && sent >= atBytes) {
        fired = true;
        at();
      }
    },
  });
  return { stream, sha256: () => hash.copy().digest('hex') };
}
