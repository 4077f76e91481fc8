// Exact null distribution of the Mann–Whitney U statistic for untied samples of sizes m and n.

/** Largest m·n for which the exact distribution is tabulated (work grows like (m·n)²). */
export const EXACT_U_MAX_PAIRS = 2500;

// P(U = u) for u = 0..m·n by the recurrence of Mann & Whitney (1947):
// f(u; m, n) = m/(m+n)·f(u − n; m − 1, n) + n/(m+n)·f(u; m, n − 1), in probabilities so it
// never overflows. Returns null when m·n exceeds EXACT_U_MAX_PAIRS.
export function rankSumPmf(m: number, n: number): Float64Array | null {
  if (m * n > EXACT_U_MAX_PAIRS) return null;
  const [small, large] = m <= n ? [m, n] : [n, m];
  // rows[a] holds f(·; a, b) for the current b; U's law is symmetric in (m, n).
  let rows: Float64Array[] = [];
  for (let b = 0; b <= large; b++) {
    const next: Float64Array[] = [];
    for (let a = 0; a <= small; a++) {
      const f = new Float64Array(a * b + 1);
      if (a === 0 || b === 0) f[0] = 1;
      else {
        const left = next[a - 1] ?? new Float64Array(1); // f(·; a − 1, b)
        const up = rows[a] ?? new Float64Array(1); // f(·; a, b − 1)
        const wa = a / (a + b);
        const wb = b / (a + b);
        for (let u = 0; u < f.length; u++) f[u] = wa * (left[u - b] ?? 0) + wb * (up[u] ?? 0);
      }
      next.push(f);
    }
    rows = next;
  }
  return rows[small] ?? null;
}

// P(U ≥ u) from a pmf table.
export function rankSumSf(pmf: Float64Array, u: number): number {
  let s = 0;
  for (let k = Math.max(0, Math.ceil(u)); k < pmf.length; k++) s += pmf[k] ?? 0;
  return Math.min(1, s);
}

// Smallest u with P(U ≤ u) ≥ q (R's qwilcox).
export function rankSumQuantile(pmf: Float64Array, q: number): number {
  let cum = 0;
  for (let u = 0; u < pmf.length; u++) {
    cum += pmf[u] ?? 0;
    if (cum >= q * (1 - 64 * Number.EPSILON)) return u;
  }
  return pmf.length - 1;
}
