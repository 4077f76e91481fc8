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

// The same type 7 quantile as quantileSorted, of an unsorted Float64Array, in O(n) by selection
// (Floyd & Rivest 1975) rather than a sort: the k-th smallest value and the smallest value above
// it are the two values quantileSorted interpolates, so the result is identical. Reorders `xs` in
// place. NaN-free input only (a comparator sort puts NaN anywhere; selection is undefined for it).
export function quantileSelect(xs: Float64Array, q: number): number {
  const n = xs.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  selectKth(xs, lo, 0, n - 1);
  const a = xs[lo]!;
  let b = a;
  if (lo + 1 < n) {
    // After selection, every value right of lo is >= a: the next order statistic is their minimum.
    b = xs[lo + 1]!;
    for (let i = lo + 2; i < n; i++) if (xs[i]! < b) b = xs[i]!;
  }
  return a + (h - lo) * (b - a);
}

// Floyd–Rivest selection: moves the k-th smallest of xs[left..right] to index k, smaller values
// left of it and larger right of it (the variant of V. Agafonkin's quickselect, ISC).
function selectKth(xs: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      // Recurse on a sample around k so the pivot lands near the k-th value.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectKth(xs, k, newLeft, newRight);
    }
    const t = xs[k]!;
    let i = left;
    let j = right;
    swap(xs, left, k);
    if (xs[right]! > t) swap(xs, left, right);
    while (i < j) {
      swap(xs, i, j);
      i++;
      j--;
      while (xs[i]! < t) i++;
      while (xs[j]! > t) j--;
    }
    if (xs[left] === t) swap(xs, left, j);
    else {
      j++;
      swap(xs, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(xs: Float64Array, i: number, j: number): void {
  const t = xs[i]!;
  xs[i] = xs[j]!;
  xs[j] = t;
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
