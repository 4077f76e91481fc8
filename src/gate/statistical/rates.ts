// Error and refusal rates: Fisher exact on green vs blue counts, Newcombe interval of the difference.
import { fisherExact, newcombeDiffCI } from '../../stats/index.js';
import type { RateCounts } from '../../model/metrics.js';
import { bounds, tooFew, type MeasureInput, type Measurement } from './measure.js';

// Fisher's exact test (two-sided, R fisher.test) on [[green events, green non-events],
// [blue events, blue non-events]]; estimate green rate − blue rate with Newcombe's hybrid score
// interval (Newcombe 1998, method 10); effect size the sample odds ratio (green vs blue).
// error_rate: attempts with a first-try server fault or a final error, per attempt (the errors a
// client without retries sees: retries must not hide a green that fails); error_rate.final: final
// errors per attempt; refusal_rate: refusals per successful answer.
export function measureRate({ spec, data, options }: MeasureInput): Measurement {
  const pick = (c: RateCounts): [number, number] =>
    spec.test === 'refusal_rate'
      ? [c.refusals, c.outputs]
      : spec.test === 'error_rate.final'
        ? [c.errors, c.attempts]
        : [c.firstTryErrors, c.attempts];
  const [xg, ng] = pick(data.counts.green);
  const [xb, nb] = pick(data.counts.blue);
  const noun: [string, string] =
    spec.test === 'refusal_rate' ? ['answer per revision', 'answers per revision'] : ['attempt per revision', 'attempts per revision'];
  const test = 'Fisher exact + Newcombe interval';
  const n = Math.min(ng, nb);
  if (n < options.minCases) return tooFew(test, 'Fisher', n, noun, options.minCases);
  const f = fisherExact(xg, ng - xg, xb, nb - xb);
  const ci = newcombeDiffCI(xg, ng, xb, nb, options.confidence);
  const odds = f.oddsRatio;
  return {
    test,
    short: 'Fisher',
    pValue: f.pValue,
    estimate: ci.estimate,
    interval: bounds(ci.lower, ci.upper),
    effectSize: odds !== null && Number.isFinite(odds) ? { name: 'odds ratio', value: odds } : null,
    noiseFloor: null,
    n,
    blue: xb / nb,
    green: xg / ng,
    sizing: { kind: 'proportion', blueRate: xb / nb },
  };
}
