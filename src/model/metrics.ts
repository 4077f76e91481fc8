// The scored shapes: per case (CaseRecord) and aggregated (FlatMetrics).
import type { ErrorClass, Revision, Usage } from './outcome.js';

export interface RagScores {
  hit: number;
  recall: number;
  mrr: number;
  ndcg: number;
}

export interface SimilarityScores {
  f1: number;
  rougeL: number;
}

export interface AssertionOutcome {
  /** The assertion's type and argument, e.g. `contains "ibuprofen"`. */
  label: string;
  pass: boolean;
  /** Why it failed. */
  message?: string;
}

/** One revision's results on one case, over all its repeats. */
export interface RevisionCaseResult {
  attempts: number;
  /** Attempts that ended in an error (after retries). */
  errors: number;
  errorClasses: Partial<Record<ErrorClass, number>>;
  /** Retries spent over all attempts (the classes that caused them are in results.jsonl `retriedOn`). */
  retries: number;
  /**
   * Attempts whose first try hit a server error, a timeout or a reset (the retry causes a client
   * without retries would see), or that failed in the end (429 excluded). Absent in records
   * written before it existed: read it as `errors`.
   */
  firstTryErrors?: number;
  /** Answer of every successful attempt, in repeat order. */
  outputs: string[];
  /** Retrieved ids of the first successful attempt; null when none were reported. */
  docs: string[] | null;
  /** k-of-n: attempts whose assertions all passed, out of successful attempts with assertions. */
  assertions: { passes: number; n: number; passed: boolean | null; failures: AssertionOutcome[] };
  /** Mean over successful attempts; null without expected_docs or retrieved docs. */
  rag: RagScores | null;
  /** Mean similarity to the reference answer; null without a reference. */
  ref: SimilarityScores | null;
  refusals: number;
  latencyMs: number[];
  ttftMs: number[];
  /** Mean usage per successful attempt, when reported. */
  usage: Usage | null;
  /** Numeric consistency with the reference; null without a reference or when it has no quantities. */
  numbers: RevisionNumbers | null;
}

/** Quantities (doses, durations…) of a revision's answers against the reference (numbers.ts). */
export interface RevisionNumbers {
  /** Mean over answers of matched / reference quantities; null when there is no answer. */
  consistency: number | null;
  /** Reference quantities given another value, summed over the answers. */
  changed: number;
  /** Reference quantities absent, summed over the answers. */
  missing: number;
  /** Quantities not in the reference, summed over the answers. */
  added: number;
}

/** Blue-vs-blue (A/A) similarity of one case: how much blue varies against itself. */
export interface NoiseBand {
  /** Mean ROUGE-L over pairs of distinct blue outputs. */
  rougeL: number;
  /** Mean token F1 over the same pairs. */
  f1: number;
  /** Lowest and highest blue-vs-blue ROUGE-L: the band green's drift is placed in. */
  min: number;
  max: number;
  /** Blue output pairs compared. */
  pairs: number;
}

/** Green-vs-blue mean ROUGE-L against the noise band: below its min, within it, or above its max. */
export type NoisePosition = 'below-noise' | 'within-noise' | 'above-noise';

/** Quantities in green's first answer against blue's first answer (no reference needed). */
export interface PairNumbers {
  /** One numericSummary line per differing quantity (changed, then missing, then added), at most 5. */
  changed: string[];
  /** Green gave another value to a quantity of blue's answer (a "changed" pair; missing ones do not count). */
  greenChangedVsBlue: boolean;
  /** Quantities in blue's first answer (the denominator of numbers.changed_share counts cases with > 0). */
  blueQuantities: number;
}

/** Green vs blue on one case. */
export interface PairCaseResult {
  /** Mean similarity over green x blue output pairs; null when a side has no output. */
  drift: SimilarityScores | null;
  /** Similarity below 1 - driftTolerance (ROUGE-L). */
  moved: boolean | null;
  /** Jaccard overlap of retrieved id sets. */
  docsJaccard: number | null;
  /** Expected documents blue found and green did not. */
  lostDocs: string[];
  /** Blue-vs-blue band with ≥ 2 blue outputs; null otherwise. */
  noise: NoiseBand | null;
  /** Where drift.rougeL falls against the noise band; null without a band or a drift. */
  position: NoisePosition | null;
  /** Green's first answer vs blue's first answer; null when a side has no answer. */
  numbers: PairNumbers | null;
}

export type CaseStatus = 'pass' | 'fail' | 'error';

export interface CaseRecord {
  id: string;
  tags: string[];
  critical: boolean;
  /** The prompt: the question, or the last user message of a multi-turn case. */
  prompt: string;
  turns: number;
  reference: string | null;
  expectedDocs: string[] | null;
  blue: RevisionCaseResult;
  green: RevisionCaseResult;
  pair: PairCaseResult;
  /** Green's status on this case: error when every attempt failed, fail when its assertions failed k-of-n. */
  status: CaseStatus;
  /** Why the case failed, one line each. */
  reasons: string[];
  /** How much worse green is than blue on this case (higher is worse); for sorting. */
  regression: number;
  /** Embeddings and judge measures passed to scoreCase; null when none were. */
  semantic: CaseSemanticInput | null;
}

/** A metric value and how many observations it rests on. null = no data. */
export interface MetricValue {
  value: number | null;
  n: number;
}

/** Flat metric map, e.g. `latency.p95`, `rag.recall@5`, `error_rate`. */
export type FlatMetrics = Record<string, MetricValue>;

export interface MetricsSet {
  blue: FlatMetrics;
  green: FlatMetrics;
  /** Green vs blue metrics that belong to no one revision (drift, retrieved-set overlap). */
  pair: FlatMetrics;
  /** Cases aggregated. */
  cases: number;
}

export type RevisionMetricsScope = Revision;

/** Per-case scores compared pairwise (same case on both revisions); higher is better for all. */
export type PairedMetric =
  'ref.rougeL' | 'ref.f1' | 'rag.recall' | 'rag.mrr' | 'rag.ndcg' | 'numbers.consistency' | 'semantic.ref' | 'judge.ref';

export interface RateCounts {
  attempts: number;
  /** Errors after retries, 429 excluded. */
  errors: number;
  /** Attempts with a first-try 5xx / timeout / reset, or a final error (429 excluded). */
  firstTryErrors: number;
  /** Successful attempts (answers). */
  outputs: number;
  refusals: number;
}

/**
 * The raw material of the statistical comparisons (numbers only, never texts), accumulated
 * case by case alongside the metrics. Not written to report.json (results are, as checks).
 */
export interface ComparisonData {
  cases: number;
  /** Per metric, per-case values of the cases where both revisions have one, index-aligned. */
  paired: Record<PairedMetric, { blue: number[]; green: number[] }>;
  /**
   * Noise floor, for cases with ≥ 2 blue outputs and ≥ 1 green output, index-aligned:
   * drift = mean ROUGE-L of green×blue output pairs, noise = mean ROUGE-L of blue×blue pairs.
   */
  noise: { drift: number[]; noise: number[] };
  /** Assertion outcomes per case (k-of-n) where both revisions have one: b = blue pass & green fail, c = blue fail & green pass. */
  flips: { b: number; c: number; n: number };
  latency: { blue: number[]; green: number[] };
  ttft: { blue: number[]; green: number[] };
  counts: { blue: RateCounts; green: RateCounts };
}

/**
 * Semantic measures of one case, computed outside the pure scorer (they need an embeddings or
 * judge endpoint) and passed in as numbers. Null where not configured or failed.
 */
export interface CaseSemanticInput {
  /** Mean cosine similarity (embeddings) of each revision's outputs to the reference. */
  ref: { blue: number | null; green: number | null };
  /** Mean cosine similarity of green×blue output pairs. */
  drift: number | null;
  /** LLM-judge rubric score (0..1) of each revision against the reference. */
  judge: { blue: number | null; green: number | null };
  /** Pairwise LLM judge (positions swapped): which revision's answer is better. */
  pairwise: 'blue' | 'green' | 'tie' | null;
  /** Measurement failures on this case (an embeddings or judge error is never a green failure). */
  errors: string[];
}
