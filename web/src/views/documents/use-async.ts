import { useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  value?: T;
  error?: unknown;
}

interface Held<T> extends Loaded<T> {
  /** What the value was read for: a value read for other dependencies is never shown. */
  deps: unknown[];
}

const same = (a: unknown[], b: unknown[]): boolean => a.length === b.length && a.every((item, index) => Object.is(item, b[index]));

/**
 * The result of an asynchronous read, read again whenever a dependency changes. Until the new
 * read answers nothing is returned (not the last answer, which belongs to other dependencies), and
 * an answer that arrives after the dependencies moved on is dropped.
 */
export function useAsync<T>(read: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [held, setHeld] = useState<Held<T>>({ deps: [] });
  useEffect(() => {
    let current = true;
    read().then(
      (value) => current && setHeld({ deps, value }),
      (error: unknown) => current && setHeld({ deps, error }),
    );
    return () => {
      current = false;
    };
  }, deps);
  return same(held.deps, deps) ? held : {};
}
