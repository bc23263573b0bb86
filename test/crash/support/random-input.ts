import { randomBytes, randomInt } from 'node:crypto';

const PIECES = ['plan', 'ünïcödé', '🔧', '日本語', 'שלום', 'e\u0301', '\u200d', 'x'.repeat(40), '"quoted"', '<b>tag</b>', '\\', '\t'];

/** A line of text from mixed scripts, emoji and markup, between min and max pieces long. */
export function text(min: number, max: number): string {
  return Array.from({ length: randomInt(min, max + 1) }, () => PIECES[randomInt(PIECES.length)]).join(' ');
}

/** A title: no control characters. */
export const title = (prefix: string): string => `${prefix} ${text(1, 6).replace(/\t/g, ' ')}`.slice(0, 200);

/** Random bytes, mostly small, now and then up to maxBytes. */
export function blob(maxBytes: number): Buffer {
  return randomBytes(Math.floor(Math.random() ** 3 * maxBytes) + 1);
}
