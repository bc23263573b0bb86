import { signal } from '@preact/signals';

/** The time, ticking once a second, so lease countdowns and "2 min ago" stay true without a reload. */
export const now = signal(Date.now());
setInterval(() => (now.value = Date.now()), 1000);
