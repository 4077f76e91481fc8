import { describe, expect, it } from 'vitest';
import { jaccard, lostDocs, ragScores } from '../../src/scoring/rag.js';

const L2 = Math.log2;

describe('ragScores', () => {
  it.each([
    {
      name: 'one expected doc at rank 1: nDCG 1 (ideal has 1 slot, not k)',
      expected: ['a'],
      retrieved: ['a', 'x', 'y'],
      k: 3,
      scores: { hit: 1, recall: 1, mrr: 1, ndcg: 1 },
    },
    {
      // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG over min(2, 3) = 2 slots = 1 + 1/log2(3)
      name: 'expected [a, b], retrieved [a, x, b], k = 3',
      expected: ['a', 'b'],
      retrieved: ['a', 'x', 'b'],
      k: 3,
      scores: { hit: 1, recall: 1, mrr: 1, ndcg: 1.5 / (1 + 1 / L2(3)) }, // 0.91972…
    },
    {
      name: 'one of two expected at rank 2',
      expected: ['a', 'b'],
      retrieved: ['x', 'a', 'y'],
      k: 3,
      scores: { hit: 1, recall: 0.5, mrr: 0.5, ndcg: 1 / L2(3) / (1 + 1 / L2(3)) }, // 0.38685…
    },
    {
      name: 'MRR looks past k; top-k metrics do not',
      expected: ['a'],
      retrieved: ['x', 'y', 'z', 'a'],
      k: 3,
      scores: { hit: 0, recall: 0, mrr: 0.25, ndcg: 0 },
    },
    {
      // top 2 = [a, a]: the duplicate keeps its slot but is not relevant again
      name: 'duplicates count once',
      expected: ['a', 'b'],
      retrieved: ['a', 'a', 'b'],
      k: 2,
      scores: { hit: 1, recall: 0.5, mrr: 1, ndcg: 1 / (1 + 1 / L2(3)) }, // 0.61315…
    },
    {
      name: 'k smaller than |R|: ideal over k slots',
      expected: ['a', 'b', 'c'],
      retrieved: ['a', 'b'],
      k: 1,
      scores: { hit: 1, recall: 1 / 3, mrr: 1, ndcg: 1 },
    },
    {
      name: 'ids are trimmed, otherwise exact',
      expected: [' doc-1 '],
      retrieved: ['DOC-1', 'doc-1'],
      k: 5,
      scores: { hit: 1, recall: 1, mrr: 0.5, ndcg: 1 / L2(3) },
    },
    {
      name: 'nothing retrieved',
      expected: ['a'],
      retrieved: [],
      k: 5,
      scores: { hit: 0, recall: 0, mrr: 0, ndcg: 0 },
    },
    {
      name: 'no expected ids: all zero',
      expected: [],
      retrieved: ['a'],
      k: 5,
      scores: { hit: 0, recall: 0, mrr: 0, ndcg: 0 },
    },
  ])('$name', ({ expected, retrieved, k, scores }) => {
    const got = ragScores(expected, retrieved, k);
    for (const key of ['hit', 'recall', 'mrr', 'ndcg'] as const) expect(got[key], key).toBeCloseTo(scores[key], 12);
  });

  it('hand-checked decimals', () => {
    expect(ragScores(['a', 'b'], ['a', 'x', 'b'], 3).ndcg).toBeCloseTo(0.9197207891, 9);
  });
});

describe('jaccard', () => {
  it.each([
    [['a', 'b', 'c'], ['b', 'c', 'd'], 0.5],
    [['a', 'a'], ['a'], 1],
    [[], [], 1],
    [['a'], [], 0],
    [['a', 'b'], ['c'], 0],
  ])('%j vs %j = %d', (a, b, expected) => {
    expect(jaccard(a, b)).toBe(expected);
  });
});

describe('lostDocs', () => {
  it.each([
    { expected: ['a', 'b', 'c'], blue: ['a', 'b', 'x'], green: ['b', 'y', 'a'], k: 2, lost: ['a'] },
    { expected: ['a', 'b', 'c'], blue: ['a', 'b', 'x'], green: ['b', 'y', 'a'], k: 3, lost: [] },
    { expected: ['a'], blue: ['x', 'y'], green: [], k: 5, lost: [] },
    { expected: ['a', 'b'], blue: ['b', 'a'], green: [], k: 5, lost: ['a', 'b'] },
  ])('k=$k → $lost', ({ expected, blue, green, k, lost }) => {
    expect(lostDocs(expected, blue, green, k)).toEqual(lost);
  });
});
