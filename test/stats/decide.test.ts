import { describe, expect, it } from 'vitest';
import { classifyEffect, type EffectClass } from '../../src/stats/index.js';

describe('classifyEffect', () => {
  // interval, p, higherIsBetter → label (alpha 0.05, minEffect 0.05)
  it.each<[[number, number] | null, number | null, boolean, EffectClass]>([
    [[-0.3, -0.1], 0.001, true, 'regression'],
    [[-0.3, -0.1], 0.2, true, 'insufficient-data'], // interval and p disagree: not significant
    [[-0.3, -0.02], 0.001, true, 'insufficient-data'], // significant but may be inside the margin
    [[0.1, 0.3], 0.001, true, 'improvement'],
    [[-0.04, 0.03], 0.6, true, 'no-change'],
    [[-0.05, 0.05], null, true, 'no-change'], // equivalence needs no p-value
    [[-0.2, 0.2], 0.9, true, 'insufficient-data'],
    [[0.1, 0.3], 0.001, false, 'regression'], // e.g. latency got worse
    [[-0.3, -0.1], 0.001, false, 'improvement'],
    [null, 0.001, true, 'insufficient-data'],
    [[Number.NaN, 0.1], 0.001, true, 'insufficient-data'],
  ])('%j, p = %s, higherIsBetter = %s → %s', (interval, pValue, higherIsBetter, label) => {
    const r = classifyEffect({ interval, pValue, minEffect: 0.05, higherIsBetter });
    expect(r.label).toBe(label);
    expect(r.reason.length).toBeGreaterThan(10);
  });

  it('explains the decision', () => {
    expect(classifyEffect({ interval: [-0.3, -0.1], pValue: 0.001, minEffect: 0.05, higherIsBetter: true }).reason).toBe(
      'p = 0.001 < α = 0.05 and interval [-0.3, -0.1] is entirely worse than the ±0.05 margin',
    );
  });
});
