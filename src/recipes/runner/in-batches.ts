import type { Barrier } from '../model.js';

/**
 * Runs jobs at most `width` at a time and resolves once the barrier is met: every job (`all`), the
 * first (`any`) or at least N. Results keep the jobs' order, whatever order they finished in. The
 * barrier fails when it can no longer be met (too many jobs failed) or when `timeoutSeconds` pass;
 * results already in are kept by the jobs themselves (each saves its step record).
 */
export function inBatches<T>(jobs: (() => Promise<T>)[], width: number, barrier: Barrier, timeoutSeconds: number, signal: AbortSignal): Promise<T[]> {
  const need = barrier.require === 'all' ? jobs.length : Math.min(barrier.require === 'any' ? 1 : barrier.require.atLeast, jobs.length);
  const results = new Map<number, T>();
  let running = 0;
  let next = 0;
  let failed = 0;
  return new Promise<T[]>((resolve, reject) => {
    let settled = false;
    const end = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const inOrder = () => [...results.entries()].sort(([a], [b]) => a - b).map(([, value]) => value);
    const timer = setTimeout(() => end(() => reject(new Error(`barrier not met: ${results.size} of the ${need} results it needs after ${timeoutSeconds} s`))), timeoutSeconds * 1000);
    const onAbort = () => end(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    const launch = () => {
      while (!settled && running < width && next < jobs.length) start(next++);
    };
    const start = (i: number) => {
      running++;
      jobs[i]!().then(
        (value) => results.set(i, value),
        (error: unknown) => {
          failed++;
          if (jobs.length - failed < need) end(() => reject(error));
        },
      ).finally(() => {
        running--;
        if (results.size >= need) end(() => resolve(inOrder()));
        else launch();
      });
    };
    if (need === 0) end(() => resolve([]));
    else launch();
  });
}
