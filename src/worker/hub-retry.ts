import { setTimeout as sleep } from 'node:timers/promises';
import { Backoff } from '../client/backoff.js';
import { isTransient } from './hub-errors.js';

/**
 * Calls the hub, trying again a few times while it is away or busy: a finished task's result
 * should survive a hub restart. A refusal is thrown at once.
 */
export async function withRetry<T>(call: () => Promise<T>, attempts = 6, backoff = new Backoff(500, 8_000)): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await sleep(backoff.next());
    }
  }
}
