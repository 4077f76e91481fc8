// The diff as one self-contained HTML page: inline CSS, no scripts, no external assets. Every
// string from a run goes through escapeHtml into a text node; attributes carry only fixed class names.
import { selectionText } from '../report/selection.js';
import { escapeHtml as h, truncate } from '../report/text.js';
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

const TEXT_LIMIT = 2000;

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#1f2328}
table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
.better{color:#1a7f37}.worse{color:#cf222e}.warn{background:#fff8c5;border:1px solid #d4a72c;padding:.5em 1em}
pre{white-space:pre-wrap;background:#f6f8fa;padding:.5em;border-radius:4px}details{margin:.5em 0}summary{cursor:pointer}`;

type Cell = string | { text: string; cls?: 'num' | 'better' | 'worse' };

/** Render the diff as a standalone HTML document. */
export function renderDiffHtml(diff: Diff): string {
  const heading = `revgate diff: ${diff.b.side} of B vs ${diff.a.side} of A — ${diff.b.suite.name}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${h(heading)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<h1>${h(heading)}</h1>`,
    `<p>${h(tallyText(diff))}; cases: ${h(caseTallyText(diff))}.</p>`,
    sides(diff),
    diff.selection ? `<p>${h(`${selectionText(diff.selection)}: ${SELECTION_NOTE}`)}</p>` : '',
    warnings(diff),
    section('Metrics (B − A)', metricTable(diff.metrics)),
    usage(diff),
    diff.pairMetrics.length
      ? section(
          'Green vs blue within each run',
          `<p>These compare each run's green with its own blue, whatever sides are diffed.</p>${metricTable(diff.pairMetrics)}`,
        )
      : '',
    tags(diff),
    cases(diff),
    diff.scoreChanges.length ? section('Biggest per-case score changes', diff.scoreChanges.map(scoreBlock).join('\n')) : '',
    '</body></html>',
    '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

function section(title: string, body: string): string {
  return `<h2>${h(title)}</h2>\n${body}`;
}

function table(header: string[], rows: Cell[][]): string {
  const cell = (c: Cell): string =>
    typeof c === 'string' ? `<td>${h(c)}</td>` : `<td${c.cls ? ` class="${c.cls}"` : ''}>${h(c.text)}</td>`;
  return `<table><thead><tr>${header.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>\n${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n')}\n</tbody></table>`;
}

function directionCell(m: Pick<MetricDelta, 'direction' | 'delta' | 'noise' | 'unit'>): Cell {
  return m.direction === 'better' || m.direction === 'worse' ? { text: m.direction, cls: m.direction } : directionText(m);
}

function metricTable(list: readonly MetricDelta[]): string {
  const num = (text: string): Cell => ({ text, cls: 'num' });
  return table(
    ['metric', 'A', 'B', 'delta', 'relative', 'direction'],
    list.map((m) => [
      m.name,
      num(valueText(m, m.a)),
      num(valueText(m, m.b)),
      num(deltaText(m)),
      num(relativeText(m.relative)),
      directionCell(m),
    ]),
  );
}

function sides(diff: Diff): string {
  const row = (label: string, s: Diff['a']): Cell[] => [
    label,
    s.side,
    s.runId,
    s.target.url,
    s.target.model ?? '',
    `${s.verdict}${s.complete ? '' : ' (incomplete)'}`,
    String(s.cases),
    s.file,
  ];
  return table(['run', 'revision', 'run', 'url', 'model', 'run verdict', 'cases', 'report'], [row('A', diff.a), row('B', diff.b)]);
}

function warnings(diff: Diff): string {
  if (diff.warnings.length === 0) return '';
  return `<div class="warn"><strong>Warning</strong><ul>${diff.warnings.map((w) => `<li>${h(w)}</li>`).join('')}</ul></div>`;
}

function usage(diff: Diff): string {
  const u = diff.usage;
  if (u === null) return '';
  const { rows, priced } = usageRows(u);
  const note = priced
    ? `Prices: A ${priceText(u.a)}; B ${priceText(u.b)}.`
    : 'Cost needs prices: --price-in and --price-out (USD per 1M tokens).';
  return section('Tokens and cost per 1,000 requests', `${table(['per 1,000 requests', 'A', 'B', 'B − A'], rows)}<p>${h(note)}</p>`);
}

function tags(diff: Diff): string {
  if (diff.tags.length === 0 && diff.tagsOnlyInA.length === 0 && diff.tagsOnlyInB.length === 0) return '';
  const { header, rows } = tagTable(diff);
  const only = [
    ...(diff.tagsOnlyInA.length ? [`Only in A: ${diff.tagsOnlyInA.join(', ')}.`] : []),
    ...(diff.tagsOnlyInB.length ? [`Only in B: ${diff.tagsOnlyInB.join(', ')}.`] : []),
  ];
  return section('By tag (A → B)', `${rows.length ? table(header, rows) : ''}${only.length ? `<p>${h(only.join(' '))}</p>` : ''}`);
}

function cases(diff: Diff): string {
  const list = diff.cases.changed;
  if (list.length === 0) return section('Cases', `<p>No case changed status (${diff.cases.matched} cases in both runs).</p>`);
  const rows = list.map((c): Cell[] => [
    `${c.id}${c.critical ? ' (critical)' : ''}`,
    c.change === 'regressed' ? { text: c.change, cls: 'worse' } : c.change === 'improved' ? { text: c.change, cls: 'better' } : c.change,
    c.a ?? '—',
    c.b ?? '—',
    truncate(c.reasons.join('; '), TEXT_LIMIT),
  ]);
  return section(`Cases that changed (${caseTallyText(diff)})`, table(['case', 'change', 'A', 'B', 'reasons'], rows));
}

function scoreBlock(c: ScoreChange): string {
  const pre = (label: string, text: string | null) =>
    `<p><strong>${h(label)}</strong></p>${text === null ? '<p><em>no answer</em></p>' : `<pre>${h(truncate(text, TEXT_LIMIT))}</pre>`}`;
  return [
    `<details><summary>${h(`${c.score} · ${c.id}: ${scoreText(c)}`)}</summary>`,
    pre('Prompt', c.prompt),
    c.reference === null ? '' : pre('Reference', c.reference),
    pre('A', c.answerA),
    pre('B', c.answerB),
    '</details>',
  ]
    .filter((s) => s !== '')
    .join('\n');
}
