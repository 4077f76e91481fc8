import { describe, expect, it } from 'vitest';
import { wilcoxonSignedRank } from '../../src/stats/index.js';

// Reference values: scipy 1.17.1, stats.wilcoxon(d, zero_method=..., correction=..., alternative=...).
const untied = [0.3, -0.1, 0.5, 0.7, -0.2, 0.9, 0.45, 0.12, -0.05, 0.6];
const tiedWithZeros = [0.1, 0.2, -0.1, 0.2, 0.3, 0.0, 0.4, -0.2, 0.1, 0.5, 0.3, 0.2, 0.0, 0.6, 0.1, -0.3, 0.2, 0.4, 0.1, 0.3];
const smallTied = [0.1, 0.2, -0.1, 0.2, 0.0, 0.3, -0.2, 0.2, 0.4];
// np.random.seed(3); np.round(np.random.normal(0.3, 1, 40), 6)
const forty = [
  2.088628, 0.73651, 0.396497, -1.563493, 0.022612, -0.054759, 0.217259, -0.327001, 0.256182, -0.177218, -1.013865, 1.184622, 1.181318,
  2.009573, 0.350034, -0.104677, -0.24536, -1.246477, 1.282367, -0.801068, -0.885047, 0.09435, 1.786148, 0.536716, -0.723785, -0.412993,
  0.925245, 0.139487, -0.468836, 0.069969, 1.045056, 2.276111, -0.944123, -0.326417, -0.503766, -2.119083, -0.623792, -0.723876, 1.423978,
  0.168086,
];

describe('wilcoxonSignedRank', () => {
  it.each([
    ['two-sided', 7, 0.037109375],
    ['greater', 48, 0.0185546875],
    ['less', 48, 0.986328125],
  ] as const)('exact distribution without ties (%s) matches scipy', (alternative, statistic, p) => {
    const r = wilcoxonSignedRank(untied, { alternative });
    expect(r.method).toBe('exact');
    expect(r.statistic).toBe(statistic);
    expect(r.pValue).toBeCloseTo(p, 14);
    expect(r.n).toBe(10);
  });

  it('uses the exact distribution up to n = 50 (stats.wilcoxon(d4))', () => {
    const r = wilcoxonSignedRank(forty);
    expect(r.method).toBe('exact');
    expect(r.statistic).toBe(374);
    expect(r.pValue).toBeCloseTo(0.6367651425298391, 12);
    // stats.wilcoxon(d4, method='asymptotic', correction=True)
    expect(wilcoxonSignedRank(forty, { method: 'normal' }).pValue).toBeCloseTo(0.6332438811693717, 12);
  });

  it.each([
    ['wilcox', 'two-sided', 23.5, 0.007045473803559803],
    ['wilcox', 'greater', 147.5, 0.0035227369017799015],
    ['wilcox', 'less', 147.5, 0.9969140224761766],
    ['pratt', 'two-sided', 29.5, 0.00580408927459943],
    ['pratt', 'greater', 177.5, 0.002902044637299715],
    ['pratt', 'less', 177.5, 0.997414481088297],
  ] as const)('normal approximation with ties and zeros (%s, %s) matches scipy', (zeroMethod, alternative, statistic, p) => {
    const r = wilcoxonSignedRank(tiedWithZeros, { zeroMethod, alternative });
    expect(r.method).toBe('normal');
    expect(r.zeros).toBe(2);
    expect(r.statistic).toBe(statistic);
    expect(r.pValue).toBeCloseTo(p, 12);
  });

  it('can drop the continuity correction (correction=False)', () => {
    expect(wilcoxonSignedRank(tiedWithZeros, { correction: false }).pValue).toBeCloseTo(0.006595721860573066, 12);
  });

  it.each([
    ['wilcox', 6, 0.125],
    ['pratt', 8, 0.1328125],
  ] as const)('exact sign-flip distribution with ties/zeros for n ≤ 13 (%s) matches scipy', (zeroMethod, statistic, p) => {
    const r = wilcoxonSignedRank(smallTied, { zeroMethod });
    expect(r.method).toBe('exact-permutation');
    expect(r.statistic).toBe(statistic);
    expect(r.pValue).toBeCloseTo(p, 12);
  });

  it('reports the matched-pairs rank-biserial correlation', () => {
    const r = wilcoxonSignedRank(untied);
    expect(r.rPlus + r.rMinus).toBe(55);
    expect(r.effect).toBeCloseTo((48 - 7) / 55, 12);
    expect(wilcoxonSignedRank([1, 2, 3]).effect).toBe(1);
  });

  it('returns a null p-value with a reason for degenerate input', () => {
    expect(wilcoxonSignedRank([])).toMatchObject({ pValue: null, n: 0, reason: 'no deltas' });
    expect(wilcoxonSignedRank([0, 0, 0])).toMatchObject({ pValue: null, zeros: 3, reason: 'all deltas are zero' });
  });
});
