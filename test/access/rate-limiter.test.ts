import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/access/rate-limiter.js';
import { ManualClock } from '../support/manual-clock.js';

/** A limiter on a clock that moves only when the test says so. */
function limiter(perSecond: number, burst: number): { limiter: RateLimiter; clock: ManualClock } {
  const clock = new ManualClock();
  return { limiter: new RateLimiter(perSecond, burst, () => clock.now()), clock };
}

/** What `n` requests in a row are told, at one instant. */
const takes = (limiter: RateLimiter, key: string, n: number): number[] => Array.from({ length: n }, () => limiter.take(key));

describe('RateLimiter', () => {
  it('burst - a fresh token may spend its whole burst at once, then is told how many seconds to wait', () => {
    const { limiter: l } = limiter(2, 3);
    expect(takes(l, 't-a', 3)).toEqual([0, 0, 0]);
    expect(l.take('t-a')).toBe(1);
  });

  it('refusal - the wait is whole seconds, at least 1, and long enough at a slow rate', () => {
    const { limiter: l, clock } = limiter(1, 1);
    expect(l.take('t-a')).toBe(0);
    expect(l.take('t-a')).toBe(1);
    clock.advance(999);
    // A sliver of a request has come back: still refused, and still told 1 s rather than 0.
    expect(l.take('t-a')).toBe(1);
  });

  it('refill - requests come back at the rate, one per 1/rate seconds', () => {
    const { limiter: l, clock } = limiter(2, 3);
    takes(l, 't-a', 3);
    expect(l.take('t-a')).toBeGreaterThan(0);
    clock.advance(499);
    expect(l.take('t-a')).toBeGreaterThan(0);
    clock.advance(1);
    expect(l.take('t-a')).toBe(0);
    expect(l.take('t-a')).toBeGreaterThan(0);
    clock.advance(1000);
    expect(takes(l, 't-a', 3)).toEqual([0, 0, 1]);
  });

  it('refill - a refused request costs nothing', () => {
    const { limiter: l, clock } = limiter(2, 1);
    l.take('t-a');
    for (let i = 0; i < 10; i++) expect(l.take('t-a')).toBe(1);
    clock.advance(500);
    expect(l.take('t-a')).toBe(0);
  });

  it('refill - a long quiet spell gives back the burst and no more', () => {
    const { limiter: l, clock } = limiter(2, 3);
    takes(l, 't-a', 3);
    clock.advance(3_600_000);
    expect(takes(l, 't-a', 4)).toEqual([0, 0, 0, 1]);
  });

  it('keys - one token using up its requests does not touch another', () => {
    const { limiter: l } = limiter(2, 3);
    takes(l, 't-a', 3);
    expect(l.take('t-a')).toBe(1);
    expect(takes(l, 't-b', 3)).toEqual([0, 0, 0]);
  });

  it('0 - a rate of 0 lets everything through', () => {
    const { limiter: l } = limiter(0, 1);
    expect(takes(l, 't-a', 10_000).every((wait) => wait === 0)).toBe(true);
  });
});
