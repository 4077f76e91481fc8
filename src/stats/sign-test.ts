// Exact binomial test and the sign test on paired deltas.
import { binomialCdf, binomialLogPmf, binomialSf } from './discrete.js';
import type { Alternative, TestResult } from './types.js';

// Exact binomial test of H0: P(success) = p (scipy.stats.binomtest / R binom.test).
// Two-sided p sums the probabilities of all outcomes no more likely than the observed one,
// with R's relative tolerance 1 + 1e-7 for ties in probability.
export function binomialTest(successes: number, n: number, p = 0.5, alternative: Alternative = 'two-sided'): TestResult {
  if (n === 0) return { statistic: null, pValue: null, n, method: 'exact-binomial', reason: 'no trials' };
  const k = successes;
  if (alternative === 'less') return { statistic: k, pValue: binomialCdf(k, n, p), n, method: 'exact-binomial' };
  if (alternative === 'greater') return { statistic: k, pValue: binomialSf(k, n, p), n, method: 'exact-binomial' };
  const threshold = binomialLogPmf(k, n, p) + Math.log1p(1e-7);
  let pValue = 0;
  for (let i = 0; i <= n; i++) {
    const lp = binomialLogPmf(i, n, p);
    if (lp <= threshold) pValue += Math.exp(lp);
  }
  return { statistic: k, pValue: Math.min(1, pValue), n, method: 'exact-binomial' };
}

export interface SignTestResult extends TestResult {
  positives: number;
  negatives: number;
  zeros: number;
}

// Sign test: zero deltas are dropped, then #positive ~ Binomial(n, ½) under H0 (exact).
// 'greater' means deltas tend to be positive.
export function signTest(deltas: readonly number[], alternative: Alternative = 'two-sided'): SignTestResult {
  const d = deltas.filter((v) => !Number.isNaN(v));
  const positives = d.filter((v) => v > 0).length;
  const negatives = d.filter((v) => v < 0).length;
  const zeros = d.length - positives - negatives;
  const result = binomialTest(positives, positives + negatives, 0.5, alternative);
  const reason = positives + negatives === 0 ? (d.length === 0 ? 'no deltas' : 'all deltas are zero') : undefined;
  return { ...result, method: 'exact-sign', positives, negatives, zeros, ...(reason ? { reason } : {}) };
}
