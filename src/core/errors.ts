/**
 * One error family for everything the hub refuses. Each error knows its HTTP status and
 * its wire shape, so surfaces render it without a mapping table.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unauthenticated'
  | 'forbidden'
  | 'shutting_down';

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  shutting_down: 503,
};

export class BatonError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'BatonError';
  }

  get status(): number {
    return STATUS[this.code];
  }

  toJSON(): { success: false; error: string; code: ErrorCode; field?: string } {
    const body = { success: false as const, error: this.message, code: this.code };
    return this.field ? { ...body, field: this.field } : body;
  }
}

export const invalidInput = (field: string, rule: string): BatonError =>
  new BatonError('invalid_input', `${field}: ${rule}`, field);

export const notFound = (message: string): BatonError => new BatonError('not_found', message);

export const conflict = (message: string): BatonError => new BatonError('conflict', message);

export const tooLarge = (field: string, message: string): BatonError =>
  new BatonError('too_large', message, field);

export const isBatonError = (e: unknown): e is BatonError => e instanceof BatonError;
