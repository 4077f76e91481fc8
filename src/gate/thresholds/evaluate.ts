// Threshold specs + aggregated metrics → one CheckResult per threshold. No data is never a pass.
import type { MetricUnit } from '../../scoring/catalog.js';
import type { MetricsSet, MetricValue } from '../../model/metrics.js';
import { compare, negate } from './compare.js';
import { formatDelta, formatExact, formatRatio, formatValue } from '../format.js';
import { lookupMetric } from '../metric-lookup.js';
import type { CheckResult, ThresholdSpec } from '../../model/verdict.js';

export interface EvaluateOptions {
  /** scoring.minCases: fewer observations behind a value make its check inconclusive. */
  minCases: number;
}

type Side = 'green' | 'blue' | 'pair';
type Measured =
  | { ok: true; value: number; n: number; green?: number; blue?: number }
  | { ok: false; status: 'inconclusive' | 'error'; reason: string; n: number };

/** Evaluate every threshold against the metrics of the cases its tags select. */
export function evaluateThresholds(
  specs: readonly ThresholdSpec[],
  metricsFor: (tags: string[]) => MetricsSet,
  options: EvaluateOptions,
): CheckResult[] {
  const cache = new Map<string, MetricsSet>();
  const metricsOf = (tags: string[]): MetricsSet => {
    const key = JSON.stringify([...tags].sort());
    let metrics = cache.get(key);
    if (!metrics) cache.set(key, (metrics = metricsFor(tags)));
    return metrics;
  };
  return specs.map((spec) => evaluateThreshold(spec, metricsOf(spec.tags), options));
}

/** Evaluate one threshold against one metrics set. */
export function evaluateThreshold(spec: ThresholdSpec, metrics: MetricsSet, options: EvaluateOptions): CheckResult {
  const base: CheckResult = {
    id: spec.id,
    name: spec.name,
    kind: 'threshold',
    expr: spec.expr,
    scope: spec.scope,
    metric: spec.metric,
    op: spec.op,
    limit: spec.limit,
    tags: spec.tags,
    advisory: spec.advisory,
    value: null,
    n: 0,
    status: 'error',
    reason: '',
  };
  const unit = lookupMetric(spec.metric)?.unit;
  if (unit === undefined) return { ...base, reason: `error: unknown metric ${spec.metric}` };
  const tagNote = spec.tags.length > 0 ? `tags: ${spec.tags.join(', ')}` : '';
  const m = measure(spec, metrics, options.minCases, unit);
  const sides = sidesOf(spec, metrics);
  if (!m.ok) return { ...base, ...sides, n: m.n, status: m.status, reason: m.reason + (tagNote ? ` (${tagNote})` : '') };
  const pass = compare(m.value, spec.op, spec.limit);
  const shownOp = pass ? spec.op : negate(spec.op);
  const [value, limit] = show(spec, unit, m.value, pass);
  const detail = explain(spec, unit, m);
  const context = [detail, tagNote].filter((part) => part !== '').join(', ');
  return {
    ...base,
    ...sides,
    value: m.value,
    n: m.n,
    status: pass ? 'pass' : 'fail',
    reason: `${spec.scope}.${spec.metric} = ${value} ${shownOp} ${limit} (${context})`,
  };
}

function measure(spec: ThresholdSpec, metrics: MetricsSet, minCases: number, unit: MetricUnit): Measured {
  const sides: Side[] = spec.scope === 'delta' || spec.scope === 'ratio' ? ['green', 'blue'] : [spec.scope];
  const read = sides.map((side) => ({ side, mv: metrics[side][spec.metric] }));
  const compared = sides.length > 1;
  for (const { side, mv } of read) {
    const n = Math.min(...read.map((r) => r.mv?.n ?? 0));
    if (mv === undefined || mv.value === null) {
      const reason = compared && side === 'blue' ? `blue has no ${spec.metric} to compare with` : `${side} ${spec.metric} has no data`;
      return { ok: false, status: 'inconclusive', reason: `inconclusive: ${reason}`, n };
    }
    if (!Number.isFinite(mv.value)) {
      return { ok: false, status: 'error', reason: `error: ${side} ${spec.metric} is ${mv.value}, not a number`, n };
    }
  }
  const values = read as { side: Side; mv: MetricValue & { value: number } }[];
  const least = values.reduce((a, b) => (b.mv.n < a.mv.n ? b : a));
  const n = least.mv.n;
  if (n < minCases) {
    return {
      ok: false,
      status: 'inconclusive',
      n,
      reason: `inconclusive: ${least.side} ${spec.metric} has ${n} sample${n === 1 ? '' : 's'}, need ≥ ${minCases} (scoring.minCases)`,
    };
  }
  if (!compared) return { ok: true, value: values[0]!.mv.value, n };
  const green = values[0]!.mv.value;
  const blue = values[1]!.mv.value;
  if (spec.scope === 'delta') return { ok: true, value: green - blue, n, green, blue };
  if (blue === 0 && green === 0) return { ok: true, value: 1, n, green, blue };
  if (blue === 0) {
    const pair = `blue ${formatValue(blue, unit)}, green ${formatValue(green, unit)}`;
    return { ok: false, status: 'inconclusive', n, reason: `inconclusive: blue has no ${spec.metric} to compare with (${pair})` };
  }
  return { ok: true, value: green / blue, n, green, blue };
}

/** Value and limit as displayed; more digits when rounding would make a failing pair look equal. */
function show(spec: ThresholdSpec, unit: MetricUnit, value: number, pass: boolean): [string, string] {
  const fmtValue = (x: number): string =>
    spec.scope === 'ratio' ? formatRatio(x) : spec.scope === 'delta' ? formatDelta(x, unit) : formatValue(x, unit);
  const fmtLimit = (x: number): string => (spec.scope === 'ratio' ? formatRatio(x) : formatValue(x, unit));
  let shown: [string, string] = [fmtValue(value), fmtLimit(spec.limit)];
  const exactUnit = spec.scope === 'ratio' ? 'factor' : unit;
  for (let digits = 3; !pass && spec.op !== '!=' && bare(shown[0]) === bare(shown[1]) && digits <= 12; digits++) {
    shown = [formatExact(value, exactUnit, digits), formatExact(spec.limit, exactUnit, digits)];
  }
  return shown;
}

function bare(text: string): string {
  return text.replace(/^\+/, '');
}

function explain(spec: ThresholdSpec, unit: MetricUnit, m: Measured & { ok: true }): string {
  if (m.green === undefined || m.blue === undefined) return `n=${m.n}`;
  const sign = spec.scope === 'ratio' ? '/' : '−';
  return `green ${formatValue(m.green, unit)} ${sign} blue ${formatValue(m.blue, unit)}`;
}

function sidesOf(spec: ThresholdSpec, metrics: MetricsSet): Pick<CheckResult, 'green' | 'blue'> {
  const valueOf = (side: 'green' | 'blue'): number | null => metrics[side][spec.metric]?.value ?? null;
  if (spec.scope === 'green') return { green: valueOf('green') };
  if (spec.scope === 'blue') return { blue: valueOf('blue') };
  if (spec.scope === 'pair') return {};
  return { green: valueOf('green'), blue: valueOf('blue') };
}
