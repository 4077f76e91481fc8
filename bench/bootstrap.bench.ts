// `node dist/bench/bootstrap.bench.js`: the p95-ratio bootstrap of the latency gate
// (measureRatio → bootstrapQuantileRatioCI) at n latencies per revision, against the generic
// sort-per-resample path it replaced (bootstrapRatioCI with a comparator sort). The old path is
// timed on --old-resamples resamples and scaled to --resamples (it is linear in them); both are
// run on the same seed at --old-resamples and must give identical intervals.
// Flags: --n 200000  --resamples 2000  --old-resamples 20  --runs 3
import { parseArgs } from 'node:util';
import { bootstrapQuantileRatioCI, bootstrapRatioCI, mulberry32, quantileSorted } from '../src/stats/index.js';

const { values: flags } = parseArgs({
  options: {
    n: { type: 'string', default: '200000' },
    resamples: { type: 'string', default: '2000' },
    'old-resamples': { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
  },
});
const n = Number(flags.n);
const resamples = Number(flags.resamples);
const oldResamples = Number(flags['old-resamples']);
const runs = Number(flags.runs);

const rng = mulberry32(42);
const latency = (): number => Math.round(200 + 800 * rng() ** 3 + 50 * rng()); // ms, with ties
const blue = Array.from({ length: n }, latency);
const green = Array.from({ length: n }, latency);
const q = 0.95;
const sortStat = (xs: number[]): number =>
  quantileSorted(
    xs.sort((a, b) => a - b),
    q,
  );

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(f: () => unknown): number {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
}

const oldSmall = bootstrapRatioCI(green, blue, sortStat, { seed: 1, resamples: oldResamples });
const newSmall = bootstrapQuantileRatioCI(green, blue, q, { seed: 1, resamples: oldResamples });
const identical = oldSmall.lower === newSmall.lower && oldSmall.upper === newSmall.upper && oldSmall.estimate === newSmall.estimate;

const oldTimes = Array.from({ length: runs }, () =>
  time(() => bootstrapRatioCI(green, blue, sortStat, { seed: 1, resamples: oldResamples })),
);
const newTimes = Array.from({ length: runs }, () => time(() => bootstrapQuantileRatioCI(green, blue, q, { seed: 1, resamples })));
const oldPer = median(oldTimes) / oldResamples;
const newPer = median(newTimes) / resamples;
console.log(`p95-ratio bootstrap, n = ${n} latencies per revision, node ${process.version} (median of ${runs})`);
console.log(
  `  old (Array + comparator sort per resample): ${(oldPer * 1000).toFixed(1)} ms/resample → ${(oldPer * resamples).toFixed(1)} s for ${resamples} resamples`,
);
console.log(
  `  new (reused Float64Array + Floyd–Rivest select): ${(newPer * 1000).toFixed(2)} ms/resample → ${(newPer * resamples).toFixed(2)} s for ${resamples} resamples`,
);
console.log(`  speed-up ×${(oldPer / newPer).toFixed(0)}; intervals at ${oldResamples} resamples identical: ${identical ? 'yes' : 'NO'}`);
if (!identical) process.exitCode = 1;
