// Numbers of statistical checks for humans: signed estimates with a true minus sign, p-values, units.
import type { StatUnit } from './tests.js';

const MINUS = '\u2212';

/** A value in a test's unit: 0.061 (score), 2.7% (rate), 212ms, 1.34 (factor); `signed` adds + / −. */
export function formatStat(value: number, unit: StatUnit, signed = false): string {
  const body = magnitude(Math.abs(value), unit);
  const zero = /^[0.]*(%|ms)?$/.test(body);
  if (unit === 'factor' || !signed) return value < 0 && !zero ? `${MINUS}${body}` : body;
  return zero ? body : `${value < 0 ? MINUS : '+'}${body}`;
}

/** An interval as "[−0.082, −0.041]". */
export function formatInterval(interval: readonly [number, number], unit: StatUnit): string {
  return `[${formatStat(interval[0], unit, unit !== 'factor')}, ${formatStat(interval[1], unit, unit !== 'factor')}]`;
}

/** A p-value: two significant digits, "<0.0001" below that. */
export function formatP(p: number): string {
  if (p < 0.0001) return '<0.0001';
  return String(Number(p.toPrecision(2)));
}

function magnitude(v: number, unit: StatUnit): string {
  switch (unit) {
    case 'ms':
      return `${trim(v, v < 10 ? 1 : 0)}ms`;
    case 'rate':
      return `${trim(v * 100, v * 100 < 1 ? 2 : 1)}%`;
    case 'factor':
      return trim(v, 2);
    default:
      return trim(v, v !== 0 && v < 0.01 ? 4 : 3);
  }
}

function trim(x: number, decimals: number): string {
  return String(+x.toFixed(decimals));
}
