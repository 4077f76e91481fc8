// The size of the simulations run by `npm test` (test/sim/*.test.ts): the sim's settings
// (bench/sim/harness.ts) scaled down so both files stay near a minute on 2 cores — 45 cases
// (135 attempts per revision: the smallest size at which a 3% rate margin can still be shown to
// hold, since the Wilson upper bound of 0/n is z²/(n + z²) = 2.8% at n = 135), 1000 bootstrap
// resamples, and a few more requests in flight (the run mostly waits for streamed answers; far
// more than 24 in flight queue behind the servers' CPU and widen the latency intervals).
import type { SimOptions } from '../../bench/sim/harness.js';

export const TEST_SIM: SimOptions = {
  cases: 45,
  repeats: 3,
  warmup: 1,
  baseLatencyMs: [2, 6],
  concurrency: 24,
  resamples: 1000,
};
