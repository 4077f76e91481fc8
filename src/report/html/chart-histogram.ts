// Overlaid histograms of latency, blue against green, on shared bins. Bars show each revision's
// share of its own attempts (so revisions with different sample sizes compare), and dashed lines
// mark each revision's p50 and p95.
import { formatMs } from '../../gate/format.js';
import { quantile } from '../../scoring/quantiles.js';
import { htmlText } from './escape.js';
import { legendItem, linear, niceTicks, noData, px, svgOpen, text } from './svg.js';

export interface HistogramSeries {
  name: string;
  /** CSS class of the series colour, e.g. `s-blue`. */
  cls: string;
  values: readonly number[];
}

const W = 560;
const H = 240;
const M = { top: 30, right: 14, bottom: 38, left: 44 };

/** An SVG histogram of `series` on shared bins; a placeholder when no series has a finite value. */
export function histogramSvg(series: readonly HistogramSeries[], label = 'Latency distribution'): string {
  const clean = series.map((s) => ({
    ...s,
    values: s.values
      .filter(Number.isFinite)
      .slice()
      .sort((x, y) => x - y),
  }));
  const all = clean.flatMap((s) => s.values);
  if (all.length === 0) return noData(W, H, label);
  let lo = Math.min(...clean.map((s) => s.values[0] ?? Infinity));
  let hi = Math.max(...clean.map((s) => s.values[s.values.length - 1] ?? -Infinity));
  // A long tail would squeeze the bulk into a few bins: the axis stops at the 99th percentile of
  // all samples and the last bin holds the slower ones (said on the chart).
  const cap =
    quantile(
      all.sort((x, y) => x - y),
      0.99,
    ) ?? hi;
  const clipped = cap > lo && hi > cap * 1.05 ? hi : null;
  if (clipped !== null) hi = cap;
  if (hi === lo) {
    const pad = Math.max(1, Math.abs(lo) * 0.05);
    lo -= pad;
    hi += pad;
  }
  const bins = Math.min(40, Math.max(6, Math.ceil(Math.sqrt(all.length))));
  const width = (hi - lo) / bins;
  const shares = clean.map((s) => binShares(s.values, lo, width, bins));
  const top = Math.max(...shares.flat(), 0.01);
  const x = linear(lo, hi, M.left, W - M.right);
  const y = linear(0, top, H - M.bottom, M.top);
  const parts: string[] = [svgOpen(W, H, label), axes(x, y, lo, hi, top)];
  clean.forEach((s, k) => {
    const bars = shares[k]!.map((share, b) =>
      share === 0
        ? ''
        : `<rect class="${s.cls} bar" x="${px(x(lo + b * width))}" y="${px(y(share))}" width="${px(Math.max(1, x(lo + width) - x(lo) - 1))}" height="${px(y(0) - y(share))}"><title>${htmlText(s.name)} ${formatMs(lo + b * width)}–${formatMs(lo + (b + 1) * width)}: ${(share * 100).toFixed(1)}%</title></rect>`,
    );
    parts.push(`<g class="series">${bars.join('')}</g>`);
  });
  clean.forEach((s) => parts.push(markers(s, x)));
  if (clipped !== null)
    parts.push(
      text(
        W - M.right,
        M.top + 8,
        `last bin: ≥ ${formatMs(lo + (bins - 1) * width)} (max ${formatMs(clipped)})`,
        'class="tick" text-anchor="end"',
      ),
    );
  parts.push(legend(clean));
  parts.push('</svg>');
  return parts.join('');
}

function binShares(values: readonly number[], lo: number, width: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)))]! += 1;
  return values.length === 0 ? counts : counts.map((c) => c / values.length);
}

function axes(x: (v: number) => number, y: (v: number) => number, lo: number, hi: number, top: number): string {
  const xt = niceTicks(lo, hi, 6).map(
    (t) =>
      `<line class="grid" x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(y(0))}" y2="${px(y(0) + 4)}"/>${text(x(t), H - M.bottom + 16, formatMs(t), 'class="tick" text-anchor="middle"')}`,
  );
  const yt = niceTicks(0, top, 4).map(
    (t) =>
      `<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${px(y(t))}" y2="${px(y(t))}"/>${text(M.left - 6, y(t) + 4, `${Math.round(t * 100)}%`, 'class="tick" text-anchor="end"')}`,
  );
  return `<g>${yt.join('')}${xt.join('')}<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${px(y(0))}" y2="${px(y(0))}"/>${text(W - M.right, H - 4, 'latency per attempt', 'class="tick" text-anchor="end"')}</g>`;
}

function markers(s: HistogramSeries, x: (v: number) => number): string {
  if (s.values.length === 0) return '';
  return (['p50', 'p95'] as const)
    .map((name) => {
      const v = quantile(s.values, name === 'p50' ? 0.5 : 0.95) ?? 0;
      return `<line class="${s.cls} marker" x1="${px(x(v))}" x2="${px(x(v))}" y1="${M.top - 4}" y2="${H - M.bottom}"><title>${htmlText(s.name)} ${name} ${formatMs(v)}</title></line>`;
    })
    .join('');
}

function legend(series: readonly HistogramSeries[]): string {
  let at = M.left;
  const items = series.map((s) => {
    const label =
      s.values.length === 0
        ? `${s.name}: no data`
        : `${s.name} (n=${s.values.length}, p50 ${formatMs(quantile(s.values, 0.5) ?? 0)}, p95 ${formatMs(quantile(s.values, 0.95) ?? 0)})`;
    const item = legendItem(at, 14, s.cls, label);
    at += item.width;
    return item.svg;
  });
  return `<g>${items.join('')}</g>`;
}
