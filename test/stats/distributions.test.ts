import { describe, expect, it } from 'vitest';
import {
  binomialCdf,
  binomialPmf,
  binomialSf,
  hypergeometricPmf,
  logGamma,
  normalCdf,
  normalQuantile,
  normalSf,
  regularizedBeta,
  studentTCdf,
} from '../../src/stats/index.js';

// Reference values: scipy 1.17.1 (python3 -c "from scipy import stats; ...").
describe('normal distribution', () => {
  it.each([
    // stats.norm.cdf(x)
    [-1.96, 0.024997895148220435],
    [0, 0.5],
    [1, 0.8413447460685429],
    [2.5, 0.9937903346742238],
    [-5, 2.866515718791933e-7],
    [-10, 7.61985302416047e-24],
  ])('Φ(%s) matches scipy', (x, expected) => {
    expect(normalCdf(x) / expected).toBeCloseTo(1, 12);
  });

  it('keeps relative precision in the upper tail', () => {
    expect(normalSf(8) / 6.22096057427174e-16).toBeCloseTo(1, 12); // stats.norm.sf(8)
    expect(normalSf(3) / 0.0013498980316300933).toBeCloseTo(1, 12); // stats.norm.sf(3)
  });

  it.each([
    // stats.norm.ppf(p)
    [0.975, 1.959963984540054],
    [0.5, 0],
    [0.01, -2.3263478740408408],
    [1e-10, -6.361340902404056],
    [0.9, 1.2815515655446004],
    [0.02425, -1.972961051311885],
  ])('Φ⁻¹(%s) matches scipy', (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 12);
  });

  it('handles the edges of the quantile', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('special functions', () => {
  it('log-gamma matches scipy.special.gammaln', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247, 12);
    expect(logGamma(10)).toBeCloseTo(12.801827480081469, 11);
    expect(logGamma(123.4)).toBeCloseTo(469.3360974421906, 9);
  });

  it('regularized incomplete beta matches scipy.special.betainc(2.5, 3.5, 0.4)', () => {
    expect(regularizedBeta(0.4, 2.5, 3.5)).toBeCloseTo(0.4869041915261176, 12);
  });

  it('Student t CDF matches stats.t.cdf', () => {
    expect(studentTCdf(2.0, 5)).toBeCloseTo(0.9490302605850708, 12);
    expect(studentTCdf(-1.3, 12)).toBeCloseTo(0.10900858554175706, 12);
  });
});

describe('discrete distributions', () => {
  it('binomial pmf/cdf/sf match scipy', () => {
    expect(binomialPmf(3, 10, 0.3)).toBeCloseTo(0.2668279319999998, 12); // binom.pmf(3,10,.3)
    expect(binomialCdf(3, 10, 0.3)).toBeCloseTo(0.6496107184000002, 12); // binom.cdf(3,10,.3)
    // scipy's sf(6) is P(X > 6) = P(X ≥ 7): binom.sf(6, 20, 0.4)
    expect(binomialSf(7, 20, 0.4)).toBeCloseTo(0.7499893280621777, 12);
  });

  it('hypergeometric pmf matches stats.hypergeom.pmf(3, 20, 7, 12)', () => {
    expect(hypergeometricPmf(3, 20, 7, 12)).toBeCloseTo(0.19865841073271417, 12);
  });
});
