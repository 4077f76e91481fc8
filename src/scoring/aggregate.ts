// Aggregation of case records into flat metrics (every catalog name), in one streaming pass.
import { ERROR_CLASSES, type Revision } from '../targets/types.js';
import { charLength } from './assertions.js';
import { METRICS, metricName } from './catalog.js';
import { latencySummary, mean, median } from './quantiles.js';
import type { CaseRecord, FlatMetrics, MetricValue, MetricsSet, RevisionCaseResult } from './types.js';

export interface AggregateOptions {
  /** RAG cut-off (scoring.k): fills `{k}` in metric names. */
  k: number;
}

// Running sum and count.
class Sum {
  total = 0;
  n = 0;
  add(x: number, weight = 1): void {
    this.total += x;
    this.n += weight;
  }
  rate(): MetricValue {
    return { value: this.n > 0 ? this.total / this.n : null, n: this.n };
  }
}

// A pooled sample, kept as numbers (for quantiles and medians).
const stats = (values: number[], key: 'mean' | 'median'): MetricValue => ({
  value: key === 'mean' ? mean(values) : median(values),
  n: values.length,
});

// One revision's running totals. Counts and numbers only: answer texts are never retained.
class RevisionTotals {
  cases = 0;
  withOutput = 0;
  attempts = 0;
  errors = 0;
  retries = 0;
  readonly classes = new Map<string, number>();
  readonly latency: number[] = [];
  readonly ttft: number[] = [];
  readonly rag = { hit: new Sum(), recall: new Sum(), mrr: new Sum(), ndcg: new Sum() };
  readonly refF1: number[] = [];
  readonly refRougeL: number[] = [];
  readonly asserted = new Sum();
  readonly refusals = new Sum();
  readonly chars = new Sum();
  readonly tokens = { prompt: new Sum(), completion: new Sum(), total: new Sum() };

  add(r: RevisionCaseResult): void {
    this.cases++;
    if (r.outputs.length > 0) this.withOutput++;
    this.attempts += r.attempts;
    this.errors += r.errors;
    this.retries += r.retries;
    for (const [cls, n] of Object.entries(r.errorClasses)) this.classes.set(cls, (this.classes.get(cls) ?? 0) + (n ?? 0));
    for (const x of r.latencyMs) this.latency.push(x);
    for (const x of r.ttftMs) this.ttft.push(x);
    if (r.rag !== null) {
      this.rag.hit.add(r.rag.hit);
      this.rag.recall.add(r.rag.recall);
      this.rag.mrr.add(r.rag.mrr);
      this.rag.ndcg.add(r.rag.ndcg);
    }
    if (r.ref !== null) {
      this.refF1.push(r.ref.f1);
      this.refRougeL.push(r.ref.rougeL);
    }
    if (r.assertions.passed !== null) this.asserted.add(r.assertions.passed ? 1 : 0);
    this.refusals.add(r.refusals, r.outputs.length);
    for (const text of r.outputs) this.chars.add(charLength(text));
    if (r.usage !== null) {
      this.tokens.prompt.add(r.usage.prompt);
      this.tokens.completion.add(r.usage.completion);
      this.tokens.total.add(r.usage.total);
    }
  }

  // Values by catalog pattern (`rag.hit@{k}`), see the catalog for each definition.
  values(): Record<string, MetricValue> {
    const perAttempt = (count: number): MetricValue => ({ value: this.attempts > 0 ? count / this.attempts : null, n: this.attempts });
    const out: Record<string, MetricValue> = {
      cases: { value: this.withOutput, n: this.cases },
      attempts: { value: this.attempts, n: this.cases },
      error_rate: perAttempt(this.errors - (this.classes.get('429') ?? 0)),
      retry_rate: perAttempt(this.retries),
      'rag.hit@{k}': this.rag.hit.rate(),
      'rag.recall@{k}': this.rag.recall.rate(),
      'rag.mrr': this.rag.mrr.rate(),
      'rag.ndcg@{k}': this.rag.ndcg.rate(),
      'ref.f1.mean': stats(this.refF1, 'mean'),
      'ref.f1.median': stats(this.refF1, 'median'),
      'ref.rougeL.mean': stats(this.refRougeL, 'mean'),
      'ref.rougeL.median': stats(this.refRougeL, 'median'),
      'assert.pass_rate': this.asserted.rate(),
      refusal_rate: this.refusals.rate(),
      'answer.chars.mean': this.chars.rate(),
      'tokens.prompt.mean': this.tokens.prompt.rate(),
      'tokens.completion.mean': this.tokens.completion.rate(),
      'tokens.total.mean': this.tokens.total.rate(),
    };
    for (const cls of ERROR_CLASSES) out[`errors.${cls}`] = perAttempt(this.classes.get(cls) ?? 0);
    for (const [name, sample] of [['latency', this.latency], ['ttft', this.ttft]] as const) {
      const s = latencySummary(sample);
      for (const q of ['p50', 'p90', 'p95', 'p99', 'mean'] as const) out[`${name}.${q}`] = { value: s[q], n: s.n };
    }
    return out;
  }
}

// Green-vs-blue running totals.
class PairTotals {
  readonly driftF1: number[] = [];
  readonly driftRougeL: number[] = [];
  readonly moved = new Sum();
  readonly jaccard = new Sum();
  readonly lost = new Sum();

  add(c: CaseRecord): void {
    if (c.pair.drift !== null) {
      this.driftF1.push(c.pair.drift.f1);
      this.driftRougeL.push(c.pair.drift.rougeL);
    }
    if (c.pair.moved !== null) this.moved.add(c.pair.moved ? 1 : 0);
    if (c.pair.docsJaccard !== null) this.jaccard.add(c.pair.docsJaccard);
    // Lost documents are only observable with expected ids and both retrieved lists.
    if (c.expectedDocs !== null && c.expectedDocs.length > 0 && c.blue.docs !== null && c.green.docs !== null) {
      this.lost.add(c.pair.lostDocs.length > 0 ? 1 : 0);
    }
  }

  values(): Record<string, MetricValue> {
    return {
      'drift.f1.mean': stats(this.driftF1, 'mean'),
      'drift.f1.median': stats(this.driftF1, 'median'),
      'drift.rougeL.mean': stats(this.driftRougeL, 'mean'),
      'drift.rougeL.median': stats(this.driftRougeL, 'median'),
      'drift.moved_share': this.moved.rate(),
      'docs.jaccard.mean': this.jaccard.rate(),
      'docs.lost_share': this.lost.rate(),
    };
  }
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
  private readonly revisions: Record<Revision, RevisionTotals> = { blue: new RevisionTotals(), green: new RevisionTotals() };
  private readonly pair = new PairTotals();

  constructor(private readonly options: AggregateOptions) {}

  // Add one scored case.
  add(c: CaseRecord): void {
    this.cases++;
    this.revisions.blue.add(c.blue);
    this.revisions.green.add(c.green);
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
