import type { EventBus, HubEvent } from '../events/bus.js';

/** What an event means to one sleeper: wake it to read again, end its sleep for good, or nothing. */
export type Ring = 'ring' | 'end' | undefined;

export interface Doorbell {
  /** True once the bell was told to end (shutdown, abort, the deadline). */
  ended(): boolean;
  /** Sleeps until a ring or the end; true when woken, false when `quietMs` passed without a ring. */
  next(quietMs?: number): Promise<boolean>;
  stop(): void;
}

export interface DoorbellOptions {
  signal?: AbortSignal;
  /** Ends on its own after this long. */
  endAfterMs?: number;
  /** Ended from the start (the hub is already stopping). */
  ended?: boolean;
}

/**
 * How a reader that reads by cursor sleeps: it subscribes before its first read, so a ring that
 * comes between a read and the sleep is kept and the next sleep returns at once. Waits and event
 * streams both sleep on one.
 */
export function doorbell(bus: EventBus, meaning: (event: HubEvent) => Ring, options: DoorbellOptions = {}): Doorbell {
  let ended = options.ended === true || options.signal?.aborted === true;
  let rung = false;
  let wake: (() => void) | undefined;
  const ring = () => {
    rung = true;
    wake?.();
  };
  const end = () => {
    ended = true;
    ring();
  };
  const unsubscribe = bus.subscribe((event) => {
    const meant = meaning(event);
    if (meant === 'end') end();
    else if (meant === 'ring') ring();
  });
  const deadline = options.endAfterMs === undefined ? undefined : setTimeout(end, options.endAfterMs);
  options.signal?.addEventListener('abort', end, { once: true });
  return {
    ended: () => ended,
    next: (quietMs) =>
      new Promise<boolean>((resolve) => {
        if (rung || ended) {
          rung = false;
          return resolve(true);
        }
        const quiet = quietMs === undefined ? undefined : setTimeout(() => done(false), quietMs);
        const done = (woken: boolean) => {
          clearTimeout(quiet);
          wake = undefined;
          rung = false;
          resolve(woken);
        };
        wake = () => done(true);
      }),
    stop: () => {
      unsubscribe();
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', end);
    },
  };
}
