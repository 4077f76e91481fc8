// The shape every test family returns before the multiplicity correction and the decision.
import type { ComparisonData } from '../../model/metrics.js';
import type { StatTestDef } from './tests.js';
import type { CheckStatistics, StatisticsConfig, StatSpec } from '../../model/verdict.js';

/** What a sample-size estimate needs: the observed spread, in the family's terms. */
export type Sizing =
  | { kind: 'paired'; sd: number; noun: string }
  | { kind: 'shift'; sd: number }
  | { kind: 'proportion'; blueRate: number }
  | { kind: 'ratio' };

/** One test family's evidence on one spec (no correction, no decision yet). */
export interface Measurement {
  /** The test and interval used, e.g. "Wilcoxon signed-rank + paired BCa bootstrap (2000 resamples)". */
  test: string;
  /** Short name of the test in reasons, e.g. "Wilcoxon". */
  short: string;
  pValue: number | null;
  estimate: number | null;
  interval: [number, number] | null;
  effectSize: CheckStatistics['effectSize'];
  noiseFloor: number | null;
  n: number;
  /** Per-revision summaries shown beside the estimate (means, rates, medians, percentiles). */
  blue: number | null;
  green: number | null;
  sizing: Sizing | null;
  /** Set when the data cannot support a decision (too few observations): the outcome is insufficient-data. */
  shortOf?: { reason: string; needed: string };
}

/** What a family needs to measure one spec. */
export interface MeasureInput {
  spec: StatSpec;
  def: StatTestDef;
  data: ComparisonData;
  options: StatisticsConfig;
}

/** Sample standard deviation (n − 1); 0 for fewer than two values. */
export function sampleSd(xs: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  let mean = 0;
  for (const x of xs) mean += x / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/** The "too few observations" measurement, naming scoring.minCases. */
export function tooFew(test: string, short: string, n: number, [one, many]: [string, string], minCases: number): Measurement {
  return {
    test,
    short,
    pValue: null,
    estimate: null,
    interval: null,
    effectSize: null,
    noiseFloor: null,
    n,
    blue: null,
    green: null,
    sizing: null,
    shortOf: {
      reason: `${n} ${n === 1 ? one : many}, need ≥ ${minCases} (scoring.minCases)`,
      needed: `at least ${minCases - n} more ${minCases - n === 1 ? one : many}`,
    },
  };
}

/** [lower, upper] when both bounds exist and are finite. */
export function bounds(lower: number | null, upper: number | null): [number, number] | null {
  return lower !== null && upper !== null && Number.isFinite(lower) && Number.isFinite(upper) ? [lower, upper] : null;
}
