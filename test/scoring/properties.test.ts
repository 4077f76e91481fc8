// Property tests over seeded random inputs (mulberry32; no extra dependency).
import { describe, expect, it } from 'vitest';
import { quantile } from '../../src/scoring/quantiles.js';
import { jaccard, ragScores } from '../../src/scoring/rag.js';
import { rougeL, similarity, tokenF1, tokenize } from '../../src/scoring/text.js';
import { mulberry32 } from '../../src/stats/random.js';

const rng = mulberry32;

const VOCAB = ['the', 'dose', 'is', '400', 'mg', 'ibuprofen', 'take', 'with', 'food', 'fever', 'Día', 'x'];
const RUNS = 300;

function words(next: () => number, max: number): string {
  const n = Math.floor(next() * (max + 1));
  return Array.from({ length: n }, () => VOCAB[Math.floor(next() * VOCAB.length)]).join(next() < 0.5 ? ' ' : ', ');
}

function ids(next: () => number, max: number): string[] {
  return Array.from({ length: Math.floor(next() * (max + 1)) }, () => `d${Math.floor(next() * 8)}`);
}

// Reference LCS by plain recursion with memo, to check the rolling-row DP.
function lcsReference(a: string[], b: string[]): number {
  const memo = new Map<string, number>();
  const go = (i: number, j: number): number => {
    if (i === a.length || j === b.length) return 0;
    const key = `${i},${j}`;
    let v = memo.get(key);
    if (v === undefined) {
      v = a[i] === b[j] ? 1 + go(i + 1, j + 1) : Math.max(go(i + 1, j), go(i, j + 1));
      memo.set(key, v);
    }
    return v;
  };
  return go(0, 0);
}

const inUnit = (x: number): boolean => x >= 0 && x <= 1 + 1e-12;

describe('text similarity properties', () => {
  it('scores are in [0, 1], symmetric, 1 on identical texts, and ROUGE-L matches a reference LCS', () => {
    const next = rng(42);
    for (let run = 0; run < RUNS; run++) {
      const a = words(next, 12);
      const b = words(next, 12);
      const s = similarity(a, b);
      expect(inUnit(s.f1) && inUnit(s.rougeL), `${a} | ${b}`).toBe(true);
      expect(tokenF1(a, b)).toBeCloseTo(tokenF1(b, a), 12);
      expect(rougeL(a, b)).toBeCloseTo(rougeL(b, a), 12);
      expect(similarity(a, a)).toEqual({ f1: 1, rougeL: 1 });
      // ROUGE-L never exceeds bag-of-token F1 (an LCS is a sub-bag of the common tokens).
      expect(s.rougeL).toBeLessThanOrEqual(s.f1 + 1e-12);
      const ta = tokenize(a);
      const tb = tokenize(b);
      if (ta.length > 0 && tb.length > 0) {
        const lcs = lcsReference(ta, tb);
        expect(s.rougeL).toBeCloseTo(lcs === 0 ? 0 : (2 * lcs) / (ta.length + tb.length), 12);
      }
    }
  });
});

describe('RAG properties', () => {
  it('scores are in [0, 1], recall ≤ hit, nDCG is 1 for a perfect ranking', () => {
    const next = rng(7);
    for (let run = 0; run < RUNS; run++) {
      const expected = ids(next, 4);
      const retrieved = ids(next, 10);
      const k = 1 + Math.floor(next() * 6);
      const s = ragScores(expected, retrieved, k);
      for (const v of Object.values(s)) expect(inUnit(v), JSON.stringify({ expected, retrieved, k, s })).toBe(true);
      expect(s.recall).toBeLessThanOrEqual(s.hit);
      expect(s.ndcg > 0).toBe(s.hit > 0);
      if (s.hit > 0) expect(s.mrr).toBeGreaterThan(0);
      const unique = [...new Set(expected)];
      if (unique.length > 0) expect(ragScores(expected, [...unique, ...retrieved], k).ndcg).toBeCloseTo(1, 12);
      const j = jaccard(expected, retrieved);
      expect(inUnit(j)).toBe(true);
      expect(j).toBe(jaccard(retrieved, expected));
    }
  });
});

describe('quantile properties', () => {
  it('is monotone in p and within [min, max]', () => {
    const next = rng(2024);
    for (let run = 0; run < RUNS; run++) {
      const xs = Float64Array.from({ length: 1 + Math.floor(next() * 30) }, () => Math.round(next() * 5000)).sort();
      let previous = -Infinity;
      for (let p = 0; p <= 1.000001; p += 0.05) {
        const q = quantile(xs, p)!;
        expect(q).toBeGreaterThanOrEqual(previous - 1e-9);
        expect(q).toBeGreaterThanOrEqual(xs[0]!);
        expect(q).toBeLessThanOrEqual(xs[xs.length - 1]!);
        previous = q;
      }
    }
  });
});
