// Aggregation of case records into flat metrics (every catalog name), in one streaming pass.
import type { Revision } from '../model/outcome.js';
import { PairTotals } from './aggregate-pair.js';
import { RevisionTotals } from './aggregate-revision.js';
import { METRICS, metricName } from './catalog.js';
import type { CaseRecord, FlatMetrics, MetricValue, MetricsSet } from '../model/metrics.js';

export interface AggregateOptions {
  /** RAG cut-off (scoring.k): fills `{k}` in metric names. */
  k: number;
}

// Every catalog metric of a kind, in catalog order, `{k}` filled; no data (n = 0) → value null.
function fill(kind: 'revision' | 'pair', values: Record<string, MetricValue>, k: number): FlatMetrics {
  const out: FlatMetrics = {};
  for (const def of METRICS) {
    if (def.kind !== kind) continue;
    const v = values[def.name];
    const noData = v === undefined || v.n === 0 || v.value === null || !Number.isFinite(v.value);
    out[metricName(def, k)] = noData ? { value: null, n: v?.n ?? 0 } : v;
  }
  return out;
}

/** Streaming aggregation: feed case records one at a time, read the metrics at any point. */
export class MetricsAccumulator {
  private cases = 0;
  private readonly revisions: Record<Revision, RevisionTotals> = { blue: new RevisionTotals('blue'), green: new RevisionTotals('green') };
  private readonly pair = new PairTotals();

  constructor(private readonly options: AggregateOptions) {}

  // Add one scored case.
  add(c: CaseRecord): void {
    this.cases++;
    this.revisions.blue.add(c);
    this.revisions.green.add(c);
    this.pair.add(c);
  }

  // The metrics of the cases added so far.
  result(): MetricsSet {
    const { k } = this.options;
    return {
      blue: fill('revision', this.revisions.blue.values(), k),
      green: fill('revision', this.revisions.green.values(), k),
      pair: fill('pair', this.pair.values(), k),
      cases: this.cases,
    };
  }
}

// Aggregate case records into every catalog metric for blue, green and the pair (single pass).
export function aggregate(cases: Iterable<CaseRecord>, options: AggregateOptions): MetricsSet {
  const acc = new MetricsAccumulator(options);
  for (const c of cases) acc.add(c);
  return acc.result();
}

// Cases carrying all the given tags (no tags → all cases).
export function filterByTags(cases: Iterable<CaseRecord>, tags: readonly string[]): CaseRecord[] {
  const out: CaseRecord[] = [];
  for (const c of cases) if (tags.every((t) => c.tags.includes(t))) out.push(c);
  return out;
}

// Metrics per tag (a case counts under each of its tags), in one pass; tags sorted by name.
export function aggregateByTag(cases: Iterable<CaseRecord>, options: AggregateOptions): Record<string, MetricsSet> {
  const byTag = new Map<string, MetricsAccumulator>();
  for (const c of cases) {
    for (const tag of new Set(c.tags)) {
      let acc = byTag.get(tag);
      if (acc === undefined) byTag.set(tag, (acc = new MetricsAccumulator(options)));
      acc.add(c);
    }
  }
  const out: Record<string, MetricsSet> = {};
  for (const tag of [...byTag.keys()].sort()) out[tag] = byTag.get(tag)!.result();
  return out;
}
