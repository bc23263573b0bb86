export interface Debounced {
  (): void;
  cancel(): void;
}

/** Runs `task` once calls have been quiet for `wait` ms: changes come in bursts (a claim and its renewals, an upload and its index), and one read serves them all. */
export function debounced(task: () => void, wait: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = (): void => {
    clearTimeout(timer);
    timer = setTimeout(task, wait);
  };
  call.cancel = (): void => clearTimeout(timer);
  return call;
}
