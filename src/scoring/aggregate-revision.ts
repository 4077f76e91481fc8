// One revision's running totals over case records, and their values by catalog name.
import { ERROR_CLASSES, type Revision } from '../model/outcome.js';
import { charLength } from './assertions.js';
import { latencySummary } from './quantiles.js';
import { stats, Sum } from './running.js';
import type { CaseRecord, MetricValue } from '../model/metrics.js';

/** One revision's running totals. Counts and numbers only: answer texts are never retained. */
export class RevisionTotals {
  cases = 0;
  withOutput = 0;
  attempts = 0;
  errors = 0;
  firstTryErrors = 0;
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
  readonly numbers = new Sum();
  readonly semanticRef = new Sum();
  readonly judgeRef = new Sum();

  constructor(private readonly revision: Revision) {}

  // Add this revision's side of one case.
  add(c: CaseRecord): void {
    const r = c[this.revision];
    this.cases++;
    if (r.outputs.length > 0) this.withOutput++;
    this.attempts += r.attempts;
    this.errors += r.errors;
    // `??`: records written before firstTryErrors existed count their final errors.
    this.firstTryErrors += r.firstTryErrors ?? r.errors - (r.errorClasses['429'] ?? 0);
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
    // `?.` and `!= null`: records written before these fields existed lack them.
    const consistency = r.numbers?.consistency;
    if (consistency != null) this.numbers.add(consistency);
    const semanticRef = c.semantic?.ref[this.revision];
    if (semanticRef != null) this.semanticRef.add(semanticRef);
    const judgeRef = c.semantic?.judge[this.revision];
    if (judgeRef != null) this.judgeRef.add(judgeRef);
  }

  // Values by catalog pattern (`rag.hit@{k}`), see the catalog for each definition.
  values(): Record<string, MetricValue> {
    const perAttempt = (count: number): MetricValue => ({ value: this.attempts > 0 ? count / this.attempts : null, n: this.attempts });
    const out: Record<string, MetricValue> = {
      cases: { value: this.withOutput, n: this.cases },
      attempts: { value: this.attempts, n: this.cases },
      error_rate: perAttempt(this.errors - (this.classes.get('429') ?? 0)),
      retry_rate: perAttempt(this.retries),
      first_try_error_rate: perAttempt(this.firstTryErrors),
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
      'numbers.consistency.mean': this.numbers.rate(),
      'semantic.ref.mean': this.semanticRef.rate(),
      'judge.ref.mean': this.judgeRef.rate(),
    };
    for (const cls of ERROR_CLASSES) out[`errors.${cls}`] = perAttempt(this.classes.get(cls) ?? 0);
    for (const [name, sample] of [
      ['latency', this.latency],
      ['ttft', this.ttft],
    ] as const) {
      const s = latencySummary(sample);
      for (const q of ['p50', 'p90', 'p95', 'p99', 'mean'] as const) out[`${name}.${q}`] = { value: s[q], n: s.n };
    }
    return out;
  }
}
