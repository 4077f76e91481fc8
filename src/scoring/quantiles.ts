// Quantiles and summaries of numeric samples (latency, per-case scores).

/**
 * Quantile of an ascending-sorted sample by linear interpolation between order statistics:
 * Hyndman & Fan (1996) type 7, the default of numpy.quantile and R's quantile.
 * h = (n − 1)·p, Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]) with 0-based x. p is clamped to [0, 1].
 */
export function quantile(sortedAsc: ArrayLike<number>, p: number): number | null {
  const n = sortedAsc.length;
  if (n === 0) return null;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const below = sortedAsc[lo]!;
  if (lo + 1 >= n) return below;
  return below + (h - lo) * (sortedAsc[lo + 1]! - below);
}

// Arithmetic mean; null for an empty sample.
export function mean(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

// Ascending numeric copy (Float64Array sorts numbers, not strings).
function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

// Median (type-7 quantile at 0.5, i.e. the mean of the middle pair for even n); null when empty.
export function median(values: ArrayLike<number>): number | null {
  return quantile(sortedCopy(values), 0.5);
}

export interface LatencySummary {
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  mean: number | null;
  n: number;
}

// p50/p90/p95/p99 (type 7) and mean of a sample; every value null when it is empty.
export function latencySummary(values: ArrayLike<number>): LatencySummary {
  const sorted = sortedCopy(values);
  return {
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    mean: mean(sorted),
    n: sorted.length,
  };
}
