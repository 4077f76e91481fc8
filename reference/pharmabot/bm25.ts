// Okapi BM25 over pre-tokenised documents.

export interface Bm25Options {
  /** @default 1.2 */
  k1?: number;
  /** @default 0.75 */
  b?: number;
}

export interface Bm25Index {
  /** Number of indexed documents. */
  size: number;
  /** Scores every document against the query tokens; index i is document i. */
  scores(query: readonly string[]): number[];
}

// Builds a BM25 index: idf = ln(1 + (N - df + 0.5) / (df + 0.5)), tf saturation k1, length norm b.
export function buildBm25(docs: readonly (readonly string[])[], options: Bm25Options = {}): Bm25Index {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const termFreqs = docs.map((tokens) => {
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const tf of termFreqs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const avgLen = docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, n);
  const idf = (t: string): number => {
    const f = df.get(t) ?? 0;
    return Math.log(1 + (n - f + 0.5) / (f + 0.5));
  };
  return {
    size: n,
    scores(query) {
      const unique = [...new Set(query)];
      return termFreqs.map((tf, i) => {
        const len = docs[i]?.length ?? 0;
        let score = 0;
        for (const t of unique) {
          const f = tf.get(t);
          if (!f) continue;
          score += (idf(t) * f * (k1 + 1)) / (f + k1 * (1 - b + (b * len) / avgLen));
        }
        return score;
      });
    },
  };
}
