// Shared result shapes for the pure statistics module.

/** Direction of the alternative hypothesis, as in scipy/R. */
export type Alternative = 'two-sided' | 'less' | 'greater';

/** Result of a hypothesis test; `pValue` is null (with a `reason`) for degenerate input. */
export interface TestResult {
  statistic: number | null;
  pValue: number | null;
  n: number;
  method: string;
  reason?: string;
}

/** A point estimate with a confidence interval; null bounds (with a `reason`) when undefined. */
export interface IntervalResult {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  n: number;
  confidence: number;
  method: string;
  reason?: string;
}
