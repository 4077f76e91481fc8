// Seeded simulations of the statistical gate: false alarms on A/A data, and power against a real regression.
import { describe, expect, it } from 'vitest';
import { evaluateStatistical } from '../../../src/gate/statistical/evaluate.js';
import type { CheckResult } from '../../../src/model/verdict.js';
import type { PairedMetric } from '../../../src/model/metrics.js';
import { emptyData, mulberry32, OPTIONS, pairedScores, spec } from './stat-data.js';

const METRICS: PairedMetric[] = ['ref.rougeL', 'ref.f1', 'rag.recall', 'rag.mrr', 'rag.ndcg', 'numbers.consistency'];
const SPECS = METRICS.map((m) => spec(m));
const CASES = 60;
/** SD of the per-case deltas green − blue (margin 0.02: a 2× margin shift is half an sd). */
const DELTA_SD = 0.08;
/** 500 bootstrap resamples keep 3,000 gate evaluations fast; the decision rule is what is simulated. */
const SIM_OPTIONS = { ...OPTIONS, resamples: 500 };

/** One simulated run: six paired metrics, the first shifted by `shift`, the others A/A. */
function simulate(seed: number, shift: number): CheckResult[] {
  const rng = mulberry32(seed);
  const data = emptyData();
  METRICS.forEach((m, i) => {
    data.paired[m] = pairedScores(rng, CASES, i === 0 ? shift : 0, DELTA_SD);
  });
  return evaluateStatistical(SPECS, () => data, SIM_OPTIONS);
}

describe('statistical gate simulations (seeded)', () => {
  it('A/A: 500 datasets × 6 voting checks → per-check and whole-gate false-fail rates ≤ 5%', () => {
    const runs = 500;
    const fails = new Array<number>(METRICS.length).fill(0);
    let gateFails = 0;
    let passes = 0;
    for (let r = 0; r < runs; r++) {
      const checks = simulate(10_000 + r, 0);
      checks.forEach((c, i) => {
        if (c.status === 'fail') fails[i]! += 1;
        if (c.status === 'pass') passes += 1;
      });
      if (checks.some((c) => c.status === 'fail')) gateFails += 1;
    }
    for (const f of fails) expect(f / runs).toBeLessThanOrEqual(0.05);
    if (process.env.REVGATE_SIM_LOG)
      console.log(JSON.stringify({ perCheck: fails.map((f) => f / runs), gate: gateFails / runs, pass: passes / (runs * METRICS.length) }));
    expect(gateFails / runs).toBeLessThanOrEqual(0.05);
    // A/A with 60 cases at sd 0.08 mostly resolves to no-change (the harm is bounded by 0.02).
    expect(passes / (runs * METRICS.length)).toBeGreaterThan(0.4);
  });

  it('power: a regression of 2× minEffect on one of 6 checks is detected ≥ 80% of the time', () => {
    const runs = 200;
    let detected = 0;
    for (let r = 0; r < runs; r++) if (simulate(20_000 + r, -2 * 0.02)[0]!.status === 'fail') detected += 1;
    if (process.env.REVGATE_SIM_LOG) console.log(JSON.stringify({ power: detected / runs }));
    expect(detected / runs).toBeGreaterThanOrEqual(0.8);
  });
});
