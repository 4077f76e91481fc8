// Intervals and tests for binomial proportions (pass rates).
import { pValueFromZ, zCritical } from './normal.js';
import type { Alternative, IntervalResult, TestResult } from './types.js';

export { fisherExact } from './fisher.js';
export type { FisherResult } from './fisher.js';

// Wilson score interval without continuity correction (Wilson 1927; statsmodels
// proportion_confint(method='wilson')): (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n).
export function wilsonInterval(successes: number, n: number, confidence = 0.95): IntervalResult {
  if (n <= 0) return { estimate: null, lower: null, upper: null, n, confidence, method: 'wilson', reason: 'no trials' };
  const z = zCritical(confidence);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return {
    estimate: p,
    lower: Math.max(0, center - half),
    upper: Math.min(1, center + half),
    n,
    confidence,
    method: 'wilson',
  };
}

// Two-proportion z test with pooled variance (H0: p1 = p2); statistic z = (p̂1 − p̂2)/SE_pooled.
// 'greater' means p1 > p2. Same as prop.test(correct = FALSE) / statsmodels proportions_ztest.
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number, alternative: Alternative = 'two-sided'): TestResult {
  const n = n1 + n2;
  if (n1 <= 0 || n2 <= 0) return { statistic: null, pValue: null, n, method: 'pooled-z', reason: 'each group needs at least one trial' };
  const pooled = (x1 + x2) / n;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { statistic: null, pValue: null, n, method: 'pooled-z', reason: 'all trials succeeded or all failed' };
  const z = (x1 / n1 - x2 / n2) / se;
  return { statistic: z, pValue: pValueFromZ(z, alternative), n, method: 'pooled-z' };
}

// Newcombe's hybrid score interval for p1 − p2 (Newcombe 1998, Stat Med 17:873, method 10):
// with Wilson limits (l_i, u_i), L = d − √((p̂1−l1)² + (u2−p̂2)²), U = d + √((u1−p̂1)² + (p̂2−l2)²).
export function newcombeDiffCI(x1: number, n1: number, x2: number, n2: number, confidence = 0.95): IntervalResult {
  const n = n1 + n2;
  const a = wilsonInterval(x1, n1, confidence);
  const b = wilsonInterval(x2, n2, confidence);
  if (a.lower === null || a.upper === null || b.lower === null || b.upper === null) {
    return {
      estimate: null,
      lower: null,
      upper: null,
      n,
      confidence,
      method: 'newcombe-hybrid-score',
      reason: 'each group needs at least one trial',
    };
  }
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  return {
    estimate: d,
    lower: d - Math.hypot(p1 - a.lower, b.upper - p2),
    upper: d + Math.hypot(a.upper - p1, p2 - b.lower),
    n,
    confidence,
    method: 'newcombe-hybrid-score',
  };
}
