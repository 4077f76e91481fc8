// The scoring fields of the `scoring` section (config/ composes them with the embeddings and judge endpoints).
import { z } from 'zod';

export const scoringFields = {
  k: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(5)
    .describe('Cut-off for rag.hit@k, rag.recall@k, rag.ndcg@k; thresholds must name the same k (rag.recall@5 when k is 5). Default: 5'),
  driftTolerance: z
    .number()
    .min(0)
    .max(1)
    .default(0.3)
    .describe('A case "moved" when its green-vs-blue similarity is below 1 - driftTolerance (drift.moved_share). Default: 0.3'),
  assertPassRatio: z
    .number()
    .min(0)
    .max(1)
    .default(1)
    .describe('A case passes its assertions when at least this share of its attempts pass (k-of-n). Default: 1'),
  baselineMaxErrorRate: z
    .number()
    .min(0)
    .max(1)
    .default(0.2)
    .describe(
      'Above this share of failed blue attempts (after retries) blue is no baseline: the verdict is error ("baseline unusable"), whatever green did. Default: 0.2',
    ),
  minCases: z.number().int().min(1).default(5).describe('Fewer scored cases than this make every check inconclusive. Default: 5'),
};
