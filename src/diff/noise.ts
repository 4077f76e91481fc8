// The noise band of a metric difference between two runs: a change smaller than it is run-to-run
// sampling noise, not a change, and the diff calls it "same". Half-width of an approximate 95%
// interval of b − a for two independent samples (Welch's standard error, z = 1.96):
//   rates   √(pa(1−pa)/na + pb(1−pb)/nb)          (binomial, n attempts or answers)
//   means   √(sa²/na + sb²/nb)                     (per-case values of the report's cases)
// Other metrics (percentiles, counts) have no band: their direction is the sign of the change.
import type { CaseRecord, MetricValue } from '../model/metrics.js';
import type { Revision } from '../model/outcome.js';
import { sampleSd } from '../gate/statistical/measure.js';

const Z95 = 1.959963984540054;

/** Per-case values behind a revision metric, where the report's cases carry them. */
const PER_CASE: Record<string, (c: CaseRecord, side: Revision) => number | null | undefined> = {
  'ref.rougeL.mean': (c, s) => c[s].ref?.rougeL,
  'ref.f1.mean': (c, s) => c[s].ref?.f1,
  'rag.hit@{k}': (c, s) => c[s].rag?.hit,
  'rag.recall@{k}': (c, s) => c[s].rag?.recall,
  'rag.mrr': (c, s) => c[s].rag?.mrr,
  'rag.ndcg@{k}': (c, s) => c[s].rag?.ndcg,
  'numbers.consistency.mean': (c, s) => c[s].numbers?.consistency,
};

export interface NoiseInput {
  cases: readonly CaseRecord[];
  side: Revision;
}

/** Half-width of the noise band of `pattern` (a catalog name), or null when there is none. */
export function noiseBand(pattern: string, unit: string, a: MetricValue, b: MetricValue, ca: NoiseInput, cb: NoiseInput): number | null {
  if (a.value === null || b.value === null) return null;
  if (unit === 'rate') {
    if (a.n <= 0 || b.n <= 0) return null;
    return Z95 * Math.sqrt((a.value * (1 - a.value)) / a.n + (b.value * (1 - b.value)) / b.n);
  }
  const pick = PER_CASE[pattern];
  if (!pick) return null;
  const va = values(ca, pick);
  const vb = values(cb, pick);
  if (va.length < 2 || vb.length < 2) return null;
  return Z95 * Math.sqrt(sampleSd(va) ** 2 / va.length + sampleSd(vb) ** 2 / vb.length);
}

function values(input: NoiseInput, pick: (c: CaseRecord, side: Revision) => number | null | undefined): number[] {
  return input.cases.flatMap((c) => {
    const v = pick(c, input.side);
    return v == null ? [] : [v];
  });
}
