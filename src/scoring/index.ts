// The scoring module's public surface: pure functions from attempts to case records to metrics.
export { tokenize, tokenF1, rougeL, similarity, MAX_TOKENS } from './text.js';
export { ragScores, jaccard, lostDocs } from './rag.js';
export { quantile, latencySummary, mean, median, type LatencySummary } from './quantiles.js';
export { isRefusal } from './refusal.js';
export { evaluateAssertions, assertionLabel, parseJsonAnswer } from './assertions.js';
export { scoreRevision, scoreNumbers } from './revision.js';
export { drift, noiseBand, noisePosition, pairNumbers, scorePair, MAX_DRIFT_PAIRS, MAX_NUMBER_LINES } from './pair.js';
export { scoreCase, regressionScore, NUMBERS_DROP, type ScoreCaseOptions } from './case.js';
export { aggregate, aggregateByTag, filterByTags, MetricsAccumulator, type AggregateOptions } from './aggregate.js';
export { ComparisonAccumulator, type ComparisonOptions } from './comparison.js';
export * from '../model/metrics.js';
export { METRICS, metricName, findMetric, metricNames, type MetricDef, type MetricUnit } from './catalog.js';
