import { describe, expect, it } from 'vitest';
import { MAX_TOKENS, rougeL, similarity, tokenF1, tokenize } from '../../src/scoring/text.js';

describe('tokenize', () => {
  it.each([
    ['Take 400 mg of Ibuprofen.', ['take', '400', 'mg', 'of', 'ibuprofen']],
    ["Don't exceed 3,200mg/day", ['don', 't', 'exceed', '3', '200mg', 'day']],
    ['Fièvre élevée — 39°C', ['fièvre', 'élevée', '39', 'c']],
    ['   ', []],
  ])('%j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });

  it(`caps at ${MAX_TOKENS} tokens`, () => {
    expect(tokenize('word '.repeat(MAX_TOKENS + 10))).toHaveLength(MAX_TOKENS);
  });
});

describe('tokenF1 (SQuAD bag of tokens)', () => {
  it.each([
    // common = {the, cat} = 2; P = 2/4, R = 2/3; F1 = 2·common / (|a| + |b|) = 4/7
    ['the cat sat', 'the cat ran away', 4 / 7],
    // bag semantics: "a" counted min(2, 1) = 1 time; F1 = 2·1 / (3 + 2)
    ['a a b', 'a c', 2 / 5],
    ['Ibuprofen 400 mg', 'ibuprofen, 400 MG!', 1],
    ['alpha', 'beta', 0],
    ['', '', 1],
    ['', 'something', 0],
    ['something', '', 0],
  ])('%j vs %j = %d', (a, b, expected) => {
    expect(tokenF1(a, b)).toBeCloseTo(expected, 12);
  });
});

describe('rougeL (Lin 2004, beta = 1)', () => {
  it.each([
    // Lin's example: LCS "police the gunman" = 3; P = R = 3/4
    ['police killed the gunman', 'police kill the gunman', 0.75],
    // LCS "the gunman" = 2; P = R = 2/4
    ['police killed the gunman', 'the gunman kill police', 0.5],
    // LCS "a c e" = 3; P = 3/3, R = 3/5; F = 2·1·0.6 / 1.6 = 0.75
    ['a b c d e', 'a c e', 0.75],
    // LCS "a b" (or "a c"), 2 of 3 each side
    ['a b c', 'a c b', 2 / 3],
    ['same words here', 'Same, words. Here!', 1],
    ['x y', 'z w', 0],
    ['', '', 1],
    ['', 'x', 0],
  ])('%j vs %j = %d', (a, b, expected) => {
    expect(rougeL(a, b)).toBeCloseTo(expected, 12);
  });

  it('handles long answers within the token cap', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `w${i % 97}`).join(' ');
    const b = Array.from({ length: 3000 }, (_, i) => `w${(i * 7) % 97}`).join(' ');
    const score = rougeL(a, b);
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(1);
    expect(rougeL(a, a)).toBe(1);
  });
});

describe('similarity', () => {
  it('returns both scores', () => {
    expect(similarity('police killed the gunman', 'police kill the gunman')).toEqual({ f1: 0.75, rougeL: 0.75 });
  });
});
