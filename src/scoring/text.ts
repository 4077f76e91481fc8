// Lexical similarity between two answers: token F1 (SQuAD) and ROUGE-L (Lin 2004).
import type { SimilarityScores } from '../model/metrics.js';
import { memoLast } from './memo.js';

/** Longer answers are truncated to this many tokens: bounds the O(n·m) ROUGE-L table. */
export const MAX_TOKENS = 4000;

const WORD = /[\p{L}\p{N}]+/gu;

// Lower-cased runs of Unicode letters and digits ("400 mg" → ["400", "mg"]), at most MAX_TOKENS.
export function tokenize(text: string): string[] {
  const lower = text.toLowerCase();
  // match() with /g returns the strings alone (no match object per token): far less garbage. A
  // text long enough to hold more than MAX_TOKENS tokens is scanned lazily instead.
  if (lower.length <= MAX_TOKENS) return lower.match(WORD) ?? [];
  const tokens: string[] = [];
  for (const match of lower.matchAll(WORD)) {
    tokens.push(match[0]);
    if (tokens.length >= MAX_TOKENS) break;
  }
  return tokens;
}

/** tokenize() of the texts scored last, shared (read-only): a case's texts are compared several times. */
export const tokensOf = memoLast(tokenize);

// F-measure with beta = 1; 0 when either side is 0.
function fMeasure(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

// Bag-of-tokens F1 as in the SQuAD evaluation script, on already tokenized input.
export function tokenF1Tokens(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of b) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      common++;
      counts.set(t, left - 1);
    }
  }
  return fMeasure(common / b.length, common / a.length);
}

// Token F1 of two texts (SQuAD-style bag of tokens); both empty → 1, one empty → 0.
export function tokenF1(a: string, b: string): number {
  return tokenF1Tokens(tokenize(a), tokenize(b));
}

// Length of the longest common subsequence, by the classic DP with two rolling rows.
// Tokens are interned to integers first so the inner loop compares numbers, not strings.
// Uint16Array is safe: both sides are capped at MAX_TOKENS (< 65 536).
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const ids = new Map<string, number>();
  const intern = (tokens: readonly string[]): Int32Array => {
    const out = new Int32Array(tokens.length);
    tokens.forEach((t, i) => {
      let id = ids.get(t);
      if (id === undefined) ids.set(t, (id = ids.size));
      out[i] = id;
    });
    return out;
  };
  // The shorter sequence indexes the rows, to keep them small.
  const [long, short] = a.length >= b.length ? [intern(a), intern(b)] : [intern(b), intern(a)];
  let prev = new Uint16Array(short.length + 1);
  let curr = new Uint16Array(short.length + 1);
  for (let i = 0; i < long.length; i++) {
    const x = long[i];
    for (let j = 1; j <= short.length; j++) {
      curr[j] = x === short[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, curr[j - 1]!);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[short.length]!;
}

// ROUGE-L F-measure (beta = 1) on the LCS of two token sequences (Lin 2004, section 3.1).
export function rougeLTokens(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const lcs = lcsLength(a, b);
  return fMeasure(lcs / b.length, lcs / a.length);
}

// ROUGE-L F-measure of two texts; both empty → 1, one empty → 0. Symmetric because beta = 1.
export function rougeL(a: string, b: string): number {
  return rougeLTokens(tokenize(a), tokenize(b));
}

// Token F1 and ROUGE-L of two token sequences (tokenize once, compare many times).
export function similarityTokens(a: readonly string[], b: readonly string[]): SimilarityScores {
  return { f1: tokenF1Tokens(a, b), rougeL: rougeLTokens(a, b) };
}

// Token F1 and ROUGE-L of two texts.
export function similarity(a: string, b: string): SimilarityScores {
  return similarityTokens(tokenize(a), tokenize(b));
}

// Component-wise mean of similarity scores; null for an empty list.
export function meanSimilarity(scores: readonly SimilarityScores[]): SimilarityScores | null {
  if (scores.length === 0) return null;
  let f1 = 0;
  let rl = 0;
  for (const s of scores) {
    f1 += s.f1;
    rl += s.rougeL;
  }
  return { f1: f1 / scores.length, rougeL: rl / scores.length };
}
