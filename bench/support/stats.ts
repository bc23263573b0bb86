/** Summaries of measured samples: the figures report medians and percentiles with their sample count. */
export interface Distribution {
  samples: number;
  min: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of ascending values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, v) => total + v, 0);
  return {
    samples: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sum / sorted.length,
  };
}

/** Milliseconds between two readings of process.hrtime.bigint() (monotonic, comparable across processes). */
export const msBetween = (start: bigint, end: bigint): number => Number(end - start) / 1e6;

/** Rounds for display and JSON: three significant decimals are more than the noise allows. */
export const round = (value: number, digits = 3): number => Number(value.toFixed(digits));
