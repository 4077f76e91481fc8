// Exact order statistics of the m·n pairwise differences y_j − x_i without materialising them.
import { mulberry32 } from './random.js';

// k-th smallest (1-based) of {y_j − x_i}. With x and y sorted ascending, row i (fixed x_i) is
// ascending in j and rows decrease as i grows, so "how many differences are < p / ≤ p" takes one
// two-pointer sweep, O(m + n). We keep per-row candidate windows [lo_i, hi_i) and shrink them
// around a pivot drawn uniformly from the candidates — randomized selection in a sorted matrix
// (Johnson & Mizoguchi 1978; the same scheme Monahan 1984 uses for the one-sample
// Hodges–Lehmann estimator). The pivot stream is seeded, so results are deterministic; the
// expected cost is O((m + n)·log(m·n)) time and O(m + n) memory.
export function kthPairwiseDifference(xSorted: readonly number[], ySorted: readonly number[], k: number): number {
  const m = xSorted.length;
  const n = ySorted.length;
  const lo = new Array<number>(m).fill(0);
  const hi = new Array<number>(m).fill(n);
  const rng = mulberry32(0x9e3779b9);
  const at = (i: number, j: number): number => (ySorted[j] ?? NaN) - (xSorted[i] ?? NaN);
  for (;;) {
    let candidates = 0;
    for (let i = 0; i < m; i++) candidates += (hi[i] ?? 0) - (lo[i] ?? 0);
    if (candidates <= Math.max(64, m + n)) return finish(lo, hi, at, k);
    const pivot = pickCandidate(lo, hi, Math.floor(rng() * candidates), at);
    const less = countBelow(xSorted, ySorted, pivot, false);
    const lessEq = countBelow(xSorted, ySorted, pivot, true);
    const [sumLess, sumLessEq] = [sum(less), sum(lessEq)];
    if (k <= sumLess) {
      for (let i = 0; i < m; i++) hi[i] = Math.min(hi[i] ?? 0, less[i] ?? 0);
    } else if (k <= sumLessEq) {
      return pivot;
    } else {
      for (let i = 0; i < m; i++) lo[i] = Math.max(lo[i] ?? 0, lessEq[i] ?? 0);
    }
  }
  // Elements left of lo_i are < the target and right of hi_i are > it; sort what remains.
  function finish(l: number[], h: number[], f: (i: number, j: number) => number, r: number): number {
    const below = sum(l);
    const pool: number[] = [];
    l.forEach((start, i) => {
      for (let j = start; j < (h[i] ?? 0); j++) pool.push(f(i, j));
    });
    pool.sort((a, b) => a - b);
    return pool[r - below - 1] ?? NaN;
  }
}

function sum(xs: readonly number[]): number {
  return xs.reduce((s, v) => s + v, 0);
}

function pickCandidate(lo: number[], hi: number[], index: number, at: (i: number, j: number) => number): number {
  let rest = index;
  for (let i = 0; i < lo.length; i++) {
    const width = (hi[i] ?? 0) - (lo[i] ?? 0);
    if (rest < width) return at(i, (lo[i] ?? 0) + rest);
    rest -= width;
  }
  return NaN;
}

// Per row i: #{j : y_j − x_i < p} (or ≤ p when inclusive); the count never decreases with i.
function countBelow(x: readonly number[], y: readonly number[], p: number, inclusive: boolean): number[] {
  const counts = new Array<number>(x.length).fill(0);
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? 0;
    while (j < y.length && (inclusive ? (y[j] ?? 0) - xi <= p : (y[j] ?? 0) - xi < p)) j++;
    counts[i] = j;
  }
  return counts;
}
