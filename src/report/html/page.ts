// report.html: one self-contained file (no network, no CDN; opens from a CI artifact offline).
//
// Design: a hybrid. Everything that reads the summary — verdict, checks, statistics, key metrics,
// errors and the SVG charts — is rendered here, server side, as static HTML: it is readable with
// scripts disabled, testable as a pure function, and costs the browser nothing. The cases, which
// can number in the tens of thousands, are embedded once as JSON in a
// `<script type="application/json">` block and rendered by a small inline vanilla-JS app
// (client.ts) a page at a time, with search, filters, sorting and side-by-side details built on
// demand — server-rendering every case's three columns and diff would multiply the page's size
// and DOM. Word diffs are computed here (diff.ts) and embedded as token runs.
//
// Safety: static parts escape every run-supplied string (escape.ts); the JSON block escapes `<`,
// `>`, `&`, U+2028 and U+2029 so no answer can close it; the client only uses textContent.
import { VERSION } from '../../model/version.js';
import { casesSection } from './cases-section.js';
import { htmlCase } from './case-data.js';
import { chartsSection } from './charts.js';
import { CLIENT_JS } from './client.js';
import { htmlText, scriptJson } from './escape.js';
import { checksTable, criticalList, errorsTable, header, keyMetrics, statisticsTable, verdictBanner } from './sections.js';
import type { HtmlSource } from './source.js';
import { STYLES } from './styles.js';

/** Render the HTML comparison report from its source (summary, shown cases, latency samples). */
export function renderHtmlPage(source: HtmlSource): string {
  const { summary } = source;
  const notice =
    source.cases.length < source.totalCases
      ? `This page holds the ${source.cases.length.toLocaleString('en-US')} most regressed of ${source.totalCases.toLocaleString('en-US')} cases (the limit of one HTML file); every case is in report.json and cases.jsonl. Charts use every case.`
      : null;
  const data = { cases: source.cases.map(htmlCase), total: source.totalCases };
  const title = `revgate ${summary.verdict.status.toUpperCase()} · ${summary.suite.name} · ${summary.run.id}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network at all: scripts and styles inline only, images only as data: URIs.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    '<meta name="color-scheme" content="light dark">',
    `<title>${htmlText(title)}</title>`,
    `<style>${STYLES}</style>`,
    '</head><body>',
    '<a class="skip" href="#cases">Skip to the cases</a>',
    '<main>',
    header(summary),
    '<nav class="toc" aria-label="sections"><a href="#verdict">Verdict</a><a href="#checks">Checks</a><a href="#statistics">Statistics</a><a href="#charts">Charts</a><a href="#metrics">Key metrics</a><a href="#cases">Cases</a></nav>',
    verdictBanner(summary, notice === null ? [] : [notice]),
    checksTable(summary),
    statisticsTable(summary),
    chartsSection(summary.metrics, summary.metricsByTag, source.latency),
    keyMetrics(summary),
    errorsTable(summary),
    criticalList(summary),
    casesSection(notice),
    `<footer>revgate ${htmlText(summary.tool.version)} · report schema ${summary.schemaVersion} · rendered by revgate ${htmlText(VERSION)} from report.json · suite ${htmlText(summary.suite.file)} (${htmlText(summary.suite.configHash)})</footer>`,
    '</main>',
    `<script type="application/json" id="revgate-data">${scriptJson(data)}</script>`,
    `<script>${CLIENT_JS}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
