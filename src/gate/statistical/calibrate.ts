// Margins from a blue-vs-blue (A/A) run: the noise floor of each statistical test at the suite's
// size, and a proposed margin the suite can decide. Pure.
//
// Why these margins: a check fails only with Holm-adjusted p < α AND an estimate beyond the margin,
// so on a harmless release the false-alarm rate is ≤ α whatever the margin; but a margin below the
// detectable effect leaves harmless releases `inconclusive`. The proposal is the detectable effect
// at power 1 − β (src/gate/statistical/power.ts), rounded up to a readable step — so an A/A release
// passes with probability about 1 − β and false alarms stay ≤ α. Ratio tests (latency.p95) get the
// A/A interval's upper bound plus 5%, rounded up to 0.05.
import type { ComparisonData } from '../../model/metrics.js';
import type { StatisticsConfig, StatSpec } from '../../model/verdict.js';
import { MEASURE } from './evaluate.js';
import { detectableEffects, type SuiteSize } from './power.js';
import { findStatTest, type StatUnit } from './tests.js';

export interface Proposal {
  test: string;
  unit: StatUnit;
  /** The noise floor in words (per-case sd, sample sd, blue's rate, or the A/A ratio interval). */
  noise: string;
  /** The detectable effect at this size; null for ratio tests. */
  detectable: number | null;
  /** What to write in the suite: minEffect, or maxRatio for ratio tests; null when the A/A data cannot tell. */
  minEffect: number | null;
  maxRatio: number | null;
}

/** One proposal per test in `specs`, from the A/A run's comparison data. */
export function proposeMargins(specs: readonly StatSpec[], aa: ComparisonData, size: SuiteSize, options: StatisticsConfig): Proposal[] {
  const effects = detectableEffects(specs, aa, size, options);
  return specs.flatMap((spec): Proposal[] => {
    const def = findStatTest(spec.test);
    if (!def || spec.advisory) return [];
    if (def.family === 'ratio') {
      const m = MEASURE.ratio({ spec, def, data: aa, options });
      const upper = m.interval?.[1] ?? null;
      return [
        {
          test: spec.test,
          unit: def.unit,
          noise:
            upper === null
              ? 'too few samples in the A/A run'
              : `A/A ratio ${m.estimate?.toFixed(3)} [${m.interval![0].toFixed(3)}, ${upper.toFixed(3)}]`,
          detectable: null,
          minEffect: null,
          maxRatio: upper === null ? null : ceilTo(Math.max(1.05, upper + 0.05), 0.05),
        },
      ];
    }
    const e = effects.find((x) => x.spec === spec);
    return [
      {
        test: spec.test,
        unit: def.unit,
        noise: e?.basis ?? 'unknown',
        detectable: e?.detectable ?? null,
        minEffect: e?.detectable == null ? null : readable(e.detectable, def.unit),
        maxRatio: null,
      },
    ];
  });
}

// Round a margin up to a step a person would write: 1 ms for latencies, 0.5% for rates, 0.005 for scores.
function readable(x: number, unit: StatUnit): number {
  if (unit === 'ms') return Math.max(1, Math.ceil(x));
  if (unit === 'rate') return ceilTo(Math.max(0.005, x), 0.005);
  return ceilTo(Math.max(0.005, x), 0.005);
}

/** `x` rounded up to a multiple of `step` (a margin a person would write). */
export function ceilTo(x: number, step: number): number {
  return Number((Math.ceil(x / step - 1e-9) * step).toFixed(6));
}
