// Power before the run: the smallest effect a suite can detect at its size, from a baseline's
// noise (or, for rates, from blue's rate near 0), and the cases that would detect the margin.
import { describe, expect, it } from 'vitest';
import { detectableEffects } from '../../../src/gate/statistical/power.js';
import { normalQuantile } from '../../../src/stats/index.js';
import { emptyData, OPTIONS, spec } from './stat-data.js';

const Z = normalQuantile(0.975) + normalQuantile(0.8);

describe('detectable effects', () => {
  it('paired tests: (z_{1−α/2} + z_{1−β})·sd/√n, with the cases the margin needs when it is smaller', () => {
    const data = emptyData();
    // 40 baseline cases, deltas alternating ±0.1: sd ≈ 0.1013.
    data.cases = 40;
    data.paired['ref.rougeL'] = {
      blue: Array.from({ length: 40 }, () => 0.5),
      green: Array.from({ length: 40 }, (_, i) => (i % 2 ? 0.6 : 0.4)),
    };
    const sd = Math.sqrt((40 * 0.01) / 39);
    const [small] = detectableEffects([spec('ref.rougeL', { minEffect: 0.03 })], data, { cases: 32, repeats: 3 }, OPTIONS);
    expect(small!.detectable).toBeCloseTo((Z * sd) / Math.sqrt(32), 10);
    expect(small!.casesNeeded).toBe(Math.ceil(((Z * sd) / 0.03) ** 2 - 1e-9));
    const [large] = detectableEffects([spec('ref.rougeL', { minEffect: 0.03 })], data, { cases: 1000, repeats: 3 }, OPTIONS);
    expect(large!.casesNeeded).toBeNull();
    expect(large!.detectable!).toBeLessThan(0.03);
  });

  it('a metric only some cases carry counts only those cases', () => {
    const data = emptyData();
    data.cases = 100;
    data.paired['numbers.consistency'] = {
      blue: Array.from({ length: 20 }, () => 1),
      green: Array.from({ length: 20 }, (_, i) => (i % 2 ? 1 : 0.6)),
    };
    const [e] = detectableEffects([spec('numbers.consistency', { minEffect: 0.1 })], data, { cases: 60, repeats: 3 }, OPTIONS);
    expect(e!.basis).toMatch(/20% of cases carry it, ~12 here/);
    const sd = Math.sqrt((20 * 0.04) / 19);
    expect(e!.detectable).toBeCloseTo((Z * sd) / Math.sqrt(12), 10);
  });

  it('rates without a baseline assume blue near 0; with one, its blue rate; more attempts detect less', () => {
    const [none] = detectableEffects([spec('error_rate', { minEffect: 0.01 })], null, { cases: 32, repeats: 3 }, OPTIONS);
    expect(none!.basis).toMatch(/near 0/);
    expect(none!.detectable!).toBeGreaterThan(0.01);
    expect(none!.casesNeeded).toBeGreaterThan(32);
    const [more] = detectableEffects([spec('error_rate', { minEffect: 0.01 })], null, { cases: 3000, repeats: 3 }, OPTIONS);
    expect(more!.detectable!).toBeLessThan(none!.detectable!);
    const data = emptyData();
    data.counts.blue = { attempts: 1000, errors: 20, firstTryErrors: 20, outputs: 980, refusals: 0 };
    data.counts.green = { attempts: 1000, errors: 20, firstTryErrors: 20, outputs: 980, refusals: 0 };
    const [withBase] = detectableEffects([spec('error_rate', { minEffect: 0.01 })], data, { cases: 32, repeats: 3 }, OPTIONS);
    expect(withBase!.basis).toMatch(/blue's rate 2\.0% in the baseline/);
    expect(withBase!.detectable!).toBeGreaterThan(none!.detectable!);
  });

  it('paired and shift tests without a baseline, ratio tests and advisory tests: no estimate, said why', () => {
    const effects = detectableEffects(
      [spec('ref.rougeL'), spec('latency.p95', { maxRatio: 1.2 }), spec('latency', { advisory: true })],
      null,
      { cases: 32, repeats: 3 },
      OPTIONS,
    );
    expect(effects.map((e) => [e.spec.test, e.detectable])).toEqual([
      ['ref.rougeL', null],
      ['latency.p95', null],
    ]);
    expect(effects[0]!.basis).toMatch(/--baseline/);
  });
});
