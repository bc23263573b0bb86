import { describeTarget, verdictOf, type Figure } from './figure.js';

/** The figures as a plain-text table, each beside its target with PASS, MISS or INFO. */
export function renderTable(figures: readonly Figure[]): string {
  const header = ['figure', 'result', 'target', 'verdict', 'samples', 'note'];
  const rows = figures.map((f) => [
    f.label,
    `${f.value.toLocaleString('en-US')} ${f.unit}`,
    describeTarget(f.target, f.unit),
    verdictOf(f),
    `${f.samples.toLocaleString('en-US')} ${f.sampleKind}`,
    f.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
