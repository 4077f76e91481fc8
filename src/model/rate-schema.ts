// The zod schema of a rate field (live limits): a share 0-1 or a percentage string "1%", "0.5%".
import { z } from 'zod';

/** "1%" → 0.01, 0.01 → 0.01; undefined when it is neither. */
export function parseRate(v: string | number): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 && v <= 1 ? v : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
  if (!m) return undefined;
  const x = Number(m[1]) / 100;
  return x <= 1 ? x : undefined;
}

/** A rate such as "1%", "0.5%" or a share 0-1; parsed to a share. */
export const Rate = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const x = parseRate(v);
    if (x === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a rate like "1%" or a share 0-1, got ${JSON.stringify(v)}`,
        params: { hint: 'e.g. 1% or 0.01' },
      });
      return z.NEVER;
    }
    return x;
  })
  .meta({ description: 'A rate: "1%", "0.5%", or a share 0-1', pattern: '^\\s*\\d+(\\.\\d+)?\\s*%\\s*$', examples: ['1%', '0.5%'] });
