// Turn an estimate, its interval and a p-value into regression / no-change / improvement / insufficient-data.

export type EffectClass = 'regression' | 'no-change' | 'improvement' | 'insufficient-data';

export interface ClassifyInput {
  /** Point estimate of the green − blue effect; null when it could not be computed. */
  estimate: number | null;
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

// Classify a green − blue effect: "significance AND minimum effect", with a non-inferiority pass.
// Oriented so that positive = better, with margin m = minEffect ≥ 0:
//   regression        p < α AND the point estimate is worse than −m (a real change that matters:
//                     significant-but-tiny changes never fail the gate);
//   improvement       symmetric: p < α AND the point estimate is better than +m;
//   no-change         the worse-side bound of the interval is within the margin (lower ≥ −m):
//                     the harm is bounded by m. This is a non-inferiority decision (Wellek 2010,
//                     "Testing Statistical Hypotheses of Equivalence and Noninferiority", ch. 2;
//                     FDA 2016 guidance "Non-Inferiority Clinical Trials to Establish
//                     Effectiveness"): with a two-sided (1 − 2α') interval it is the one-sided
//                     non-inferiority test at α'. It includes significant-but-small changes and
//                     improvements below m;
//   insufficient-data anything else (the interval reaches beyond −m without a significant,
//                     large enough estimate, or no interval): never a pass.
export function classifyEffect(input: ClassifyInput): Classification {
  const { estimate, interval, pValue, minEffect, higherIsBetter } = input;
  const alpha = input.alpha ?? 0.05;
  if (interval === null || !interval.every(Number.isFinite) || estimate === null || !Number.isFinite(estimate)) {
    return { label: 'insufficient-data', reason: 'no estimate or confidence interval could be computed' };
  }
  const m = Math.abs(minEffect);
  const sign = higherIsBetter ? 1 : -1;
  const est = sign * estimate;
  const worseBound = Math.min(sign * interval[0], sign * interval[1]);
  const shown = `${fmt(estimate)} [${fmt(interval[0])}, ${fmt(interval[1])}]`;
  const significant = pValue !== null && pValue < alpha;
  const pText = pValue === null ? 'p unavailable' : `p = ${fmt(pValue)}`;
  if (significant && est < -m) {
    return { label: 'regression', reason: `${pText} < α = ${alpha} and the estimate ${shown} is worse than the margin ${m}` };
  }
  if (significant && est > m) {
    return { label: 'improvement', reason: `${pText} < α = ${alpha} and the estimate ${shown} is better than the margin ${m}` };
  }
  if (worseBound >= -m) {
    return { label: 'no-change', reason: `the worse-side bound of ${shown} is within the margin ${m} (non-inferior; ${pText})` };
  }
  return {
    label: 'insufficient-data',
    reason: `${shown} reaches beyond the margin ${m} without a decisive result (${pText}); more cases are needed`,
  };
}

function fmt(v: number): string {
  return Number(v.toPrecision(3)).toString();
}
