import type { Context } from 'hono';
import { invalidInput } from '../../core/errors.js';

/** The JSON body of a request, which must be an object. */
export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw invalidInput('body', 'must be a JSON object (Content-Type: application/json)');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidInput('body', 'must be a JSON object');
  return body as Record<string, unknown>;
}

/** Query parameters as one object; a repeated key keeps its last value. */
export const queryOf = (c: Context): Record<string, string> => c.req.query();

/** `channels=general,alerts`, repeated `channels=`, or one `channel=`. */
export function channelList(c: Context): string[] {
  const values = [...(c.req.queries('channels') ?? []), ...(c.req.queries('channel') ?? [])];
  return values.flatMap((v) => v.split(',')).filter(Boolean);
}
