import { describe, expect, it } from 'vitest';
import { latencySummary, mean, median, quantile } from '../../src/scoring/quantiles.js';

// Expected values computed by hand with type 7 (numpy default): h = (n - 1)p, interpolate x[⌊h⌋], x[⌊h⌋+1].
describe('quantile (Hyndman & Fan type 7)', () => {
  const one2ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it.each([
    [one2ten, 0, 1],
    [one2ten, 0.5, 5.5], // h = 4.5
    [one2ten, 0.9, 9.1], // h = 8.1
    [one2ten, 0.95, 9.55], // h = 8.55
    [one2ten, 0.99, 9.91], // h = 8.91
    [one2ten, 1, 10],
    [[15, 20, 35, 40, 50], 0.4, 29], // h = 1.6: 20 + 0.6·15
    [[15, 20, 35, 40, 50], 0.9, 46], // h = 3.6: 40 + 0.6·10
    [[7], 0.95, 7],
    [[100, 200], 0.25, 125],
  ])('%j at p=%d is %d', (xs, p, expected) => {
    expect(quantile(xs, p)).toBeCloseTo(expected, 10);
  });

  it('is null on an empty sample', () => {
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('latencySummary', () => {
  it('sorts its input numerically (not as strings)', () => {
    // sorted [9, 20, 100, 1000]; p90: h = 2.7 → 100 + 0.7·900 = 730
    const s = latencySummary([100, 9, 1000, 20]);
    const expected = { p50: 60, p90: 730, p95: 865, p99: 973, mean: 282.25 };
    for (const [key, value] of Object.entries(expected)) expect(s[key as keyof typeof expected], key).toBeCloseTo(value, 9);
    expect(s.n).toBe(4);
  });

  it('is all null when empty', () => {
    expect(latencySummary([])).toEqual({ p50: null, p90: null, p95: null, p99: null, mean: null, n: 0 });
  });
});

describe('mean and median', () => {
  it.each([
    [[1, 2, 3, 10], 4, 2.5],
    [[3, 1, 2], 2, 2],
  ])('%j', (xs, m, med) => {
    expect(mean(xs)).toBe(m);
    expect(median(xs)).toBe(med);
  });

  it('null when empty', () => {
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
  });
});
