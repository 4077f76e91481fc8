// The diff model: one revision of run B against one revision of run A (e.g. model v2 vs v1).
// Computed from two report.json files by compute.ts; diff.json is this model, and the Markdown
// and HTML renderings read only it.
import type { Status } from '../model/verdict.js';
import type { MetricUnit } from '../scoring/catalog.js';
import type { CaseStatus } from '../model/metrics.js';
import type { Revision } from '../model/outcome.js';
import type { Selection } from '../model/report.js';

/** Bump on any breaking change to the diff shape. */
export const DIFF_SCHEMA_VERSION = 1;

/** How B moved against A, oriented by the catalog's `higherIsBetter`; null when not comparable. */
export type Direction = 'better' | 'worse' | 'same' | null;

/** One side of the diff: which run, which revision of it. */
export interface DiffSide {
  /** The report.json path as given. */
  file: string;
  /** The revision of that run compared (green by default). */
  side: Revision;
  runId: string;
  startedAt: string;
  toolVersion: string;
  suite: { name: string; configHash: string };
  /** The compared revision's URL (no query string, as the report stores it) and model. */
  target: { url: string; model: string | null };
  /** That run's gate verdict (green vs its own blue). */
  verdict: Status;
  complete: boolean;
  /** Cases in the report. */
  cases: number;
}

/** One metric, A against B. */
export interface MetricDelta {
  name: string;
  unit: MetricUnit;
  /** revision: the compared sides; pair: green vs blue within each run (independent of the sides). */
  kind: 'revision' | 'pair';
  higherIsBetter: boolean;
  a: number | null;
  b: number | null;
  nA: number;
  nB: number;
  /** b − a; null when a side has no value. */
  delta: number | null;
  /** (b − a) / |a|; null when a is 0 or missing. */
  relative: number | null;
  /** null for sizes (cases, attempts) and missing values; `same` within the noise band. */
  direction: Direction;
  /** Half-width of the run-to-run noise band of the difference (src/diff/noise.ts); absent when the metric has none. */
  noise?: number;
}

/** The same metrics within one tag present in both runs. */
export interface TagDelta {
  tag: string;
  casesA: number;
  casesB: number;
  metrics: MetricDelta[];
}

/** A case whose status differs between A and B, or that exists on one side only. */
export interface CaseChange {
  id: string;
  change: 'regressed' | 'improved' | 'new' | 'removed';
  /** null: the case is not in that run. */
  a: CaseStatus | null;
  b: CaseStatus | null;
  critical: boolean;
  /** Why the case does not pass in B (or in A, for a removed or improved case). */
  reasons: string[];
}

/** Per-case scores compared by `scoreChanges`. */
export type CaseScore = 'ref.rougeL' | 'rag.recall' | 'numbers.consistency';
export const CASE_SCORES: readonly CaseScore[] = ['ref.rougeL', 'rag.recall', 'numbers.consistency'];

/** One of the biggest per-case score changes, with both first answers. */
export interface ScoreChange {
  score: CaseScore;
  id: string;
  a: number;
  b: number;
  delta: number;
  direction: Exclude<Direction, null>;
  prompt: string;
  reference: string | null;
  /** First answer of the compared revision in each run; null when it had none. */
  answerA: string | null;
  answerB: string | null;
}

/** Prices in USD per million tokens. */
export interface Price {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** Tokens (from usage) and cost per 1,000 requests of one side. */
export interface UsageSide {
  /** Mean tokens per request × 1000; null when usage was not reported. */
  promptPer1k: number | null;
  completionPer1k: number | null;
  totalPer1k: number | null;
  /** Cases the means rest on. */
  n: number;
  price: Price | null;
  /** USD per 1,000 requests; null without prices or usage. */
  costPer1k: number | null;
}

export interface UsageDiff {
  a: UsageSide;
  b: UsageSide;
  /** b − a and (b − a) / a, total tokens per 1k requests. */
  tokensDelta: number | null;
  tokensRelative: number | null;
  costDelta: number | null;
  costRelative: number | null;
}

export interface Diff {
  schemaVersion: typeof DIFF_SCHEMA_VERSION;
  tool: { name: 'revgate'; version: string };
  createdAt: string;
  a: DiffSide;
  b: DiffSide;
  /** Suite name and config hash are equal. */
  sameSuite: boolean;
  /** Things that make the comparison weaker (different suites, incomplete runs, different k). */
  warnings: string[];
  /**
   * The cases kept by `--filter` / `--tag` / `--limit` (`of`: the case ids of either run); both
   * runs are restricted to them and every metric is recomputed from them. Absent: every case.
   */
  selection?: Selection;
  /** Revision metrics of the compared sides, in catalog order; rows with no value on either side are left out. */
  metrics: MetricDelta[];
  /** Green-vs-blue metrics of each run (drift, retrieved-set overlap), A's against B's. */
  pairMetrics: MetricDelta[];
  /** Tags present in both runs, in name order. */
  tags: TagDelta[];
  tagsOnlyInA: string[];
  tagsOnlyInB: string[];
  cases: {
    /** Case ids present in both runs. */
    matched: number;
    counts: Record<CaseChange['change'], number>;
    /** Regressed first, then improved, new, removed; golden order within each. */
    changed: CaseChange[];
  };
  /** Biggest per-case changes, per score, largest |delta| first. */
  scoreChanges: ScoreChange[];
  /** null when neither side reported token usage. */
  usage: UsageDiff | null;
}
