import { describe, expect, it } from 'vitest';
import { directionOf, relativeChange } from '../../src/diff/metrics.js';
import { diff, m, report } from './fixtures.js';

describe('metric deltas', () => {
  const a = report({
    green: {
      'latency.p95': m(800),
      'ref.rougeL.mean': m(0.4),
      error_rate: m(0.01),
      cases: m(10),
      'rag.recall@5': m(0.8),
      'ttft.p95': m(null),
      'not.a.metric': m(1),
    },
  });
  const b = report({
    green: {
      'latency.p95': m(1000),
      'ref.rougeL.mean': m(0.5),
      error_rate: m(0.01),
      cases: m(12),
      'rag.recall@5': m(null),
      'ttft.p95': m(null),
      'not.a.metric': m(2),
    },
  });
  const d = diff(a, b);
  const row = (name: string) => d.metrics.find((r) => r.name === name);

  it('gives A, B, delta, relative change and a direction from higherIsBetter', () => {
    expect(row('latency.p95')).toMatchObject({ a: 800, b: 1000, delta: 200, relative: 0.25, direction: 'worse', unit: 'ms' });
    expect(row('ref.rougeL.mean')).toMatchObject({ a: 0.4, b: 0.5, direction: 'better' });
    expect(row('ref.rougeL.mean')!.delta).toBeCloseTo(0.1);
    expect(row('ref.rougeL.mean')!.relative).toBeCloseTo(0.25);
    expect(row('error_rate')).toMatchObject({ delta: 0, relative: 0, direction: 'same' });
  });

  it('gives sizes no direction, and a missing side no delta', () => {
    expect(row('cases')).toMatchObject({ a: 10, b: 12, delta: 2, direction: null });
    expect(row('rag.recall@5')).toMatchObject({ a: 0.8, b: null, delta: null, relative: null, direction: null });
  });

  it('keeps catalog metrics only, in catalog order, and drops rows empty on both sides', () => {
    expect(d.metrics.map((r) => r.name)).toEqual(['cases', 'error_rate', 'latency.p95', 'rag.recall@5', 'ref.rougeL.mean']);
  });

  it('compares the chosen sides: --a-side blue vs --b-side green', () => {
    const r = report({ blue: { 'latency.p95': m(500) }, green: { 'latency.p95': m(400) } });
    expect(diff(r, r, { a: { side: 'blue' } }).metrics[0]).toMatchObject({ a: 500, b: 400, direction: 'better' });
    expect(diff(r, r, { a: { side: 'blue' }, b: { side: 'blue' } }).metrics[0]).toMatchObject({ a: 500, b: 500, direction: 'same' });
  });

  it('compares pair metrics (green vs blue of each run) apart', () => {
    const pa = report({ pair: { 'drift.rougeL.mean': m(0.7), 'docs.lost_share': m(0.1) } });
    const pb = report({ pair: { 'drift.rougeL.mean': m(0.6), 'docs.lost_share': m(0.05) } });
    const rows = diff(pa, pb).pairMetrics;
    expect(rows.map((r) => [r.name, r.kind, r.direction])).toEqual([
      ['drift.rougeL.mean', 'pair', 'worse'],
      ['docs.lost_share', 'pair', 'better'],
    ]);
  });

  it('relative change needs a non-zero base; direction ignores float noise', () => {
    expect(relativeChange(0, 1)).toBeNull();
    expect(relativeChange(-2, -1)).toBe(0.5);
    expect(directionOf(1e-15, true)).toBe('same');
    expect(directionOf(-0.1, false)).toBe('better');
    expect(directionOf(null, true)).toBeNull();
  });
});

describe('tag deltas', () => {
  const set = (rougeL: number, cases: number) => ({
    blue: {},
    green: { 'ref.rougeL.mean': m(rougeL), 'latency.p95': m(300) },
    pair: {},
    cases,
  });
  const a = report({ byTag: { dose: set(0.5, 4), treatment: set(0.4, 6), legacy: set(0.1, 1) } });
  const b = report({ byTag: { treatment: set(0.3, 6), dose: set(0.6, 5), fresh: set(0.9, 2) } });
  const d = diff(a, b);

  it('diffs every tag present in both, in name order, with their case counts', () => {
    expect(d.tags.map((t) => [t.tag, t.casesA, t.casesB])).toEqual([
      ['dose', 4, 5],
      ['treatment', 6, 6],
    ]);
    const treatment = d.tags[1]!.metrics.find((r) => r.name === 'ref.rougeL.mean')!;
    expect(treatment.direction).toBe('worse');
    expect(treatment.delta).toBeCloseTo(-0.1);
  });

  it('lists tags found in one run only', () => {
    expect(d.tagsOnlyInA).toEqual(['legacy']);
    expect(d.tagsOnlyInB).toEqual(['fresh']);
  });
});

describe('warnings', () => {
  it('warns when the suites differ, by name or by config hash, and still diffs', () => {
    const a = report({ green: { 'latency.p95': m(1) } });
    expect(diff(a, report({ suite: { name: 'other' }, green: { 'latency.p95': m(2) } })).warnings[0]).toMatch(
      /different suites \("pharmabot" and "other"\)/,
    );
    const changed = diff(a, report({ suite: { configHash: 'sha256:other' } }));
    expect(changed.sameSuite).toBe(false);
    expect(changed.warnings[0]).toMatch(/config hash differs/);
    expect(diff(a, a).warnings).toEqual([]);
    expect(diff(a, a).sameSuite).toBe(true);
  });
});
