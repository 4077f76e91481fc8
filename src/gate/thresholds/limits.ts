// A parsed limit checked against its metric's unit and scope, and converted to base units
// (ms for durations, 0..1 for rates and scores, plain numbers for factors and counts).
import type { MetricDef } from '../../scoring/catalog.js';
import type { ParsedExpression, ValueUnit } from './grammar.js';
import type { Scope } from '../../model/verdict.js';

export type LimitResult = { ok: true; limit: number } | { ok: false; message: string; hint: string };

const MS_PER: Record<Exclude<ValueUnit, '%'>, number> = { ms: 1, s: 1000, m: 60_000 };
const UNIT_WORDS: Record<MetricDef['unit'], string> = {
  ms: 'a duration',
  rate: 'a rate between 0 and 1',
  score: 'a score between 0 and 1',
  tokens: 'a number of tokens',
  chars: 'a number of characters',
  count: 'a count',
};

/** Convert a parsed limit to the metric's base unit for this scope, or say why the value does not fit. */
export function normaliseLimit(parsed: ParsedExpression, scope: Scope, def: MetricDef): LimitResult {
  const { rawValue: raw, unitSuffix: suffix, metric } = parsed;
  const written = `${raw}${suffix ?? ''}`;
  const subject = `${scope}.${metric}`;
  if (raw < 0 && scope !== 'delta') {
    return fail(`negative limit "${written}" for ${subject}`, `only delta. limits can be negative, e.g. "delta.${metric} >= ${written}"`);
  }
  if (scope === 'ratio') {
    if (suffix === null) return { ok: true, limit: raw };
    return fail(
      `${subject} is a factor (green / blue): "${written}" takes no unit`,
      `write a plain factor, e.g. "${subject} <= 1.2" (green at most 1.2 × blue)`,
    );
  }
  const isDuration = suffix !== null && suffix !== '%';
  switch (def.unit) {
    case 'ms':
      if (suffix === '%') {
        return fail(
          `${subject} is a duration; "${written}" is a percentage`,
          `write a duration such as "800ms" or "1.2s" (a bare number means ms); for a relative limit use "ratio.${metric} <= 1.1"`,
        );
      }
      return { ok: true, limit: suffix === null ? raw : raw * MS_PER[suffix] };
    case 'rate':
    case 'score': {
      if (isDuration) return fail(`${subject} is ${UNIT_WORDS[def.unit]}; "${written}" is a duration`, shareHint(def));
      const limit = suffix === '%' ? raw / 100 : raw;
      if (Math.abs(limit) > 1) {
        const meant = suffix === null && raw <= 100 ? `did you mean "${raw}%"? ` : '';
        return fail(`limit "${written}" is outside ${scope === 'delta' ? '-1..1' : '0..1'} for ${subject}`, `${meant}${shareHint(def)}`);
      }
      return { ok: true, limit };
    }
    default:
      if (suffix !== null) {
        return fail(
          `${subject} is ${UNIT_WORDS[def.unit]}; "${written}" takes no unit`,
          `write a plain number; for a relative limit use "ratio.${metric} <= 1.1"`,
        );
      }
      return { ok: true, limit: raw };
  }
}

function shareHint(def: MetricDef): string {
  return def.unit === 'rate' ? 'write a share such as "1%" or "0.01"' : 'write a score such as "0.4" or "40%"';
}

function fail(message: string, hint: string): LimitResult {
  return { ok: false, message, hint };
}
