import { invalidInput } from '../core/errors.js';
import { seqOfMessageId } from '../core/ids.js';

/**
 * A cursor is a position in the hub's commit order, handed out as a string. A message id works as
 * a cursor too: "after this message".
 */
export function parseCursor(raw: unknown, field = 'since'): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return raw;
  if (typeof raw === 'string') {
    if (/^\d{1,15}$/.test(raw)) return Number(raw);
    const seq = seqOfMessageId(raw);
    if (seq !== undefined) return seq;
  }
  throw invalidInput(field, 'must be a cursor (next_cursor of an earlier read) or a message id');
}

export const formatCursor = (seq: number): string => String(seq);
