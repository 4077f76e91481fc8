import { describe, expect, it } from 'vitest';
import { classifyEffect, type EffectClass } from '../../src/stats/index.js';

describe('classifyEffect (significance AND minimum effect, non-inferiority pass)', () => {
  // estimate, interval, p, higherIsBetter → label (alpha 0.05, minEffect 0.05)
  it.each<[string, number | null, [number, number] | null, number | null, boolean, EffectClass]>([
    ['significant and large: regression', -0.2, [-0.3, -0.1], 0.001, true, 'regression'],
    ['large estimate, not significant', -0.2, [-0.3, -0.1], 0.2, true, 'insufficient-data'],
    ['significant, estimate beyond the margin, interval reaching inside it', -0.08, [-0.3, -0.02], 0.001, true, 'regression'],
    ['significant but smaller than the margin, harm bounded: no-change', -0.03, [-0.045, -0.015], 0.001, true, 'no-change'],
    ['significant but smaller than the margin, harm not bounded', -0.03, [-0.07, -0.01], 0.01, true, 'insufficient-data'],
    ['significant and large improvement', 0.2, [0.1, 0.3], 0.001, true, 'improvement'],
    ['improvement below the margin: no-change', 0.03, [0.01, 0.05], 0.001, true, 'no-change'],
    ['large improvement, not significant, harm bounded: no-change', 0.1, [-0.04, 0.24], 0.1, true, 'no-change'],
    ['interval within the margin', -0.005, [-0.04, 0.03], 0.6, true, 'no-change'],
    ['within the margin, no p-value needed', 0, [-0.05, 0.05], null, true, 'no-change'],
    ['wide interval', 0, [-0.2, 0.2], 0.9, true, 'insufficient-data'],
    ['lower is better (latency got worse)', 0.2, [0.1, 0.3], 0.001, false, 'regression'],
    ['lower is better (latency improved)', -0.2, [-0.3, -0.1], 0.001, false, 'improvement'],
    ['lower is better, worse-side bound is the upper one', 0.01, [-0.02, 0.06], 0.5, false, 'insufficient-data'],
    ['lower is better, harm bounded', 0.01, [-0.02, 0.04], 0.5, false, 'no-change'],
    ['no interval', -0.2, null, 0.001, true, 'insufficient-data'],
    ['no estimate', null, [-0.3, -0.1], 0.001, true, 'insufficient-data'],
    ['NaN bound', -0.2, [Number.NaN, 0.1], 0.001, true, 'insufficient-data'],
  ])('%s', (_what, estimate, interval, pValue, higherIsBetter, label) => {
    const r = classifyEffect({ estimate, interval, pValue, minEffect: 0.05, higherIsBetter });
    expect(r.label).toBe(label);
    expect(r.reason.length).toBeGreaterThan(10);
  });

  it('uses the given alpha', () => {
    const input = { estimate: -0.2, interval: [-0.3, -0.1] as [number, number], pValue: 0.02, minEffect: 0.05, higherIsBetter: true };
    expect(classifyEffect(input).label).toBe('regression');
    expect(classifyEffect({ ...input, alpha: 0.01 }).label).toBe('insufficient-data');
  });

  it('explains the decision', () => {
    expect(classifyEffect({ estimate: -0.2, interval: [-0.3, -0.1], pValue: 0.001, minEffect: 0.05, higherIsBetter: true }).reason).toBe(
      'p = 0.001 < α = 0.05 and the estimate -0.2 [-0.3, -0.1] is worse than the margin 0.05',
    );
  });
});
