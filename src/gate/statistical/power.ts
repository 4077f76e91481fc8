// Power before the run: for each `test:` threshold, the smallest effect this suite can detect at
// its size and repeats, and whether the configured margin is below it. A margin smaller than the
// detectable effect leaves the check `inconclusive` on a harmless release most of the time.
// Pure: the noise comes from a previous run's comparison data (`--baseline`), or, for rates,
// from the assumption that blue's rate is near 0.
//
// Minimum detectable effect (MDE) at two-sided α and power 1 − β, normal approximations:
//   paired means      δ = (z_{1−α/2} + z_{1−β})·σ_d/√n            (n cases; σ_d of per-case deltas)
//   location shift    δ = (z_{1−α/2} + z_{1−β})·σ·√2/√n           (n samples per revision)
//   two proportions   the δ at which Fleiss-Levin-Paik's n equals the attempts per revision
// (Chow, Shao & Wang 2008, Sample Size Calculations in Clinical Research, §3.1 and §4.2).
import type { ComparisonData } from '../../model/metrics.js';
import type { StatisticsConfig, StatSpec } from '../../model/verdict.js';
import { normalQuantile, pairedSampleSize, proportionSampleSize } from '../../stats/index.js';
import { MEASURE } from './evaluate.js';
import { findStatTest, type StatUnit } from './tests.js';

export interface SuiteSize {
  cases: number;
  repeats: number;
}

export interface DetectableEffect {
  spec: StatSpec;
  unit: StatUnit;
  /** The configured margin (minEffect). */
  margin: number;
  /** Smallest effect detectable at this size; null when it cannot be estimated (no baseline data, interval-only checks). */
  detectable: number | null;
  /** Where the noise estimate comes from, in words. */
  basis: string;
  /** When the margin is below the detectable effect: cases (at the suite's repeats) that would detect the margin. */
  casesNeeded: number | null;
}

/** The detectable effect of every voting test at `size`, from `baseline` (null: no previous run). */
export function detectableEffects(
  specs: readonly StatSpec[],
  baseline: ComparisonData | null,
  size: SuiteSize,
  options: StatisticsConfig,
): DetectableEffect[] {
  return specs
    .filter((s) => !s.advisory)
    .flatMap((spec) => {
      const def = findStatTest(spec.test);
      if (!def) return [];
      const margin = Math.abs(spec.minEffect);
      const out = (detectable: number | null, basis: string, casesNeeded: number | null = null): DetectableEffect => ({
        spec,
        unit: def.unit,
        margin,
        detectable,
        basis,
        casesNeeded: detectable !== null && margin < detectable ? casesNeeded : null,
      });
      const z = normalQuantile(1 - options.alpha / 2) + normalQuantile(options.power);
      const attempts = size.cases * size.repeats;
      if (def.family === 'ratio') return [out(null, 'interval-only check (green / blue ratio): no power formula')];
      if (def.family === 'rate') {
        const blueRate = baseline
          ? ((MEASURE.rate({ spec, def, data: baseline, options }).sizing as { blueRate?: number } | null)?.blueRate ?? 0)
          : 0;
        const needed = proportionSampleSize({
          p1: blueRate,
          p2: Math.min(1, blueRate + margin),
          alpha: options.alpha,
          power: options.power,
        }).n;
        return [
          out(
            detectableRise(blueRate, attempts, options),
            baseline
              ? `blue's rate ${(blueRate * 100).toFixed(1)}% in the baseline`
              : "assuming blue's rate is near 0 (give --baseline for its real rate)",
            needed === null ? null : Math.ceil(needed / size.repeats),
          ),
        ];
      }
      if (baseline === null) return [out(null, 'needs the noise of a previous run: --baseline <run dir> (or `revgate calibrate`)')];
      const m = MEASURE[def.family]({ spec, def, data: baseline, options });
      const sizing = m.sizing;
      if (sizing === null || sizing.kind === 'ratio' || sizing.kind === 'proportion')
        return [out(null, 'the baseline has too little data for this test')];
      if (sizing.kind === 'paired') {
        // Only the cases that carry the metric count (e.g. references with a quantity): the baseline's share of them.
        const share = baseline.cases > 0 ? Math.min(1, m.n / baseline.cases) : 1;
        const n = Math.max(1, Math.round(size.cases * share));
        const needed = pairedSampleSize({ sd: sizing.sd, minEffect: margin, alpha: options.alpha, power: options.power }).n;
        const basis = `per-case sd ${round(sizing.sd)} in the baseline${share < 1 ? `; ${Math.round(share * 100)}% of cases carry it, ~${n} here` : ''}`;
        return [out((z * sizing.sd) / Math.sqrt(n), basis, needed === null ? null : Math.ceil(needed / share))];
      }
      const needed = pairedSampleSize({ sd: sizing.sd * Math.SQRT2, minEffect: margin, alpha: options.alpha, power: options.power }).n;
      return [
        out(
          (z * sizing.sd * Math.SQRT2) / Math.sqrt(attempts),
          `sample sd ${round(sizing.sd)} in the baseline`,
          needed === null ? null : Math.ceil(needed / size.repeats),
        ),
      ];
    });
}

// The rise over `p` that `n` attempts per revision detect: bisection on the sample-size formula,
// which falls as the rise grows.
function detectableRise(p: number, n: number, options: Pick<StatisticsConfig, 'alpha' | 'power'>): number | null {
  if (n <= 0 || p >= 1) return null;
  let lo = 0;
  let hi = 1 - p;
  const needs = (d: number) => proportionSampleSize({ p1: p, p2: p + d, alpha: options.alpha, power: options.power }).n ?? Infinity;
  if (needs(hi) > n) return null;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (needs(mid) > n) lo = mid;
    else hi = mid;
  }
  return hi;
}

const round = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(2));
