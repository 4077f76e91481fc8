// Server-rendered parts of the page that read only the summary: header, verdict banner, checks,
// statistics, key metrics, errors and critical cases. Every run-supplied string goes through htmlText.
import { formatMs } from '../../gate/format.js';
import { STATUS_ORDER, type CheckResult } from '../../model/verdict.js';
import { keyMetricRows } from '../key-metrics.js';
import type { ReportSummary } from '../../model/report.js';
import { selectionText } from '../selection.js';
import { correctionSentence, effectText, estimateText, marginText, pText, statChecks } from '../statistics.js';
import { formatCheckNumber, formatCheckSide, sortChecks } from '../values.js';
import { htmlAttr, htmlText as t } from './escape.js';

/** Title and run facts. */
export function header(report: ReportSummary): string {
  const { run, targets } = report;
  const repeats = report.config.sampling['repeats'];
  const facts = [
    ['run', run.id],
    ['cases', `${run.casesDone}/${run.casesPlanned}`],
    ...(run.selection ? [['selection', selectionText(run.selection)]] : []),
    ...(typeof repeats === 'number' ? [['repeats', String(repeats)]] : []),
    ['warm-up', String(run.warmup)],
    ['duration', formatMs(run.durationMs)],
    ['started', run.startedAt],
    ['blue', `${targets.blue.url}${targets.blue.model ? ` · ${targets.blue.model}` : ''}`],
    ['green', `${targets.green.url}${targets.green.model ? ` · ${targets.green.model}` : ''}`],
  ];
  const dl = facts.map(([k, v]) => `<div><dt>${t(k!)}</dt><dd>${t(v!)}</dd></div>`).join('');
  const description = report.suite.description ? `<p class="muted">${t(report.suite.description)}</p>` : '';
  return `<header><h1>revgate <span class="muted">·</span> ${t(report.suite.name)} <span class="muted">green vs blue</span></h1>${description}<dl class="facts">${dl}</dl></header>`;
}

/** The verdict in large type, its counts, and the reasons behind a non-pass verdict. */
export function verdictBanner(report: ReportSummary, notes: readonly string[]): string {
  const { verdict, run } = report;
  const counts = STATUS_ORDER.map((s) => `<span class="badge ${s}">${verdict.counts[s] ?? 0} ${s}</span>`).join(' ');
  const reasons =
    verdict.reasons.length === 0
      ? '<p>Every voting check passed.</p>'
      : `<ul class="reasons">${verdict.reasons.map((r) => `<li>${t(r)}</li>`).join('')}</ul>`;
  const warnings = [...notes];
  if (!run.complete) {
    const why =
      run.interrupted === null ? '' : ` (${run.interrupted === 'deadline' ? 'deadline reached' : `interrupted by ${run.interrupted}`})`;
    warnings.unshift(`Incomplete run${why}: ${run.casesDone} of ${run.casesPlanned} cases scored. An incomplete run is never a pass.`);
  }
  const warn = warnings.map((w) => `<p class="warning" role="note">${t(w)}</p>`).join('');
  return `<section id="verdict" class="verdict ${verdict.status}" aria-labelledby="verdict-h"><h2 id="verdict-h"><span class="verdict-word">${verdict.status.toUpperCase()}</span> <span class="counts">${counts}</span></h2>${reasons}${warn}</section>`;
}

/** Every check, voting ones first and worst first. */
export function checksTable(report: ReportSummary): string {
  if (report.checks.length === 0) return '';
  const rows = sortChecks(report.checks).map(
    (c) =>
      `<tr class="${c.status}">${[
        `<td>${statusBadge(c)}</td>`,
        `<td>${t(c.name)}${c.kind === 'threshold' || c.kind === 'statistical' ? '' : ` <span class="muted">(${c.kind})</span>`}</td>`,
        num(formatCheckNumber(c, c.value)),
        num(formatCheckNumber(c, c.limit)),
        num(formatCheckSide(c, c.blue)),
        num(formatCheckSide(c, c.green)),
        num(String(c.n)),
        `<td class="reason">${t(c.reason)}</td>`,
      ].join('')}</tr>`,
  );
  const head = ['status', 'check', 'value', 'limit', 'blue', 'green', 'n', 'reason'].map((h) => `<th scope="col">${h}</th>`).join('');
  return `<section id="checks" aria-labelledby="checks-h"><h2 id="checks-h">Checks</h2><div class="scroll"><table class="data"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

/** Statistical checks with their evidence: outcome, estimate [CI], p / Holm p, effect size, noise floor, needed. */
export function statisticsTable(report: ReportSummary): string {
  const list = statChecks(sortChecks(report.checks));
  if (list.length === 0) return '';
  const rows = list.map(
    (c) =>
      `<tr>${[
        `<td>${t(c.name)}${c.advisory ? ' <span class="muted">(advisory)</span>' : ''}<div class="muted small">${t(c.stats.test)}</div></td>`,
        `<td><span class="badge outcome-${c.stats.outcome}">${c.stats.outcome}</span></td>`,
        num(estimateText(c)),
        num(marginText(c)),
        num(pText(c.stats)),
        `<td>${t(effectText(c.stats))}</td>`,
        num(c.stats.noiseFloor === null ? '' : String(+c.stats.noiseFloor.toFixed(3))),
        num(String(c.stats.n)),
        `<td>${t(c.stats.needed ?? '')}</td>`,
      ].join('')}</tr>`,
  );
  const head = ['check', 'outcome', 'estimate [CI]', 'margin', 'p / Holm p', 'effect size', 'noise floor', 'n', 'needed']
    .map((h) => `<th scope="col">${h}</th>`)
    .join('');
  return `<section id="statistics" aria-labelledby="stats-h"><h2 id="stats-h">Statistics</h2><p class="note">${t(correctionSentence(report, list))}</p><div class="scroll"><table class="data"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

/** The key metrics, blue / green / delta, with the direction of each change. */
export function keyMetrics(report: ReportSummary): string {
  const rows = keyMetricRows(report.metrics);
  if (rows.length === 0) return '';
  const body = rows.map(
    (r) =>
      `<tr><td>${t(r.kind === 'pair' ? `${r.name} (green vs blue)` : r.name)}</td>${num(r.blue)}${num(r.green)}<td class="num ${r.trend ?? ''}">${t(r.delta)}${r.trend === 'better' || r.trend === 'worse' ? ` <span class="small">${r.trend}</span>` : ''}</td></tr>`,
  );
  return `<section id="metrics" aria-labelledby="metrics-h"><h2 id="metrics-h">Key metrics</h2><div class="scroll"><table class="data compact"><thead><tr><th scope="col">metric</th><th scope="col">blue</th><th scope="col">green</th><th scope="col">delta</th></tr></thead><tbody>${body.join('')}</tbody></table></div></section>`;
}

/** Errors by class and revision, with an example message. */
export function errorsTable(report: ReportSummary): string {
  if (report.errors.length === 0) return '';
  const body = report.errors.map(
    (e) =>
      `<tr><td><span class="rev ${e.revision}">${e.revision}</span></td><td>${t(e.class)}</td>${num(String(e.count))}${num(String(e.retried ?? 0))}<td class="reason">${t(e.example)}</td></tr>`,
  );
  return `<section id="errors" aria-labelledby="errors-h"><h2 id="errors-h">Errors by class</h2><div class="scroll"><table class="data compact"><thead><tr><th scope="col">revision</th><th scope="col">class</th><th scope="col">final</th><th scope="col">retried</th><th scope="col">example</th></tr></thead><tbody>${body.join('')}</tbody></table></div></section>`;
}

/** Critical cases that did not pass; each links to its row in the case list. */
export function criticalList(report: ReportSummary): string {
  const failing = report.critical.filter((c) => c.status !== 'pass');
  if (failing.length === 0) return '';
  const items = failing.map(
    (c) =>
      `<li><span class="badge ${c.status}">${c.status}</span> <a href="#case=${htmlAttr(encodeURIComponent(c.id))}" data-case="${htmlAttr(c.id)}">${t(c.id)}</a> <span class="muted">${t(c.reasons.join('; '))}</span></li>`,
  );
  return `<section id="critical" aria-labelledby="critical-h"><h2 id="critical-h">Critical cases not passing (${failing.length} of ${report.critical.length})</h2><ul class="plain">${items.join('')}</ul></section>`;
}

function statusBadge(c: CheckResult): string {
  return `<span class="badge ${c.status}">${c.status}</span>${c.advisory ? ' <span class="badge advisory">advisory</span>' : ''}`;
}

function num(s: string): string {
  return `<td class="num">${t(s)}</td>`;
}
