// Paired per-case comparisons: score deltas green − blue, and drift beyond blue-vs-blue noise.
import { mean, pairedBootstrapMeanCI, wilcoxonSignedRank } from '../../stats/index.js';
import type { PairedMetric } from '../../model/metrics.js';
import { bounds, sampleSd, tooFew, type MeasureInput, type Measurement } from './measure.js';

/** Paired scores (`ref.rougeL`, …): deltas green − blue per case. */
export function measurePaired({ spec, data, options }: MeasureInput): Measurement {
  const { blue, green } = data.paired[spec.test as PairedMetric] ?? { blue: [], green: [] };
  const deltas = green.map((g, i) => g - (blue[i] ?? NaN)).filter((d) => Number.isFinite(d));
  return measureDeltas(deltas, options, { blue: mean(blue), green: mean(green), noiseFloor: null, noun: ['paired case', 'paired cases'] });
}

/** drift.noise: per case, green-vs-blue similarity minus blue-vs-blue similarity ("drift beyond noise"). */
export function measureDriftNoise({ data, options }: MeasureInput): Measurement {
  const { drift, noise } = data.noise;
  const deltas = drift.map((d, i) => d - (noise[i] ?? NaN)).filter((d) => Number.isFinite(d));
  const noiseFloor = noise.length > 0 ? mean(noise) : null;
  return measureDeltas(deltas, options, {
    blue: noiseFloor,
    green: drift.length > 0 ? mean(drift) : null,
    noiseFloor,
    noun: ['case with ≥ 2 blue answers', 'cases with ≥ 2 blue answers'],
  });
}

interface Sides {
  blue: number | null;
  green: number | null;
  noiseFloor: number | null;
  noun: [string, string];
}

// Wilcoxon signed-rank (two-sided; normal approximation with tie correction beyond small n) for
// the p-value, the paired bootstrap BCa interval of the mean delta (Efron & Tibshirani 1993,
// §14.3) for the estimate, and the matched-pairs rank-biserial r (Kerby 2014) as effect size.
function measureDeltas(deltas: number[], options: MeasureInput['options'], sides: Sides): Measurement {
  const test = `Wilcoxon signed-rank + paired BCa bootstrap (${options.resamples} resamples)`;
  if (deltas.length < options.minCases) return tooFew(test, 'Wilcoxon', deltas.length, sides.noun, options.minCases);
  const w = wilcoxonSignedRank(deltas);
  const ci = pairedBootstrapMeanCI(deltas, { confidence: options.confidence, resamples: options.resamples, seed: options.seed });
  return {
    test,
    short: 'Wilcoxon',
    pValue: w.pValue,
    estimate: ci.estimate,
    interval: bounds(ci.lower, ci.upper),
    effectSize: w.effect === null ? null : { name: 'rank-biserial r', value: w.effect },
    noiseFloor: sides.noiseFloor,
    n: deltas.length,
    blue: finite(sides.blue),
    green: finite(sides.green),
    sizing: { kind: 'paired', sd: sampleSd(deltas), noun: 'cases' },
  };
}

function finite(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}
