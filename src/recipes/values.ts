/**
 * How recipe values become text and truth. Templates and conditions share these rules, so a value
 * renders the same in a prompt as it compares in a condition.
 */

/** Text as is; numbers as numbers; booleans as true/false; null as nothing; objects and lists as JSON. */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return toJson(value);
}

function toJson(value: unknown): string {
  try {
    // bigint has no JSON form; its digits are the honest text.
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The words a bare value may hold that still mean "no" (the origin's Python wrote None and False). */
const FALSE_WORDS = new Set(['', 'false', '0', 'none']);

/** A bare value is false when it is false, empty, 0 or none; anything else is true. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'bigint') return value !== 0n;
  if (typeof value === 'string') return !FALSE_WORDS.has(value.trim().toLowerCase());
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The number a value stands for (a number, or text that is one), else null. */
export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) return Number(value.trim());
  return null;
}

const FENCED = /^```[A-Za-z0-9_-]*\s*\n([\s\S]*?)\n?```$/;

/**
 * The object or list a text holds as JSON (bare, or alone in a ``` fence as agents often answer),
 * else undefined. Step results arrive as text; their fields are read on demand.
 */
export function jsonStructureOf(text: string): object | undefined {
  const trimmed = text.trim();
  const body = FENCED.exec(trimmed)?.[1]?.trim() ?? trimmed;
  if (!body.startsWith('{') && !body.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** What a value is, in words, for error messages. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'string') return 'text';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
