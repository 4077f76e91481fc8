// Live-metrics decisions during a hold, pure: given the counts and the test results of one window,
// each check decides pass / inconclusive / fail and says why, naming the values and the limit.
// Never a pass on too little traffic; a clear breach (roll back at once) is marked `breach`.
import type { Status } from '../../model/verdict.js';

/** The limits a live window is judged against (rollout.live in the suite). */
export interface LiveLimits {
  /** Fewer requests than this on either revision → inconclusive. */
  minRequests: number;
  /** Largest acceptable 5xx rate of green, 0-1. */
  maxErrorRate: number;
  /** Largest acceptable green − blue 5xx rate increase, 0-1. */
  maxErrorRateIncrease: number;
  /** Largest acceptable latency shift of green over blue (Hodges-Lehmann), ms. */
  maxLatencyShiftMs: number;
  /** Largest acceptable green / blue p95 ratio where only aggregates exist. */
  maxP95Ratio: number;
  /** Significance level (after Holm over the window's tests). */
  alpha: number;
  /** Confidence of the intervals. */
  confidence: number;
}

export interface LiveDecision {
  status: Status;
  /** A clear breach: roll back at this interval, without waiting for the hold to end. */
  breach: boolean;
  reason: string;
}

const pct = (x: number) => `${(x * 100).toFixed(x !== 0 && Math.abs(x) < 0.01 ? 2 : 1)}%`;
const pv = (p: number | null) => (p === null ? 'p n/a' : `p=${p < 0.0001 ? p.toExponential(1) : p.toFixed(4)}`);
const ms = (x: number) => `${x >= 0 ? '+' : ''}${Math.round(x)} ms`;
const decision = (status: Status, reason: string, breach = false): LiveDecision => ({ status, breach, reason });

/** Too little traffic on either side (the reason names both counts and the minimum), else null. */
export function tooLittle(what: string, blue: number, green: number, min: number): LiveDecision | null {
  if (blue >= min && green >= min) return null;
  return decision(
    'inconclusive',
    `${what}: too little traffic: green ${green}, blue ${blue} in the window (minRequests ${min}); never a pass without data`,
  );
}

export interface ErrorRateInput {
  blue: { requests: number; errors: number };
  green: { requests: number; errors: number };
  /** Fisher exact, two-sided (Holm-adjusted within the window). */
  pValue: number | null;
  /** Newcombe interval of green − blue. */
  interval: [number, number] | null;
}

// 5xx rate of green against blue and the limits:
// - significantly above blue (p < alpha, green > blue) AND above maxErrorRate → fail, clear breach;
// - significantly above blue AND the increase's lower bound above maxErrorRateIncrease → fail;
// - significantly above blue with the increase's estimate above maxErrorRateIncrease → inconclusive;
// - above maxErrorRate but not significantly above blue (both bad, or too few requests) → inconclusive;
// - otherwise pass.
/** Decide the 5xx-rate check of one window. */
export function decideErrorRate(x: ErrorRateInput, limits: LiveLimits): LiveDecision {
  const few = tooLittle('5xx rate', x.blue.requests, x.green.requests, limits.minRequests);
  if (few) return few;
  const rb = x.blue.errors / x.blue.requests;
  const rg = x.green.errors / x.green.requests;
  const significant = x.pValue !== null && x.pValue < limits.alpha && rg > rb;
  const rates = `green ${pct(rg)} (${x.green.errors}/${x.green.requests}) vs blue ${pct(rb)} (${x.blue.errors}/${x.blue.requests}), Fisher ${pv(x.pValue)}`;
  const ci = x.interval ? `, increase CI [${pct(x.interval[0])}, ${pct(x.interval[1])}]` : '';
  const increase = rg - rb;
  if (significant && rg > limits.maxErrorRate)
    return decision(
      'fail',
      `clear breach: 5xx rate ${rates}: above the ${pct(limits.maxErrorRate)} limit and significantly above blue`,
      true,
    );
  if (significant && x.interval && x.interval[0] > limits.maxErrorRateIncrease)
    return decision('fail', `5xx rate ${rates}${ci}: increase above the allowed +${pct(limits.maxErrorRateIncrease)}`);
  if (significant && increase > limits.maxErrorRateIncrease)
    return decision('inconclusive', `5xx rate ${rates}${ci}: increase of ${pct(increase)} may exceed +${pct(limits.maxErrorRateIncrease)}`);
  if (rg > limits.maxErrorRate)
    return decision('inconclusive', `5xx rate ${rates}: above the ${pct(limits.maxErrorRate)} limit but not significantly above blue`);
  return decision('pass', `5xx rate ${rates}${ci}: within ${pct(limits.maxErrorRate)} and +${pct(limits.maxErrorRateIncrease)}`);
}

/** Restarts of green in the window (when the source reports them): any → fail, clear breach. */
export function decideRestarts(green: number, blue: number | null): LiveDecision {
  const b = blue === null ? '' : ` (blue ${blue})`;
  if (green > 0) return decision('fail', `clear breach: green restarted ${green} time${green === 1 ? '' : 's'} in the window${b}`, true);
  return decision('pass', `no restarts of green in the window${b}`);
}

export interface LatencyShiftInput {
  nBlue: number;
  nGreen: number;
  /** Mann-Whitney U, two-sided (Holm-adjusted within the window). */
  pValue: number | null;
  /** Hodges-Lehmann shift green − blue (ms) and its interval. */
  estimate: number | null;
  interval: [number, number] | null;
}

// Latency from raw samples (Kayenta's judge): fail when the shift is significant (p < alpha) AND its
// Hodges-Lehmann estimate exceeds maxLatencyShiftMs; too few samples → inconclusive; else pass.
/** Decide the latency-shift check of one window. */
export function decideLatencyShift(x: LatencyShiftInput, limits: LiveLimits): LiveDecision {
  const few = tooLittle('latency', x.nBlue, x.nGreen, limits.minRequests);
  if (few) return few;
  if (x.estimate === null) return decision('inconclusive', 'latency: no shift estimate (no samples)');
  const ci = x.interval ? ` (CI [${ms(x.interval[0])}, ${ms(x.interval[1])}])` : '';
  const what = `latency shift green − blue ${ms(x.estimate)}${ci}, Mann-Whitney ${pv(x.pValue)}, ${x.nGreen}/${x.nBlue} samples`;
  if (x.pValue !== null && x.pValue < limits.alpha && x.estimate > limits.maxLatencyShiftMs)
    return decision('fail', `${what}: slower than the allowed +${Math.round(limits.maxLatencyShiftMs)} ms`);
  return decision('pass', `${what}: within +${Math.round(limits.maxLatencyShiftMs)} ms`);
}

export interface P95RatioInput {
  nBlue: number;
  nGreen: number;
  blue: number | null;
  green: number | null;
}

/** Latency where only aggregates exist: green p95 / blue p95 against maxP95Ratio (no test is possible). */
export function decideP95Ratio(x: P95RatioInput, limits: LiveLimits): LiveDecision {
  const few = tooLittle('latency p95', x.nBlue, x.nGreen, limits.minRequests);
  if (few) return few;
  if (x.blue === null || x.green === null || !(x.blue > 0))
    return decision('inconclusive', `latency p95: the source gave no quantiles (green ${x.green ?? 'n/a'}, blue ${x.blue ?? 'n/a'})`);
  const ratio = x.green / x.blue;
  const what = `latency p95 green ${Math.round(x.green)} ms / blue ${Math.round(x.blue)} ms = ${ratio.toFixed(2)}`;
  if (ratio > limits.maxP95Ratio) return decision('fail', `${what} > ${limits.maxP95Ratio}`);
  return decision('pass', `${what} ≤ ${limits.maxP95Ratio}`);
}
