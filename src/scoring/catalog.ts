// The catalog of metric names that aggregation produces and thresholds may reference.
// One table, so the gate can validate a threshold against the metric's kind before any traffic.

/** ms: milliseconds (thresholds accept "800ms", "1.2s"); rate: 0..1 (accepts "1%"); score: 0..1; tokens / chars / count: plain numbers. */
export type MetricUnit = 'ms' | 'rate' | 'score' | 'tokens' | 'chars' | 'count';

export interface MetricDef {
  /** Name pattern; `{k}` stands for the configured RAG cut-off (scoring.k). */
  name: string;
  unit: MetricUnit;
  /** revision: computed for blue and green (scopes green, blue, delta, ratio); pair: green vs blue (scope pair). */
  kind: 'revision' | 'pair';
  /** Higher is better (used to orient regressions and the console summary). */
  higherIsBetter: boolean;
  description: string;
}

const LATENCY_STATS = ['p50', 'p90', 'p95', 'p99', 'mean'] as const;

export const METRICS: readonly MetricDef[] = [
  { name: 'cases', unit: 'count', kind: 'revision', higherIsBetter: true, description: 'cases with at least one successful attempt' },
  { name: 'attempts', unit: 'count', kind: 'revision', higherIsBetter: true, description: 'attempts sent (after warm-up)' },
  {
    name: 'error_rate',
    unit: 'rate',
    kind: 'revision',
    higherIsBetter: false,
    description: 'attempts that failed after retries, 429 excluded (an environment quota, not a revision fault)',
  },
  { name: 'errors.5xx', unit: 'rate', kind: 'revision', higherIsBetter: false, description: 'share of attempts failing with a 5xx' },
  {
    name: 'errors.4xx',
    unit: 'rate',
    kind: 'revision',
    higherIsBetter: false,
    description: 'share of attempts failing with a 4xx other than 429',
  },
  {
    name: 'errors.429',
    unit: 'rate',
    kind: 'revision',
    higherIsBetter: false,
    description: 'share of attempts still rate-limited after retries',
  },
  { name: 'errors.timeout', unit: 'rate', kind: 'revision', higherIsBetter: false, description: 'share of attempts that timed out' },
  {
    name: 'errors.connection',
    unit: 'rate',
    kind: 'revision',
    higherIsBetter: false,
    description: 'share of attempts with a refused or reset connection',
  },
  {
    name: 'errors.extraction',
    unit: 'rate',
    kind: 'revision',
    higherIsBetter: false,
    description: 'share of attempts whose answer or documents could not be read',
  },
  { name: 'retry_rate', unit: 'rate', kind: 'revision', higherIsBetter: false, description: 'retries per attempt' },
  {
    name: 'first_try_error_rate',
    unit: 'rate',
    kind: 'revision',
    higherIsBetter: false,
    description:
      'attempts whose first try got a 5xx, a timeout or a reset, or that failed in the end (429 excluded): the errors a client without retries sees',
  },
  ...LATENCY_STATS.map((s): MetricDef => ({
    name: `latency.${s}`,
    unit: 'ms',
    kind: 'revision',
    higherIsBetter: false,
    description: `total latency ${s} at the transport`,
  })),
  ...LATENCY_STATS.map((s): MetricDef => ({
    name: `ttft.${s}`,
    unit: 'ms',
    kind: 'revision',
    higherIsBetter: false,
    description: `time to first token ${s} (streaming)`,
  })),
  {
    name: 'rag.hit@{k}',
    unit: 'score',
    kind: 'revision',
    higherIsBetter: true,
    description: 'share of cases with an expected document in the top k',
  },
  {
    name: 'rag.recall@{k}',
    unit: 'score',
    kind: 'revision',
    higherIsBetter: true,
    description: 'mean share of expected documents in the top k',
  },
  {
    name: 'rag.mrr',
    unit: 'score',
    kind: 'revision',
    higherIsBetter: true,
    description: 'mean reciprocal rank of the first expected document',
  },
  {
    name: 'rag.ndcg@{k}',
    unit: 'score',
    kind: 'revision',
    higherIsBetter: true,
    description: 'mean nDCG at k (binary relevance, ideal over min(|expected|, k) slots)',
  },
  { name: 'ref.f1.mean', unit: 'score', kind: 'revision', higherIsBetter: true, description: 'mean token F1 to the reference answer' },
  { name: 'ref.f1.median', unit: 'score', kind: 'revision', higherIsBetter: true, description: 'median token F1 to the reference answer' },
  { name: 'ref.rougeL.mean', unit: 'score', kind: 'revision', higherIsBetter: true, description: 'mean ROUGE-L F to the reference answer' },
  {
    name: 'ref.rougeL.median',
    unit: 'score',
    kind: 'revision',
    higherIsBetter: true,
    description: 'median ROUGE-L F to the reference answer',
  },
  {
    name: 'assert.pass_rate',
    unit: 'rate',
    kind: 'revision',
    higherIsBetter: true,
    description: 'share of cases with assertions that pass k-of-n',
  },
  { name: 'refusal_rate', unit: 'rate', kind: 'revision', higherIsBetter: false, description: 'share of answers that are refusals' },
  { name: 'answer.chars.mean', unit: 'chars', kind: 'revision', higherIsBetter: true, description: 'mean answer length in characters' },
  {
    name: 'tokens.prompt.mean',
    unit: 'tokens',
    kind: 'revision',
    higherIsBetter: false,
    description: 'mean prompt tokens per attempt (from usage)',
  },
  {
    name: 'tokens.completion.mean',
    unit: 'tokens',
    kind: 'revision',
    higherIsBetter: false,
    description: 'mean completion tokens per attempt (from usage)',
  },
  {
    name: 'tokens.total.mean',
    unit: 'tokens',
    kind: 'revision',
    higherIsBetter: false,
    description: 'mean total tokens per attempt (from usage)',
  },
  {
    name: 'numbers.consistency.mean',
    unit: 'score',
    kind: 'revision',
    higherIsBetter: true,
    description: 'mean share of the reference quantities (doses, durations, percentages) an answer states with the same value',
  },
  {
    name: 'semantic.ref.mean',
    unit: 'score',
    kind: 'revision',
    higherIsBetter: true,
    description: 'mean embeddings cosine similarity to the reference answer (when embeddings are configured)',
  },
  {
    name: 'judge.ref.mean',
    unit: 'score',
    kind: 'revision',
    higherIsBetter: true,
    description: 'mean LLM-judge rubric score (0..1) against the reference answer (when a judge is configured)',
  },
  { name: 'drift.f1.mean', unit: 'score', kind: 'pair', higherIsBetter: true, description: 'mean token F1 between green and blue answers' },
  {
    name: 'drift.f1.median',
    unit: 'score',
    kind: 'pair',
    higherIsBetter: true,
    description: 'median token F1 between green and blue answers',
  },
  {
    name: 'drift.rougeL.mean',
    unit: 'score',
    kind: 'pair',
    higherIsBetter: true,
    description: 'mean ROUGE-L F between green and blue answers',
  },
  {
    name: 'drift.rougeL.median',
    unit: 'score',
    kind: 'pair',
    higherIsBetter: true,
    description: 'median ROUGE-L F between green and blue answers',
  },
  {
    name: 'drift.moved_share',
    unit: 'rate',
    kind: 'pair',
    higherIsBetter: false,
    description: 'share of cases whose green-vs-blue ROUGE-L is below 1 - scoring.driftTolerance',
  },
  {
    name: 'docs.jaccard.mean',
    unit: 'score',
    kind: 'pair',
    higherIsBetter: true,
    description: 'mean Jaccard overlap of blue and green retrieved id sets',
  },
  {
    name: 'docs.lost_share',
    unit: 'rate',
    kind: 'pair',
    higherIsBetter: false,
    description: 'share of RAG cases where green lost an expected document that blue found',
  },
  {
    name: 'noise.rougeL.mean',
    unit: 'score',
    kind: 'pair',
    higherIsBetter: true,
    description: 'mean ROUGE-L F between distinct blue answers of a case (A/A noise floor; needs ≥ 2 repeats)',
  },
  {
    name: 'drift.beyond_noise_share',
    unit: 'rate',
    kind: 'pair',
    higherIsBetter: false,
    description: "share of cases with a noise band whose green-vs-blue ROUGE-L is below the band's minimum blue-vs-blue ROUGE-L",
  },
  {
    name: 'numbers.changed_share',
    unit: 'rate',
    kind: 'pair',
    higherIsBetter: false,
    description: "share of cases whose blue answer has quantities where green's first answer changes one of them",
  },
  {
    name: 'semantic.drift.mean',
    unit: 'score',
    kind: 'pair',
    higherIsBetter: true,
    description: 'mean embeddings cosine similarity between green and blue answers',
  },
  {
    name: 'judge.win_rate',
    unit: 'rate',
    kind: 'pair',
    higherIsBetter: true,
    description: 'share of cases with a pairwise judge verdict where green wins (ties count in the denominator)',
  },
  {
    name: 'judge.loss_rate',
    unit: 'rate',
    kind: 'pair',
    higherIsBetter: false,
    description: 'share of cases with a pairwise judge verdict where blue wins (ties count in the denominator)',
  },
];

/** The concrete metric name for a catalog entry, with `{k}` filled in. */
export function metricName(def: MetricDef, k: number): string {
  return def.name.replace('{k}', String(k));
}

/** Find the catalog entry for a concrete name (e.g. `rag.recall@5` with k = 5). */
export function findMetric(name: string, k: number): MetricDef | undefined {
  return METRICS.find((d) => metricName(d, k) === name);
}

/** All concrete metric names of a kind, for listings and "did you mean" hints. */
export function metricNames(kind: MetricDef['kind'], k: number): string[] {
  return METRICS.filter((d) => d.kind === kind).map((d) => metricName(d, k));
}
