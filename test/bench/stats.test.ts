import { describe, expect, it } from 'vitest';
import { distribution, median, msBetween, percentile } from '../../bench/support/stats.js';

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

describe('bench stats', () => {
  it('stats - the nearest-rank p99 of 1..100 is 99 and p50 is 50', () => {
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 100)).toBe(100);
  });

  it('stats - a percentile of one sample is that sample', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
  });

  it('stats - a percentile of no samples is refused', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
  });

  it('stats - median and distribution sort their input without changing it', () => {
    const values = [5, 1, 4, 2, 3];
    expect(median(values)).toBe(3);
    expect(distribution(values)).toEqual({ samples: 5, min: 1, p50: 3, p99: 5, max: 5, mean: 3 });
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });

  it('stats - two hrtime readings give milliseconds', () => {
    expect(msBetween(1_000_000n, 3_500_000n)).toBe(2.5);
  });
});
