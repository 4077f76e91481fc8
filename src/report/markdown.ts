// The Markdown summary for PR comments and CI job summaries. Reads only the ReportSummary, so its
// size does not grow with the number of cases; highlights are dropped (with a note) to stay under
// GitHub's 65,536-character limit for a comment body.
import { STATUS_ORDER } from '../model/verdict.js';
import { formatMs } from '../gate/format.js';
import { keyMetricRows } from './key-metrics.js';
import { renderHighlight } from './markdown-highlights.js';
import { markdownTable } from './markdown-table.js';
import type { ReportSummary } from '../model/report.js';
import { selectionText } from './selection.js';
import { correctionSentence, effectText, estimateText, marginText, pText, statChecks } from './statistics.js';
import { escapeMarkdownInline as md } from './text.js';
import { formatCheckNumber, formatCheckSide, sortChecks } from './values.js';
import { adaptiveText } from './adaptive-text.js';

/** GitHub rejects comment bodies longer than this (characters). */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Room kept for the truncation note and for the CI's own wrapping of the body. */
const MARGIN = 2_000;
const MAX_CHECK_ROWS = 100;
/** Reasons listed under "Why": a summary, not the whole list (the checks table has every one). */
const MAX_REASONS = 5;
const MAX_CRITICAL_ROWS = 50;

/** Render the report summary as GitHub-flavoured Markdown, under GitHub's comment size limit. */
export function renderMarkdown(report: ReportSummary): string {
  const head = [
    title(report),
    runFacts(report),
    reasons(report),
    checks(report),
    statistics(report),
    metrics(report),
    errors(report),
    critical(report),
  ]
    .filter((s) => s !== '')
    .join('\n\n');
  return fitToLimit(`${head}\n`, report, GITHUB_COMMENT_LIMIT - MARGIN);
}

function title(report: ReportSummary): string {
  return `## revgate: **${report.verdict.status.toUpperCase()}** — ${md(report.suite.name)} (green vs blue)`;
}

function runFacts(report: ReportSummary): string {
  const { run } = report;
  const repeats = report.config.sampling['repeats'];
  const facts = [
    `run ${md(run.id)}`,
    `${run.casesDone}/${run.casesPlanned} cases`,
    ...(run.selection ? [md(selectionText(run.selection))] : []),
    ...(run.shard ? [`shard ${run.shard.index}/${run.shard.total}`] : []),
    ...(run.merged
      ? [`merged from shard${run.merged.shards.length === 1 ? '' : 's'} ${run.merged.shards.join(', ')} of ${run.merged.total}`]
      : []),
    ...(typeof repeats === 'number' ? [`${repeats} repeat${repeats === 1 ? '' : 's'}`] : []),
    `${run.warmup} warm-up`,
    formatMs(run.durationMs),
    `revgate ${md(report.tool.version)}`,
  ];
  const lines = [facts.join(' · ')];
  if (run.adaptive) lines.push('', `> ${md(adaptiveText(run.adaptive))}`);
  if (!run.complete) {
    const missing =
      run.merged && run.merged.missing.length > 0
        ? ` (shard${run.merged.missing.length === 1 ? '' : 's'} ${run.merged.missing.join(', ')} of ${run.merged.total} missing)`
        : '';
    const why =
      run.interrupted === null
        ? missing
        : ` (${run.interrupted === 'deadline' ? 'deadline reached' : `interrupted by ${run.interrupted}`})`;
    lines.push(
      '',
      `> [!WARNING]`,
      `> Incomplete run${why}: ${run.casesDone} of ${run.casesPlanned} cases scored. An incomplete run is never a pass.`,
    );
  }
  return lines.join('\n');
}

/** The first MAX_REASONS reasons (worst first, as the verdict orders them) and a line for the
 *  rest: every one of them is a row of the checks table below, and all are in report.json. */
function reasons(report: ReportSummary): string {
  const list = report.verdict.reasons;
  if (list.length === 0) return '';
  const left = list.length - MAX_REASONS;
  const more = left > 0 ? ['', `… and ${left} more: see the checks below, report.json or report.html.`] : [];
  return ['### Why', '', ...list.slice(0, MAX_REASONS).map((r) => `- ${md(r)}`), ...more].join('\n');
}

function checks(report: ReportSummary): string {
  if (report.checks.length === 0) return '';
  const sorted = sortChecks(report.checks);
  const rows = sorted
    .slice(0, MAX_CHECK_ROWS)
    .map((c) => [
      `${c.status.toUpperCase()}${c.advisory ? ' (advisory)' : ''}`,
      c.name,
      formatCheckNumber(c, c.value),
      formatCheckNumber(c, c.limit),
      formatCheckSide(c, c.blue),
      formatCheckSide(c, c.green),
      String(c.n),
      c.reason,
    ]);
  const counts = STATUS_ORDER.map((s) => `${report.verdict.counts[s] ?? 0} ${s}`).join(', ');
  const more = sorted.length > MAX_CHECK_ROWS ? `\n\n${sorted.length - MAX_CHECK_ROWS} more checks in report.json.` : '';
  return `### Checks (${counts})\n\n${markdownTable(['status', 'check', 'value', 'limit', 'blue', 'green', 'n', 'reason'], rows)}${more}`;
}

function statistics(report: ReportSummary): string {
  const list = statChecks(sortChecks(report.checks));
  if (list.length === 0) return '';
  const rows = list
    .slice(0, MAX_CHECK_ROWS)
    .map((c) => [
      `${c.name}${c.advisory ? ' (advisory)' : ''}`,
      c.stats.test,
      c.stats.outcome,
      estimateText(c),
      marginText(c),
      pText(c.stats),
      effectText(c.stats),
      c.stats.noiseFloor === null ? '' : String(+c.stats.noiseFloor.toFixed(3)),
      String(c.stats.n),
      c.stats.needed ?? '',
    ]);
  const header = ['check', 'test', 'outcome', 'estimate [CI]', 'margin', 'p / Holm p', 'effect size', 'noise floor', 'n', 'needed'];
  return `### Statistics\n\n${md(correctionSentence(report, list))}\n\n${markdownTable(header, rows)}`;
}

function metrics(report: ReportSummary): string {
  const rows = keyMetricRows(report.metrics).map((r) => [
    r.kind === 'pair' ? `${r.name} (green vs blue)` : r.name,
    r.blue,
    r.green,
    r.delta === '' ? '' : `${r.delta}${r.trend === 'worse' || r.trend === 'better' ? ` (${r.trend})` : ''}`,
  ]);
  if (rows.length === 0) return '';
  return `### Key metrics\n\n${markdownTable(['metric', 'blue', 'green', 'delta'], rows)}`;
}

function errors(report: ReportSummary): string {
  if (report.errors.length === 0) return '';
  const rows = report.errors.map((e) => [e.revision, e.class, String(e.count), String(e.retried ?? 0), e.example]);
  return `### Errors by class\n\n${markdownTable(['revision', 'class', 'final', 'retried', 'example'], rows)}`;
}

function critical(report: ReportSummary): string {
  const failing = report.critical.filter((c) => c.status !== 'pass');
  if (failing.length === 0) return '';
  const rows = failing.slice(0, MAX_CRITICAL_ROWS).map((c) => [c.id, c.status.toUpperCase(), c.reasons.join('; ')]);
  const more = failing.length > MAX_CRITICAL_ROWS ? `\n\n${failing.length - MAX_CRITICAL_ROWS} more in report.json.` : '';
  const heading = `### Critical cases not passing (${failing.length} of ${report.critical.length})`;
  return `${heading}\n\n${markdownTable(['case', 'status', 'reasons'], rows)}${more}`;
}

/** Append highlights while they fit in `budget`; note how many were left out. */
function fitToLimit(head: string, report: ReportSummary, budget: number): string {
  if (head.length > budget) return `${head.slice(0, budget)}\n\n_Summary cut at ${budget} characters; see report.json._\n`;
  if (report.highlights.length === 0) return head;
  let out = `${head}\n### Most regressed cases\n`;
  let shown = 0;
  for (const record of report.highlights) {
    const block = `\n${renderHighlight(record)}\n`;
    if (out.length + block.length > budget) break;
    out += block;
    shown++;
  }
  const left = report.highlights.length - shown;
  return left === 0
    ? out
    : `${out}\n_${left} more regressed case${left === 1 ? '' : 's'} left out to fit a GitHub comment; see report.json._\n`;
}
