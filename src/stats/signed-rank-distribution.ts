// Exact null distribution of the Wilcoxon signed-rank statistic R+ given the ranks.
import type { Alternative } from './types.js';

// Under H0 each rank carries a + sign with probability ½ independently, so R+ is the sum of a
// random subset of the ranks. Average ranks are multiples of ½, so we count subsets by the integer
// 2·R+ with the subset-sum recurrence. Without ties this is the classical exact distribution
// (ranks 1..n); with ties/zeros it is the exact conditional (sign-flip permutation) distribution.
// Counts stay below 2^53 for n ≤ 52, so they are exact integers in doubles.
export function signedRankCounts(ranks: readonly number[]): Float64Array {
  const weights = ranks.map((r) => Math.round(2 * r));
  const total = weights.reduce((s, w) => s + w, 0);
  const counts = new Float64Array(total + 1);
  counts[0] = 1;
  let reach = 0;
  for (const w of weights) {
    reach += w;
    for (let s = reach; s >= w; s--) counts[s] = (counts[s] ?? 0) + (counts[s - w] ?? 0);
  }
  return counts;
}

// Exact p-value of an observed R+ for the given ranks: less = P(R+ ≤ r), greater = P(R+ ≥ r),
// two-sided = min(1, 2·min(less, greater)) (scipy.stats.wilcoxon method='exact').
export function exactSignedRankP(ranks: readonly number[], rPlus: number, alternative: Alternative): number {
  const counts = signedRankCounts(ranks);
  const observed = Math.round(2 * rPlus);
  let all = 0;
  let le = 0;
  let ge = 0;
  counts.forEach((c, s) => {
    all += c;
    if (s <= observed) le += c;
    if (s >= observed) ge += c;
  });
  if (alternative === 'less') return le / all;
  if (alternative === 'greater') return ge / all;
  return Math.min(1, (2 * Math.min(le, ge)) / all);
}
