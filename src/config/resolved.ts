// The resolved configuration: defaults filled, env references expanded, CLI overrides applied.
// Everything downstream of config/ reads these types, never the raw file shapes.
import type { GoldenCase } from '../model/golden.js';
import type { SuiteFile } from './suite-schema.js';
import type { Revision } from '../model/outcome.js';
import type { ResolvedTarget } from '../targets/options.js';
import type { StatSpec, ThresholdSpec } from '../model/verdict.js';
import type { EmbedderOptions, JudgeOptions } from '../semantic/options.js';
import type { ResolvedRollout } from '../rollout/options.js';
import type { Selection } from '../model/report.js';

/** One slice of a suite: `index` of `total`, 1-based (`--shard 2/4` is `{ index: 2, total: 4 }`). */
export interface Shard {
  index: number;
  total: number;
}

export interface LoadedGoldenSet {
  file: string;
  cases: GoldenCase[];
}

/** Embeddings and judge endpoints, resolved (keys expanded from the environment). */
export interface SemanticConfig {
  embeddings?: EmbedderOptions;
  judge?: JudgeOptions & { mode: 'rubric' | 'pairwise' | 'both'; rubric?: string };
  /** Cases measured at once. @default 4 */
  concurrency?: number;
}

export interface ResolvedSuite {
  file: string;
  name: string;
  description: string | undefined;
  golden: LoadedGoldenSet[];
  /** All cases, in file order, ids unique across files. */
  cases: GoldenCase[];
  targets: Record<Revision, ResolvedTarget>;
  sampling: SuiteFile['sampling'];
  scoring: SuiteFile['scoring'];
  thresholds: SuiteFile['thresholds'];
  /** Thresholds parsed and validated against the metric catalog. */
  thresholdSpecs: ThresholdSpec[];
  /** `test:` thresholds validated against the statistical test catalog (src/gate/stat-tests.ts). */
  statSpecs: StatSpec[];
  /** How statistical tests decide (alpha, confidence, correction, power, resamples, seed). */
  statistics: SuiteFile['statistics'];
  report: SuiteFile['report'];
  /** Embeddings / judge measurement, when configured. */
  semantic: SemanticConfig;
  /** The rollout plan, when the suite has a `rollout:` section. */
  rollout?: ResolvedRollout;
  /** sha256 of the normalised config and golden cases (secrets excluded). */
  configHash: string;
  /** Values of the variables named in `secrets:` (redacted from every output). */
  secretValues: string[];
  /** Set by selectShard (src/config/shard.ts): `cases` holds only this shard's cases; `golden` keeps every case. */
  shard?: Shard;
  /** Set by selectCases (src/config/select.ts): `cases` holds only the selected cases; `golden` keeps every case. */
  selection?: Selection;
}
