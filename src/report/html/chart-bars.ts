// Horizontal grouped bars: one group per metric, one bar per revision (or a single pair bar),
// with the value written at the end of each bar. Missing values read "n/a" instead of a zero bar.
import { htmlText } from './escape.js';
import { legendItem, linear, noData, px, svgOpen, text } from './svg.js';

export interface Bar {
  /** Series name for the tooltip, e.g. `blue`. */
  name: string;
  /** CSS class of the series colour, e.g. `s-blue`. */
  cls: string;
  value: number | null;
  /** The value as people read it (0.412, 3.1%). */
  display: string;
}

export interface BarGroup {
  label: string;
  bars: Bar[];
}

const W = 560;
const LABEL = 168;
const VALUE = 64;
const BAR = 13;
const GAP = 3;
const GROUP_GAP = 11;
const TOP = 30;

/** An SVG of grouped horizontal bars on [0, max]; a placeholder when no bar has a value. */
export function barsSvg(groups: readonly BarGroup[], label: string, legend: { name: string; cls: string }[], max = 1): string {
  const shown = groups.filter((g) => g.bars.some((b) => b.value !== null && Number.isFinite(b.value)));
  if (shown.length === 0) return noData(W, 120, label);
  const top = Math.max(max, ...shown.flatMap((g) => g.bars.map((b) => (b.value !== null && Number.isFinite(b.value) ? b.value : 0))));
  const x = linear(0, top, LABEL, W - VALUE);
  const rows: string[] = [];
  let y = TOP;
  for (const g of shown) {
    const height = g.bars.length * (BAR + GAP) - GAP;
    rows.push(text(LABEL - 8, y + height / 2 + 4, g.label, 'class="label" text-anchor="end"'));
    g.bars.forEach((b, k) => {
      const by = y + k * (BAR + GAP);
      const value = b.value !== null && Number.isFinite(b.value) ? Math.max(0, b.value) : null;
      const end = value === null ? x(0) : x(value);
      const tip = `<title>${htmlText(`${g.label} — ${b.name}: ${b.display}`)}</title>`;
      rows.push(
        value === null
          ? ''
          : `<rect class="${b.cls} bar" x="${LABEL}" y="${by}" width="${px(Math.max(1, end - LABEL))}" height="${BAR}" rx="2">${tip}</rect>`,
      );
      rows.push(text(end + 5, by + BAR - 2, value === null ? 'n/a' : b.display, 'class="tick"'));
    });
    y += height + GROUP_GAP;
  }
  const height = y - GROUP_GAP + 14;
  let at = LABEL;
  const items = legend.map((l) => {
    const item = legendItem(at, 14, l.cls, l.name);
    at += item.width;
    return item.svg;
  });
  return `${svgOpen(W, height, label)}<line class="axis" x1="${LABEL}" x2="${LABEL}" y1="${TOP - 4}" y2="${height - 10}"/>${rows.join('')}${items.join('')}</svg>`;
}
