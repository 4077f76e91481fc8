import { describe, expect, it } from 'vitest';
import { hodgesLehmann, kthPairwiseDifference, mulberry32, randomNormal } from '../../src/stats/index.js';

// Hand-computed: x = [1, 3, 6], y = [2, 5, 8, 10]; the 12 differences y − x sorted are
// -4, -1, -1, 1, 2, 2, 4, 4, 5, 7, 7, 9 → median (2 + 4)/2 = 3.
// U null law for m = 3, n = 4 (35 arrangements): P(U ≤ 0) = 1/35, P(U ≤ 1) = 2/35, P(U ≤ 2) = 4/35.
describe('hodgesLehmann', () => {
  const x = [6, 1, 3];
  const y = [10, 2, 8, 5];

  it('estimates the shift as the median of pairwise differences', () => {
    expect(hodgesLehmann(x, y).estimate).toBe(3);
  });

  it('takes the exact interval from the U distribution (80%: k = qwilcox(0.1, 3, 4) = 2)', () => {
    const r = hodgesLehmann(x, y, 0.8);
    expect(r).toMatchObject({ method: 'exact', lower: -1, upper: 7, n1: 3, n2: 4 });
    expect(r.achievedConfidence).toBeCloseTo(1 - 4 / 35, 12);
  });

  it('falls back to the extreme differences when the sample is too small for the level', () => {
    // 95%: P(U ≤ 0) = 1/35 > 0.025, so k = 0 → 1 (as R's wilcox.test): [D(1), D(12)], whose
    // coverage 1 − 2/35 falls short of 95% — achievedConfidence says so.
    const r = hodgesLehmann(x, y, 0.95);
    expect(r).toMatchObject({ lower: -4, upper: 9 });
    expect(r.achievedConfidence).toBeCloseTo(1 - 2 / 35, 12);
  });

  it('uses the large-sample critical value with ties', () => {
    const xs = [1, 2, 2, 3, 4, 4, 5, 6, 7, 8];
    const ys = xs.map((v) => v + 2);
    const r = hodgesLehmann(xs, ys, 0.9);
    expect(r.method).toBe('normal');
    expect(r.estimate).toBe(2);
    expect(r.lower!).toBeLessThan(2);
    expect(r.upper!).toBeGreaterThan(2);
  });

  it('returns nulls for an empty sample', () => {
    expect(hodgesLehmann([], [1])).toMatchObject({ estimate: null, lower: null, upper: null });
  });
});

describe('kthPairwiseDifference (selection in the sorted difference matrix)', () => {
  it('agrees with sorting all differences, with and without ties', () => {
    const rng = mulberry32(7);
    for (const [m, n, round] of [
      [300, 500, false],
      [200, 400, true],
      [1, 900, false],
      [700, 3, true],
    ] as const) {
      const draw = (k: number): number[] =>
        Array.from({ length: k }, () => (round ? Math.round(randomNormal(rng) * 3) : randomNormal(rng))).sort((a, b) => a - b);
      const x = draw(m);
      const y = draw(n);
      const all: number[] = [];
      for (const xi of x) for (const yj of y) all.push(yj - xi);
      all.sort((a, b) => a - b);
      for (const k of [1, 2, Math.floor(all.length / 3), Math.ceil(all.length / 2), all.length - 1, all.length]) {
        expect(kthPairwiseDifference(x, y, k)).toBe(all[k - 1]);
      }
    }
  });

  it('handles 10⁸ pairs quickly without materialising them', () => {
    const rng = mulberry32(11);
    const x = Array.from({ length: 10_000 }, () => randomNormal(rng));
    const y = Array.from({ length: 10_000 }, () => randomNormal(rng) + 0.5);
    const start = performance.now();
    const r = hodgesLehmann(x, y, 0.98);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(r.method).toBe('normal');
    expect(r.estimate!).toBeGreaterThan(r.lower!);
    expect(r.upper!).toBeGreaterThan(r.estimate!);
    expect(Math.abs(r.estimate! - 0.5)).toBeLessThan(0.06);
  });
});
