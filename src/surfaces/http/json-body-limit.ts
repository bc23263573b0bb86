import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { BatonError } from '../../core/errors.js';

/** JSON bodies stay small; documents of any size go through the streaming PUT. */
export const JSON_BODY_BYTES = 8 * 1024 * 1024;

const tooLarge = (): never => {
  throw new BatonError('too_large', `body: over ${JSON_BODY_BYTES} bytes: upload large documents with PUT /api/v1/documents/content`, 'body');
};

const streamingLimit = bodyLimit({ maxSize: JSON_BODY_BYTES, onError: tooLarge });

/**
 * Refuses JSON bodies over the limit. A declared Content-Length is checked without touching the
 * body (wrapping it in a counting stream costs every request the fast path); only a chunked body
 * is counted as it arrives.
 */
export const jsonBodyLimit: MiddlewareHandler = async (c, next) => {
  const method = c.req.method;
  if (method === 'GET' || method === 'HEAD' || method === 'PUT') return next();
  const declared = c.req.header('content-length');
  if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
    if (Number(declared) > JSON_BODY_BYTES) tooLarge();
    return next();
  }
  return streamingLimit(c, next);
};
