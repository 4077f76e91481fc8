// Hand-built ComparisonData for the statistical gate tests, with seeded simulated noise.
import type { ComparisonData, PairedMetric } from '../../../src/model/metrics.js';
import type { StatisticsConfig, StatSpec } from '../../../src/model/verdict.js';
import { findStatTest } from '../../../src/gate/statistical/tests.js';
import { mulberry32, randomNormal, type Rng } from '../../../src/stats/index.js';

export const PAIRED: PairedMetric[] = [
  'ref.rougeL',
  'ref.f1',
  'rag.recall',
  'rag.mrr',
  'rag.ndcg',
  'numbers.consistency',
  'semantic.ref',
  'judge.ref',
];

export const OPTIONS: StatisticsConfig = {
  alpha: 0.05,
  confidence: 0.95,
  correction: 'holm',
  power: 0.8,
  resamples: 2000,
  seed: 1,
  minCases: 5,
};

/** Empty comparison data (every family has nothing). */
export function emptyData(): ComparisonData {
  const paired = Object.fromEntries(PAIRED.map((m) => [m, { blue: [], green: [] }])) as unknown as ComparisonData['paired'];
  const counts = { attempts: 0, errors: 0, firstTryErrors: 0, outputs: 0, refusals: 0 };
  return {
    cases: 0,
    paired,
    noise: { drift: [], noise: [] },
    flips: { b: 0, c: 0, n: 0 },
    latency: { blue: [], green: [] },
    ttft: { blue: [], green: [] },
    counts: { blue: { ...counts }, green: { ...counts } },
  };
}

/** Paired scores: blue around `level` with per-case spread, green = blue + shift + noise of sd `sd`. */
export function pairedScores(rng: Rng, n: number, shift: number, sd: number, level = 0.6): { blue: number[]; green: number[] } {
  const blue: number[] = [];
  const green: number[] = [];
  for (let i = 0; i < n; i++) {
    const base = level + 0.15 * randomNormal(rng);
    blue.push(base + (sd / Math.SQRT2) * randomNormal(rng));
    green.push(base + shift + (sd / Math.SQRT2) * randomNormal(rng));
  }
  return { blue, green };
}

/** Independent latency samples (log-normal-ish around `median` ms). */
export function latencies(rng: Rng, n: number, median: number, spread = 0.3): number[] {
  return Array.from({ length: n }, () => median * Math.exp(spread * randomNormal(rng)));
}

/** A StatSpec with the catalog's default margin. */
export function spec(test: string, extra: Partial<StatSpec> = {}): StatSpec {
  const def = findStatTest(test)!;
  const minEffect = extra.maxRatio ?? def.defaultMinEffect ?? 1.2;
  return {
    id: `test ${test}`,
    name: test,
    test,
    family: def.family,
    minEffect,
    maxRatio: def.family === 'ratio' ? minEffect : null,
    tags: [],
    advisory: false,
    ...extra,
  };
}

export { mulberry32 };
