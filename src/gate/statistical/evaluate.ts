// `test:` thresholds + comparison data → one CheckResult each: measure per family, correct for
// multiplicity (Holm), decide with "significance AND minimum effect", explain. Pure: no I/O.
import type { ComparisonData } from '../../model/metrics.js';
import { classifyEffect, holm } from '../../stats/index.js';
import type { Measurement, MeasureInput } from './measure.js';
import { neededFor } from './needed.js';
import { measureAssert } from './assert.js';
import { measureRatio, measureShift } from './latency.js';
import { measureDriftNoise, measurePaired } from './paired.js';
import { measureRate } from './rates.js';
import { statReason } from './reason.js';
import { findStatTest, type StatTestDef } from './tests.js';
import type { CheckResult, CheckStatistics, Outcome, StatFamily, StatisticsConfig, StatSpec, Status } from '../../model/verdict.js';

export const MEASURE: Record<StatFamily, (input: MeasureInput) => Measurement> = {
  paired: measurePaired,
  noise: measureDriftNoise,
  assert: measureAssert,
  rate: measureRate,
  shift: measureShift,
  ratio: measureRatio,
};

const STATUS: Record<Outcome, Status> = {
  regression: 'fail',
  'no-change': 'pass',
  improvement: 'pass',
  'insufficient-data': 'inconclusive',
};

/** Evaluate every statistical threshold against the comparison data of the cases its tags select. */
export function evaluateStatistical(
  specs: readonly StatSpec[],
  dataFor: (tags: string[]) => ComparisonData,
  options: StatisticsConfig,
): CheckResult[] {
  const cache = new Map<string, ComparisonData>();
  const dataOf = (tags: string[]): ComparisonData => {
    const key = JSON.stringify([...tags].sort());
    let data = cache.get(key);
    if (!data) cache.set(key, (data = dataFor(tags)));
    return data;
  };
  const measured = specs.map((spec) => {
    const def = findStatTest(spec.test);
    return { spec, def, m: def ? MEASURE[def.family]({ spec, def, data: dataOf(spec.tags), options }) : null };
  });
  const adjusted = correct(
    measured.map(({ spec, m }) => (spec.advisory || m === null ? null : m.pValue)),
    options,
  );
  const family = adjusted.filter((p) => p !== null).length;
  return measured.map(({ spec, def, m }, i) => (def && m ? decide(spec, def, m, adjusted[i] ?? null, family, options) : unknownTest(spec)));
}

// Holm (1979) step-down over the p-values of the voting checks: the family-wise error rate of the
// whole gate stays ≤ α however many tests vote. Advisory checks and interval-only ratio checks
// (no p-value) are outside the family; with correction 'none' there is no family.
function correct(pValues: (number | null)[], options: StatisticsConfig): (number | null)[] {
  return options.correction === 'holm' ? holm(pValues) : pValues.map(() => null);
}

function decide(
  spec: StatSpec,
  def: StatTestDef,
  m: Measurement,
  pAdjusted: number | null,
  family: number,
  options: StatisticsConfig,
): CheckResult {
  const outcome: Outcome = m.shortOf
    ? 'insufficient-data'
    : def.family === 'ratio'
      ? ratioOutcome(m, spec.minEffect)
      : classifyEffect({
          estimate: m.estimate,
          interval: m.interval,
          pValue: pAdjusted ?? m.pValue,
          alpha: options.alpha,
          minEffect: spec.minEffect,
          higherIsBetter: def.higherIsBetter,
        }).label;
  const needed = outcome !== 'insufficient-data' ? null : m.shortOf ? m.shortOf.needed : neededFor(m, spec.minEffect, def.unit, options);
  const stats: CheckStatistics = {
    test: m.test,
    pValue: m.pValue,
    pAdjusted,
    estimate: m.estimate,
    interval: m.interval,
    confidence: options.confidence,
    effectSize: m.effectSize,
    minEffect: spec.minEffect,
    noiseFloor: m.noiseFloor,
    outcome,
    n: m.n,
    needed,
  };
  const reason = statReason({
    spec,
    def,
    stats,
    short: m.short,
    family: pAdjusted === null ? 0 : family,
    ...(m.shortOf ? { shortOf: m.shortOf.reason } : {}),
  });
  return {
    ...base(spec),
    scope: def.family === 'ratio' ? 'ratio' : 'delta',
    metric: spec.test,
    limit: spec.minEffect,
    value: m.estimate,
    blue: m.blue,
    green: m.green,
    n: m.n,
    status: STATUS[outcome],
    reason,
    stats,
  };
}

// Ratio rule (interval-only): regression when the estimate exceeds maxRatio AND the whole interval
// is above 1 (green is slower beyond doubt); no-change when the upper bound is within maxRatio.
function ratioOutcome(m: Measurement, maxRatio: number): Outcome {
  if (m.estimate === null || m.interval === null) return 'insufficient-data';
  if (m.estimate > maxRatio && m.interval[0] > 1) return 'regression';
  if (m.interval[1] <= maxRatio) return 'no-change';
  return 'insufficient-data';
}

function base(spec: StatSpec): Omit<CheckResult, 'value' | 'n' | 'status' | 'reason'> {
  const margin = spec.maxRatio !== null ? `maxRatio ${spec.maxRatio}` : `minEffect ${spec.minEffect}`;
  return {
    id: spec.id,
    name: spec.name,
    kind: 'statistical',
    expr: `test ${spec.test} (${margin})`,
    tags: spec.tags,
    advisory: spec.advisory,
  };
}

function unknownTest(spec: StatSpec): CheckResult {
  return { ...base(spec), value: null, n: 0, status: 'error', reason: `error: unknown statistical test ${spec.test}` };
}
