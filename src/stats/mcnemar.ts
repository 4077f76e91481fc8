// McNemar's exact test on paired pass/fail outcomes (blue vs green on the same cases).
import { binomialCdf, binomialPmf } from './discrete.js';
import type { TestResult } from './types.js';

export interface McNemarResult extends TestResult {
  /** Discordant pairs of one kind (e.g. blue pass → green fail). */
  b: number;
  /** Discordant pairs of the other kind (e.g. blue fail → green pass). */
  c: number;
  /** b / (b + c): share of discordant pairs of the first kind; null when none. */
  effect: number | null;
  method: 'exact-binomial' | 'mid-p';
}

// McNemar exact test: conditional on b + c discordant pairs, b ~ Binomial(b + c, ½) under H0.
// Two-sided p = min(1, 2·P(X ≤ min(b, c))) (equals scipy.stats.binomtest(b, b+c, 0.5)).
// midP: 2·[P(X ≤ min(b, c)) − ½·P(X = min(b, c))], the mid-p variant recommended by
// Fagerland, Lydersen & Laake (BMC Med Res Methodol 2013) — less conservative, not exact.
export function mcnemarExact(b: number, c: number, opts: { midP?: boolean } = {}): McNemarResult {
  const n = b + c;
  const method = opts.midP ? 'mid-p' : 'exact-binomial';
  if (n === 0) return { statistic: null, pValue: null, n, b, c, effect: null, method, reason: 'no discordant pairs' };
  const k = Math.min(b, c);
  const tail = binomialCdf(k, n, 0.5);
  const pValue = opts.midP ? 2 * (tail - 0.5 * binomialPmf(k, n, 0.5)) : 2 * tail;
  return { statistic: b, pValue: Math.min(1, pValue), n, b, c, effect: b / n, method };
}
