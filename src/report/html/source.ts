// What the HTML page is rendered from: the summary, the cases it shows (at most a limit, the most
// regressed when there are more), how many there were, and every latency sample for the charts.
// collectHtmlSource takes the cases as a stream, so `revgate compare` never holds more than ~1.5 ×
// the limit of cases in memory, however long the run; latency samples are numbers only.
import type { CaseRecord } from '../../model/metrics.js';
import type { Revision } from '../../model/outcome.js';
import type { Report, ReportSummary } from '../../model/report.js';

/** Most cases embedded in report.html: beyond this the page shows the most regressed and says so. */
export const HTML_CASE_LIMIT = 2_000;

export interface HtmlSource {
  summary: ReportSummary;
  /** The cases shown, most regressed first. */
  cases: CaseRecord[];
  /** Cases in the run (shown or not). */
  totalCases: number;
  /** Latency of every successful attempt of every case, per revision. */
  latency: Record<Revision, number[]>;
}

/** Keeps the `limit` most regressed cases seen, and every latency sample. */
export class CaseSelector {
  private kept: { record: CaseRecord; order: number }[] = [];
  private total = 0;
  private readonly latency: Record<Revision, number[]> = { blue: [], green: [] };

  constructor(private readonly limit = HTML_CASE_LIMIT) {}

  add(record: CaseRecord): void {
    this.latency.blue.push(...record.blue.latencyMs);
    this.latency.green.push(...record.green.latencyMs);
    this.kept.push({ record, order: this.total++ });
    // Cut back to the limit in batches, so selection costs O(n log limit) overall.
    if (this.kept.length >= Math.max(this.limit * 1.5, this.limit + 1)) this.cut();
  }

  result(summary: ReportSummary): HtmlSource {
    this.cut();
    return { summary, cases: this.kept.map((k) => k.record), totalCases: this.total, latency: this.latency };
  }

  // Worst first; ties keep golden order.
  private cut(): void {
    this.kept.sort((a, b) => b.record.regression - a.record.regression || a.order - b.order);
    if (this.kept.length > this.limit) this.kept.length = this.limit;
  }
}

/** The page's source from a full report (`revgate report --from`). */
export function htmlSourceFromReport(report: Report, limit = HTML_CASE_LIMIT): HtmlSource {
  const { cases, ...summary } = report;
  const selector = new CaseSelector(limit);
  for (const record of cases) selector.add(record);
  return selector.result(summary);
}

/** The page's source from cases as they stream past (cases.jsonl of `revgate compare`, or a loaded report). */
export async function collectHtmlSource(
  summary: ReportSummary,
  cases: AsyncIterable<CaseRecord> | Iterable<CaseRecord>,
  limit = HTML_CASE_LIMIT,
): Promise<HtmlSource> {
  const selector = new CaseSelector(limit);
  for await (const record of cases) selector.add(record);
  return selector.result(summary);
}
