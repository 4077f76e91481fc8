import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from '../../src/stats/index.js';

// Reference values: scipy 1.17.1, stats.mannwhitneyu(x, y, alternative=..., use_continuity=...).
const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

describe('mannWhitneyU', () => {
  it.each([
    ['two-sided', 0.13291945818531892],
    ['greater', 0.06645972909265946],
    ['less', 0.9442044002897128],
  ] as const)('normal approximation with ties (%s) matches scipy', (alternative, p) => {
    const r = mannWhitneyU(x, y, { alternative });
    expect(r.method).toBe('normal');
    expect(r.statistic).toBe(58);
    expect(r.pValue).toBeCloseTo(p, 12);
  });

  it.each([
    ['two-sided', 0.1111111111111111],
    ['greater', 0.05555555555555555],
    ['less', 0.9682539682539683],
  ] as const)('exact distribution for small untied samples (%s) matches scipy', (alternative, p) => {
    const r = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12], { alternative });
    expect(r.method).toBe('exact');
    expect(r.statistic).toBe(17);
    expect(r.pValue).toBeCloseTo(p, 14);
  });

  it('applies the tie correction (many ties) with and without continuity correction', () => {
    const xt = [1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 7, 8];
    const yt = [2, 3, 4, 4, 5, 6, 6, 7, 8, 8, 9, 9, 10];
    expect(mannWhitneyU(xt, yt)).toMatchObject({ statistic: 40 });
    expect(mannWhitneyU(xt, yt).pValue).toBeCloseTo(0.040130769711572735, 12);
    expect(mannWhitneyU(xt, yt, { continuity: false }).pValue).toBeCloseTo(0.03754702890387654, 12);
    expect(mannWhitneyU(xt, yt).effect).toBeCloseTo(40 / (12 * 13), 12);
  });

  it('returns null p-values for degenerate input', () => {
    expect(mannWhitneyU([], [1, 2])).toMatchObject({ pValue: null, statistic: null });
    expect(mannWhitneyU(new Array(10).fill(1), new Array(10).fill(1))).toMatchObject({ pValue: null, reason: 'all values are tied' });
  });
});
