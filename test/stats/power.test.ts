import { describe, expect, it } from 'vitest';
import { pairedSampleSize, proportionSampleSize, signTestSampleSize } from '../../src/stats/index.js';

// By hand with za = norm.ppf(0.975), zb = norm.ppf(0.8).
describe('sample-size estimates', () => {
  it('paired: ((za + zb)·0.2/0.05)² = 125.58 → 126', () => {
    expect(pairedSampleSize({ sd: 0.2, minEffect: 0.05 })).toMatchObject({ n: 126, more: null });
    expect(pairedSampleSize({ sd: 0.2, minEffect: -0.05, have: 100 })).toMatchObject({ n: 126, more: 26 });
  });

  it('two proportions 0.9 vs 0.8 (Fleiss, no continuity correction): 198.96 → 199 per group', () => {
    expect(proportionSampleSize({ p1: 0.9, p2: 0.8 }).n).toBe(199);
  });

  it('sign test with P(delta > 0) = 0.65 (Noether): 84.8 → 85; 84.8/0.8 = 106.02 → 107 with 20% ties', () => {
    expect(signTestSampleSize({ pPositive: 0.65 }).n).toBe(85);
    expect(signTestSampleSize({ pPositive: 0.65, pZero: 0.2 }).n).toBe(107);
  });

  it('explains impossible requests', () => {
    expect(pairedSampleSize({ sd: 0.2, minEffect: 0 })).toMatchObject({ n: null });
    expect(proportionSampleSize({ p1: 0.5, p2: 0.5 }).reason).toMatch(/distinct/);
    expect(signTestSampleSize({ pPositive: 0.5 }).n).toBeNull();
  });
});
