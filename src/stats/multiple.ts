// Multiple-comparison adjustments of p-values; null entries (untestable metrics) stay null.

type Indexed = { p: number; i: number };

function present(pValues: readonly (number | null)[]): Indexed[] {
  const out: Indexed[] = [];
  pValues.forEach((p, i) => {
    if (p !== null && !Number.isNaN(p)) out.push({ p, i });
  });
  return out;
}

// Holm (1979) step-down, family-wise error control: sorted ascending, p_(k)·(m − k + 1),
// running maximum, capped at 1 (R p.adjust 'holm'). m counts only the non-null p-values.
export function holm(pValues: readonly (number | null)[]): (number | null)[] {
  const items = present(pValues).sort((x, y) => x.p - y.p);
  const m = items.length;
  const out: (number | null)[] = pValues.map(() => null);
  let running = 0;
  items.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, p * (m - k)));
    out[i] = running;
  });
  return out;
}

// Benjamini–Hochberg (1995) step-up, false discovery rate: sorted descending,
// p_(k)·m/k, running minimum, capped at 1 (R p.adjust 'BH'). m counts only non-null p-values.
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const items = present(pValues).sort((x, y) => y.p - x.p);
  const m = items.length;
  const out: (number | null)[] = pValues.map(() => null);
  let running = 1;
  items.forEach(({ p, i }, idx) => {
    const rank = m - idx;
    running = Math.min(running, (p * m) / rank);
    out[i] = running;
  });
  return out;
}
