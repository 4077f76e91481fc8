// Wilcoxon signed-rank test on paired differences (e.g. per-case green − blue score deltas).
import { exactSignedRankP } from './signed-rank-distribution.js';
import { pValueFromZ } from './normal.js';
import { averageRanks, tieTerm } from './summary.js';
import type { Alternative, TestResult } from './types.js';

export interface WilcoxonOptions {
  /** @default 'two-sided' ('greater': deltas tend to be positive) */
  alternative?: Alternative;
  /** 'wilcox' drops zero deltas; 'pratt' ranks them, then drops their ranks. @default 'wilcox' */
  zeroMethod?: 'wilcox' | 'pratt';
  /** Continuity correction of ½ in the normal approximation. @default true */
  correction?: boolean;
  /** @default 'auto' */
  method?: 'auto' | 'exact' | 'normal';
}

export interface WilcoxonResult extends TestResult {
  /** scipy's statistic: min(R+, R−) for two-sided, R+ otherwise. */
  statistic: number | null;
  rPlus: number;
  rMinus: number;
  zeros: number;
  /** Standardised statistic (after continuity correction) when the normal approximation is used. */
  z: number | null;
  method: 'exact' | 'exact-permutation' | 'normal' | 'none';
  /** Matched-pairs rank-biserial correlation (R+ − R−)/(R+ + R−), Kerby 2014; in [-1, 1]. */
  effect: number | null;
}

// Wilcoxon signed-rank test, matching scipy.stats.wilcoxon (1.17) with method='auto':
// - no ties and no zeros, n ≤ 50: exact null distribution of R+;
// - ties or zeros, n ≤ 13: exact sign-flip permutation distribution (scipy's exhaustive
//   PermutationMethod);
// - otherwise: normal approximation, mean n(n+1)/4, variance n(n+1)(2n+1)/24 − Σ(t³−t)/48
//   (tie correction), Pratt zeros adjusted as Cureton (1967), continuity correction ½.
export function wilcoxonSignedRank(deltas: readonly number[], opts: WilcoxonOptions = {}): WilcoxonResult {
  const alternative = opts.alternative ?? 'two-sided';
  const zeroMethod = opts.zeroMethod ?? 'wilcox';
  const correction = opts.correction ?? true;
  const d = deltas.filter((x) => !Number.isNaN(x));
  const zeros = d.filter((x) => x === 0).length;
  const used = zeroMethod === 'wilcox' ? d.filter((x) => x !== 0) : d;
  const { ranks, ties } = averageRanks(used.map(Math.abs));
  let rPlus = 0;
  let rMinus = 0;
  const signedRanks: number[] = [];
  used.forEach((x, i) => {
    const r = ranks[i] ?? 0;
    if (x > 0) rPlus += r;
    if (x < 0) rMinus += r;
    if (x !== 0) signedRanks.push(r);
  });
  const base = { rPlus, rMinus, zeros, n: used.length, z: null };
  if (signedRanks.length === 0) {
    return {
      ...base,
      statistic: null,
      pValue: null,
      method: 'none',
      effect: null,
      reason: d.length === 0 ? 'no deltas' : 'all deltas are zero',
    };
  }
  const statistic = alternative === 'two-sided' ? Math.min(rPlus, rMinus) : rPlus;
  const effect = (rPlus - rMinus) / (rPlus + rMinus);
  const untied = ties.length === 0 && zeros === 0;
  const method = opts.method ?? 'auto';
  if (method === 'exact' || (method === 'auto' && ((untied && d.length <= 50) || d.length <= 13))) {
    const pValue = exactSignedRankP(signedRanks, rPlus, alternative);
    return { ...base, statistic, pValue, effect, method: untied ? 'exact' : 'exact-permutation' };
  }
  const count = used.length;
  let mean = (count * (count + 1)) / 4;
  let variance = count * (count + 1) * (2 * count + 1);
  let tieSum = tieTerm(ties);
  if (zeroMethod === 'pratt' && zeros > 0) {
    mean -= (zeros * (zeros + 1)) / 4;
    variance -= zeros * (zeros + 1) * (2 * zeros + 1);
    tieSum -= zeros ** 3 - zeros; // the zero group is not a tie among non-zero deltas
  }
  const se = Math.sqrt((variance - tieSum / 2) / 24);
  let z = (rPlus - mean) / se;
  if (correction) {
    const sign = alternative === 'greater' ? 1 : alternative === 'less' ? -1 : Math.sign(z);
    z -= (sign * 0.5) / se;
  }
  return { ...base, statistic, pValue: pValueFromZ(z, alternative), effect, z, method: 'normal' };
}
