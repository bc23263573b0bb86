import { describe, expect, it } from 'vitest';
import { verdictOf, type Figure } from '../../bench/support/figure.js';
import { renderTable } from '../../bench/support/table.js';

const figure = (value: number, target?: Figure['target']): Figure => ({
  id: 'posts_per_second',
  label: 'posts/s over HTTP, 16 clients',
  value,
  unit: 'posts/s',
  ...(target ? { target } : {}),
  samples: 3,
  sampleKind: '5s trials',
  detail: {},
});

describe('bench figures', () => {
  it('figures - a figure that reaches its target passes and one short of it misses', () => {
    expect(verdictOf(figure(5000, { op: '>=', value: 5000 }))).toBe('PASS');
    expect(verdictOf(figure(4999, { op: '>=', value: 5000 }))).toBe('MISS');
    expect(verdictOf(figure(10, { op: '<=', value: 10 }))).toBe('PASS');
    expect(verdictOf(figure(10.01, { op: '<=', value: 10 }))).toBe('MISS');
  });

  it('figures - a figure that could not be computed misses rather than passes', () => {
    expect(verdictOf(figure(Number.NaN, { op: '<=', value: 10 }))).toBe('MISS');
  });

  it('figures - a figure without a target is information only', () => {
    expect(verdictOf(figure(21_000))).toBe('INFO');
  });

  it('table - prints each figure beside its target, verdict and sample count', () => {
    const table = renderTable([{ ...figure(5465, { op: '>=', value: 5000 }), note: 'trials 5465 / 4924 / 5802' }, figure(21_712)]);
    const [header, , pass, info] = table.split('\n');
    expect(header).toMatch(/^figure\s+result\s+target\s+verdict\s+samples\s+note$/);
    expect(pass).toMatch(/posts\/s over HTTP, 16 clients\s+5,465 posts\/s\s+>= 5,000 posts\/s\s+PASS\s+3 5s trials\s+trials 5465/);
    expect(info).toMatch(/21,712 posts\/s\s+-\s+INFO/);
  });
});
