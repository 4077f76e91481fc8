// Small helpers shared by the hand-drawn SVG charts: numbers that stay finite, nice axis ticks,
// the frame every chart starts from, and the "no data" placeholder. Colours come from CSS classes
// (`s-blue`, `s-green`, …) so the page's light/dark palette applies to the charts too.
import { htmlAttr, htmlText } from './escape.js';

/** A coordinate rounded to 0.1px; never NaN or Infinity in the markup. */
export function px(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 10) / 10) : '0';
}

/** About `count` round tick values covering [lo, hi] (steps of 1, 2 or 5 × 10^k). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi <= lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(+t.toPrecision(12));
  return ticks;
}

/** A linear scale from [d0, d1] to [r0, r1]; a zero-width domain maps to the middle of the range. */
export function linear(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  const span = d1 - d0;
  return span === 0 ? () => (r0 + r1) / 2 : (x) => r0 + ((x - d0) / span) * (r1 - r0);
}

/** The opening tag of a chart: sized by viewBox, labelled for screen readers. */
export function svgOpen(width: number, height: number, label: string): string {
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${htmlAttr(label)}" xmlns="http://www.w3.org/2000/svg"><title>${htmlText(label)}</title>`;
}

/** A chart with nothing to draw says so instead of drawing empty axes. */
export function noData(width: number, height: number, label: string, why = 'no data'): string {
  return `${svgOpen(width, height, `${label}: ${why}`)}<rect class="frame" x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="6"/><text class="muted" x="${px(width / 2)}" y="${px(height / 2)}" text-anchor="middle" dominant-baseline="middle">${htmlText(why)}</text></svg>`;
}

/** SVG text, escaped. */
export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attrs ? ` ${attrs}` : ''}>${htmlText(content)}</text>`;
}

/** A legend swatch and its label; returns the markup and the width used. */
export function legendItem(x: number, y: number, cls: string, label: string): { svg: string; width: number } {
  const svg = `<rect class="${cls}" x="${px(x)}" y="${px(y - 9)}" width="12" height="12" rx="2"/>${text(x + 17, y + 1, label, 'class="legend"')}`;
  return { svg, width: 17 + label.length * 6.6 + 16 };
}
