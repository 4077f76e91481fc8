// The gate's public surface: thresholds → checks → verdict. Pure: no I/O.
export type { CheckResult, Op, Scope, Status, ThresholdSpec, Verdict } from '../model/verdict.js';
export { STATUS_ORDER } from '../model/verdict.js';
export { OPS, SCOPES, parseExpression, type ParsedExpression, type ParseResult, type ValueUnit } from './thresholds/grammar.js';
export { parseThresholds, thresholdId, type ParseThresholdsOptions } from './thresholds/parse.js';
export { evaluateThreshold, evaluateThresholds, type EvaluateOptions } from './thresholds/evaluate.js';
export { criticalChecks } from './thresholds/critical.js';
export { RATE_LIMIT_SHARE, runChecks, type RunCheckInput } from './run-checks.js';
export { NO_VOTING_CHECKS, decideVerdict, worst } from './verdict.js';
export { formatCount, formatDelta, formatExact, formatMs, formatRate, formatRatio, formatScore, formatValue } from './format.js';
export { closestMetrics, editDistance, lookupMetric } from './metric-lookup.js';
export type { CheckStatistics, Outcome, StatFamily, StatSpec, StatisticsConfig } from '../model/verdict.js';
export { evaluateStatistical } from './statistical/evaluate.js';
export { parseStatSpecs, parseMargin, type ParseStatSpecsOptions } from './statistical/specs.js';
export { STAT_TESTS, STAT_TEST_NAMES, findStatTest, type StatTestDef, type StatUnit } from './statistical/tests.js';
export { formatInterval, formatP, formatStat } from './statistical/format.js';
