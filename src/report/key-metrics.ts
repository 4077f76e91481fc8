// The handful of metrics a reviewer looks at first, blue against green, shared by Markdown and console.
import { formatDelta, formatValue } from '../gate/format.js';
import { lookupMetric } from '../gate/metric-lookup.js';
import type { MetricUnit } from '../scoring/catalog.js';
import type { MetricsSet } from '../model/metrics.js';

export interface KeyMetricRow {
  name: string;
  unit: MetricUnit;
  /** `pair` rows (drift) compare green with blue and have one value, in `green`. */
  kind: 'revision' | 'pair';
  blue: string;
  green: string;
  /** Signed green − blue, empty when a side has no data or the row is a pair metric. */
  delta: string;
  /** Direction of the change for a reader, from the catalog's higherIsBetter. */
  trend: 'better' | 'worse' | 'same' | null;
}

const REVISION_KEYS = ['latency.p50', 'latency.p95', 'latency.p99', 'error_rate', 'first_try_error_rate'];
const RAG_FAMILIES = ['rag.hit@', 'rag.recall@', 'rag.mrr', 'rag.ndcg@'];
const TAIL_KEYS = ['ref.rougeL.mean', 'drift.rougeL.mean', 'refusal_rate', 'tokens.completion.mean', 'tokens.total.mean'];

/** Key metric rows in reading order, skipping metrics with no data on either side. */
export function keyMetricRows(metrics: MetricsSet): KeyMetricRow[] {
  const names = [...REVISION_KEYS, ...ragNames(metrics), ...TAIL_KEYS];
  return names.flatMap((name) => {
    const row = metricRow(metrics, name);
    return row === null ? [] : [row];
  });
}

/** RAG metrics at whatever k the run used, read from the metric names (`rag.recall@5`). */
function ragNames(metrics: MetricsSet): string[] {
  const present = new Set([...Object.keys(metrics.blue), ...Object.keys(metrics.green)]);
  return RAG_FAMILIES.flatMap((family) => [...present].filter((n) => (family.endsWith('@') ? n.startsWith(family) : n === family)).sort());
}

function metricRow(metrics: MetricsSet, name: string): KeyMetricRow | null {
  const def = lookupMetric(name);
  const unit = def?.unit ?? 'count';
  if (def?.kind === 'pair') {
    const value = metrics.pair[name]?.value ?? null;
    return value === null ? null : { name, unit, kind: 'pair', blue: '', green: formatValue(value, unit), delta: '', trend: null };
  }
  const blue = metrics.blue[name]?.value ?? null;
  const green = metrics.green[name]?.value ?? null;
  if (blue === null && green === null) return null;
  const both = blue !== null && green !== null;
  const diff = both ? green - blue : null;
  return {
    name,
    unit,
    kind: 'revision',
    blue: formatValue(blue, unit),
    green: formatValue(green, unit),
    delta: diff === null ? '' : formatDelta(diff, unit),
    trend: diff === null ? null : trendOf(diff, def?.higherIsBetter ?? true),
  };
}

function trendOf(diff: number, higherIsBetter: boolean): KeyMetricRow['trend'] {
  if (diff === 0) return 'same';
  return diff > 0 === higherIsBetter ? 'better' : 'worse';
}
