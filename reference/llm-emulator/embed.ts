// Deterministic embeddings: a signed hashed bag of word unigrams and bigrams, L2-normalised.
import { fnv1a, words } from './text.js';

export const DEFAULT_DIMS = 256;

// The feature hashing trick (Weinberger et al. 2009): each unigram and bigram adds ±1 at
// hash mod dims, the sign from the hash's top bit, so collisions cancel out on average.
// Texts sharing words therefore have high cosine; unrelated texts are near 0.
export function embedText(text: string, dims = DEFAULT_DIMS): Float32Array {
  const tokens = words(text);
  const features = [...tokens, ...tokens.slice(1).map((w, i) => `${tokens[i]} ${w}`)];
  const v = new Float32Array(dims);
  for (const f of features) {
    const h = fnv1a(f);
    v[h % dims]! += h & 0x80000000 ? -1 : 1;
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < dims; i++) v[i]! *= scale;
  }
  return v;
}

// A rough token count for `usage`.
export function tokenCount(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
