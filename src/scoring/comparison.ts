// The raw material of the paired statistical comparisons (ComparisonData), accumulated case by
// case: per-case values of both revisions, noise floor, assertion flips, latencies and counts.
import type { Revision } from '../model/outcome.js';
import type { CaseRecord, ComparisonData, PairedMetric, RateCounts, RevisionCaseResult } from '../model/metrics.js';

export interface ComparisonOptions {
  /** RAG cut-off (scoring.k) the rag.* values were scored at. */
  k: number;
}

type Read = (c: CaseRecord, revision: Revision) => number | null | undefined;

// Where each paired metric is read on a case. `?.`: records written before a field existed lack it.
const PAIRED: Record<PairedMetric, Read> = {
  'ref.rougeL': (c, r) => c[r].ref?.rougeL,
  'ref.f1': (c, r) => c[r].ref?.f1,
  'rag.recall': (c, r) => c[r].rag?.recall,
  'rag.mrr': (c, r) => c[r].rag?.mrr,
  'rag.ndcg': (c, r) => c[r].rag?.ndcg,
  'numbers.consistency': (c, r) => c[r].numbers?.consistency,
  'semantic.ref': (c, r) => c.semantic?.ref[r],
  'judge.ref': (c, r) => c.semantic?.judge[r],
};

const PAIRED_METRICS = Object.keys(PAIRED) as PairedMetric[];

const emptyCounts = (): RateCounts => ({ attempts: 0, errors: 0, firstTryErrors: 0, outputs: 0, refusals: 0 });

// Add one revision's attempts, errors other than 429, answers and refusals to its counts.
function addCounts(counts: RateCounts, r: RevisionCaseResult): void {
  counts.attempts += r.attempts;
  counts.errors += r.errors - (r.errorClasses['429'] ?? 0);
  counts.firstTryErrors += r.firstTryErrors ?? r.errors - (r.errorClasses['429'] ?? 0);
  // attempts − errors rather than outputs.length: kept critical cases have their texts dropped.
  counts.outputs += r.attempts - r.errors;
  counts.refusals += r.refusals;
}

/** Streaming collection of ComparisonData: numbers only, never answer texts. */
export class ComparisonAccumulator {
  private cases = 0;
  private readonly paired = Object.fromEntries(
    PAIRED_METRICS.map((m) => [m, { blue: [], green: [] }]),
  ) as unknown as ComparisonData['paired'];
  private readonly noise: ComparisonData['noise'] = { drift: [], noise: [] };
  private readonly flips = { b: 0, c: 0, n: 0 };
  private readonly latency: ComparisonData['latency'] = { blue: [], green: [] };
  private readonly ttft: ComparisonData['ttft'] = { blue: [], green: [] };
  private readonly counts = { blue: emptyCounts(), green: emptyCounts() };

  constructor(readonly options: ComparisonOptions) {}

  // Add one scored case; a paired metric is kept only when both revisions have a value.
  add(c: CaseRecord): void {
    this.cases++;
    for (const metric of PAIRED_METRICS) {
      const blue = PAIRED[metric](c, 'blue');
      const green = PAIRED[metric](c, 'green');
      if (blue == null || green == null) continue;
      this.paired[metric].blue.push(blue);
      this.paired[metric].green.push(green);
    }
    if (c.pair.noise != null && c.pair.drift !== null) {
      this.noise.drift.push(c.pair.drift.rougeL);
      this.noise.noise.push(c.pair.noise.rougeL);
    }
    const blue = c.blue.assertions.passed;
    const green = c.green.assertions.passed;
    if (blue !== null && green !== null) {
      this.flips.n++;
      if (blue && !green) this.flips.b++;
      if (!blue && green) this.flips.c++;
    }
    for (const r of ['blue', 'green'] as const) {
      for (const x of c[r].latencyMs) this.latency[r].push(x);
      for (const x of c[r].ttftMs) this.ttft[r].push(x);
      addCounts(this.counts[r], c[r]);
    }
  }

  // The comparison data of the cases added so far (copies: later adds do not change it).
  result(): ComparisonData {
    const two = (x: { blue: number[]; green: number[] }): { blue: number[]; green: number[] } => ({
      blue: [...x.blue],
      green: [...x.green],
    });
    const paired = Object.fromEntries(PAIRED_METRICS.map((m) => [m, two(this.paired[m])])) as ComparisonData['paired'];
    return {
      cases: this.cases,
      paired,
      noise: { drift: [...this.noise.drift], noise: [...this.noise.noise] },
      flips: { ...this.flips },
      latency: two(this.latency),
      ttft: two(this.ttft),
      counts: { blue: { ...this.counts.blue }, green: { ...this.counts.green } },
    };
  }
}
