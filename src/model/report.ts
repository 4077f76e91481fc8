// The JSON report: the versioned source of truth. Markdown, JUnit and the console summary
// render from it (its summary part), so `revgate report --from report.json` needs no traffic.
import type { CheckResult, Verdict } from './verdict.js';
import type { CaseRecord, CaseStatus, MetricsSet } from './metrics.js';
import type { ErrorClass, Revision } from './outcome.js';

/** Bump on any breaking change to the report shape; readers refuse versions they do not know. */
export const REPORT_SCHEMA_VERSION = 1;

export interface TargetSummary {
  kind: 'openai-chat' | 'http-json';
  url: string;
  model: string | null;
  stream: boolean;
  /** Header names only; values are never written. */
  headers: string[];
}

export interface ErrorSample {
  revision: Revision;
  class: ErrorClass;
  /** Attempts that ended with this error (after retries). */
  count: number;
  /** Tries that failed with this class and were retried (the retry may have succeeded): the errors a client without retries sees. */
  retried?: number;
  /** One example message (secrets never appear: messages come from status lines and error codes). */
  example: string;
}

export interface RunInfo {
  id: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** False when the run was interrupted or hit its deadline: an incomplete run is never `pass`. */
  complete: boolean;
  interrupted: 'SIGINT' | 'SIGTERM' | 'deadline' | null;
  /** Cases fully scored, out of the cases planned. */
  casesDone: number;
  casesPlanned: number;
  /** Warm-up requests sent per revision (excluded from the statistics). */
  warmup: number;
  outputDir: string;
  /** The slice of the suite this run replayed (`revgate compare --shard index/total`); absent on a whole run. */
  shard?: { index: number; total: number };
  /** The cases chosen by `--filter` / `--tag` / `--limit` (before any `--shard`); absent when every case ran. */
  selection?: Selection;
  /** Set on a report written by `revgate merge`: the shard runs it combines and the shards it lacks. */
  merged?: MergedFrom;
  /** Adaptive sampling (`sampling.maxAttempts`): the looks taken and the attempts they used. */
  adaptive?: AdaptiveInfo;
}

/** How adaptive sampling went: one look after the planned attempts, one after each round. */
export interface AdaptiveInfo {
  /** Attempts per revision allowed in all (sampling.maxAttempts). */
  budget: number;
  /** Attempts per revision of the plan (cases × repeats). */
  planned: number;
  /** Attempts per revision used in the end. */
  used: number;
  /** Each look: attempts per revision so far, the α and interval confidence it tested at, and the checks still undecided after it. */
  looks: { attempts: number; alpha: number; confidence: number; undecided: number }[];
  /** Why the rounds stopped. */
  stopped: 'decided' | 'fail' | 'budget' | 'interrupted';
}

/**
 * Which cases a run (or a diff) kept: the criteria given and the counts. Criteria not given are
 * absent; `seed` is present only with `limit` (it orders the sample and nothing else).
 */
export interface Selection {
  /** JavaScript regular expression tested against each case id (`--filter`). */
  filter?: string;
  /** A kept case carries every one of these tags (`--tag`, repeatable). */
  tags?: string[];
  /** At most this many cases, a stratified sample by first tag (`--limit`). */
  limit?: number;
  seed?: number;
  /** Cases kept, out of `of` (the suite's cases; for a diff, the case ids of both runs). */
  selected: number;
  of: number;
}

/** Where a merged report comes from: a merge missing any shard is incomplete, never `pass`. */
export interface MergedFrom {
  /** The shard count n of `--shard k/n`. */
  total: number;
  /** Shard indexes merged, ascending. */
  shards: number[];
  /** Shard indexes of 1..n that were not given. */
  missing: number[];
  /** Run ids of the merged shard reports, by shard index. */
  runs: string[];
}

/** Everything but the per-case list: what the Markdown, JUnit and console renderers read. */
export interface ReportSummary {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'revgate'; version: string };
  run: RunInfo;
  suite: {
    name: string;
    file: string;
    description: string | null;
    configHash: string;
    golden: { file: string; cases: number }[];
  };
  targets: Record<Revision, TargetSummary>;
  config: {
    sampling: Record<string, unknown>;
    scoring: Record<string, unknown>;
    thresholds: unknown[];
    /** The `statistics` section (alpha, confidence, correction, …); absent in reports without it. */
    statistics?: Record<string, unknown>;
    /** `report.topCases` (how many most-regressed cases are kept); absent in older reports. */
    report?: { topCases: number };
  };
  metrics: MetricsSet;
  /** The same metrics per tag. */
  metricsByTag: Record<string, MetricsSet>;
  checks: CheckResult[];
  verdict: Verdict;
  errors: ErrorSample[];
  /** Critical cases and their status (every one, however many). */
  critical: { id: string; status: CaseStatus; reasons: string[] }[];
  /** The most regressed cases, with both outputs, worst first. */
  highlights: CaseRecord[];
  /** Embeddings / judge models, judge temperature and seed, cache use — when configured. */
  semantic?: {
    embeddings: { model: string; cache: unknown } | null;
    judge: { model: string; temperature: number; seed: number; promptVersion: string; mode: string; cache: unknown } | null;
  };
}

export interface Report extends ReportSummary {
  /** Every scored case, in golden order. */
  cases: CaseRecord[];
}
