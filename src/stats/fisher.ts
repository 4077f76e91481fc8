// Fisher's exact test for a 2×2 table.
import { hypergeometricLogPmf } from './discrete.js';
import type { Alternative, TestResult } from './types.js';

export interface FisherResult extends TestResult {
  /** Sample odds ratio a·d/(b·c) (as scipy.stats.fisher_exact); Infinity when b·c = 0 < a·d. */
  oddsRatio: number | null;
}

// Fisher's exact test on [[a, b], [c, d]]: conditional on the margins, a is hypergeometric.
// 'less'/'greater' are P(X ≤ a)/P(X ≥ a) (odds ratio < 1 / > 1). Two-sided sums the
// probabilities of all tables no more likely than the observed one, with relative tolerance
// 1 + 1e-7 (R fisher.test; scipy.stats.fisher_exact).
export function fisherExact(a: number, b: number, c: number, d: number, alternative: Alternative = 'two-sided'): FisherResult {
  const total = a + b + c + d;
  const oddsRatio = b * c === 0 ? (a * d === 0 ? null : Infinity) : (a * d) / (b * c);
  if (total === 0) return { statistic: null, pValue: null, n: 0, oddsRatio: null, method: 'fisher-exact', reason: 'empty table' };
  const row1 = a + b;
  const col1 = a + c;
  const lo = Math.max(0, row1 - (total - col1));
  const hi = Math.min(row1, col1);
  const logPmf = (x: number): number => hypergeometricLogPmf(x, total, col1, row1);
  const observed = logPmf(a);
  let pValue = 0;
  for (let x = lo; x <= hi; x++) {
    const lp = logPmf(x);
    const include = alternative === 'less' ? x <= a : alternative === 'greater' ? x >= a : lp <= observed + Math.log1p(1e-7);
    if (include) pValue += Math.exp(lp);
  }
  return { statistic: oddsRatio, pValue: Math.min(1, pValue), n: total, oddsRatio, method: 'fisher-exact' };
}
