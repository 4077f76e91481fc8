// Sequential methods that stay valid when the run stops as soon as the evidence is clear.

export type SprtDecision = 'accept-h0' | 'accept-h1' | 'continue';

export interface SprtOptions {
  /** Pass rate under H0 (e.g. blue's rate). */
  p0: number;
  /** Pass rate under H1 (e.g. blue's rate minus the smallest drop that matters). */
  p1: number;
  /** P(accept H1 | H0). @default 0.05 */
  alpha?: number;
  /** P(accept H0 | H1). @default 0.1 */
  beta?: number;
}

export interface Sprt {
  /** Feed one Bernoulli outcome; once a boundary is crossed the decision is final. */
  update(success: boolean): SprtDecision;
  readonly llr: number;
  readonly n: number;
  readonly decision: SprtDecision;
  /** Wald's boundaries on the log-likelihood ratio: accept H0 ≤ lower, accept H1 ≥ upper. */
  readonly lower: number;
  readonly upper: number;
}

// Wald's sequential probability ratio test for a Bernoulli rate (Wald 1945, Ann. Math. Stat.
// 16:117): LLR += log(p1/p0) on success, log((1−p1)/(1−p0)) on failure; accept H1 when
// LLR ≥ log((1−β)/α), accept H0 when LLR ≤ log(β/(1−α)). Wald's bounds give actual error rates
// α' ≤ α/(1−β), β' ≤ β/(1−α); overshoot usually makes them smaller than nominal.
export function sprtBernoulli(opts: SprtOptions): Sprt {
  const { p0, p1 } = opts;
  const alpha = opts.alpha ?? 0.05;
  const beta = opts.beta ?? 0.1;
  if (!(p0 > 0 && p0 < 1 && p1 > 0 && p1 < 1) || p0 === p1) throw new RangeError('sprtBernoulli: need distinct p0, p1 in (0, 1)');
  if (!(alpha > 0 && alpha < 1 && beta > 0 && beta < 1)) throw new RangeError('sprtBernoulli: need alpha, beta in (0, 1)');
  const upper = Math.log((1 - beta) / alpha);
  const lower = Math.log(beta / (1 - alpha));
  const onSuccess = Math.log(p1 / p0);
  const onFailure = Math.log((1 - p1) / (1 - p0));
  let llr = 0;
  let n = 0;
  let decision: SprtDecision = 'continue';
  return {
    update(success: boolean): SprtDecision {
      if (decision !== 'continue') return decision;
      n += 1;
      llr += success ? onSuccess : onFailure;
      if (llr >= upper) decision = 'accept-h1';
      else if (llr <= lower) decision = 'accept-h0';
      return decision;
    },
    get llr() {
      return llr;
    },
    get n() {
      return n;
    },
    get decision() {
      return decision;
    },
    lower,
    upper,
  };
}

export interface ConfidenceSequenceState {
  n: number;
  estimate: number | null;
  lower: number;
  upper: number;
}

export interface ConfidenceSequence {
  /** Add one observation (must lie in [min, max]) and return the updated interval. */
  update(x: number): ConfidenceSequenceState;
  readonly state: ConfidenceSequenceState;
}

// Time-uniform confidence sequence for the mean of bounded observations (e.g. per-case score
// deltas in [-1, 1]): the predictable plug-in Hoeffding CS (PrPl-H) of Waudby-Smith & Ramdas,
// "Estimating means of bounded random variables by betting", JRSSB 86(1), 2024, Prop. 1.
// On y = (x − min)/(max − min) ∈ [0, 1]: λ_t = min(1, √(8·log(2/α)/(t·log(t+1)))),
// centre Σλ_i y_i/Σλ_i, half-width (log(2/α) + Σλ_i²/8)/Σλ_i; we report the running intersection.
// P(the true mean ever leaves the interval) ≤ α, so the run may stop whenever it likes.
export function hoeffdingConfidenceSequence(opts: { alpha?: number; min?: number; max?: number } = {}): ConfidenceSequence {
  const alpha = opts.alpha ?? 0.05;
  const min = opts.min ?? -1;
  const max = opts.max ?? 1;
  if (!(max > min) || !(alpha > 0 && alpha < 1)) throw new RangeError('hoeffdingConfidenceSequence: need min < max and alpha in (0, 1)');
  const range = max - min;
  const logTerm = Math.log(2 / alpha);
  let sumLambda = 0;
  let sumLambdaY = 0;
  let sumPsi = 0;
  let state: ConfidenceSequenceState = { n: 0, estimate: null, lower: min, upper: max };
  let total = 0;
  return {
    update(x: number): ConfidenceSequenceState {
      if (!(x >= min && x <= max)) throw new RangeError(`hoeffdingConfidenceSequence: ${x} outside [${min}, ${max}]`);
      const t = state.n + 1;
      const y = (x - min) / range;
      const lambda = Math.min(1, Math.sqrt((8 * logTerm) / (t * Math.log(t + 1))));
      sumLambda += lambda;
      sumLambdaY += lambda * y;
      sumPsi += (lambda * lambda) / 8;
      total += x;
      const centre = sumLambdaY / sumLambda;
      const half = (logTerm + sumPsi) / sumLambda;
      state = {
        n: t,
        estimate: total / t,
        lower: Math.max(state.lower, min + range * Math.max(0, centre - half)),
        upper: Math.min(state.upper, min + range * Math.min(1, centre + half)),
      };
      return state;
    },
    get state() {
      return state;
    },
  };
}
