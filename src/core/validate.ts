import { z } from 'zod';
import { invalidInput } from './errors.js';

/**
 * Parses untrusted input against a schema; the first problem becomes an error that names the
 * field and the rule it broke, so a caller can fix its request without guessing.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const malformed = malformedText(input, []);
  // SQLite and every JSON reader would turn a lone surrogate into other text than the caller sent.
  if (malformed) throw invalidInput(malformed.join('.') || 'input', 'must be well-formed Unicode text (it holds a lone surrogate)');
  // reportInput: without it zod leaves `input` out and every wrong type would read "is required".
  const result = schema.safeParse(input ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : 'input';
  throw invalidInput(field, describeIssue(issue));
}

/** The path of the first string in the input that is not well-formed UTF-16, if any. */
function malformedText(value: unknown, path: string[]): string[] | undefined {
  if (typeof value === 'string') return (value as string & { isWellFormed(): boolean }).isWellFormed() ? undefined : path;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = malformedText(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'is not valid';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      // zod reports a fraction where an integer belongs as an invalid type named 'int'.
      return issue.expected === 'int' ? 'must be a whole number' : `must be ${article(issue.expected)}`;
    case 'too_small':
      return issue.origin === 'string' ? `must be at least ${issue.minimum} characters` : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    default:
      return issue.message;
  }
}

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** Text without NUL or other control characters except tab and newlines. */
export const cleanText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'must not contain control characters');

/** Integers arrive as numbers over JSON and as strings over query strings; accept both. */
export const intIn = (min: number, max: number) => z.coerce.number().int('must be a whole number').min(min).max(max);

export const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])], { error: 'must be true or false' })
  .transform((v) => v === true || v === 'true' || v === '1');
