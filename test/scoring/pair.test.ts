import { describe, expect, it } from 'vitest';
import { MAX_NUMBER_LINES, noiseBand, noisePosition, pairNumbers } from '../../src/scoring/pair.js';
import { similarity } from '../../src/scoring/text.js';

const A = 'Take 200 mg of ibuprofen every 6 hours with food.';
const B = 'Take 200 mg of ibuprofen every 6 hours.';
const C = 'You may take 200 mg of ibuprofen up to every 6 hours, ideally with food.';

describe('noiseBand (A/A)', () => {
  it('needs two blue answers', () => {
    expect(noiseBand([])).toBeNull();
    expect(noiseBand([A])).toBeNull();
  });

  it('is 1 for identical blue answers', () => {
    expect(noiseBand([A, A, A])).toEqual({ rougeL: 1, f1: 1, min: 1, max: 1, pairs: 3 });
  });

  it('averages every pair of distinct answers and spans their ROUGE-L', () => {
    const pairs = [similarity(A, B), similarity(A, C), similarity(B, C)];
    const band = noiseBand([A, B, C])!;
    expect(band.pairs).toBe(3);
    expect(band.rougeL).toBeCloseTo(pairs.reduce((s, p) => s + p.rougeL, 0) / 3, 12);
    expect(band.f1).toBeCloseTo(pairs.reduce((s, p) => s + p.f1, 0) / 3, 12);
    expect(band.min).toBeCloseTo(Math.min(...pairs.map((p) => p.rougeL)), 12);
    expect(band.max).toBeCloseTo(Math.max(...pairs.map((p) => p.rougeL)), 12);
  });

  it('caps the pairs at 25: the first 7 answers (21 pairs)', () => {
    const many = Array.from({ length: 12 }, (_, i) => (i < 7 ? A : `unrelated words ${i}`));
    expect(noiseBand(many)).toEqual({ rougeL: 1, f1: 1, min: 1, max: 1, pairs: 21 });
    expect(noiseBand(many.slice(0, 8))?.pairs).toBe(21);
    expect(noiseBand(many.slice(0, 6))?.pairs).toBe(15);
  });
});

describe('noisePosition', () => {
  const band = { rougeL: 0.8, f1: 0.8, min: 0.7, max: 0.9, pairs: 3 };
  it('places drift below, within or above the band', () => {
    expect(noisePosition(0.5, band)).toBe('below-noise');
    expect(noisePosition(0.7, band)).toBe('within-noise');
    expect(noisePosition(0.9, band)).toBe('within-noise');
    expect(noisePosition(0.95, band)).toBe('above-noise');
  });
  it('is null without a drift or a band', () => {
    expect(noisePosition(null, band)).toBeNull();
    expect(noisePosition(0.5, null)).toBeNull();
  });
});

describe('pairNumbers (green first answer vs blue first answer)', () => {
  it('flags a changed dose', () => {
    expect(pairNumbers(['Take 200 mg of ibuprofen every 6 hours.'], ['Take 400 mg of ibuprofen every 6 hours.'])).toEqual({
      changed: ['changed: 200 mg → 400 mg'],
      greenChangedVsBlue: true,
      blueQuantities: 2,
    });
  });

  it('lists missing and added quantities without counting them as changed', () => {
    const r = pairNumbers(['Take 200 mg every 6 hours.'], ['Take 200 mg, at most 1200 mg a day.'])!;
    expect(r.greenChangedVsBlue).toBe(false);
    expect(r.changed).toEqual(['missing: every 6 hours', 'added: 1200 mg a day']);
  });

  it('uses only the first answers and needs both', () => {
    expect(pairNumbers([B, 'Take 400 mg.'], [B, 'Take 800 mg.'])).toEqual({ changed: [], greenChangedVsBlue: false, blueQuantities: 2 });
    expect(pairNumbers([], [B])).toBeNull();
    expect(pairNumbers([B], [])).toBeNull();
    expect(pairNumbers(['No numbers here.'], [B])?.blueQuantities).toBe(0);
  });

  it(`keeps at most ${MAX_NUMBER_LINES} lines`, () => {
    const added = Array.from({ length: 8 }, (_, i) => `${i + 1}0 mg`).join(', ');
    const r = pairNumbers(['Nothing.'], [`Doses: ${added}.`])!;
    expect(r.changed).toHaveLength(MAX_NUMBER_LINES + 1);
    expect(r.changed.at(-1)).toBe('+3 more');
  });
});
