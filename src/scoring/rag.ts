// Retrieval metrics on document ids (DOMAIN.md section 6): hit@k, recall@k, MRR, nDCG@k, overlap.
import type { RagScores } from '../model/metrics.js';

// Ids compare as exact strings after trimming; empty ids are ignored.
function normalize(ids: readonly string[]): string[] {
  return ids.map((id) => id.trim()).filter((id) => id.length > 0);
}

// Relevance (0/1) of each rank of `retrieved`; a repeated id is relevant at its first rank only,
// so duplicates keep their slot (what the reader saw) but cannot inflate hit, recall or DCG.
function relevance(expected: ReadonlySet<string>, retrieved: readonly string[]): number[] {
  const seen = new Set<string>();
  return retrieved.map((id) => {
    const first = !seen.has(id);
    seen.add(id);
    return first && expected.has(id) ? 1 : 0;
  });
}

/**
 * hit@k, recall@k, MRR and nDCG@k of a ranked list against a set of expected ids (k ≥ 1).
 * - hit@k = 1 if any expected id is in the top k; recall@k = |R ∩ top k| / |R|.
 * - MRR = 1 / rank of the first expected id over the *whole* retrieved list (not cut at k), 0 if none:
 *   it measures ranking quality, and the cut-off is already expressed by hit@k and recall@k.
 * - nDCG@k (Järvelin & Kekäläinen 2002, binary relevance): DCG = Σ_{i≤k} rel_i / log2(i + 1),
 *   IDCG = Σ_{i ≤ min(|R|, k)} 1 / log2(i + 1) — the ideal list has only |R| relevant slots.
 * With no expected ids every score is 0 (callers report no RAG scores for such cases).
 */
export function ragScores(expected: readonly string[], retrieved: readonly string[], k: number): RagScores {
  const relevant = new Set(normalize(expected));
  if (relevant.size === 0) return { hit: 0, recall: 0, mrr: 0, ndcg: 0 };
  const rel = relevance(relevant, normalize(retrieved));
  const cut = Math.max(1, Math.floor(k));
  let found = 0;
  let dcg = 0;
  for (let i = 0; i < Math.min(cut, rel.length); i++) {
    if (rel[i] === 1) {
      found++;
      dcg += 1 / Math.log2(i + 2);
    }
  }
  let idcg = 0;
  for (let i = 0; i < Math.min(relevant.size, cut); i++) idcg += 1 / Math.log2(i + 2);
  const firstRank = rel.indexOf(1);
  return {
    hit: found > 0 ? 1 : 0,
    recall: found / relevant.size,
    mrr: firstRank === -1 ? 0 : 1 / (firstRank + 1),
    ndcg: dcg / idcg,
  };
}

// Component-wise mean of RAG scores; null for an empty list.
export function meanRag(scores: readonly RagScores[]): RagScores | null {
  if (scores.length === 0) return null;
  const sum = { hit: 0, recall: 0, mrr: 0, ndcg: 0 };
  for (const s of scores) {
    sum.hit += s.hit;
    sum.recall += s.recall;
    sum.mrr += s.mrr;
    sum.ndcg += s.ndcg;
  }
  const n = scores.length;
  return { hit: sum.hit / n, recall: sum.recall / n, mrr: sum.mrr / n, ndcg: sum.ndcg / n };
}

// Jaccard overlap |A ∩ B| / |A ∪ B| of two id sets; both empty → 1.
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const setA = new Set(normalize(a));
  const setB = new Set(normalize(b));
  if (setA.size === 0 && setB.size === 0) return 1;
  let common = 0;
  for (const id of setA) if (setB.has(id)) common++;
  return common / (setA.size + setB.size - common);
}

// Expected ids that blue retrieved in its top k and green did not (in expected order, once each).
export function lostDocs(expected: readonly string[], blueDocs: readonly string[], greenDocs: readonly string[], k: number): string[] {
  const cut = Math.max(1, Math.floor(k));
  const blueTop = new Set(normalize(blueDocs).slice(0, cut));
  const greenTop = new Set(normalize(greenDocs).slice(0, cut));
  return [...new Set(normalize(expected))].filter((id) => blueTop.has(id) && !greenTop.has(id));
}
