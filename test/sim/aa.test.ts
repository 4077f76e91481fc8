// A/A simulation, small: two pharmabots that differ only in their random stream (the same service,
// another seed), gated again and again with the real pipeline (loadSuite + compare over HTTP on
// 127.0.0.1). A trustworthy gate almost never fails such a "release". The full-size figures come
// from `npm run sim` (bench/sim/); this test keeps the same machinery at a size `npm test` can afford.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../bench/sim/harness.js';
import { AA } from '../../bench/sim/scenarios.js';
import { summarize } from '../../bench/sim/summary.js';
import { TEST_SIM } from './options.js';

// Why "≤ 3 of 30": a run fails only when a Holm-adjusted p < 0.05 AND the estimate lies beyond the
// check's minimum effect, so the design false-alarm rate of the whole gate is well below α = 5%
// (`npm run sim` measures 0 of 200, Wilson 95% upper bound 1.9%). X = false alarms in n = 30
// independent runs is Binomial(30, p):
//   p = 0.02 → P(X ≥ 4) ≈ 0.3%;   p = 0.03 → ≈ 1.2%;   p = 0.05 (α itself) → ≈ 6.1%.
// So "≤ 3" fails a gate whose false-alarm rate has drifted up towards α or beyond, while a sound
// gate (≤ 2%) trips it by chance less than once in 300 test runs.
const RUNS = 30;
const MAX_FALSE_ALARMS = 3;

describe('A/A simulation (same service, another seed)', () => {
  it(`fails the gate in at most ${MAX_FALSE_ALARMS} of ${RUNS} runs`, async () => {
    const result = await runScenario(AA, { ...TEST_SIM, runs: RUNS, seed: 11 });
    const s = summarize(result);
    const alarms = result.runs
      .filter((r) => r.verdict === 'fail')
      .map(
        (r) =>
          `run ${r.run}: ${Object.entries(r.checks)
            .filter(([, c]) => c.status === 'fail')
            .map(([k]) => k)
            .join(', ')}`,
      );
    expect(s.runs).toBe(RUNS);
    // A run that could not be gated at all (unreachable target, incomplete) would hide false alarms.
    expect(result.runs.filter((r) => !r.runOk || r.verdict === 'error')).toEqual([]);
    expect(alarms.length, alarms.join('\n')).toBeLessThanOrEqual(MAX_FALSE_ALARMS);
  }, 300_000); // ~30-40 s on an idle 2-core machine; the limit only guards against a hang
});
