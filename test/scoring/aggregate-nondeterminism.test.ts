// The noise, numbers, semantic and judge metrics on hand-built case records.
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/scoring/aggregate.js';
import { findMetric } from '../../src/scoring/catalog.js';
import type { CaseRecord } from '../../src/model/metrics.js';
import { caseRecord, revisionResult, semanticInput } from './fixtures.js';

const band = (rougeL: number, min: number, max: number) => ({ rougeL, f1: rougeL, min, max, pairs: 3 });
const numbers = (consistency: number | null) => ({ consistency, changed: 0, missing: 0, added: 0 });

const CASES: CaseRecord[] = [
  caseRecord({
    blue: revisionResult({ numbers: numbers(1) }),
    green: revisionResult({ numbers: numbers(0.5) }),
    pair: {
      noise: band(1, 1, 1),
      position: 'below-noise',
      numbers: { changed: ['changed: 200 mg → 400 mg'], greenChangedVsBlue: true, blueQuantities: 2 },
    },
    semantic: semanticInput({ ref: { blue: 0.9, green: 0.7 }, judge: { blue: 0.8, green: 0.6 }, drift: 0.8, pairwise: 'green' }),
  }),
  caseRecord({
    blue: revisionResult({ numbers: numbers(null) }),
    pair: { noise: band(0.6, 0.5, 0.7), position: 'within-noise', numbers: { changed: [], greenChangedVsBlue: false, blueQuantities: 1 } },
    semantic: semanticInput({ ref: { blue: 0.5, green: null }, judge: { blue: null, green: 0.4 }, pairwise: 'tie' }),
  }),
  // A band but no green answer to place in it; green "changed" quantities blue did not have.
  caseRecord({
    pair: {
      noise: band(0.8, 0.7, 0.9),
      position: null,
      numbers: { changed: ['added: 5 mg'], greenChangedVsBlue: true, blueQuantities: 0 },
    },
  }),
  caseRecord({ semantic: semanticInput({ pairwise: 'blue' }) }),
];

describe('aggregate: noise, numbers, semantic, judge', () => {
  const m = aggregate(CASES, { k: 5 });

  it('computes the revision metrics over cases with a value', () => {
    expect(m.blue['numbers.consistency.mean']).toEqual({ value: 1, n: 1 });
    expect(m.green['numbers.consistency.mean']).toEqual({ value: 0.5, n: 1 });
    expect(m.blue['semantic.ref.mean']?.value).toBeCloseTo(0.7, 12);
    expect(m.blue['semantic.ref.mean']?.n).toBe(2);
    expect(m.green['semantic.ref.mean']).toEqual({ value: 0.7, n: 1 });
    expect(m.blue['judge.ref.mean']).toEqual({ value: 0.8, n: 1 });
    expect(m.green['judge.ref.mean']?.value).toBeCloseTo(0.5, 12);
    expect(m.green['judge.ref.mean']?.n).toBe(2);
  });

  it('computes the pair metrics', () => {
    expect(m.pair['noise.rougeL.mean']?.value).toBeCloseTo(0.8, 12);
    expect(m.pair['noise.rougeL.mean']?.n).toBe(3);
    expect(m.pair['drift.beyond_noise_share']).toEqual({ value: 0.5, n: 2 }); // cases with a position
    expect(m.pair['numbers.changed_share']).toEqual({ value: 0.5, n: 2 }); // blue had quantities
    expect(m.pair['semantic.drift.mean']).toEqual({ value: 0.8, n: 1 });
    expect(m.pair['judge.win_rate']?.value).toBeCloseTo(1 / 3, 12); // green, tie, blue
    expect(m.pair['judge.win_rate']?.n).toBe(3);
    expect(m.pair['judge.loss_rate']?.value).toBeCloseTo(1 / 3, 12);
  });

  it('orients each new metric', () => {
    const better = (name: string) => findMetric(name, 5)?.higherIsBetter;
    for (const name of [
      'numbers.consistency.mean',
      'semantic.ref.mean',
      'judge.ref.mean',
      'noise.rougeL.mean',
      'semantic.drift.mean',
      'judge.win_rate',
    ]) {
      expect(better(name), name).toBe(true);
    }
    for (const name of ['drift.beyond_noise_share', 'numbers.changed_share', 'judge.loss_rate']) expect(better(name), name).toBe(false);
  });

  it('reports no data as null with n = 0', () => {
    const none = aggregate([caseRecord()], { k: 5 });
    for (const name of ['numbers.consistency.mean', 'semantic.ref.mean', 'judge.ref.mean'])
      expect(none.green[name]).toEqual({ value: null, n: 0 });
    for (const name of [
      'noise.rougeL.mean',
      'drift.beyond_noise_share',
      'numbers.changed_share',
      'semantic.drift.mean',
      'judge.win_rate',
      'judge.loss_rate',
    ]) {
      expect(none.pair[name], name).toEqual({ value: null, n: 0 });
    }
  });

  it('reads records written before these fields existed', () => {
    const old = caseRecord() as unknown as Record<string, unknown> & { pair: Record<string, unknown>; blue: Record<string, unknown> };
    delete old.semantic;
    delete old.pair.noise;
    delete old.pair.position;
    delete old.pair.numbers;
    delete old.blue.numbers;
    expect(aggregate([old as unknown as CaseRecord], { k: 5 }).pair['noise.rougeL.mean']).toEqual({ value: null, n: 0 });
  });
});
