export interface Throttled {
  (): void;
  cancel(): void;
}

/**
 * Runs `task` at most once per `gap` ms. The first call after a quiet spell runs at once; calls
 * that come sooner are folded into one run at the end of the gap, so the last change is never lost.
 */
export function throttled(task: () => void, gap: number): Throttled {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (): void => {
    timer = undefined;
    last = Date.now();
    task();
  };
  const call = (): void => {
    if (timer === undefined) timer = setTimeout(run, Math.max(0, last + gap - Date.now()));
  };
  call.cancel = (): void => clearTimeout(timer);
  return call;
}
