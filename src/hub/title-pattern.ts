import safeRegex from 'safe-regex2';
import { invalidInput } from '../core/errors.js';

/**
 * A title filter for waits: a case-insensitive regular expression (an emoji like "✅" or a word
 * like "Complete" works as is). Patterns that could backtrack without end are refused.
 */
export function titlePattern(raw: string | undefined, field = 'title'): RegExp | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > 200) throw invalidInput(field, 'must be at most 200 characters');
  let pattern: RegExp;
  try {
    pattern = new RegExp(raw, 'iu');
  } catch {
    throw invalidInput(field, 'must be a valid regular expression');
  }
  if (!safeRegex(pattern)) throw invalidInput(field, 'is a pattern that could take too long to match; simplify it');
  return pattern;
}
