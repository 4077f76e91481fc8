// Assertion flips: McNemar exact on the discordant cases, the pass-rate change with a bootstrap interval.
import { mcnemarExact, pairedBootstrapMeanCI, wilsonInterval } from '../../stats/index.js';
import { bounds, sampleSd, tooFew, type MeasureInput, type Measurement } from './measure.js';

// McNemar's exact test (conditional binomial on b + c) for the p-value. The estimate is the
// pass-rate change (c − b)/n; its interval is the paired bootstrap over per-case values
// −1 (b: blue pass → green fail), +1 (c: blue fail → green pass), 0 (concordant), rebuilt from b, c, n.
// Trap: with no flips every resample is 0 and the bootstrap says [0, 0]; we use instead
// ±(Wilson upper bound of 0 flips in n), so "no flips in 12 cases" does not read as certainty.
export function measureAssert({ data, options }: MeasureInput): Measurement {
  const { b, c, n } = data.flips;
  const test = `McNemar exact + paired bootstrap (${options.resamples} resamples)`;
  if (n < options.minCases) return tooFew(test, 'McNemar', n, ['case with assertions', 'cases with assertions'], options.minCases);
  const values = [...new Array<number>(b).fill(-1), ...new Array<number>(c).fill(1), ...new Array<number>(Math.max(0, n - b - c)).fill(0)];
  const m = mcnemarExact(b, c);
  let interval: [number, number] | null;
  if (b + c === 0) {
    const w = wilsonInterval(0, n, options.confidence).upper ?? 1;
    interval = [-w, w];
  } else {
    const ci = pairedBootstrapMeanCI(values, { confidence: options.confidence, resamples: options.resamples, seed: options.seed });
    interval = bounds(ci.lower, ci.upper);
  }
  return {
    test,
    short: 'McNemar',
    pValue: m.pValue,
    estimate: (c - b) / n,
    interval,
    effectSize: b + c === 0 ? null : { name: 'regressing share of flips b/(b+c)', value: b / (b + c) },
    noiseFloor: null,
    n,
    blue: null,
    green: null,
    sizing: { kind: 'paired', sd: sampleSd(values), noun: 'cases with assertions' },
  };
}
