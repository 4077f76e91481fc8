// Power simulation, small: green ships a regression of known size and the gate must catch it —
// verdict fail AND the check made for that regression failed — with the real pipeline
// (pharmabots on 127.0.0.1, loadSuite + compare). Full-size figures: `npm run sim`.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../bench/sim/harness.js';
import { scenarioByKey } from '../../bench/sim/scenarios.js';
import { detected } from '../../bench/sim/summary.js';
import { TEST_SIM } from './options.js';

// "≥ 4 of 5": with a per-run detection rate ≥ 99% (what `npm run sim` measures for these
// scenarios at this size), P(≤ 3 of 5) ≈ 0.1%; at 98% ≈ 0.4%. A regression the gate catches only
// 90% of the time would trip it 8% of the time — that is a real loss of power worth a red test.
// Two scenarios run in the test in their well-powered form (the sim reports both forms):
// - errors at errorRate 0.1 (errors10) on 60 cases: at 0.05, 180 attempts give ~9 errors and
//   Fisher + Holm (×~6) needs ≥ 8, so only ~68% of runs detect it (P(Bin(180, 0.05) ≥ 8) = 0.68);
//   at 0.1 on 180 attempts P(≥ 8) = 99.8% (on 135 attempts it would be ~97%: too flaky);
// - changed numbers on numeric cases (numbers-numeric): only ~19% of MedQuAD references hold a
//   quantity, so a random sample gives numbers.consistency ~11 cases — too few for a 0.1 margin.
const RUNS = 5;
const MIN_DETECTED = 4;
const SCENARIOS = ['refusals', 'retrieval', 'short', 'numbers-numeric', 'slower', 'errors10'];

describe('power simulation (injected regressions)', () => {
  it.each(SCENARIOS)(
    `detects %s in at least ${MIN_DETECTED} of ${RUNS} runs`,
    async (key) => {
      const scenario = scenarioByKey(key)!;
      const cases = key === 'errors10' ? 60 : TEST_SIM.cases;
      const result = await runScenario(scenario, { ...TEST_SIM, cases, runs: RUNS, seed: 12 });
      const misses = result.runs
        .filter((r) => !detected(r, scenario.expect!))
        .map(
          (r) =>
            `run ${r.run}: verdict ${r.verdict}, ${scenario.expect} ${r.checks[scenario.expect!]?.status} (${r.checks[scenario.expect!]?.outcome})`,
        );
      expect(result.runs.length - misses.length, misses.join('\n')).toBeGreaterThanOrEqual(MIN_DETECTED);
    },
    120_000,
  ); // 5-10 s each on an idle 2-core machine
});
