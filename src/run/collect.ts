// What the compare run keeps in memory while cases stream to disk: metric accumulators (overall,
// per tag, per threshold tag scope), the most regressed cases, and critical case outcomes.
import type { ThresholdSpec } from '../gate/types.js';
import type { ReportSummary } from '../report/model.js';
import { MetricsAccumulator } from '../scoring/aggregate.js';
import type { CaseRecord, MetricsSet } from '../scoring/types.js';

const MAX_TAGS = 50;

export class RunCollector {
  private readonly overall: MetricsAccumulator;
  private readonly byTag = new Map<string, MetricsAccumulator>();
  private readonly byScope = new Map<string, { tags: string[]; acc: MetricsAccumulator }>();
  readonly highlights: CaseRecord[] = [];
  readonly critical: ReportSummary['critical'] = [];
  readonly criticalCases: CaseRecord[] = [];
  /** Results are computed once per scope after the run (each sorts every latency sample). */
  private readonly cache = new Map<string, MetricsSet>();

  constructor(private readonly k: number, specs: readonly ThresholdSpec[], private readonly topCases: number) {
    this.overall = new MetricsAccumulator({ k });
    for (const s of specs) {
      if (s.tags.length === 0) continue;
      const key = scopeKey(s.tags);
      if (!this.byScope.has(key)) this.byScope.set(key, { tags: s.tags, acc: new MetricsAccumulator({ k }) });
    }
  }

  /** Feed one scored case. */
  add(record: CaseRecord): void {
    this.cache.clear();
    this.overall.add(record);
    for (const tag of record.tags) {
      let acc = this.byTag.get(tag);
      if (!acc && this.byTag.size < MAX_TAGS) this.byTag.set(tag, (acc = new MetricsAccumulator({ k: this.k })));
      acc?.add(record);
    }
    for (const { tags, acc } of this.byScope.values()) if (tags.every((t) => record.tags.includes(t))) acc.add(record);
    if (record.critical) {
      this.critical.push({ id: record.id, status: record.status, reasons: record.reasons });
      this.criticalCases.push(stripOutputs(record));
    }
    this.keepIfRegressed(record);
  }

  /** Metrics over all cases. */
  metrics(): MetricsSet {
    return this.cached('', () => this.overall.result());
  }

  /** Metrics over cases carrying all `tags` (the thresholds' tag scopes). */
  metricsFor(tags: readonly string[]): MetricsSet {
    if (tags.length === 0) return this.metrics();
    const key = scopeKey(tags);
    const scoped = this.byScope.get(key);
    if (!scoped) throw new Error(`no accumulator for tags ${tags.join(',')}`);
    return this.cached(key, () => scoped.acc.result());
  }

  private cached(key: string, compute: () => MetricsSet): MetricsSet {
    let m = this.cache.get(key);
    if (!m) this.cache.set(key, (m = compute()));
    return m;
  }

  /** Metrics per tag (first 50 tags seen). */
  metricsByTag(): Record<string, MetricsSet> {
    return Object.fromEntries([...this.byTag].sort(([a], [b]) => a.localeCompare(b)).map(([t, acc]) => [t, acc.result()]));
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
