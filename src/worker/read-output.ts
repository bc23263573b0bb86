import { open } from 'node:fs/promises';
import { RESULT_MAX, type Output } from './report-text.js';

/** Enough bytes for RESULT_MAX characters of any UTF-8 text. */
const HEAD_BYTES = RESULT_MAX * 4;

/** The start of a command's output, as text, without reading a large file whole. */
export async function readOutput(file: string, bytes: number): Promise<Output> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(bytes, HEAD_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = new TextDecoder().decode(buffer.subarray(0, bytesRead));
    return { text, bytes, partial: bytesRead < bytes };
  } finally {
    await handle.close();
  }
}
