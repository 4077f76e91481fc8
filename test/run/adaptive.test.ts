// The pure parts of adaptive sampling: α spent per look (Lan-DeMets power family, union bound over
// looks), which cases get more repeats, and when the rounds stop.
import { describe, expect, it } from 'vitest';
import { adaptivePlan, lookLevels, nextRound, stopReason } from '../../src/run/adaptive.js';
import { alphaSpent, lookAlpha, plannedFirstSpent } from '../../src/stats/index.js';
import type { CaseRecord } from '../../src/model/metrics.js';
import type { CheckResult } from '../../src/model/verdict.js';

const check = (status: CheckResult['status'], kind: CheckResult['kind'] = 'statistical', advisory = false): CheckResult => ({
  id: `${kind}-${status}`,
  name: status,
  kind,
  expr: status,
  advisory,
  value: null,
  n: 0,
  status,
  reason: status,
});

describe('alpha spending', () => {
  it('spends α in proportion to the information fraction and never more than α in all', () => {
    expect(alphaSpent(0, 0.05)).toBe(0);
    expect(alphaSpent(0.25, 0.05)).toBeCloseTo(0.0125, 12);
    expect(alphaSpent(1, 0.05)).toBeCloseTo(0.05, 12);
    expect(alphaSpent(2, 0.05)).toBeCloseTo(0.05, 12);
    const looks = [0, 0.2, 0.45, 0.7, 1];
    const total = looks.slice(1).reduce((s, t, i) => s + lookAlpha(looks[i]!, t, 0.05), 0);
    expect(total).toBeCloseTo(0.05, 12);
  });

  it('planned-first spending: share·α at the planned look, α at the end, non-decreasing between', () => {
    expect(plannedFirstSpent(0.25, 0.25, 0.05)).toBeCloseTo(0.04, 12);
    expect(plannedFirstSpent(1, 0.25, 0.05)).toBeCloseTo(0.05, 12);
    expect(plannedFirstSpent(0.5, 0.25, 0.05)).toBeCloseTo(0.04 + 0.01 / 3, 12);
    expect(plannedFirstSpent(0.3, 1, 0.05)).toBe(0.05);
    let last = 0;
    for (let t = 0; t <= 1.0001; t += 0.05) {
      const f = plannedFirstSpent(t, 0.3, 0.05);
      expect(f).toBeGreaterThanOrEqual(last);
      last = f;
    }
  });

  it('a larger ρ keeps α for the later looks (O’Brien-Fleming-like)', () => {
    expect(lookAlpha(0, 0.25, 0.05, 3)).toBeLessThan(lookAlpha(0, 0.25, 0.05, 1));
    expect(lookAlpha(0.75, 1, 0.05, 3)).toBeGreaterThan(lookAlpha(0.75, 1, 0.05, 1));
  });
});

describe('adaptive plan and looks', () => {
  it('applies only when the budget is larger than cases × repeats', () => {
    expect(adaptivePlan(undefined, 20, 2)).toBeNull();
    expect(adaptivePlan(40, 20, 2)).toBeNull();
    expect(adaptivePlan(100, 20, 2)).toEqual({ budget: 100, planned: 40 });
  });

  it('the planned look spends 80% of α, the rounds the rest in proportion to their attempts; intervals widen by the same share', () => {
    const plan = { budget: 200, planned: 40 };
    const first = lookLevels(plan, 0, 40, { alpha: 0.05, confidence: 0.95 });
    expect(first.alpha).toBeCloseTo(0.04, 12);
    expect(first.confidence).toBeCloseTo(1 - 0.05 * 0.8, 12);
    const second = lookLevels(plan, 40, 80, { alpha: 0.05, confidence: 0.9 });
    expect(second.alpha).toBeCloseTo(0.05 * 0.2 * (40 / 160), 12);
    expect(second.confidence).toBeCloseTo(1 - 0.1 * 0.2 * (40 / 160), 12);
    // Every look of a run that spends the whole budget: Σ α_k = α exactly.
    const looks = [0, 40, 80, 130, 200];
    const total = looks.slice(1).reduce((s, a, i) => s + lookLevels(plan, looks[i]!, a, { alpha: 0.05, confidence: 0.95 }).alpha, 0);
    expect(total).toBeCloseTo(0.05, 12);
  });

  it('repeats the noisier half of the cases (by blue vs blue ROUGE-L), about the planned attempts per round, within the room left', () => {
    const record = (id: string, noise: number | null) =>
      ({ id, pair: { noise: noise === null ? null : { rougeL: noise } } }) as unknown as CaseRecord;
    const records = [record('a', 0.9), record('b', 0.2), record('c', null), record('d', 0.5)];
    expect(nextRound(records, { budget: 100, planned: 8 }, 92)).toEqual({ ids: ['c', 'b'], repeats: 4 });
    expect(nextRound(records, { budget: 100, planned: 8 }, 3)).toEqual({ ids: ['c', 'b'], repeats: 1 });
    expect(nextRound(records, { budget: 100, planned: 8 }, 1)).toEqual({ ids: ['c'], repeats: 1 });
  });

  it('stops when every voting check decided, when one failed, when the budget is spent, or on an interrupt', () => {
    const plan = { budget: 100, planned: 40 };
    expect(stopReason([check('pass'), check('inconclusive', 'statistical', true)], plan, 40, false)).toBe('decided');
    expect(stopReason([check('fail', 'threshold'), check('inconclusive')], plan, 40, false)).toBe('fail');
    expect(stopReason([check('inconclusive')], plan, 100, false)).toBe('budget');
    expect(stopReason([check('inconclusive')], plan, 60, false)).toBeNull();
    // A threshold check's inconclusive (no data) is not something more repeats of the same cases settle.
    expect(stopReason([check('inconclusive', 'threshold')], plan, 60, false)).toBe('decided');
    expect(stopReason([check('inconclusive')], plan, 60, true)).toBe('interrupted');
  });
});
