// Mann–Whitney U (Wilcoxon rank-sum) test for two independent samples.
import { rankSumPmf, rankSumSf } from './rank-sum-distribution.js';
import { normalSf } from './normal.js';
import { averageRanks, tieTerm } from './summary.js';
import type { Alternative, TestResult } from './types.js';

export interface MannWhitneyOptions {
  /** 'greater': x tends to be larger than y. @default 'two-sided' */
  alternative?: Alternative;
  /** Continuity correction of ½ in the normal approximation. @default true */
  continuity?: boolean;
  /** @default 'auto' */
  method?: 'auto' | 'exact' | 'normal';
}

export interface MannWhitneyResult extends TestResult {
  /** U1 = R1 − n1(n1+1)/2, the number of (x, y) pairs with x > y (ties count ½); as scipy. */
  statistic: number | null;
  n1: number;
  n2: number;
  method: 'exact' | 'normal' | 'none';
  /** Common-language effect U1/(n1·n2) = P(X > Y) + ½P(X = Y); 0.5 means no shift. */
  effect: number | null;
}

// Mann–Whitney U, matching scipy.stats.mannwhitneyu (1.17):
// - method 'auto' is exact when min(n1, n2) ≤ 8 and there are no ties (we additionally require
//   n1·n2 ≤ 2500 so the table stays small; the normal approximation is good beyond that);
// - normal approximation: mean n1n2/2, variance n1n2/12·((N+1) − Σ(t³−t)/(N(N−1))) (tie
//   correction), continuity correction ½; p = 2·P(U ≥ max(U1, U2)) for two-sided.
export function mannWhitneyU(x: readonly number[], y: readonly number[], opts: MannWhitneyOptions = {}): MannWhitneyResult {
  const alternative = opts.alternative ?? 'two-sided';
  const xs = x.filter((v) => !Number.isNaN(v));
  const ys = y.filter((v) => !Number.isNaN(v));
  const n1 = xs.length;
  const n2 = ys.length;
  const base = { n: n1 + n2, n1, n2 };
  if (n1 === 0 || n2 === 0) {
    return { ...base, statistic: null, pValue: null, effect: null, method: 'none', reason: 'both samples need at least one value' };
  }
  const { ranks, ties } = averageRanks([...xs, ...ys]);
  const r1 = ranks.slice(0, n1).reduce((s, r) => s + r, 0);
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const [u, factor] = alternative === 'greater' ? [u1, 1] : alternative === 'less' ? [u2, 1] : [Math.max(u1, u2), 2];
  const effect = u1 / (n1 * n2);
  const method = opts.method ?? 'auto';
  const wantExact = method === 'exact' || (method === 'auto' && Math.min(n1, n2) <= 8 && ties.length === 0);
  const pmf = wantExact ? rankSumPmf(n1, n2) : null;
  if (pmf) {
    const pValue = Math.min(1, factor * rankSumSf(pmf, u));
    return { ...base, statistic: u1, pValue, effect, method: 'exact' };
  }
  const total = n1 + n2;
  const variance = ((n1 * n2) / 12) * (total + 1 - tieTerm(ties) / (total * (total - 1)));
  if (!(variance > 0)) {
    return { ...base, statistic: u1, pValue: null, effect, method: 'none', reason: 'all values are tied' };
  }
  const numerator = u - (n1 * n2) / 2 - ((opts.continuity ?? true) ? 0.5 : 0);
  const pValue = Math.min(1, factor * normalSf(numerator / Math.sqrt(variance)));
  return { ...base, statistic: u1, pValue, effect, method: 'normal' };
}
