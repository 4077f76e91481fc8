// Per-tag comparison as a dumbbell chart: one row per tag, blue's and green's values as dots on a
// shared axis joined by a line coloured by direction (worse / better for a reader of that metric).
import { htmlText } from './escape.js';
import { linear, niceTicks, noData, px, svgOpen, text } from './svg.js';

export interface DumbbellRow {
  label: string;
  /** Cases in the tag. */
  n: number;
  blue: number | null;
  green: number | null;
}

export interface DumbbellOptions {
  label: string;
  /** Axis title, e.g. `ref ROUGE-L (mean)`. */
  title: string;
  higherIsBetter: boolean;
  format: (v: number) => string;
  /** Smallest axis maximum (1 for scores); the data may extend it. */
  min?: number;
  max?: number;
}

const W = 360;
const LABEL = 128;
const ROW = 20;
const TOP = 34;

/** An SVG dumbbell per row; rows with neither value are skipped, a placeholder when none are left. */
export function dumbbellSvg(rows: readonly DumbbellRow[], o: DumbbellOptions): string {
  const shown = rows.filter((r) => finite(r.blue) || finite(r.green));
  if (shown.length === 0) return noData(W, 110, o.label);
  const values = shown.flatMap((r) => [r.blue, r.green]).filter(finite);
  const lo = Math.min(o.min ?? 0, ...values);
  const hi = Math.max(o.max ?? lo, ...values);
  const x = linear(lo, hi === lo ? lo + 1 : hi, LABEL + 6, W - 16);
  const height = TOP + shown.length * ROW + 8;
  const grid = niceTicks(lo, hi === lo ? lo + 1 : hi, 4).map(
    (t) =>
      `<line class="grid" x1="${px(x(t))}" x2="${px(x(t))}" y1="${TOP - 6}" y2="${height - 6}"/>${text(x(t), TOP - 10, o.format(t), 'class="tick" text-anchor="middle"')}`,
  );
  const body = shown.map((r, k) => {
    const y = TOP + k * ROW + ROW / 2;
    const parts = [text(LABEL - 4, y + 4, `${r.label} (${r.n})`, 'class="label" text-anchor="end"')];
    if (finite(r.blue) && finite(r.green)) {
      const worse = r.green === r.blue ? 'same' : r.green > r.blue === o.higherIsBetter ? 'better' : 'worse';
      parts.push(`<line class="link ${worse}" x1="${px(x(r.blue))}" x2="${px(x(r.green))}" y1="${y}" y2="${y}"/>`);
    }
    for (const [name, v] of [
      ['blue', r.blue],
      ['green', r.green],
    ] as const) {
      if (finite(v))
        parts.push(
          `<circle class="s-${name} dot" cx="${px(x(v))}" cy="${y}" r="5"><title>${htmlText(`${r.label} — ${name}: ${o.format(v)} (${r.n} cases)`)}</title></circle>`,
        );
    }
    return `<g>${parts.join('')}</g>`;
  });
  return `${svgOpen(W, height, o.label)}${text(LABEL - 4, 14, o.title, 'class="label strong" text-anchor="end"')}${grid.join('')}${body.join('')}</svg>`;
}

function finite(v: number | null): v is number {
  return v !== null && Number.isFinite(v);
}
