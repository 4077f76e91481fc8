import { describe, expect, it } from 'vitest';
import { fisherExact, newcombeDiffCI, twoProportionZ, wilsonInterval } from '../../src/stats/index.js';

describe('wilsonInterval', () => {
  // By hand (statsmodels proportion_confint(method='wilson') formula):
  // (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = stats.norm.ppf(0.975).
  it.each([
    [7, 20, 0.95, 0.18119182410108206, 0.5671457233147638],
    [0, 10, 0.95, 0, 0.2775327998628892],
    [95, 100, 0.9, 0.9008389147209472, 0.9754526365741958],
  ])('%d/%d at %d', (x, n, conf, lo, hi) => {
    const r = wilsonInterval(x, n, conf);
    expect(r.lower).toBeCloseTo(lo, 12);
    expect(r.upper).toBeCloseTo(hi, 12);
    expect(r.estimate).toBe(x / n);
  });

  it('returns nulls when n = 0', () => {
    expect(wilsonInterval(0, 0)).toMatchObject({ lower: null, upper: null, reason: 'no trials' });
  });
});

describe('fisherExact', () => {
  // stats.fisher_exact(table, alternative=...)
  it.each([
    [[8, 2, 1, 5], 'two-sided', 20, 0.034965034965034975],
    [[8, 2, 1, 5], 'greater', 20, 0.024475524475524483],
    [[8, 2, 1, 5], 'less', 20, 0.9991258741258742],
    [[3, 17, 9, 11], 'two-sided', 0.21568627450980393, 0.08235877701951116],
    [[40, 10, 30, 20], 'two-sided', 2.6666666666666665, 0.04858163161294097],
  ] as const)('%j %s matches scipy', ([a, b, c, d], alternative, odds, p) => {
    const r = fisherExact(a, b, c, d, alternative);
    expect(r.oddsRatio).toBeCloseTo(odds, 12);
    expect(r.pValue).toBeCloseTo(p, 12);
  });

  it('handles an empty table and zero cells', () => {
    expect(fisherExact(0, 0, 0, 0)).toMatchObject({ pValue: null, reason: 'empty table' });
    expect(fisherExact(5, 0, 0, 5).oddsRatio).toBe(Infinity);
  });
});

describe('twoProportionZ', () => {
  // By hand: pooled p = 75/115, z = (45/60 − 30/55)/√(p(1−p)(1/60 + 1/55)); p = 2·norm.sf(|z|).
  it('matches the pooled z test', () => {
    const r = twoProportionZ(45, 60, 30, 55);
    expect(r.statistic).toBeCloseTo(2.3005681116549535, 12);
    expect(r.pValue).toBeCloseTo(0.02141605522326669, 12);
    expect(twoProportionZ(45, 60, 30, 55, 'greater').pValue).toBeCloseTo(0.010708027611633345, 12);
  });

  it('returns null when there is no variance', () => {
    expect(twoProportionZ(10, 10, 5, 5).pValue).toBeNull();
    expect(twoProportionZ(1, 0, 1, 2).reason).toMatch(/at least one trial/);
  });
});

describe('newcombeDiffCI', () => {
  // Newcombe (1998) Stat Med 17:873, Table II, method 10: 56/70 − 48/80 → 0.0524, 0.3339;
  // 9/10 − 3/10 → 0.1705, 0.8090. Full-precision values recomputed from the formula.
  it.each([
    [56, 70, 48, 80, 0.05243147240236498, 0.333872654036906],
    [9, 10, 3, 10, 0.17052272393450302, 0.8090179735354881],
    [6, 7, 2, 7, 0.0582279274823122, 0.8062496375242277],
  ])('%d/%d − %d/%d', (x1, n1, x2, n2, lo, hi) => {
    const r = newcombeDiffCI(x1, n1, x2, n2);
    expect(r.lower).toBeCloseTo(lo, 12);
    expect(r.upper).toBeCloseTo(hi, 12);
  });

  it('returns nulls when a group is empty', () => {
    expect(newcombeDiffCI(1, 2, 0, 0).lower).toBeNull();
  });
});
