// Gate the cases a RunCollector holds: run-level, critical, threshold and statistical checks, the
// verdict, and the summary parts they come from. Shared by `compare` (cases as they are scored)
// and `merge` (the cases of every shard report fed again), so both gate the same way.
import type { ResolvedSuite } from '../config/resolved.js';
import { criticalChecks } from '../gate/thresholds/critical.js';
import { evaluateThresholds } from '../gate/thresholds/evaluate.js';
import { runChecks } from '../gate/run-checks.js';
import { evaluateStatistical } from '../gate/statistical/evaluate.js';
import type { CheckResult, StatisticsConfig, StatSpec, ThresholdSpec } from '../model/verdict.js';
import { decideVerdict } from '../gate/verdict.js';
import type { RunCollector } from './collect.js';
import type { SummaryParts } from './summary.js';

/** What the gate needs of the configuration (from a ResolvedSuite, or from a report's `config`). */
export interface GateSettings {
  thresholdSpecs: readonly ThresholdSpec[];
  statSpecs: readonly StatSpec[];
  /** The `statistics` section; `minCases` comes from scoring.minCases. */
  statistics: Omit<StatisticsConfig, 'minCases'>;
  /** scoring.minCases. */
  minCases: number;
  /** scoring.baselineMaxErrorRate (absent in reports written before it existed: the default). */
  baselineMaxErrorRate?: number;
}

/** How far the run got: the input of the run-level checks. */
export interface RunProgress {
  complete: boolean;
  interrupted: 'SIGINT' | 'SIGTERM' | 'deadline' | null;
  casesDone: number;
  casesPlanned: number;
}

export type GatedParts = Pick<SummaryParts, 'metrics' | 'metricsByTag' | 'checks' | 'verdict' | 'critical' | 'highlights'>;

/** The gate settings of a loaded suite. */
export function gateSettingsOf(suite: ResolvedSuite): GateSettings {
  return {
    thresholdSpecs: suite.thresholdSpecs,
    statSpecs: suite.statSpecs,
    statistics: suite.statistics,
    minCases: suite.scoring.minCases,
    baselineMaxErrorRate: suite.scoring.baselineMaxErrorRate,
  };
}

/** Evaluate every check over the collected cases (after `first`, e.g. setup errors) and decide the verdict. */
export function gateRun(
  collector: RunCollector,
  settings: GateSettings,
  progress: RunProgress,
  first: readonly CheckResult[] = [],
): GatedParts {
  const metrics = collector.metrics();
  const { minCases } = settings;
  const checks: CheckResult[] = [
    ...first,
    ...runChecks({
      ...progress,
      metrics,
      minCases,
      ...(settings.baselineMaxErrorRate === undefined ? {} : { baselineMaxErrorRate: settings.baselineMaxErrorRate }),
    }),
    ...criticalChecks(collector.criticalCases),
    ...evaluateThresholds(settings.thresholdSpecs, (tags) => collector.metricsFor(tags), { minCases }),
    ...evaluateStatistical(settings.statSpecs, (tags) => collector.comparisonFor(tags), { ...settings.statistics, minCases }),
  ];
  return {
    metrics,
    metricsByTag: collector.metricsByTag(),
    checks,
    verdict: decideVerdict(checks),
    critical: collector.critical,
    highlights: collector.highlights,
  };
}
