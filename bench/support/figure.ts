/** One measured figure of the benchmark, as printed in the table and written to the results file. */
export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
  /** Absent for figures that only give context (the raw SQLite ceiling). */
  target?: Target;
  /** How many measurements the value summarises. */
  samples: number;
  /** What the samples are (requests, deliveries, one-second windows …). */
  sampleKind: string;
  /** Short human note printed beside the figure: the spread, a ratio. */
  note?: string;
  detail: Record<string, unknown>;
}

export interface Target {
  op: '>=' | '<=';
  value: number;
}

export type Verdict = 'PASS' | 'MISS' | 'INFO';

export function verdictOf(figure: Pick<Figure, 'value' | 'target'>): Verdict {
  const { target, value } = figure;
  if (!target) return 'INFO';
  if (!Number.isFinite(value)) return 'MISS';
  return (target.op === '>=' ? value >= target.value : value <= target.value) ? 'PASS' : 'MISS';
}

export const describeTarget = (target: Target | undefined, unit: string): string =>
  target ? `${target.op} ${target.value.toLocaleString('en-US')} ${unit}` : '-';
