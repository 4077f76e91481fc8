// Sample-size estimates: "how many cases would it take to decide?" (normal approximations).
import { normalQuantile } from './normal.js';

export interface SampleSizeResult {
  /** Required number of cases (pairs, or per group for two proportions); null if undefined. */
  n: number | null;
  /** Cases still needed beyond `have`, when `have` was given. */
  more: number | null;
  method: string;
  reason?: string;
}

interface Common {
  /** Two-sided significance level. @default 0.05 */
  alpha?: number;
  /** 1 − β. @default 0.8 */
  power?: number;
  /** Cases already collected; fills `more`. */
  have?: number;
}

function result(raw: number, method: string, have?: number): SampleSizeResult {
  const n = Math.ceil(raw - 1e-9);
  return { n, more: have === undefined ? null : Math.max(0, n - have), method };
}

function invalid(method: string, reason: string): SampleSizeResult {
  return { n: null, more: null, method, reason };
}

function zs(opts: Common): [number, number] {
  return [normalQuantile(1 - (opts.alpha ?? 0.05) / 2), normalQuantile(opts.power ?? 0.8)];
}

// Paired mean difference (z approximation to the paired t test):
// n = ((z_{1−α/2} + z_{1−β})·σ_d/δ)², σ_d the SD of per-case deltas, δ the minimum effect.
export function pairedSampleSize(opts: Common & { sd: number; minEffect: number }): SampleSizeResult {
  const method = 'paired-normal';
  if (!(opts.sd >= 0) || !(Math.abs(opts.minEffect) > 0)) return invalid(method, 'need sd ≥ 0 and a non-zero minEffect');
  const [za, zb] = zs(opts);
  return result((((za + zb) * opts.sd) / opts.minEffect) ** 2, method, opts.have);
}

// Two independent proportions, per group (Fleiss, Levin & Paik 2003, §4.2, no continuity
// correction): n = (z_{1−α/2}·√(2p̄q̄) + z_{1−β}·√(p1q1 + p2q2))² / (p1 − p2)².
export function proportionSampleSize(opts: Common & { p1: number; p2: number }): SampleSizeResult {
  const method = 'two-proportion-normal';
  const { p1, p2 } = opts;
  if (!(p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= 1) || p1 === p2) return invalid(method, 'need distinct p1, p2 in [0, 1]');
  const [za, zb] = zs(opts);
  const pBar = (p1 + p2) / 2;
  const num = za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return result(num ** 2 / (p1 - p2) ** 2, method, opts.have);
}

// Sign test (Noether 1987, JASA 82:645): with p = P(delta > 0 | delta ≠ 0) under H1,
// n = (z_{1−α/2}/2 + z_{1−β}·√(p(1−p)))² / (p − ½)² non-zero deltas, inflated by 1/(1 − pZero)
// for the share of zero deltas (ties) that the test discards.
export function signTestSampleSize(opts: Common & { pPositive: number; pZero?: number }): SampleSizeResult {
  const method = 'sign-test-noether';
  const p = opts.pPositive;
  const pZero = opts.pZero ?? 0;
  if (!(p > 0 && p < 1) || p === 0.5 || !(pZero >= 0 && pZero < 1)) {
    return invalid(method, 'need pPositive in (0, 1), ≠ ½, and pZero in [0, 1)');
  }
  const [za, zb] = zs(opts);
  const nonZero = (za / 2 + zb * Math.sqrt(p * (1 - p))) ** 2 / (p - 0.5) ** 2;
  return result(nonZero / (1 - pZero), method, opts.have);
}
