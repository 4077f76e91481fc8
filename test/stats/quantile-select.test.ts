import { describe, expect, it } from 'vitest';
import { bootstrapQuantileRatioCI, bootstrapRatioCI, mulberry32, quantileSelect, quantileSorted } from '../../src/stats/index.js';

// Latency-like samples with ties: values rounded to `step`.
function data(seed: number, n: number, step: number): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => Math.round((50 + 400 * rng() ** 3) / step) * step);
}

const sortQuantile = (xs: readonly number[], q: number): number =>
  quantileSorted(
    [...xs].sort((a, b) => a - b),
    q,
  );

describe('quantileSelect', () => {
  it('equals the sort-based type 7 quantile, with ties and every interpolation case', () => {
    const rng = mulberry32(11);
    const qs = [0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1, -0.5, 1.5];
    for (const n of [1, 2, 3, 4, 5, 7, 10, 20, 21, 100, 101, 601, 602, 1000, 5003]) {
      for (const step of [0.001, 1, 25, 1000]) {
        const xs = data(Math.floor(rng() * 1e9), n, step);
        // also fractions where h = (n − 1)q lands exactly on an index
        for (const q of [...qs, n > 1 ? 1 / (n - 1) : 0.5, n > 2 ? (n - 2) / (n - 1) : 0.5]) {
          expect(quantileSelect(Float64Array.from(xs), q)).toBe(sortQuantile(xs, q));
        }
      }
    }
  });

  it('handles constant, sorted, reversed and negative input', () => {
    const inputs = [
      Array.from({ length: 1000 }, () => 7),
      Array.from({ length: 1000 }, (_, i) => i),
      Array.from({ length: 1000 }, (_, i) => 1000 - i),
      Array.from({ length: 999 }, (_, i) => ((i * 7919) % 101) - 50),
    ];
    for (const xs of inputs)
      for (const q of [0, 0.05, 0.5, 0.95, 0.99, 1]) expect(quantileSelect(Float64Array.from(xs), q)).toBe(sortQuantile(xs, q));
    expect(quantileSelect(new Float64Array(0), 0.5)).toBeNaN();
  });
});

// Captured from bootstrapRatioCI(green, blue, xs => quantileSorted(xs.sort(...), q)) before the
// fast path existed (commit d68c2aa): the fast path must reproduce these bits.
const CAPTURED = [
  {
    seed: 1,
    nG: 1,
    nB: 1,
    step: 1,
    q: 0.95,
    res: 200,
    lower: 2.9215686274509802,
    upper: 2.9215686274509802,
    estimate: 2.9215686274509802,
    discarded: 0,
  },
  {
    seed: 2,
    nG: 2,
    nB: 3,
    step: 1,
    q: 0.95,
    res: 500,
    lower: 0.28699551569506726,
    upper: 1.199538638985006,
    estimate: 0.9181527206218564,
    discarded: 0,
  },
  {
    seed: 3,
    nG: 10,
    nB: 12,
    step: 10,
    q: 0.95,
    res: 2000,
    lower: 0.3076923076923077,
    upper: 2.2312925170068025,
    estimate: 0.6064425770308124,
    discarded: 0,
  },
  {
    seed: 4,
    nG: 37,
    nB: 41,
    step: 0.5,
    q: 0.99,
    res: 2000,
    lower: 0.7793329249258628,
    upper: 1.058385093167702,
    estimate: 0.9520449438202248,
    discarded: 0,
  },
  {
    seed: 5,
    nG: 200,
    nB: 180,
    step: 1,
    q: 0.95,
    res: 2000,
    lower: 0.8588260723860575,
    upper: 1.1407598267279015,
    estimate: 0.976047904191616,
    discarded: 0,
  },
  {
    seed: 6,
    nG: 1000,
    nB: 1000,
    step: 25,
    q: 0.99,
    res: 500,
    lower: 0.9444444444444444,
    upper: 1.0588235294117647,
    estimate: 1.0005882352941171,
    discarded: 0,
  },
  {
    seed: 7,
    nG: 5000,
    nB: 4000,
    step: 0.001,
    q: 0.95,
    res: 200,
    lower: 0.9646188060731131,
    upper: 1.0099089012169433,
    estimate: 0.988349480945953,
    discarded: 0,
  },
] as const;

describe('bootstrapQuantileRatioCI', () => {
  it.each(CAPTURED.map((c) => [`n = ${c.nG}/${c.nB}, q = ${c.q}`, c] as const))(
    'reproduces the sort-based interval bit for bit (%s)',
    (_, c) => {
      const green = data(c.seed, c.nG, c.step);
      const blue = data(c.seed + 100, c.nB, c.step);
      const r = bootstrapQuantileRatioCI(green, blue, c.q, { seed: c.seed * 13, resamples: c.res, confidence: 0.95 });
      expect({ lower: r.lower, upper: r.upper, estimate: r.estimate, discarded: r.discarded }).toEqual({
        lower: c.lower,
        upper: c.upper,
        estimate: c.estimate,
        discarded: c.discarded,
      });
    },
  );

  it('equals the generic bootstrapRatioCI with a sort-based quantile, incl. discarded resamples', () => {
    const stat = (xs: number[]): number =>
      quantileSorted(
        xs.sort((a, b) => a - b),
        0.5,
      );
    const green = data(5, 30, 1);
    const blue = [0, 0, 0, 0, 0, 0, 0, 3, 4, 5, 6, 7, 8, 9, 10];
    const fast = bootstrapQuantileRatioCI(green, blue, 0.5, { seed: 4, resamples: 500 });
    expect(fast).toEqual(bootstrapRatioCI(green, blue, stat, { seed: 4, resamples: 500 }));
    expect(fast.discarded).toBeGreaterThan(0);
    // NaN / Infinity input takes the generic path.
    const odd = [1, 2, NaN, Infinity, 3];
    expect(bootstrapQuantileRatioCI(odd, blue, 0.5, { seed: 4, resamples: 50 })).toEqual(
      bootstrapRatioCI(odd, blue, stat, { seed: 4, resamples: 50 }),
    );
  });
});
