// Statistical checks for the renderers: estimate [CI], p / Holm p, effect size, in the test's unit.
import { formatInterval, formatP, formatStat } from '../gate/statistical/format.js';
import { findStatTest, type StatUnit } from '../gate/statistical/tests.js';
import type { CheckResult, CheckStatistics } from '../model/verdict.js';
import type { ReportSummary } from '../model/report.js';

export type StatCheck = CheckResult & { stats: CheckStatistics };

/** The checks that carry statistical evidence, in report order. */
export function statChecks(checks: readonly CheckResult[]): StatCheck[] {
  return checks.filter((c): c is StatCheck => c.stats !== undefined);
}

/** The unit of a statistical check's estimate (the test name is in `metric`). */
export function statUnit(check: CheckResult): StatUnit {
  return findStatTest(check.metric ?? '')?.unit ?? 'score';
}

/** "−0.061 [−0.082, −0.041]", or "n/a". */
export function estimateText(check: StatCheck): string {
  const { estimate, interval } = check.stats;
  const unit = statUnit(check);
  if (estimate === null) return 'n/a';
  const est = formatStat(estimate, unit, unit !== 'factor');
  return interval === null ? est : `${est} ${formatInterval(interval, unit)}`;
}

/** "0.0003 / 0.002" (raw / Holm), "0.04 / —" outside the family, "—" interval-only. */
export function pText(stats: CheckStatistics): string {
  if (stats.pValue === null) return '—';
  return `${formatP(stats.pValue)} / ${stats.pAdjusted === null ? '—' : formatP(stats.pAdjusted)}`;
}

/** "r = −0.54", or "". */
export function effectText(stats: CheckStatistics): string {
  return stats.effectSize === null ? '' : `${stats.effectSize.name} = ${formatStat(stats.effectSize.value, 'factor')}`;
}

/** The margin: "0.02", "50ms", "≤ 1.2×". */
export function marginText(check: StatCheck): string {
  const unit = statUnit(check);
  return unit === 'factor' ? `≤ ${formatStat(check.stats.minEffect, 'factor')}×` : formatStat(check.stats.minEffect, unit);
}

/** The sentence that states the family-wise correction used. */
export function correctionSentence(report: ReportSummary, checks: readonly StatCheck[]): string {
  const family = checks.filter((c) => c.stats.pAdjusted !== null).length;
  const configured = report.config.statistics?.['correction'];
  const holm = configured === undefined ? family > 0 : configured === 'holm';
  const alpha = Number(report.config.statistics?.['alpha'] ?? 0.05);
  const confidence = checks[0]?.stats.confidence ?? 0.95;
  const rule = `A check fails only when the change is significant (p < ${String(alpha)}) and its estimate is beyond the margin; it passes when the worse end of its ${Math.round(confidence * 100)}% interval is within the margin (non-inferiority).`;
  if (!holm) return `No family-wise correction (statistics.correction: none): each p-value is compared with α on its own. ${rule}`;
  return `p-values are Holm-adjusted over the ${family} voting check${family === 1 ? '' : 's'} with a p-value (family-wise error ≤ α); advisory and interval-only ratio checks are outside the family. ${rule}`;
}
