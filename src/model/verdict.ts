// Gate shapes: parsed thresholds, evaluated checks, the verdict.

/** Closed set of outcomes, combined worst-wins in this order (Argo Rollouts' phase order). */
export type Status = 'pass' | 'inconclusive' | 'error' | 'fail';
export const STATUS_ORDER: readonly Status[] = ['pass', 'inconclusive', 'error', 'fail'];

/** Which side a threshold reads: a revision's aggregate, green-minus-blue, green/blue, or a pair metric. */
export type Scope = 'green' | 'blue' | 'delta' | 'ratio' | 'pair';
export type Op = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** A threshold after parsing and validation against the metric catalog. */
export interface ThresholdSpec {
  /** Stable id: the normalised expression plus its tag scope. */
  id: string;
  /** Display name (the configured name, or the expression). */
  name: string;
  /** The expression as written. */
  expr: string;
  scope: Scope;
  metric: string;
  op: Op;
  /** Limit in the metric's base unit (ms for durations, 0-1 for rates). */
  limit: number;
  /** Only cases carrying all these tags; empty = all cases. */
  tags: string[];
  /** Advisory checks are reported but do not vote. */
  advisory: boolean;
}

/** The outcome of a statistical comparison of green with blue. */
export type Outcome = 'regression' | 'no-change' | 'improvement' | 'insufficient-data';

/** Evidence behind a statistical check (issue: trustworthy verdicts under nondeterminism). */
export interface CheckStatistics {
  /** The test and interval used, e.g. "Wilcoxon signed-rank + paired BCa bootstrap (2000 resamples)". */
  test: string;
  /** Raw p-value of "no difference"; null for interval-only checks. */
  pValue: number | null;
  /** After the family-wise correction (Holm); null when not in the family. */
  pAdjusted: number | null;
  /** Point estimate of the green − blue effect (or green / blue for ratios), in the metric's unit. */
  estimate: number | null;
  /** Confidence interval of the estimate. */
  interval: [number, number] | null;
  confidence: number;
  /** Standardised effect size where the test has one (rank-biserial r, odds ratio…). */
  effectSize: { name: string; value: number } | null;
  /** The smallest effect that matters (margin), in the metric's unit; for ratios the largest allowed ratio. */
  minEffect: number;
  /** Blue's own variation where measured (A/A noise floor), e.g. mean blue-vs-blue similarity. */
  noiseFloor: number | null;
  outcome: Outcome;
  /** Observations: cases (paired) or attempts per revision. */
  n: number;
  /** When insufficient: what would decide it, e.g. "about 120 more cases". */
  needed: string | null;
}

export interface CheckResult {
  id: string;
  name: string;
  /** `threshold` for configured thresholds, `critical` for a critical case, `run` for run-level conditions, `live` for live metrics during a hold. */
  kind: 'threshold' | 'statistical' | 'critical' | 'run' | 'live';
  expr: string;
  scope?: Scope;
  metric?: string;
  op?: Op;
  limit?: number;
  tags?: string[];
  advisory: boolean;
  /** The compared value (for delta/ratio: the computed delta/ratio). */
  value: number | null;
  blue?: number | null;
  green?: number | null;
  /** Observations behind the value. */
  n: number;
  status: Status;
  /** One line: what was measured against what, and the decision. */
  reason: string;
  /** Statistical evidence, for `test:` thresholds (and live checks that run a test). */
  stats?: CheckStatistics;
  /** Live checks: where the numbers came from, over which window, for both revisions. */
  live?: LiveEvidence;
  /**
   * A precondition of the comparison itself (a baseline that produced nothing usable, an
   * environment quota): when it is not `pass`, the comparison is not meaningful and its status
   * is the verdict, even over a `fail` of any other check.
   */
  precondition?: true;
}

/** What one revision did in a live window, as a live check saw it. */
export interface LiveRevisionValues {
  revision: string;
  requests: number;
  errors5xx: number;
  errors4xx: number;
  /** errors5xx / requests; null without requests. */
  errorRate: number | null;
  /** Raw latency samples the source returned (0 when it only aggregates). */
  latencySamples: number;
  p50: number | null;
  p95: number | null;
  restarts: number | null;
}

/** The provenance of a live check: the source, the window judged, the values of both revisions. */
export interface LiveEvidence {
  /** The metrics source, e.g. `local`, `azure-monitor`. */
  source: string;
  /** The window judged, [from, to) as ISO times; `to` is at most now − delayMs when it was queried. */
  from: string;
  to: string;
  /** The source's ingestion delay the window was shifted back by. */
  delayMs: number;
  /** Null when the query failed (an `error` check). */
  blue: LiveRevisionValues | null;
  green: LiveRevisionValues | null;
  /** A clear breach: roll back at once, without waiting for the hold to end. */
  breach: boolean;
}

export interface Verdict {
  status: Status;
  /** The reasons behind a non-pass verdict (voting checks that did not pass), worst first. */
  reasons: string[];
  counts: Record<Status, number>;
}

/** Statistical test families: how green is compared with blue (see src/gate/stat-tests.ts). */
export type StatFamily = 'paired' | 'noise' | 'assert' | 'rate' | 'shift' | 'ratio';

/** A `test:` threshold after validation: which comparison, with which margin. */
export interface StatSpec {
  /** Stable id: `test <name>` plus its tag scope. */
  id: string;
  /** Display name (the configured name, or the test name). */
  name: string;
  /** The test name as configured, e.g. `ref.rougeL`, `latency.p95`. */
  test: string;
  family: StatFamily;
  /** The margin in the test's base unit (0-1 for scores and rates, ms for shifts); for ratio tests, maxRatio. */
  minEffect: number;
  /** Largest allowed green / blue ratio (ratio tests only). */
  maxRatio: number | null;
  tags: string[];
  advisory: boolean;
}

/** Options of the statistical gate: the suite's `statistics` section plus scoring.minCases. */
export interface StatisticsConfig {
  alpha: number;
  confidence: number;
  correction: 'holm' | 'none';
  power: number;
  resamples: number;
  seed: number;
  /** scoring.minCases: fewer observations make a check insufficient-data. */
  minCases: number;
}
