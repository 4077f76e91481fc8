import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, holm } from '../../src/stats/index.js';

// Textbook example, by hand (same as R p.adjust): p = 0.01, 0.04, 0.03, 0.005.
// Holm: sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06.
// BH: sorted desc 0.04·4/4 = 0.04, 0.03·4/3 = 0.04, 0.01·4/2 = 0.02, 0.005·4/1 = 0.02.
describe('multiple-comparison adjustment', () => {
  const p = [0.01, 0.04, 0.03, 0.005];

  it('Holm step-down', () => {
    holm(p).forEach((v, i) => expect(v).toBeCloseTo([0.03, 0.06, 0.06, 0.02][i]!, 14));
  });

  it('Benjamini–Hochberg step-up', () => {
    benjaminiHochberg(p).forEach((v, i) => expect(v).toBeCloseTo([0.02, 0.04, 0.04, 0.02][i]!, 14));
  });

  it('keeps nulls in place and does not count them in m', () => {
    const adjusted = holm([0.01, null, 0.04, 0.03, null, 0.005]);
    expect(adjusted[1]).toBeNull();
    expect(adjusted[4]).toBeNull();
    expect(adjusted[0]).toBeCloseTo(0.03, 14);
    expect(benjaminiHochberg([null, 0.5])).toEqual([null, 0.5]);
  });

  it('caps at 1', () => {
    expect(holm([0.6, 0.7])).toEqual([1, 1]);
  });
});
