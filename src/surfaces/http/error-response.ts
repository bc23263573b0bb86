import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isBatonError } from '../../core/errors.js';

/** Every refusal is the same JSON shape; only a fault of the hub itself is a 500. */
export function errorResponse(c: Context, error: unknown, onUnexpected?: (error: unknown) => void): Response {
  if (isBatonError(error)) {
    if (error.code === 'unauthenticated') c.header('www-authenticate', 'Bearer realm="baton"');
    return c.json(error.toJSON(), error.status as ContentfulStatusCode);
  }
  if (error instanceof HTTPException && error.status < 500) {
    return c.json({ success: false, error: error.message || 'bad request', code: 'invalid_input' }, error.status);
  }
  onUnexpected?.(error);
  return c.json({ success: false, error: 'internal error: the hub could not handle this request (details are in its log)', code: 'internal' }, 500);
}
