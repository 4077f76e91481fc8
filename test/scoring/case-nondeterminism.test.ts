// scoreCase under nondeterminism: noise floor, numeric consistency, semantic measures.
import { describe, expect, it } from 'vitest';
import { regressionScore, scoreCase } from '../../src/scoring/case.js';
import { similarity } from '../../src/scoring/text.js';
import type { CaseRecord, CaseSemanticInput } from '../../src/model/metrics.js';
import { golden, ok } from './fixtures.js';

const OPTIONS = { k: 3, driftTolerance: 0.3, assertPassRatio: 1 };
const REFERENCE = 'Take 200 mg of ibuprofen every 6 hours.';
const SAME = 'Take 200 mg of ibuprofen every 6 hours.';
const DOUBLED = 'Take 400 mg of ibuprofen every 6 hours.';
const blueRuns = (...texts: string[]) => texts.map((t, i) => ok('blue', i, t));
const greenRuns = (...texts: string[]) => texts.map((t, i) => ok('green', i, t));

const SEMANTIC: CaseSemanticInput = {
  ref: { blue: 0.9, green: 0.7 },
  drift: 0.8,
  judge: { blue: 0.75, green: 0.25 },
  pairwise: 'blue',
  errors: [],
};

describe('noise floor', () => {
  it('identical blue answers give noise 1, and a different green falls below it', () => {
    const r = scoreCase(golden(), { blue: blueRuns(SAME, SAME, SAME), green: greenRuns(DOUBLED, DOUBLED) }, OPTIONS);
    expect(r.pair.noise).toEqual({ rougeL: 1, f1: 1, min: 1, max: 1, pairs: 3 });
    expect(r.pair.drift?.rougeL).toBeCloseTo(similarity(SAME, DOUBLED).rougeL, 12);
    expect(r.pair.position).toBe('below-noise');
  });

  it('a green answer blue itself gives is within the noise', () => {
    const x = similarity(SAME, DOUBLED).rougeL;
    const r = scoreCase(golden(), { blue: blueRuns(SAME, DOUBLED, SAME), green: greenRuns(SAME) }, OPTIONS);
    expect(r.pair.noise).toMatchObject({ min: x, max: 1, pairs: 3 });
    expect(r.pair.noise?.rougeL).toBeCloseTo((2 * x + 1) / 3, 12);
    expect(r.pair.drift?.rougeL).toBeCloseTo((2 + x) / 3, 12);
    expect(r.pair.position).toBe('within-noise');
    // blue varying between two answers, green always giving one of them: above blue's band
    const two = scoreCase(golden(), { blue: blueRuns(SAME, DOUBLED), green: greenRuns(SAME) }, OPTIONS);
    expect(two.pair.position).toBe('above-noise');
  });

  it('has no band with one blue answer', () => {
    const r = scoreCase(golden(), { blue: blueRuns(SAME), green: greenRuns(DOUBLED) }, OPTIONS);
    expect(r.pair).toMatchObject({ noise: null, position: null });
  });
});

describe('numeric consistency', () => {
  const r = scoreCase(golden({ reference: REFERENCE }), { blue: blueRuns(SAME, SAME), green: greenRuns(DOUBLED, SAME) }, OPTIONS);

  it('scores each revision against the reference, averaged over answers', () => {
    expect(r.blue.numbers).toEqual({ consistency: 1, changed: 0, missing: 0, added: 0 });
    expect(r.green.numbers).toEqual({ consistency: 0.75, changed: 1, missing: 0, added: 0 }); // (1/2 + 2/2) / 2
  });

  it('flags green changing a dose of blue first answer (200 mg → 400 mg)', () => {
    expect(r.pair.numbers).toEqual({ changed: ['changed: 200 mg → 400 mg'], greenChangedVsBlue: true, blueQuantities: 2 });
    expect(r.status).toBe('pass');
    expect(r.reasons).toEqual([]);
  });

  it('compares green with blue without a reference', () => {
    const noRef = scoreCase(golden(), { blue: blueRuns(SAME), green: greenRuns(DOUBLED) }, OPTIONS);
    expect(noRef.blue.numbers).toBeNull();
    expect(noRef.green.numbers).toBeNull();
    expect(noRef.pair.numbers?.greenChangedVsBlue).toBe(true);
  });

  it('is null when the reference has no quantities; consistency null without answers', () => {
    const plain = scoreCase(golden({ reference: 'Ask a pharmacist.' }), { blue: blueRuns(SAME), green: greenRuns(SAME) }, OPTIONS);
    expect(plain.blue.numbers).toBeNull();
    const none = scoreCase(golden({ reference: REFERENCE }), { blue: blueRuns(SAME), green: [] }, OPTIONS);
    expect(none.green.numbers).toEqual({ consistency: null, changed: 0, missing: 0, added: 0 });
  });

  it('adds 0.5 to the regression score when consistency falls by more than 0.1', () => {
    const { regression, ...rest } = r; // green 0.75 vs blue 1: a fall of 0.25
    const withConsistency = (green: number): Omit<CaseRecord, 'regression'> => ({
      ...rest,
      green: { ...rest.green, numbers: { ...rest.green.numbers!, consistency: green } },
    });
    expect(regression - regressionScore(withConsistency(0.95))).toBeCloseTo(0.5, 12);
    expect(regressionScore(withConsistency(0.95))).toBeCloseTo(regressionScore(withConsistency(1)), 12);
    expect(regressionScore(withConsistency(0.85))).toBeCloseTo(regression, 12);
  });
});

describe('semantic input', () => {
  const attempts = { blue: blueRuns(SAME), green: greenRuns(SAME) };

  it('is copied onto the record, null when not given', () => {
    expect(scoreCase(golden(), attempts, OPTIONS, SEMANTIC).semantic).toEqual(SEMANTIC);
    expect(scoreCase(golden(), attempts, OPTIONS).semantic).toBeNull();
    expect(scoreCase(golden(), attempts, OPTIONS, undefined).semantic).toBeNull();
  });

  it('adds the semantic and judge drops to the regression score, clamped at 0', () => {
    expect(scoreCase(golden(), attempts, OPTIONS).regression).toBe(0);
    expect(scoreCase(golden(), attempts, OPTIONS, SEMANTIC).regression).toBeCloseTo(0.2 + 0.5, 12);
    const better: CaseSemanticInput = { ...SEMANTIC, ref: { blue: 0.5, green: 0.9 }, judge: { blue: 0.2, green: null } };
    expect(scoreCase(golden(), attempts, OPTIONS, better).regression).toBe(0);
  });
});
