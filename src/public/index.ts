// The library's public API: everything importable from 'revgate' is listed here by name.
// Nothing else is public (vitest's src/public/ pattern).

export { loadSuite } from '../config/load-suite.js';
export type { LoadSuiteOptions, LoadedSuite, SuiteOverrides } from '../config/load-suite.js';
export type { ResolvedSuite } from '../config/resolved.js';
export type { ResolvedTarget } from '../targets/options.js';
export type { SuiteInput, SuiteFile } from '../config/suite-schema.js';
export type { GoldenCase, Assertion } from '../model/golden.js';
export { parseShard, selectShard, shardOf } from '../config/shard.js';
export type { Shard } from '../config/resolved.js';
export { selectCases, hasCriteria } from '../config/select.js';
export type { SelectionCriteria } from '../config/select.js';

export { compare } from '../run/compare.js';
export type { CompareOptions, CompareResult } from '../run/compare.js';
export type { ReplayProgress } from '../replay/engine.js';
export { merge } from '../run/merge.js';
export type { MergeOptions, MergeResult } from '../run/merge.js';
export { publishToGitHub } from '../ci/github.js';

export { loadReport } from '../report/load.js';
export { renderMarkdown } from '../report/markdown.js';
export { renderJUnit } from '../report/junit.js';
export { renderConsole } from '../report/console.js';
export { REPORT_SCHEMA_VERSION } from '../model/report.js';
export type { Report, ReportSummary, RunInfo, MergedFrom, Selection, TargetSummary, ErrorSample } from '../model/report.js';

export type { CaseRecord, CaseSemanticInput, ComparisonData, MetricsSet, FlatMetrics, MetricValue } from '../model/metrics.js';
export type { CheckResult, CheckStatistics, Outcome, Verdict, Status } from '../model/verdict.js';
export { METRICS } from '../scoring/catalog.js';

export { ExitCode, exitForVerdict } from '../cli/exit-codes.js';
export {
  RevgateError,
  ConfigError,
  ConfigNotFoundError,
  UsageError,
  TargetUnreachableError,
  TargetNotReadyError,
  ReportInvalidError,
} from '../model/errors.js';
export type { ConfigIssue, RevgateErrorCode } from '../model/errors.js';
