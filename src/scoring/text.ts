// Lexical similarity between two answers: token F1 (SQuAD) and ROUGE-L (Lin 2004).
import type { SimilarityScores } from '../model/metrics.js';
import { memoLast, onForget } from './memo.js';

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
  return lcsOfIds(intern(a), intern(b));
}

// The LCS length of two interned token sequences.
function lcsOfIds(a: Int32Array, b: Int32Array): number {
  // The shorter sequence indexes the rows, to keep them small.
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
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

// Token ids of the texts being scored, from one dictionary per case (reset with the memo): the
// scoring compares the same texts several times, and ids need no Map per comparison.
let dictionary = new Map<string, number>();
onForget(() => (dictionary = new Map()));
// Per-id counts for token F1, zeroed again after each use.
let counts = new Int32Array(1024);

/** tokenize() of a text as ids of the current case's dictionary (shared, read-only). */
export const tokenIdsOf = memoLast((text: string): Int32Array => {
  const tokens = tokensOf(text);
  const ids = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let id = dictionary.get(t);
    if (id === undefined) dictionary.set(t, (id = dictionary.size));
    ids[i] = id;
  }
  return ids;
});

// tokenF1Tokens on ids (same result for the same tokens).
function tokenF1Ids(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  if (counts.length < dictionary.size) counts = new Int32Array(Math.max(dictionary.size, counts.length * 2));
  for (let i = 0; i < a.length; i++) counts[a[i]!]!++;
  let common = 0;
  for (let i = 0; i < b.length; i++) {
    const t = b[i]!;
    if (counts[t]! > 0) {
      common++;
      counts[t]!--;
    }
  }
  for (let i = 0; i < a.length; i++) counts[a[i]!] = 0;
  return fMeasure(common / b.length, common / a.length);
}

/** similarityTokens() of two texts' ids from tokenIdsOf (the same scores). */
export function similarityIds(a: Int32Array, b: Int32Array): SimilarityScores {
  let rougeL: number;
  if (a.length === 0 && b.length === 0) rougeL = 1;
  else if (a.length === 0 || b.length === 0) rougeL = 0;
  else {
    const lcs = lcsOfIds(a, b);
    rougeL = fMeasure(lcs / b.length, lcs / a.length);
  }
  return { f1: tokenF1Ids(a, b), rougeL };
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
