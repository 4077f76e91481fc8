// The HTML comparison report (report.html): rendered from the full report, cases included.
import { UsageError } from '../../model/errors.js';
import type { Report, ReportSummary } from '../../model/report.js';
import { renderHtmlPage } from './page.js';
import { HTML_CASE_LIMIT, htmlSourceFromReport } from './source.js';

export { renderHtmlPage } from './page.js';
export { HTML_CASE_LIMIT, CaseSelector, htmlSourceFromReport, readHtmlSource, type HtmlSource } from './source.js';

/** Render report.html from a full report (at most `limit` cases embedded, the most regressed). */
export function renderHtml(report: Report, limit = HTML_CASE_LIMIT): string {
  return renderHtmlPage(htmlSourceFromReport(report, limit));
}

/**
 * The registry's summary-shaped entry point: accepts a ReportSummary that is in fact a full
 * Report, and refuses one without cases (the page shows every case) with a UsageError.
 */
export function renderHtmlFromSummary(report: ReportSummary): string {
  if (!hasCases(report)) {
    throw new UsageError(
      'the html format needs the full report, with its cases',
      'render it from report.json: revgate report --from <run>/report.json --format html',
    );
  }
  return renderHtml(report);
}

/** True when a summary carries its cases (a full Report). */
export function hasCases(report: ReportSummary): report is Report {
  return Array.isArray((report as Partial<Report>).cases);
}
