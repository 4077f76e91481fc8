// Turn an effect interval and a p-value into regression / no-change / improvement / insufficient-data.

export type EffectClass = 'regression' | 'no-change' | 'improvement' | 'insufficient-data';

export interface ClassifyInput {
  /** Confidence interval of the green − blue effect; null when it could not be computed. */
  interval: readonly [number, number] | null;
  /** p-value of the test of "no difference", already adjusted for multiplicity; null if untestable. */
  pValue: number | null;
  /** @default 0.05 */
  alpha?: number;
  /** Smallest effect that matters (≥ 0), on the same scale as the interval. */
  minEffect: number;
  /** Whether a larger green − blue effect is good (scores) or bad (latency, error rate). */
  higherIsBetter: boolean;
}

export interface Classification {
  label: EffectClass;
  reason: string;
}

// Classify a green − blue effect from its interval and (adjusted) p-value.
// Decision rule (worse = the harmful direction, margin m = minEffect ≥ 0):
//   regression        p < α  AND the whole interval is beyond −m in the worse direction
//                     (significant, and even the most favourable plausible effect is harmful);
//   improvement       symmetric: p < α AND the whole interval is beyond +m in the better direction;
//   no-change         the whole interval lies within [−m, +m]: an equivalence decision in the
//                     spirit of TOST (Schuirmann 1987) — with a (1 − 2α) interval it is TOST at α;
//   insufficient-data anything else (interval straddles a margin, or no interval): never a pass.
export function classifyEffect(input: ClassifyInput): Classification {
  const { interval, pValue, minEffect, higherIsBetter } = input;
  const alpha = input.alpha ?? 0.05;
  if (interval === null || !interval.every(Number.isFinite)) {
    return { label: 'insufficient-data', reason: 'no confidence interval could be computed' };
  }
  const m = Math.abs(minEffect);
  const sign = higherIsBetter ? 1 : -1;
  // Orient so that positive = better.
  const [lo, hi] = [Math.min(sign * interval[0], sign * interval[1]), Math.max(sign * interval[0], sign * interval[1])];
  const shown = `[${fmt(interval[0])}, ${fmt(interval[1])}]`;
  const significant = pValue !== null && pValue < alpha;
  const pText = pValue === null ? 'p unavailable' : `p = ${fmt(pValue)}`;
  if (significant && hi < -m) {
    return { label: 'regression', reason: `${pText} < α = ${alpha} and interval ${shown} is entirely worse than the ±${m} margin` };
  }
  if (significant && lo > m) {
    return { label: 'improvement', reason: `${pText} < α = ${alpha} and interval ${shown} is entirely better than the ±${m} margin` };
  }
  if (lo >= -m && hi <= m) {
    return { label: 'no-change', reason: `interval ${shown} lies within the ±${m} equivalence margin` };
  }
  return { label: 'insufficient-data', reason: `interval ${shown} crosses the ±${m} margin (${pText}); more cases are needed` };
}

function fmt(v: number): string {
  return Number(v.toPrecision(3)).toString();
}
