import { describe, expect, it } from 'vitest';
import { binomialTest, mcnemarExact, signTest } from '../../src/stats/index.js';

describe('mcnemarExact', () => {
  // stats.binomtest(b, b + c, 0.5).pvalue
  it.each([
    [3, 12, 0.03515625],
    [10, 2, 0.03857421875],
    [7, 7, 1],
    [0, 5, 0.0625],
  ])('b = %d, c = %d matches scipy', (b, c, p) => {
    const r = mcnemarExact(b, c);
    expect(r.pValue).toBeCloseTo(p, 14);
    expect(r.n).toBe(b + c);
  });

  it('offers the mid-p variant: 2·(binom.cdf(3,15,.5) − ½·binom.pmf(3,15,.5))', () => {
    expect(mcnemarExact(3, 12, { midP: true }).pValue).toBeCloseTo(0.02127075195312501, 14);
  });

  it('returns null without discordant pairs', () => {
    expect(mcnemarExact(0, 0)).toMatchObject({ pValue: null, reason: 'no discordant pairs' });
  });
});

describe('binomialTest', () => {
  // stats.binomtest(k, 20, 0.3[, alternative='greater']).pvalue
  it('matches scipy for an asymmetric null', () => {
    expect(binomialTest(7, 20, 0.3).pValue).toBeCloseTo(0.6294979666766769, 12);
    expect(binomialTest(2, 20, 0.3).pValue).toBeCloseTo(0.05262794872972706, 12);
    expect(binomialTest(7, 20, 0.3, 'greater').pValue).toBeCloseTo(0.3919901877990756, 12);
  });
});

describe('signTest', () => {
  it('drops zeros and tests the positives against Binomial(n, ½)', () => {
    const deltas = [0.1, -0.2, 0, 0.3, -0.1, -0.4, -0.2, 0, -0.3, -0.1, -0.5, -0.2, -0.3, -0.6, -0.1, 0.2, -0.2];
    const r = signTest(deltas);
    expect(r).toMatchObject({ positives: 3, negatives: 12, zeros: 2, n: 15 });
    expect(r.pValue).toBeCloseTo(0.03515625, 14); // stats.binomtest(3, 15, 0.5)
    expect(signTest(deltas, 'less').pValue).toBeCloseTo(0.017578125, 14); // binomtest(3,15,.5,alternative='less')
  });

  it('returns null when every delta is zero', () => {
    expect(signTest([0, 0])).toMatchObject({ pValue: null, reason: 'all deltas are zero' });
  });
});
