// The catalog of statistical test names a `test:` threshold may use, with family, unit and default margin.
import type { PairedMetric } from '../../model/metrics.js';
import type { StatFamily } from '../../model/verdict.js';

/** The unit of a test's estimate and margin: scores and rates in 0..1, shifts in ms, ratios as factors. */
export type StatUnit = 'score' | 'rate' | 'ms' | 'factor';

export interface StatTestDef {
  name: string;
  family: StatFamily;
  unit: StatUnit;
  /** Default margin (minEffect) in the base unit; null for ratio tests (they need maxRatio). */
  defaultMinEffect: number | null;
  /** Whether a larger green − blue estimate is good. */
  higherIsBetter: boolean;
  /** What is compared, for `revgate validate` and the docs. */
  summary: string;
}

const PAIRED: readonly PairedMetric[] = [
  'ref.rougeL',
  'ref.f1',
  'rag.recall',
  'rag.mrr',
  'rag.ndcg',
  'numbers.consistency',
  'semantic.ref',
  'judge.ref',
];

export const STAT_TESTS: readonly StatTestDef[] = [
  ...PAIRED.map((name): StatTestDef => ({
    name,
    family: 'paired',
    unit: 'score',
    defaultMinEffect: 0.02,
    higherIsBetter: true,
    summary: `per-case ${name} green − blue (Wilcoxon signed-rank + paired bootstrap)`,
  })),
  {
    name: 'drift.noise',
    family: 'noise',
    unit: 'score',
    defaultMinEffect: 0.05,
    higherIsBetter: true,
    summary: 'drift beyond noise: per-case green-vs-blue minus blue-vs-blue similarity',
  },
  {
    name: 'assert',
    family: 'assert',
    unit: 'rate',
    defaultMinEffect: 0.05,
    higherIsBetter: true,
    summary: 'assertion pass/fail flips (McNemar exact)',
  },
  {
    name: 'error_rate',
    family: 'rate',
    unit: 'rate',
    defaultMinEffect: 0.01,
    higherIsBetter: false,
    summary: 'first-try errors per attempt (5xx, timeouts, resets a retry hid, and final errors), green vs blue (Fisher exact)',
  },
  {
    name: 'error_rate.final',
    family: 'rate',
    unit: 'rate',
    defaultMinEffect: 0.01,
    higherIsBetter: false,
    summary: 'errors per attempt after retries only, green vs blue (Fisher exact)',
  },
  {
    name: 'refusal_rate',
    family: 'rate',
    unit: 'rate',
    defaultMinEffect: 0.01,
    higherIsBetter: false,
    summary: 'refusals per answer, green vs blue (Fisher exact)',
  },
  {
    name: 'latency',
    family: 'shift',
    unit: 'ms',
    defaultMinEffect: 50,
    higherIsBetter: false,
    summary: 'latency shift green − blue (Mann-Whitney U + Hodges-Lehmann)',
  },
  {
    name: 'ttft',
    family: 'shift',
    unit: 'ms',
    defaultMinEffect: 50,
    higherIsBetter: false,
    summary: 'time-to-first-token shift green − blue (Mann-Whitney U + Hodges-Lehmann)',
  },
  {
    name: 'latency.p95',
    family: 'ratio',
    unit: 'factor',
    defaultMinEffect: null,
    higherIsBetter: false,
    summary: 'green p95 / blue p95 latency (bootstrap interval)',
  },
  {
    name: 'latency.p99',
    family: 'ratio',
    unit: 'factor',
    defaultMinEffect: null,
    higherIsBetter: false,
    summary: 'green p99 / blue p99 latency (bootstrap interval)',
  },
  {
    name: 'ttft.p95',
    family: 'ratio',
    unit: 'factor',
    defaultMinEffect: null,
    higherIsBetter: false,
    summary: 'green p95 / blue p95 time to first token (bootstrap interval)',
  },
];

/** The catalog entry of a test name, or undefined. */
export function findStatTest(name: string): StatTestDef | undefined {
  return STAT_TESTS.find((t) => t.name === name);
}

/** Every test name, in catalog order. */
export const STAT_TEST_NAMES: readonly string[] = STAT_TESTS.map((t) => t.name);
