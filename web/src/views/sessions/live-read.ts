import { useEffect, useState } from 'preact/hooks';
import { throttled } from './throttled.js';

/** Changes come in bursts (a claim is a task change and a message): one read per burst is enough. */
const SETTLE_MS = 2000;
/** Presence moves with time alone (online → idle → gone), so reads are repeated even when all is quiet. */
const EVERY_MS = 30_000;

export interface LiveRead<T> {
  value?: T;
  /** The last read failed; `value` is still the one before it. */
  error?: unknown;
}

/** Subscribes `again` to whatever should cause a fresh read; returns the functions that unsubscribe. */
export type Follow = (again: () => void) => (() => void)[];

/**
 * A read kept fresh: done at once, again when `follow` says something changed (at most once per
 * 2 s), and every 30 s. An answer that arrives after a newer read started is dropped, so a slow
 * read never overwrites a newer one.
 */
export function useLiveRead<T>(read: () => Promise<T>, follow: Follow, deps: unknown[]): LiveRead<T> {
  const [state, setState] = useState<LiveRead<T>>({});
  useEffect(() => {
    let reads = 0;
    let alive = true;
    setState({});
    const load = async (): Promise<void> => {
      const mine = ++reads;
      try {
        const value = await read();
        if (alive && mine === reads) setState({ value });
      } catch (error) {
        if (alive && mine === reads) setState((kept) => ({ ...kept, error }));
      }
    };
    const again = throttled(() => void load(), SETTLE_MS);
    const stops = follow(again);
    const timer = setInterval(again, EVERY_MS);
    void load();
    return () => {
      alive = false;
      again.cancel();
      clearInterval(timer);
      stops.forEach((stop) => stop());
    };
  }, deps);
  return state;
}
