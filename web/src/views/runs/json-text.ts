/** A step's result or the run's outputs as text: strings as they are, anything else as JSON (indented unless `compact`). */
export function jsonText(value: unknown, compact = false): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, compact ? undefined : 2);
}

/** Results can be long: the list shows their start, the whole is one click away. */
export const SHORT = 160;
