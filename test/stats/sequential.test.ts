import { describe, expect, it } from 'vitest';
import { hoeffdingConfidenceSequence, mulberry32, randomBernoulli, sprtBernoulli, type Rng } from '../../src/stats/index.js';

function runSprt(rng: Rng, truth: number): string {
  const test = sprtBernoulli({ p0: 0.9, p1: 0.8, alpha: 0.05, beta: 0.1 });
  while (test.decision === 'continue') test.update(randomBernoulli(rng, truth));
  return test.decision;
}

describe('sprtBernoulli', () => {
  it('moves the log-likelihood ratio by log(p1/p0) and log((1−p1)/(1−p0))', () => {
    const t = sprtBernoulli({ p0: 0.9, p1: 0.8 });
    t.update(true);
    expect(t.llr).toBeCloseTo(Math.log(0.8 / 0.9), 14);
    t.update(false);
    expect(t.llr).toBeCloseTo(Math.log(0.8 / 0.9) + Math.log(0.2 / 0.1), 14);
    expect(t.upper).toBeCloseTo(Math.log(0.9 / 0.05), 14);
    expect(t.lower).toBeCloseTo(Math.log(0.1 / 0.95), 14);
  });

  it('keeps its decision once a boundary is crossed', () => {
    const t = sprtBernoulli({ p0: 0.5, p1: 0.9, alpha: 0.1, beta: 0.1 });
    let d = t.update(true);
    while (d === 'continue') d = t.update(true);
    expect(d).toBe('accept-h1');
    expect(t.update(false)).toBe('accept-h1');
  });

  // 4000 seeded runs under each hypothesis. Wald: α' ≤ α/(1−β) = 0.0556, β' ≤ β/(1−α) = 0.105.
  it('has error rates near nominal (α = 0.05, β = 0.1) by simulation', () => {
    const rng = mulberry32(42);
    const runs = 4000;
    let falseAlarms = 0;
    let misses = 0;
    for (let i = 0; i < runs; i++) if (runSprt(rng, 0.9) === 'accept-h1') falseAlarms++;
    for (let i = 0; i < runs; i++) if (runSprt(rng, 0.8) === 'accept-h0') misses++;
    const alphaHat = falseAlarms / runs;
    const betaHat = misses / runs;
    console.info(`SPRT simulated α' = ${alphaHat}, β' = ${betaHat}`);
    expect(alphaHat).toBeLessThan(0.05 / 0.9 + 3 * Math.sqrt((0.05 * 0.95) / runs));
    expect(alphaHat).toBeGreaterThan(0.02);
    expect(betaHat).toBeLessThan(0.1 / 0.95 + 3 * Math.sqrt((0.1 * 0.9) / runs));
    expect(betaHat).toBeGreaterThan(0.04);
  });

  it('rejects impossible parameters', () => {
    expect(() => sprtBernoulli({ p0: 0.5, p1: 0.5 })).toThrow(RangeError);
  });
});

describe('hoeffdingConfidenceSequence', () => {
  // 300 seeded runs of 1000 deltas in {-1, 0, 1} with mean 0.1: the CS must contain the mean at
  // every step simultaneously in ≥ 95% of runs (it is conservative, so expect far fewer misses).
  it('covers the mean uniformly over time', () => {
    const rng = mulberry32(99);
    const runs = 300;
    let everMissed = 0;
    let finalWidth = 0;
    for (let r = 0; r < runs; r++) {
      const cs = hoeffdingConfidenceSequence({ alpha: 0.05 });
      let missed = false;
      for (let t = 0; t < 1000; t++) {
        const u = rng();
        const s = cs.update(u < 0.3 ? 1 : u < 0.5 ? -1 : 0);
        if (s.lower > 0.1 || s.upper < 0.1) missed = true;
      }
      if (missed) everMissed++;
      finalWidth += (cs.state.upper - cs.state.lower) / runs;
    }
    console.info(`CS time-uniform miscoverage: ${everMissed / runs}, mean width at t = 1000: ${finalWidth.toFixed(3)}`);
    expect(everMissed / runs).toBeLessThanOrEqual(0.05);
    expect(finalWidth).toBeLessThan(0.5);
  });

  it('starts at the full range and rejects out-of-range observations', () => {
    const cs = hoeffdingConfidenceSequence();
    expect(cs.state).toEqual({ n: 0, estimate: null, lower: -1, upper: 1 });
    expect(() => cs.update(1.5)).toThrow(RangeError);
  });
});
