import type { ErrorCode } from '../core/errors.js';

/** The hub's own codes, plus the client's: nothing answered, or the answer was not the hub's JSON. */
export type ClientErrorCode = ErrorCode | 'unreachable' | 'bad_response';

/** Anything a hub call failed with: the hub's refusal (code, HTTP status, field) or a transport failure. */
export class HubClientError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    /** The HTTP status; 0 when no answer came. */
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HubClientError';
  }
}

/** Nothing answered at the hub's URL. */
export class HubUnreachableError extends HubClientError {
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super('unreachable', `no hub answers at ${url} (${reasonOf(cause)})`, 0);
    this.name = 'HubUnreachableError';
  }
}

export const isHubClientError = (e: unknown): e is HubClientError => e instanceof HubClientError;

/** fetch hides the socket error in `cause`; that is the part worth showing. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** Worth trying again: no answer, a hub fault, or too many requests; anything else is the hub's decision. */
export function isTransient(error: unknown): boolean {
  if (!isHubClientError(error)) return true;
  return error.status === 0 || error.status === 429 || error.status >= 500;
}
