// The charts section: latency distributions, quality and retrieval per revision, drift against
// blue's own noise, and the per-tag comparison — hand-drawn SVG, no charting dependency.
import { formatValue } from '../../gate/format.js';
import type { FlatMetrics, MetricsSet } from '../../model/metrics.js';
import type { Revision } from '../../model/outcome.js';
import { unitOf } from '../values.js';
import { barsSvg, type BarGroup } from './chart-bars.js';
import { dumbbellSvg, type DumbbellRow } from './chart-dumbbell.js';
import { histogramSvg } from './chart-histogram.js';

const REVISIONS = [
  { name: 'blue', cls: 's-blue' },
  { name: 'green', cls: 's-green' },
];
const QUALITY = [
  'rag.hit@',
  'rag.recall@',
  'rag.mrr',
  'rag.ndcg@',
  'ref.rougeL.mean',
  'ref.f1.mean',
  'assert.pass_rate',
  'numbers.consistency.mean',
  'semantic.ref.mean',
  'judge.ref.mean',
];
const RATES = ['error_rate', 'first_try_error_rate', 'refusal_rate', 'retry_rate', 'errors.timeout', 'errors.5xx'];
const DRIFT = [
  'drift.f1.mean',
  'docs.jaccard.mean',
  'semantic.drift.mean',
  'drift.moved_share',
  'drift.beyond_noise_share',
  'docs.lost_share',
  'numbers.changed_share',
];
const MAX_TAGS = 24;

/** Every chart of the page, as figures with captions. */
export function chartsSection(
  metrics: MetricsSet,
  byTag: Record<string, MetricsSet>,
  latency: Record<Revision, readonly number[]>,
): string {
  const figures = [
    figure(
      'Latency per attempt, blue vs green',
      histogramSvg(
        [
          { name: 'blue', cls: 's-blue', values: latency.blue },
          { name: 'green', cls: 's-green', values: latency.green },
        ],
        'Latency distribution, blue vs green',
      ),
      'Share of each revision’s successful attempts per latency bin; dashed lines mark p50 and p95.',
    ),
    figure(
      'Answer quality and retrieval',
      barsSvg(revisionGroups(metrics, names(metrics, QUALITY)), 'Answer quality and retrieval per revision', REVISIONS),
      'Means over cases, 0–1, higher is better.',
    ),
    figure(
      'Drift: green vs blue, against blue’s own noise',
      barsSvg(driftGroups(metrics), 'Drift of green against blue', [
        { name: 'blue vs blue (noise)', cls: 's-blue' },
        { name: 'green vs blue', cls: 's-green' },
      ]),
      'Similarity of green to blue next to blue’s similarity to itself across repeats: a drift bar well below the noise bar is a real change.',
    ),
    figure(
      'Errors and refusals',
      barsSvg(revisionGroups(metrics, names(metrics, RATES)), 'Error and refusal rates per revision', REVISIONS, 0.05),
      'Share of attempts; lower is better.',
    ),
  ];
  const tags = tagRows(byTag);
  const recall = names(metrics, ['rag.recall@'])[0];
  const perTag = [
    tagChart(tags, 'ref.rougeL.mean', 'ref ROUGE-L (mean)', true),
    ...(recall ? [tagChart(tags, recall, recall, true)] : []),
    tagChart(tags, 'latency.p95', 'latency p95', false),
  ];
  const tagFigure =
    Object.keys(byTag).length === 0
      ? ''
      : `<figure class="wide"><figcaption>Per tag: blue <span class="dot-key s-blue"></span> vs green <span class="dot-key s-green"></span> (cases per tag in brackets${Object.keys(byTag).length > MAX_TAGS ? `; the ${MAX_TAGS} largest tags of ${Object.keys(byTag).length}` : ''})</figcaption><div class="tag-charts">${perTag.join('')}</div></figure>`;
  return `<section id="charts" aria-labelledby="charts-h"><h2 id="charts-h">Charts</h2><div class="charts">${figures.join('')}${tagFigure}</div></section>`;
}

function figure(title: string, svg: string, note: string): string {
  return `<figure><figcaption>${title}</figcaption>${svg}<p class="note">${note}</p></figure>`;
}

/** The metric names present in the run, in `wanted` order; a name ending in `@` matches every k. */
function names(metrics: MetricsSet, wanted: readonly string[]): string[] {
  const present = [...new Set([...Object.keys(metrics.blue), ...Object.keys(metrics.green)])].sort();
  return wanted.flatMap((w) => (w.endsWith('@') ? present.filter((n) => n.startsWith(w)) : present.filter((n) => n === w)));
}

function revisionGroups(metrics: MetricsSet, list: readonly string[]): BarGroup[] {
  return list.map((name) => ({ label: name, bars: REVISIONS.map((r) => bar(r.name, r.cls, metrics[r.name as Revision], name)) }));
}

function driftGroups(metrics: MetricsSet): BarGroup[] {
  const rouge: BarGroup = {
    label: 'ROUGE-L similarity',
    bars: [
      bar('blue vs blue', 's-blue', metrics.pair, 'noise.rougeL.mean'),
      bar('green vs blue', 's-green', metrics.pair, 'drift.rougeL.mean'),
    ],
  };
  const rest = DRIFT.filter((n) => metrics.pair[n]?.value !== undefined).map((n) => ({
    label: n,
    bars: [bar('green vs blue', 's-green', metrics.pair, n)],
  }));
  return [rouge, ...rest];
}

function bar(name: string, cls: string, flat: FlatMetrics, metric: string) {
  const value = flat[metric]?.value ?? null;
  return { name, cls, value, display: formatValue(value, unitOf(metric)) };
}

interface TagMetrics {
  tag: string;
  set: MetricsSet;
}

function tagRows(byTag: Record<string, MetricsSet>): TagMetrics[] {
  return Object.entries(byTag)
    .map(([tag, set]) => ({ tag, set }))
    .sort((a, b) => b.set.cases - a.set.cases || a.tag.localeCompare(b.tag))
    .slice(0, MAX_TAGS);
}

function tagChart(tags: readonly TagMetrics[], metric: string, title: string, higherIsBetter: boolean): string {
  const rows: DumbbellRow[] = tags.map(({ tag, set }) => ({
    label: short(tag),
    n: set.cases,
    blue: set.blue[metric]?.value ?? null,
    green: set.green[metric]?.value ?? null,
  }));
  const unit = unitOf(metric);
  return dumbbellSvg(rows, {
    label: `${title} per tag, blue vs green`,
    title,
    higherIsBetter,
    format: (v) => formatValue(v, unit),
    ...(unit === 'ms' ? {} : { max: 1 }),
  });
}

function short(tag: string): string {
  const chars = Array.from(tag);
  return chars.length <= 16 ? tag : `${chars.slice(0, 15).join('')}…`;
}
