import type { WaitOutcome } from './wire-types.js';

export interface WaitOptions {
  /** A cursor or a message id; without it the wait starts at this session's unread cursor. */
  since?: string;
  /** A case-insensitive pattern the title must match, like `^✅`. */
  title?: string;
  /** Seconds; the hub's default is 30, its ceiling 300. */
  timeout?: number;
  limit?: number;
  max_chars?: number;
}

/**
 * fetch gives up on a response whose headers take 300 s, exactly the hub's longest wait, so long
 * waits are made of legs well below that. Each leg starts where the last one ended: after its
 * next_cursor, or at the session's unread cursor, which the hub has already advanced.
 */
export const LEG_SECONDS = 240;

export async function waitInLegs(options: WaitOptions, leg: (options: WaitOptions) => Promise<WaitOutcome>): Promise<WaitOutcome> {
  let remaining = options.timeout;
  let since = options.since;
  for (;;) {
    const timeout = remaining === undefined ? undefined : Math.min(remaining, LEG_SECONDS);
    const result = await leg({ ...options, since, timeout });
    if (!result.timed_out || result.closing || remaining === undefined || remaining <= LEG_SECONDS) return result;
    remaining -= LEG_SECONDS;
    if (since !== undefined) since = result.next_cursor;
  }
}
