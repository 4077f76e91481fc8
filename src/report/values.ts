// Display values for checks, in the unit of the metric each one reads (formatting lives in gate/format.ts).
import { formatCount, formatDelta, formatRatio, formatValue } from '../gate/format.js';
import { formatStat } from '../gate/statistical/format.js';
import { findStatTest } from '../gate/statistical/tests.js';
import { lookupMetric } from '../gate/metric-lookup.js';
import { STATUS_ORDER, type CheckResult, type Status } from '../model/verdict.js';
import type { MetricUnit } from '../scoring/catalog.js';

/** The unit a metric name is measured in (count when the name is not in the catalog). */
export function unitOf(metric: string | undefined): MetricUnit {
  return (metric === undefined ? undefined : lookupMetric(metric)?.unit) ?? 'count';
}

/** A check's compared value or limit as people read it: delta with a sign, ratio as a factor. */
export function formatCheckNumber(check: CheckResult, value: number | null | undefined): string {
  if (value === null || value === undefined) return check.metric === undefined ? '' : 'n/a';
  const statUnit = check.kind === 'statistical' ? findStatTest(check.metric ?? '')?.unit : undefined;
  if (statUnit !== undefined) return formatStat(value, statUnit, statUnit !== 'factor' && value !== check.limit);
  const unit = unitOf(check.metric);
  if (check.scope === 'ratio') return `${formatRatio(value)}x`;
  if (check.scope === 'delta') return formatDelta(value, unit);
  return check.metric === undefined ? formatCount(value) : formatValue(value, unit);
}

/** A check's blue or green side, always in the metric's own unit. */
export function formatCheckSide(check: CheckResult, value: number | null | undefined): string {
  if (value === undefined) return '';
  const statUnit = check.kind === 'statistical' ? findStatTest(check.metric ?? '')?.unit : undefined;
  if (statUnit !== undefined && value !== null) return formatStat(value, statUnit === 'factor' ? 'ms' : statUnit);
  return formatValue(value, unitOf(check.metric));
}

/** Voting checks first, then advisory; within each, worst status first (the gate's order); stable otherwise. */
export function sortChecks(list: readonly CheckResult[]): CheckResult[] {
  const rank = (s: Status): number => -STATUS_ORDER.indexOf(s);
  return [...list].sort((a, b) => Number(a.advisory) - Number(b.advisory) || rank(a.status) - rank(b.status));
}
