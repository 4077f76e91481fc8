// A metric change between two runs that is within their sampling noise is "same", not better or worse.
import { describe, expect, it } from 'vitest';
import { diff, m, report, scored } from './fixtures.js';

describe('diff: the noise band', () => {
  it('rates: a difference inside the binomial band is same (within noise), a larger one keeps its direction', () => {
    const a = report({ green: { error_rate: m(0.02, 200), refusal_rate: m(0.01, 200) } });
    const b = report({ green: { error_rate: m(0.03, 200), refusal_rate: m(0.2, 200) } });
    const d = diff(a, b);
    const errors = d.metrics.find((x) => x.name === 'error_rate')!;
    // √(0.02·0.98/200 + 0.03·0.97/200)·1.96 ≈ 0.0306 > 0.01
    expect(errors.noise).toBeCloseTo(1.959964 * Math.sqrt((0.02 * 0.98) / 200 + (0.03 * 0.97) / 200), 5);
    expect(errors.direction).toBe('same');
    expect(d.metrics.find((x) => x.name === 'refusal_rate')!.direction).toBe('worse');
  });

  it("score means: the band comes from the report's per-case values", () => {
    const noisy = (shift: number) => Array.from({ length: 20 }, (_, i) => scored(`c${i}`, 'pass', { rougeL: (i % 2 ? 0.3 : 0.7) + shift }));
    const a = report({ green: { 'ref.rougeL.mean': m(0.5, 20) }, cases: noisy(0) });
    const small = report({ green: { 'ref.rougeL.mean': m(0.52, 20) }, cases: noisy(0.02) });
    const large = report({ green: { 'ref.rougeL.mean': m(0.75, 20) }, cases: noisy(0.25) });
    expect(diff(a, small).metrics.find((x) => x.name === 'ref.rougeL.mean')!.direction).toBe('same');
    expect(diff(a, large).metrics.find((x) => x.name === 'ref.rougeL.mean')!.direction).toBe('better');
  });

  it('metrics without a band (percentiles) keep the sign of the change', () => {
    const d = diff(report({ green: { 'latency.p95': m(100) } }), report({ green: { 'latency.p95': m(101) } }));
    const p95 = d.metrics.find((x) => x.name === 'latency.p95')!;
    expect(p95.noise).toBeUndefined();
    expect(p95.direction).toBe('worse');
  });
});
