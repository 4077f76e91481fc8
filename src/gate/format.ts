// Values for humans, by metric unit. Shared by gate reasons and the report renderers.
import type { MetricUnit } from '../scoring/catalog.js';

/** Milliseconds: 812ms, 1.2s, 2.5m (sign kept: -212ms). */
export function formatMs(ms: number): string {
  // Compare after rounding, so 999.6ms reads 1s and 59.999s reads 1m.
  if (Math.abs(+ms.toFixed(0)) < 1000) return `${round(ms, 0)}ms`;
  if (Math.abs(+(ms / 1000).toFixed(2)) < 60) return `${round(ms / 1000, 2)}s`;
  return `${round(ms / 60_000, 2)}m`;
}

/** A 0..1 share as a percentage: 3.1%, 1%, 0.05%. */
export function formatRate(rate: number): string {
  const pct = rate * 100;
  return `${round(pct, Math.abs(pct) < 1 ? 2 : 1)}%`;
}

/** A 0..1 score: 0.412. */
export function formatScore(score: number): string {
  return round(score, 3);
}

/** A green/blue factor: 1.34. */
export function formatRatio(ratio: number): string {
  return round(ratio, 2);
}

/** Counts, tokens, characters: integers as is, means to one decimal. */
export function formatCount(count: number): string {
  return Number.isInteger(count) ? String(count) : round(count, 1);
}

/** Any metric value in its unit; null reads "n/a". */
export function formatValue(value: number | null, unit: MetricUnit): string {
  if (value === null) return 'n/a';
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'rate':
      return formatRate(value);
    case 'score':
      return formatScore(value);
    default:
      return formatCount(value);
  }
}

/** A difference (green − blue) in the metric's unit, with an explicit sign: +212ms, -3.1%, +0. */
export function formatDelta(delta: number, unit: MetricUnit): string {
  const text = formatValue(delta, unit);
  return text.startsWith('-') ? text : `+${text}`;
}

/** A canonical form for ids and config echoes (1200ms, 1%, 0.4), to `digits` significant digits. */
export function formatExact(value: number, unit: MetricUnit | 'factor', digits = 12): string {
  if (unit === 'ms') return `${exact(value, digits)}ms`;
  if (unit === 'rate') return `${exact(value * 100, digits)}%`;
  return exact(value, digits);
}

// 12 significant digits drop binary noise such as 0.07 * 100 = 7.000000000000001.
function exact(x: number, digits: number): string {
  return String(+x.toPrecision(digits));
}

// `+` drops trailing zeros ("1.20" → 1.2) and turns -0 into 0.
function round(x: number, decimals: number): string {
  const r = +x.toFixed(decimals);
  return String(r === 0 ? 0 : r);
}
