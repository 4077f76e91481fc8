// Vector arithmetic for embeddings — pure, no I/O.

/**
 * Cosine similarity in [-1, 1]. An empty vector stands for an empty text (never sent to the
 * API): two empty texts are identical (1), an empty and a non-empty one share nothing (0).
 */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  if (a.length !== b.length) throw new RangeError(`cosine: vectors of different dimensions (${a.length} and ${b.length})`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 || nb === 0) return na === nb ? 1 : 0;
  // Rounding can push |cos| a hair past 1.
  return Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
}
