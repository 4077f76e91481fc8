// The diff as GitHub-flavoured Markdown. Every string from a run (ids, URLs, answers, reasons) is
// escaped: table cells by markdownTable, answers inside <pre> with &, < and > escaped (a <pre>
// HTML block runs to </pre> and is not parsed as Markdown, so an answer cannot break out of it).
import { markdownTable } from '../report/markdown-table.js';
import { selectionText } from '../report/selection.js';
import { escapeHtml, escapeMarkdownInline as md, truncate } from '../report/text.js';
import {
  SELECTION_NOTE,
  caseTallyText,
  deltaText,
  directionText,
  priceText,
  relativeText,
  scoreText,
  tagTable,
  tallyText,
  usageRows,
  valueText,
} from './format.js';
import type { Diff, MetricDelta, ScoreChange } from './model.js';

/** Longest stretch of any one text shown (prompt, reference, an answer), in characters. */
export const DIFF_TEXT_LIMIT = 600;
const MAX_CASE_ROWS = 100;

/** Render the diff as Markdown. */
export function renderDiffMarkdown(diff: Diff): string {
  return `${[
    title(diff),
    sides(diff),
    selection(diff),
    warnings(diff),
    metrics(diff),
    usage(diff),
    pairMetrics(diff),
    tags(diff),
    cases(diff),
    scoreChanges(diff),
  ]
    .filter((s) => s !== '')
    .join('\n\n')}\n`;
}

function title(diff: Diff): string {
  return `## revgate diff: ${md(diff.b.side)} of B vs ${md(diff.a.side)} of A — ${md(diff.b.suite.name)}\n\n${md(tallyText(diff))}; cases: ${md(caseTallyText(diff))}.`;
}

function sides(diff: Diff): string {
  const row = (label: string, s: Diff['a']) => [
    label,
    s.side,
    s.runId,
    s.target.url,
    s.target.model ?? '',
    `${s.verdict}${s.complete ? '' : ' (incomplete)'}`,
    String(s.cases),
    s.file,
  ];
  return markdownTable(['run', 'revision', 'run', 'url', 'model', 'run verdict', 'cases', 'report'], [row('A', diff.a), row('B', diff.b)]);
}

function selection(diff: Diff): string {
  if (diff.selection === undefined) return '';
  return `${md(selectionText(diff.selection))}: ${SELECTION_NOTE}`;
}

function warnings(diff: Diff): string {
  if (diff.warnings.length === 0) return '';
  return ['> [!WARNING]', ...diff.warnings.map((w) => `> - ${md(w)}`)].join('\n');
}

function metricRows(list: readonly MetricDelta[]): string[][] {
  return list.map((m) => [m.name, valueText(m, m.a), valueText(m, m.b), deltaText(m), relativeText(m.relative), directionText(m)]);
}

function metrics(diff: Diff): string {
  if (diff.metrics.length === 0) return '';
  return `### Metrics (B − A)\n\n${markdownTable(['metric', 'A', 'B', 'delta', 'relative', 'direction'], metricRows(diff.metrics))}`;
}

function pairMetrics(diff: Diff): string {
  if (diff.pairMetrics.length === 0) return '';
  return `### Green vs blue within each run\n\nThese compare each run's green with its own blue, whatever sides are diffed.\n\n${markdownTable(['metric', 'A', 'B', 'delta', 'relative', 'direction'], metricRows(diff.pairMetrics))}`;
}

function usage(diff: Diff): string {
  const u = diff.usage;
  if (u === null) return '';
  const { rows, priced } = usageRows(u);
  const note = priced
    ? `Prices: A ${priceText(u.a)}; B ${priceText(u.b)}.`
    : 'Cost needs prices: `--price-in` and `--price-out` (USD per 1M tokens).';
  return `### Tokens and cost per 1,000 requests\n\n${markdownTable(['per 1,000 requests', 'A', 'B', 'B − A'], rows)}\n\n${note}`;
}

function tags(diff: Diff): string {
  if (diff.tags.length === 0 && diff.tagsOnlyInA.length === 0 && diff.tagsOnlyInB.length === 0) return '';
  const { header, rows } = tagTable(diff);
  const only = [
    ...(diff.tagsOnlyInA.length ? [`Only in A: ${diff.tagsOnlyInA.map(md).join(', ')}.`] : []),
    ...(diff.tagsOnlyInB.length ? [`Only in B: ${diff.tagsOnlyInB.map(md).join(', ')}.`] : []),
  ];
  const table = rows.length === 0 ? '' : `\n\n${markdownTable(header, rows)}`;
  return `### By tag (A → B)${table}${only.length ? `\n\n${only.join(' ')}` : ''}`;
}

function cases(diff: Diff): string {
  const list = diff.cases.changed;
  if (list.length === 0) return `### Cases\n\nNo case changed status (${diff.cases.matched} cases in both runs).`;
  const rows = list
    .slice(0, MAX_CASE_ROWS)
    .map((c) => [
      `${c.id}${c.critical ? ' (critical)' : ''}`,
      c.change,
      c.a ?? '—',
      c.b ?? '—',
      truncate(c.reasons.join('; '), DIFF_TEXT_LIMIT),
    ]);
  const more = list.length > MAX_CASE_ROWS ? `\n\n${list.length - MAX_CASE_ROWS} more in diff.json.` : '';
  return `### Cases that changed (${md(caseTallyText(diff))})\n\n${markdownTable(['case', 'change', 'A', 'B', 'reasons'], rows)}${more}`;
}

function scoreChanges(diff: Diff): string {
  if (diff.scoreChanges.length === 0) return '';
  return ['### Biggest per-case score changes', '', ...diff.scoreChanges.map(scoreBlock)].join('\n');
}

function scoreBlock(c: ScoreChange): string {
  const pre = (label: string, text: string | null) => [
    `**${label}**`,
    '',
    text === null ? '_no answer_' : `<pre>${escapeHtml(truncate(text, DIFF_TEXT_LIMIT))}</pre>`,
    '',
  ];
  return [
    `<details><summary>${escapeHtml(c.score)} · ${escapeHtml(c.id)}: ${escapeHtml(scoreText(c))}</summary>`,
    '',
    ...pre('Prompt', c.prompt),
    ...(c.reference === null ? [] : pre('Reference', c.reference)),
    ...pre('A', c.answerA),
    ...pre('B', c.answerB),
    '</details>',
    '',
  ].join('\n');
}
