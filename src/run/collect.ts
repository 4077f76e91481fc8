// What the compare run keeps in memory while cases stream to disk: metric and comparison
// accumulators (overall, per tag, per threshold tag scope), the most regressed cases, and
// critical case outcomes. Numbers only, except the few highlighted cases.
import type { ReportSummary } from '../model/report.js';
import { MetricsAccumulator } from '../scoring/aggregate.js';
import { ComparisonAccumulator } from '../scoring/comparison.js';
import type { CaseRecord, ComparisonData, MetricsSet } from '../model/metrics.js';

const MAX_TAGS = 50;

/** The accumulators of one set of cases (all, or those carrying given tags). */
class Scope {
  readonly metrics: MetricsAccumulator;
  readonly comparison: ComparisonAccumulator;
  private metricsResult: MetricsSet | undefined;
  private comparisonResult: ComparisonData | undefined;

  constructor(
    readonly tags: readonly string[],
    k: number,
  ) {
    this.metrics = new MetricsAccumulator({ k });
    this.comparison = new ComparisonAccumulator({ k });
  }

  add(record: CaseRecord): void {
    this.metricsResult = this.comparisonResult = undefined;
    this.metrics.add(record);
    this.comparison.add(record);
  }

  /** Computed once after the run (each result sorts every latency sample). */
  metricsSet(): MetricsSet {
    return (this.metricsResult ??= this.metrics.result());
  }

  comparisonData(): ComparisonData {
    return (this.comparisonResult ??= this.comparison.result());
  }
}

export class RunCollector {
  private readonly overall: Scope;
  private readonly byTag = new Map<string, MetricsAccumulator>();
  /** Tag scopes named by thresholds and statistical tests. */
  private readonly scoped = new Map<string, Scope>();
  readonly highlights: CaseRecord[] = [];
  readonly critical: ReportSummary['critical'] = [];
  readonly criticalCases: CaseRecord[] = [];

  constructor(
    private readonly k: number,
    specs: readonly { tags: readonly string[] }[],
    private readonly topCases: number,
  ) {
    this.overall = new Scope([], k);
    for (const s of specs) {
      const key = scopeKey(s.tags);
      if (s.tags.length > 0 && !this.scoped.has(key)) this.scoped.set(key, new Scope(s.tags, k));
    }
  }

  /** Feed one scored case. */
  add(record: CaseRecord): void {
    this.overall.add(record);
    for (const tag of record.tags) {
      let acc = this.byTag.get(tag);
      if (!acc && this.byTag.size < MAX_TAGS) this.byTag.set(tag, (acc = new MetricsAccumulator({ k: this.k })));
      acc?.add(record);
    }
    for (const scope of this.scoped.values()) if (scope.tags.every((t) => record.tags.includes(t))) scope.add(record);
    if (record.critical) {
      this.critical.push({ id: record.id, status: record.status, reasons: record.reasons });
      this.criticalCases.push(stripOutputs(record));
    }
    this.keepIfRegressed(record);
  }

  /** Metrics over all cases. */
  metrics(): MetricsSet {
    return this.overall.metricsSet();
  }

  /** Metrics over cases carrying all `tags` (a threshold's tag scope). */
  metricsFor(tags: readonly string[]): MetricsSet {
    return this.scope(tags).metricsSet();
  }

  /** Paired comparison data over cases carrying all `tags` (a statistical test's scope). */
  comparisonFor(tags: readonly string[]): ComparisonData {
    return this.scope(tags).comparisonData();
  }

  /** Metrics per tag (first 50 tags seen). */
  metricsByTag(): Record<string, MetricsSet> {
    return Object.fromEntries([...this.byTag].sort(([a], [b]) => a.localeCompare(b)).map(([t, acc]) => [t, acc.result()]));
  }

  private scope(tags: readonly string[]): Scope {
    if (tags.length === 0) return this.overall;
    const scope = this.scoped.get(scopeKey(tags));
    if (!scope) throw new Error(`no accumulator for tags ${tags.join(',')}`);
    return scope;
  }

  private keepIfRegressed(record: CaseRecord): void {
    if (this.topCases === 0 || (record.regression <= 0 && record.status === 'pass')) return;
    const h = this.highlights;
    if (h.length === this.topCases && record.regression <= h[h.length - 1]!.regression) return;
    const at = h.findIndex((c) => record.regression > c.regression);
    h.splice(at === -1 ? h.length : at, 0, record);
    if (h.length > this.topCases) h.pop();
  }
}

function scopeKey(tags: readonly string[]): string {
  return [...tags].sort().join('\u0000');
}

/** Critical cases are kept for their checks only: drop the texts. */
function stripOutputs(r: CaseRecord): CaseRecord {
  return { ...r, blue: { ...r.blue, outputs: [] }, green: { ...r.green, outputs: [] } };
}
