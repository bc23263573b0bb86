import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { BatonError } from '../../core/errors.js';

import { defaultLimits } from '../../core/limits.js';

/**
 * Refuses JSON bodies over the limit. A declared Content-Length is checked without touching the
 * body (wrapping it in a counting stream costs every request the fast path); only a chunked body
 * is counted as it arrives.
 */
export function jsonBodyLimit(maxBytes = defaultLimits.requestBytes): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new BatonError('too_large', `body: over ${maxBytes} bytes: upload large documents with PUT /api/v1/documents/content`, 'body');
  };
  const streamingLimit = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'PUT') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(declared) > maxBytes) tooLarge();
      return next();
    }
    return streamingLimit(c, next);
  };
}
