// The end-of-run terminal summary. Pure: the caller decides on colour (the CLI, once: src/cli/color.ts) and prints.
import { createColors } from 'picocolors';
import type { Status } from '../model/verdict.js';
import { keyMetricRows, type KeyMetricRow } from './key-metrics.js';
import type { ReportSummary } from '../model/report.js';
import { adaptiveText } from './adaptive-text.js';
import { selectionText } from './selection.js';
import { estimateText, statChecks } from './statistics.js';
import { stripXmlIllegal } from './text.js';
import { formatCheckNumber, sortChecks } from './values.js';

const MAX_REASONS = 5;
const MAX_FAILING = 10;

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'magenta';
type Paint = (style: Style, text: string) => string;
const BOLD = 'bold',
  DIM = 'dim',
  RED = 'red',
  GREEN = 'green',
  YELLOW = 'yellow',
  MAGENTA = 'magenta';
const STATUS_COLOR: Record<Status, Style> = { pass: GREEN, inconclusive: YELLOW, error: MAGENTA, fail: RED };

/** Render the end-of-run summary for a terminal, with ANSI colors only when `color` is true. */
export function renderConsole(report: ReportSummary, options: { color: boolean }): string {
  // picocolors with colour forced on or off: the caller decided (TTY, NO_COLOR, FORCE_COLOR), not the library.
  const colors = createColors(options.color);
  const paint: Paint = (style, text) => colors[style](text);
  return [
    verdictLine(report, paint),
    ...selection(report, paint),
    ...incomplete(report, paint),
    ...reasons(report, paint),
    ...metrics(keyMetricRows(report.metrics), paint),
    ...statistics(report, paint),
    ...failingChecks(report, paint),
    '',
    `${paint(DIM, 'reports:')} ${oneLine(report.run.outputDir)}`,
    '',
  ].join('\n');
}

function verdictLine(report: ReportSummary, paint: Paint): string {
  const status = report.verdict.status;
  const word = paint(BOLD, paint(STATUS_COLOR[status], status.toUpperCase()));
  const { counts } = report.verdict;
  const tally = `${counts.pass} pass, ${counts.fail} fail, ${counts.error} error, ${counts.inconclusive} inconclusive`;
  return `revgate ${word}  ${oneLine(report.suite.name)}: green vs blue  (${tally}; ${report.run.casesDone}/${report.run.casesPlanned} cases)`;
}

/** Which cases ran, when `--filter` / `--tag` / `--limit` chose them. */
function selection(report: ReportSummary, paint: Paint): string[] {
  const s = report.run.selection;
  return s ? [paint(DIM, `  ${oneLine(selectionText(s))}`)] : [];
}

function incomplete(report: ReportSummary, paint: Paint): string[] {
  const adaptive = report.run.adaptive ? [paint(DIM, `  ${adaptiveText(report.run.adaptive)}`)] : [];
  if (report.run.complete) return adaptive;
  const why = report.run.interrupted === null ? '' : ` (${report.run.interrupted})`;
  return [paint(YELLOW, `  incomplete run${why}: ${report.run.casesDone} of ${report.run.casesPlanned} cases scored`)];
}

/**
 * The verdict's reasons that no check carries (e.g. "no voting checks"), under the verdict line.
 * A check's reason is printed once, with its check under "checks not passing" — the verdict's
 * reasons are those same texts, so listing them here too printed each one twice.
 */
function reasons(report: ReportSummary, paint: Paint): string[] {
  const carried = new Set(report.checks.filter((c) => c.status !== 'pass').map((c) => c.reason));
  const list = [...new Set(report.verdict.reasons)].filter((r) => !carried.has(r));
  if (list.length === 0) return [];
  const more = list.length > MAX_REASONS ? [paint(DIM, `  … ${list.length - MAX_REASONS} more`)] : [];
  return ['', ...list.slice(0, MAX_REASONS).map((r) => `  - ${oneLine(r)}`), ...more];
}

function metrics(rows: KeyMetricRow[], paint: Paint): string[] {
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map((r) => r.name.length));
  const lines = rows.map((r) => {
    const name = r.name.padEnd(width);
    if (r.kind === 'pair') return `  ${name}  ${r.green} ${paint(DIM, '(green vs blue)')}`;
    const delta = r.delta === '' ? '' : `  ${trendPaint(r, paint)}`;
    return `  ${name}  ${r.blue} → ${r.green}${delta}`;
  });
  return ['', paint(BOLD, 'metrics (blue → green)'), ...lines];
}

function trendPaint(row: KeyMetricRow, paint: Paint): string {
  const text = `(${row.delta})`;
  if (row.trend === 'worse') return paint(RED, text);
  if (row.trend === 'better') return paint(GREEN, text);
  return paint(DIM, text);
}

const OUTCOME_COLOR = { regression: RED, 'no-change': GREEN, improvement: GREEN, 'insufficient-data': YELLOW } as const;

function statistics(report: ReportSummary, paint: Paint): string[] {
  const list = statChecks(report.checks);
  if (list.length === 0) return [];
  const width = Math.max(...list.map((c) => oneLine(c.name).length));
  const lines = list.slice(0, MAX_FAILING * 2).map((c) => {
    const outcome = paint(OUTCOME_COLOR[c.stats.outcome], c.stats.outcome.padEnd(17));
    const advisory = c.advisory ? paint(DIM, ' [advisory]') : '';
    return `  ${oneLine(c.name).padEnd(width)}  ${outcome} ${estimateText(c)}${advisory}`;
  });
  return ['', paint(BOLD, 'statistics (green − blue, estimate [CI])'), ...lines];
}

function failingChecks(report: ReportSummary, paint: Paint): string[] {
  const failing = sortChecks(report.checks.filter((c) => c.status !== 'pass'));
  if (failing.length === 0) return [];
  const lines = failing.slice(0, MAX_FAILING).map((c) => {
    const status = paint(STATUS_COLOR[c.status], c.status.toUpperCase().padEnd(12));
    const value = c.value === null ? '' : ` = ${formatCheckNumber(c, c.value)}`;
    return `  ${status} ${c.advisory ? paint(DIM, '[advisory] ') : ''}${oneLine(c.name)}${value}  ${paint(DIM, oneLine(c.reason))}`;
  });
  const more = failing.length > MAX_FAILING ? [paint(DIM, `  … ${failing.length - MAX_FAILING} more in the report`)] : [];
  return ['', paint(BOLD, 'checks not passing'), ...lines, ...more];
}

/** Keep terminal output on one line per item and free of escape sequences from run data. */
function oneLine(text: string): string {
  return stripXmlIllegal(text).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
