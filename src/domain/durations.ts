import { invalidInput } from '../core/errors.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30d`, `12h`, `90m`, `45s`, `2w` as milliseconds; `never` (or nothing) as null. */
export function parseDuration(raw: unknown, field: string): number | null {
  if (raw === undefined || raw === null || raw === '' || raw === 'never') return null;
  const match = typeof raw === 'string' ? /^(\d{1,6})([smhdw])$/.exec(raw.trim()) : null;
  if (!match) throw invalidInput(field, "must be a duration like 30d, 12h, 90m, 45s or 2w, or 'never'");
  const ms = Number(match[1]) * UNIT_MS[match[2]!]!;
  if (ms <= 0) throw invalidInput(field, 'must be longer than zero');
  return ms;
}
