// The HTML comparison report (report.html): rendered from the full report, cases included.
import type { Report } from '../../model/report.js';
import { renderHtmlPage } from './page.js';
import { HTML_CASE_LIMIT, htmlSourceFromReport } from './source.js';

export { renderHtmlPage } from './page.js';
export { HTML_CASE_LIMIT, CaseSelector, htmlSourceFromReport, collectHtmlSource, type HtmlSource } from './source.js';

/** Render report.html from a full report (at most `limit` cases embedded, the most regressed). */
export function renderHtml(report: Report, limit = HTML_CASE_LIMIT): string {
  return renderHtmlPage(htmlSourceFromReport(report, limit));
}
