// Small descriptive helpers shared by the tests: mean, quantile, median, ranks.

// Arithmetic mean; NaN for an empty array.
export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length === 0 ? NaN : s / xs.length;
}

// Quantile of an ascending-sorted array, linear interpolation (Hyndman & Fan type 7, R default).
export function quantileSorted(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const a = sorted[lo] ?? NaN;
  const b = sorted[Math.min(n - 1, lo + 1)] ?? NaN;
  return a + (h - lo) * (b - a);
}

// Median (type 7 quantile at 0.5) of an unsorted array.
export function median(xs: readonly number[]): number {
  return quantileSorted(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
}

/** Average ranks (1-based) and the sizes of tie groups with more than one member. */
export interface Ranking {
  ranks: number[];
  ties: number[];
}

// Average ranks with ties (scipy.stats.rankdata method='average').
export function averageRanks(values: readonly number[]): Ranking {
  const order = values.map((_, i) => i).sort((i, j) => (values[i] ?? 0) - (values[j] ?? 0));
  const ranks = new Array<number>(values.length).fill(0);
  const ties: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    const v = values[order[start] ?? 0];
    while (end < order.length && values[order[end] ?? 0] === v) end++;
    const avg = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] ?? 0] = avg;
    if (end - start > 1) ties.push(end - start);
    start = end;
  }
  return { ranks, ties };
}

// Σ (t³ − t) over tie groups: the usual tie correction term.
export function tieTerm(ties: readonly number[]): number {
  return ties.reduce((s, t) => s + t ** 3 - t, 0);
}
